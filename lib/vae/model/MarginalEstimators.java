package vae.model;

import java.util.SplittableRandom;
import vae.prob.DiagGaussian;
import vae.prob.LogSumExp;
import vae.prob.MvGaussian;

/**
 * Two Monte Carlo estimators of p(x) on the linear-Gaussian model and their exact relative
 * variances: the mean of p(x|z) over z ~ p(z), and the mean of p(x, z)/q(z) over z ~ q. Why a VAE
 * needs an encoder q (chapter 03, claims MC-20, MC-21).
 */
public final class MarginalEstimators {
  private MarginalEstimators() {}

  /** n log-weights log p(x|z), z ~ p(z) = N(0, I): their mean-exp estimates p(x). */
  public static double[] priorLogWeights(LinearGaussianModel m, double[] x, int n,
      SplittableRandom rng) {
    MvGaussian prior = MvGaussian.of(DiagGaussian.standard(m.latentDim()));
    double[] lw = new double[n];
    for (int i = 0; i < n; i++) {
      lw[i] = m.logLikelihood(x, prior.sample(rng));
    }
    return lw;
  }

  /** n log-weights log p(x, z) − log q(z), z ~ q: their mean-exp estimates p(x). */
  public static double[] importanceLogWeights(LinearGaussianModel m, double[] x, MvGaussian q,
      int n, SplittableRandom rng) {
    double[] lw = new double[n];
    for (int i = 0; i < n; i++) {
      double[] z = q.sample(rng);
      lw[i] = m.logJoint(x, z) - q.logDensity(z);
    }
    return lw;
  }

  /** The estimate divided by the truth, p̂(x)/p(x) = exp(logmeanexp(lw) − log p(x)). */
  public static double ratio(double[] logWeights, double logMarginal) {
    return Math.exp(LogSumExp.logMeanExp(logWeights) - logMarginal);
  }

  /** Kish's effective sample size (Σw)²/Σw², between 1 and n. */
  public static double effectiveSampleSize(double[] logWeights) {
    double[] twice = new double[logWeights.length];
    for (int i = 0; i < twice.length; i++) {
      twice[i] = 2 * logWeights[i];
    }
    return Math.exp(2 * LogSumExp.of(logWeights) - LogSumExp.of(twice));
  }

  /**
   * Var[w]/p(x)² for one prior draw, w = p(x|z): since N(x; μ, s²I)² equals
   * (4πs²)^{−D/2} N(x; μ, s²I/2), E_p[w²] = (4πs²)^{−D/2} N(x; b, WWᵀ + s²I/2), exactly.
   */
  public static double priorRelativeVariance(LinearGaussianModel m, double[] x) {
    double s = m.noise();
    double logSecond = -0.5 * m.dataDim() * Math.log(4 * Math.PI * s * s)
        + m.withNoise(s / Math.sqrt(2)).logMarginal(x);
    return Math.expm1(logSecond - 2 * m.logMarginal(x));
  }

  /**
   * Var[w]/p(x)² for one draw from q = N(m, a·S), the posterior N(m, S) widened a-fold: w/p(x) =
   * p(z|x)/q(z) and ∫ N(m, S)²/N(m, aS) = (a/√(2a − 1))^M in M latent dimensions.
   *
   * @throws IllegalArgumentException if a ≤ ½ (the variance is then infinite)
   */
  public static double widenedRelativeVariance(double a, int latentDim) {
    if (!(a > 0.5)) {
      throw new IllegalArgumentException("q = N(m, a·S) has finite weight variance only for "
          + "a > 1/2, got a = " + a);
    }
    return Math.expm1(latentDim * Math.log(a / Math.sqrt(2 * a - 1)));
  }

  /** The posterior p(z|x) = N(m, S) with its covariance multiplied by a: N(m, a·S). */
  public static MvGaussian widenedPosterior(LinearGaussianModel m, double[] x, double a) {
    MvGaussian post = m.posterior(x);
    double[][] cov = post.cov();
    for (double[] row : cov) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= a;
      }
    }
    return new MvGaussian(post.mu(), cov);
  }

  /** Each weight over the truth, w_i/p(x): mean 1 for an unbiased estimator. */
  public static double[] ratios(double[] logWeights, double logMarginal) {
    double[] r = new double[logWeights.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.exp(logWeights[i] - logMarginal);
    }
    return r;
  }

  /**
   * Both estimators at one x, from {@code draws} samples: exact relative errors √(ρ/N), the RMS
   * relative error measured over {@code repeats} estimates, and the mean effective sample size.
   */
  public record Comparison(double priorExact, double priorMeasured, double priorEss,
      double qExact, double qMeasured, double qEss) {}

  /**
   * Compares prior sampling with importance sampling from q = N(m, a·S) at x.
   *
   * @throws IllegalArgumentException if a ≤ ½, draws &lt; 1 or repeats &lt; 1
   */
  public static Comparison compare(LinearGaussianModel m, double[] x, double a, int draws,
      int repeats, SplittableRandom rng) {
    if (draws < 1 || repeats < 1) {
      throw new IllegalArgumentException("need draws ≥ 1 and repeats ≥ 1, got " + draws + ", "
          + repeats);
    }
    double lp = m.logMarginal(x);
    MvGaussian q = widenedPosterior(m, x, a);
    double[] sum = new double[4];
    for (int r = 0; r < repeats; r++) {
      double[] lwp = priorLogWeights(m, x, draws, rng);
      double[] lwq = importanceLogWeights(m, x, q, draws, rng);
      sum[0] += Math.pow(ratio(lwp, lp) - 1, 2);
      sum[1] += effectiveSampleSize(lwp);
      sum[2] += Math.pow(ratio(lwq, lp) - 1, 2);
      sum[3] += effectiveSampleSize(lwq);
    }
    return new Comparison(Math.sqrt(priorRelativeVariance(m, x) / draws),
        Math.sqrt(sum[0] / repeats), sum[1] / repeats,
        Math.sqrt(widenedRelativeVariance(a, m.latentDim()) / draws),
        Math.sqrt(sum[2] / repeats), sum[3] / repeats);
  }

  /**
   * The point t standard deviations of p(x) out from its centre b along the first column w₁ of W:
   * b + t·√(‖w₁‖² + s²)·w₁/‖w₁‖ (p(x)'s standard deviation along w₁ when W's columns are
   * orthogonal, as from {@link LinearGaussianModel#randomOrthogonal}).
   */
  public static double[] pointOut(LinearGaussianModel m, double t) {
    double[] b = m.decode(new double[m.latentDim()]);
    double[] e1 = new double[m.latentDim()];
    e1[0] = 1;
    double[] w1 = m.decode(e1); // b + w₁
    double len = 0;
    for (int i = 0; i < b.length; i++) {
      len += (w1[i] - b[i]) * (w1[i] - b[i]);
    }
    double sd = Math.sqrt(len + m.noise() * m.noise());
    double[] x = b.clone();
    for (int i = 0; i < x.length; i++) {
      x[i] += t * sd * (w1[i] - b[i]) / Math.sqrt(len);
    }
    return x;
  }
}
