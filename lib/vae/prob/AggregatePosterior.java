package vae.prob;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;

/**
 * The aggregate posterior q(z) = (1/n) Σ_i q(z|x_i) of an encoder over n images: an equal-weight
 * mixture of the diagonal Gaussians N(μ_i, diag σ_i²). Its mean and covariance, its density, and
 * the split E_i KL(q(z|x_i) ‖ p) = I(x; z) + KL(q(z) ‖ p) with p = N(0, I), the last two by
 * Monte Carlo. Chapter 06 (claim LS-6, the erratum of note 004 eq. (3)).
 */
public final class AggregatePosterior {
  private final double[][] mu;
  private final double[][] logVar;
  private final DiagGaussianBatch q; // the components q(z|x_i), rows of mu and logVar
  private final int n;
  private final int m;

  /**
   * The mixture of N(mu[i], diag exp(logVar[i])), i &lt; n.
   *
   * @throws IllegalArgumentException if there are no rows, or the rows' lengths differ
   */
  public AggregatePosterior(double[][] mu, double[][] logVar) {
    if (mu.length == 0 || mu.length != logVar.length) {
      throw new IllegalArgumentException("need the same positive number of μ and log σ² rows, got "
          + mu.length + " and " + logVar.length);
    }
    this.n = mu.length;
    this.m = mu[0].length;
    for (int i = 0; i < n; i++) {
      if (mu[i].length != m || logVar[i].length != m) {
        throw new IllegalArgumentException("row " + i + " has " + mu[i].length + " means and " + logVar[i].length
            + " log-variances, expected " + m + " of each");
      }
    }
    this.mu = mu;
    this.logVar = logVar;
    this.q = new DiagGaussianBatch(mu, logVar);
  }

  /** E_q[z] = (1/n) Σ_i μ_i. */
  public double[] mean() {
    double[] mean = new double[m];
    for (double[] row : mu) {
      for (int d = 0; d < m; d++) {
        mean[d] += row[d] / n;
      }
    }
    return mean;
  }

  /** Cov_q[z] = (1/n) Σ_i diag σ_i² + (1/n) Σ_i (μ_i − m̄)(μ_i − m̄)ᵀ (law of total covariance)  [m][m]. */
  public double[][] covariance() {
    double[] mean = mean();
    double[][] c = new double[m][m];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < m; a++) {
        c[a][a] += Math.exp(logVar[i][a]) / n;
        for (int b = 0; b < m; b++) {
          c[a][b] += (mu[i][a] - mean[a]) * (mu[i][b] - mean[b]) / n;
        }
      }
    }
    return c;
  }

  /** KL(N(m̄, C) ‖ N(0, I)) = ½ (tr C + ‖m̄‖² − m − log det C) for the Gaussian with q's mean and covariance. */
  public double momentMatchedKl() {
    double[] mean = mean();
    double[][] c = covariance();
    double tr = 0;
    double sq = 0;
    for (int d = 0; d < m; d++) {
      tr += c[d][d];
      sq += mean[d] * mean[d];
    }
    double logDet = Math.log(new CholeskyDecomposition(MatrixUtils.createRealMatrix(c), 1e-12, 1e-14).getDeterminant());
    return 0.5 * (tr + sq - m - logDet);
  }

  /** (1/n) Σ_i KL(q(z|x_i) ‖ N(0, I)), each in closed form −½ Σ_d (1 + log σ² − μ² − σ²). */
  public double meanKl() {
    return q.klSum() / n;
  }

  /** log q(z) = log (1/n) Σ_i N(z; μ_i, σ_i²). */
  public double logDensity(double[] z) {
    double[] terms = new double[n];
    for (int i = 0; i < n; i++) {
      terms[i] = DiagGaussian.logDensity(z, mu[i], logVar[i]);
    }
    return LogSumExp.of(terms) - Math.log(n);
  }

  /**
   * The two parts of the mean KL and their sum, each a Monte Carlo estimate, and the mean KL
   * itself (closed form; NaN for a prior without one).
   */
  public record Split(Estimate mutualInformation, Estimate klToPrior, Estimate total, double meanKl) {}

  /**
   * Draws i uniform and z ~ q(z|x_i) {@code samples} times; I(x; z) = E[log q(z|x_i) − log q(z)],
   * KL(q(z) ‖ p) = E[log q(z) − log p(z)] with p = N(0, I). Their sum has expectation
   * {@link #meanKl()} exactly.
   *
   * @throws IllegalArgumentException if samples &lt; 2
   */
  public Split split(int samples, SplittableRandom rng) {
    return split(samples, rng, new StandardNormalPrior(m));
  }

  /**
   * The same split against any prior p (chapter 09: a learned one); the mean KL in closed form
   * when p has one.
   *
   * @throws IllegalArgumentException if samples &lt; 2 or p lives in another dimension
   */
  public Split split(int samples, SplittableRandom rng, Prior prior) {
    if (samples < 2 || prior.dim() != m) {
      throw new IllegalArgumentException("need at least 2 samples for a standard error and a "
          + "prior in " + m + " dimensions, got " + samples + " and " + prior.dim());
    }
    int[] from = new int[samples];
    double[][] z = sample(samples, rng, from);
    double[] logPrior = prior.logDensity(z); // one batch: a prior may run a network
    double[] info = new double[samples];
    double[] kl = new double[samples];
    double[] total = new double[samples];
    for (int s = 0; s < samples; s++) {
      int i = from[s];
      double logQ = logDensity(z[s]);
      info[s] = DiagGaussian.logDensity(z[s], mu[i], logVar[i]) - logQ;
      kl[s] = logQ - logPrior[s];
      total[s] = info[s] + kl[s]; // log q(z|x_i) − log p(z): its mean is the mean KL
    }
    double[] closed = prior.klClosedForm(q);
    double mean = Double.NaN;
    if (closed != null) {
      double sum = 0;
      for (double v : closed) {
        sum += v;
      }
      mean = sum / n;
    }
    return new Split(MonteCarlo.of(info), MonteCarlo.of(kl), MonteCarlo.of(total), mean);
  }

  /**
   * {@code count} codes from q(z): i uniform, then z = μ_i + σ_i ⊙ ε; the component of each is
   * written to {@code from} (if not null).
   */
  public double[][] sample(int count, SplittableRandom rng, int[] from) {
    double[][] z = new double[count][m];
    for (int s = 0; s < count; s++) {
      int i = draw(rng, z[s]);
      if (from != null) {
        from[s] = i;
      }
    }
    return z;
  }

  /** The mixture of N(μ_i, diag (c·σ_i)²): every standard deviation times c. */
  public AggregatePosterior widened(double c) {
    DiagGaussianBatch w = q.widened(c);
    double[][] lv = new double[n][];
    for (int i = 0; i < n; i++) {
      lv[i] = w.logVar(i);
    }
    return new AggregatePosterior(mu, lv);
  }

  /**
   * The log-density levels t_k whose regions {z : log q(z) ≥ t_k} hold the shares masses[k] of
   * q(z): quantiles of log q(z) over {@code samples} draws z ~ q(z) (the highest-density regions
   * that a filled contour plot draws).
   *
   * @throws IllegalArgumentException if a share is not in (0, 1) or samples &lt; 2
   */
  public double[] levels(double[] masses, int samples, SplittableRandom rng) {
    if (samples < 2) {
      throw new IllegalArgumentException("need at least 2 samples for a level, got " + samples);
    }
    double[] logQ = new double[samples];
    double[] z = new double[m];
    for (int s = 0; s < samples; s++) {
      draw(rng, z);
      logQ[s] = logDensity(z);
    }
    java.util.Arrays.sort(logQ); // ascending: the top share k of the draws lie at or above t_k
    double[] t = new double[masses.length];
    for (int k = 0; k < t.length; k++) {
      if (!(masses[k] > 0 && masses[k] < 1)) {
        throw new IllegalArgumentException("a share of the mass must lie in (0, 1), got "
            + masses[k]);
      }
      t[k] = logQ[(int) Math.floor((1 - masses[k]) * samples)];
    }
    return t;
  }

  /** One draw z ~ q(z) into {@code z}: an image i uniform, then z = μ_i + σ_i ⊙ ε; returns i. */
  private int draw(SplittableRandom rng, double[] z) {
    int i = rng.nextInt(n);
    DiagGaussian.reparameterize(mu[i], logVar[i], MonteCarlo.gaussians(m, 1, rng), z);
    return i;
  }

  /** Number of mixture components (images). */
  public int size() {
    return n;
  }

  /** Latent dimensions. */
  public int dim() {
    return m;
  }

  @Override
  public String toString() {
    return "AggregatePosterior[(1/" + n + ") Σ_i N(μ_i, diag σ_i²) in " + m + " dimensions]";
  }
}
