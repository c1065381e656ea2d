package vae.prob;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A mixture-of-Gaussians prior p(z) = Σ_k π_k N(z; μ_k, diag σ_k²) with learnable logits a
 * (π = softmax(a)), means and log-variances, flat in {@link #parameters()} as
 * [a (K) | μ (K·dim) | log σ² (K·dim)]. KL(q ‖ p) has no closed form: the VAE estimates it by
 * Monte Carlo. Also the density of the VampPrior, whose components the encoder gives. Chapter 09.
 */
public final class MixturePrior implements Prior {
  private final int k;
  private final int dim;
  private final double[] theta;

  /**
   * The mixture with logits {@code logits}, means {@code mu} [K][dim] and log-variances
   * {@code logVar} [K][dim] (copied into {@link #parameters()}).
   *
   * @throws IllegalArgumentException if there is no component or the shapes disagree
   */
  public MixturePrior(double[] logits, double[][] mu, double[][] logVar) {
    if (logits.length == 0 || mu.length != logits.length || logVar.length != logits.length
        || mu[0].length == 0) {
      throw new IllegalArgumentException("need K ≥ 1 logits, means and log-variances, got "
          + logits.length + ", " + mu.length + ", " + logVar.length);
    }
    this.k = logits.length;
    this.dim = mu[0].length;
    this.theta = new double[k + 2 * k * dim];
    System.arraycopy(logits, 0, theta, 0, k);
    for (int j = 0; j < k; j++) {
      if (mu[j].length != dim || logVar[j].length != dim) {
        throw new IllegalArgumentException("component " + j + " has " + mu[j].length + " means "
            + "and " + logVar[j].length + " log-variances, expected " + dim);
      }
      System.arraycopy(mu[j], 0, theta, k + j * dim, dim);
      System.arraycopy(logVar[j], 0, theta, k + (k + j) * dim, dim);
    }
  }

  /**
   * K components with equal weights, means drawn from N(0, I) and unit variances: a start for
   * training. @throws IllegalArgumentException if K or dim &lt; 1
   */
  public static MixturePrior random(int k, int dim, SplittableRandom rng) {
    if (k < 1 || dim < 1) {
      throw new IllegalArgumentException("need K ≥ 1 components in ≥ 1 dimensions, got K=" + k
          + ", dim=" + dim);
    }
    double[][] mu = new double[k][];
    for (int j = 0; j < k; j++) {
      mu[j] = MonteCarlo.gaussians(dim, 1, rng);
    }
    return new MixturePrior(new double[k], mu, new double[k][dim]);
  }

  /** N(0, I) written as a mixture of one component (its KL is then estimated, not closed). */
  public static MixturePrior standard(int dim) {
    return new MixturePrior(new double[1], new double[1][dim], new double[1][dim]);
  }

  @Override
  public String spec() {
    return "mog:" + k;
  }

  @Override
  public int dim() {
    return dim;
  }

  /** Number of components K. */
  public int components() {
    return k;
  }

  @Override
  public double[] parameters() {
    return theta;
  }

  /** log π_k = a_k − log Σ_j exp(a_j): the log-softmax of the logits. */
  public double[] logWeights() {
    double[] lw = Arrays.copyOf(theta, k);
    double lse = LogSumExp.of(lw);
    for (int j = 0; j < k; j++) {
      lw[j] -= lse;
    }
    return lw;
  }

  /** The means μ_k (copies) [K][dim]. */
  public double[][] means() {
    return block(k);
  }

  /** The log-variances log σ_k² (copies) [K][dim]. */
  public double[][] logVars() {
    return block(k + k * dim);
  }

  private double[][] block(int from) {
    double[][] b = new double[k][];
    for (int j = 0; j < k; j++) {
      b[j] = Arrays.copyOfRange(theta, from + j * dim, from + (j + 1) * dim);
    }
    return b;
  }

  @Override
  public double[] logDensity(double[][] z) {
    double[] lw = logWeights();
    double[][] mu = means();
    double[][] lv = logVars();
    double[] out = new double[z.length];
    for (int r = 0; r < z.length; r++) {
      out[r] = logDensity(z[r], lw, mu, lv, null);
    }
    return out;
  }

  /**
   * log Σ_k π_k N(z; μ_k, diag σ_k²) from log π_k = {@code logW[k]}; fills {@code resp} (if not
   * null) with the responsibilities r_k = π_k N(z; μ_k, σ_k²) / p(z), which sum to 1.
   */
  public static double logDensity(double[] z, double[] logW, double[][] mu, double[][] logVar,
      double[] resp) {
    double[] t = new double[logW.length];
    for (int j = 0; j < t.length; j++) {
      t[j] = logW[j] + DiagGaussian.logDensity(z, mu[j], logVar[j]);
    }
    double lse = LogSumExp.of(t);
    if (resp != null) {
      for (int j = 0; j < t.length; j++) {
        resp[j] = Math.exp(t[j] - lse);
      }
    }
    return lse;
  }

  /**
   * For every code r, with the responsibilities r_k of z_r: adds c_r·∇_z log p(z_r) =
   * c_r·Σ_k r_k (μ_k − z)/σ_k² to {@code dz[r]}, and to {@code dLogW}, {@code dMu},
   * {@code dLogVar} (each may be null) c_r·r_k, c_r·r_k (z − μ_k)/σ_k² and
   * c_r·r_k·½((z − μ_k)²/σ_k² − 1): the derivatives in log π_k, μ_k and log σ_k².
   */
  public static void addGradient(double[] c, double[][] z, double[] logW, double[][] mu,
      double[][] logVar, double[][] dz, double[] dLogW, double[][] dMu, double[][] dLogVar) {
    int kk = logW.length;
    double[] resp = new double[kk];
    for (int r = 0; r < z.length; r++) {
      logDensity(z[r], logW, mu, logVar, resp);
      for (int j = 0; j < kk; j++) {
        double w = c[r] * resp[j];
        if (dLogW != null) {
          dLogW[j] += w;
        }
        for (int d = 0; d < z[r].length; d++) {
          double u = (z[r][d] - mu[j][d]) * Math.exp(-logVar[j][d]); // (z − μ)/σ²
          dz[r][d] -= w * u;
          if (dMu != null) {
            dMu[j][d] += w * u;
          }
          if (dLogVar != null) {
            dLogVar[j][d] += w * 0.5 * (u * (z[r][d] - mu[j][d]) - 1);
          }
        }
      }
    }
  }

  @Override
  public void addLogDensityGradient(double[] c, double[][] z, double[][] dz, double[] dTheta) {
    Prior.requireShapes(dim, c, z, dz);
    double[] lw = logWeights();
    double[][] mu = means();
    double[][] lv = logVars();
    if (dTheta == null) {
      addGradient(c, z, lw, mu, lv, dz, null, null, null);
      return;
    }
    if (dTheta.length != theta.length) {
      throw new IllegalArgumentException("need " + theta.length + " parameter gradients, got "
          + dTheta.length);
    }
    double[] dLogW = new double[k];
    double[][] dMu = new double[k][dim];
    double[][] dLv = new double[k][dim];
    addGradient(c, z, lw, mu, lv, dz, dLogW, dMu, dLv);
    // log π_j = a_j − LSE(a): ∂/∂a_i = Σ_j g_j (δ_ij − π_i) = g_i − π_i Σ_j g_j
    double total = Arrays.stream(dLogW).sum();
    for (int j = 0; j < k; j++) {
      dTheta[j] += dLogW[j] - Math.exp(lw[j]) * total;
      for (int d = 0; d < dim; d++) {
        dTheta[k + j * dim + d] += dMu[j][d];
        dTheta[k + (k + j) * dim + d] += dLv[j][d];
      }
    }
  }

  @Override
  public double[][] sample(int n, SplittableRandom rng) {
    Discrete pick = Discrete.softmax(Arrays.copyOf(theta, k));
    double[][] mu = means();
    double[][] lv = logVars();
    double[][] z = new double[n][dim];
    for (int r = 0; r < n; r++) {
      int j = pick.sample(rng);
      DiagGaussian.reparameterize(mu[j], lv[j], MonteCarlo.gaussians(dim, 1, rng), z[r]);
    }
    return z;
  }

  @Override
  public String toString() {
    return "MixturePrior[" + k + " × N(μ_k, diag σ_k²) in " + dim + " dimensions]";
  }
}
