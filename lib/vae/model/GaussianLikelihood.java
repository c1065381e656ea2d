package vae.model;

import java.util.SplittableRandom;
import vae.prob.DiagGaussian;
import vae.prob.MonteCarlo;

/**
 * Gaussian likelihood p(x|z) = N(x̂, σ²I). With a fixed σ = s the output is x̂ and
 * −log p(x|z) = ‖x − x̂‖²/(2s²) + (D/2) log(2πs²) (claim EL-3); with a learned variance the output
 * is (x̂, log σ²) per pixel. A density can exceed 1, so this loss can be negative (EL-10). Chapter 05.
 */
public final class GaussianLikelihood implements Likelihood {
  private final double s; // NaN when the variance is learned

  private GaussianLikelihood(double s) {
    this.s = s;
  }

  /**
   * The likelihood with a fixed standard deviation {@code s}.
   *
   * @throws IllegalArgumentException if s ≤ 0
   */
  public static GaussianLikelihood fixed(double s) {
    if (!(s > 0) || Double.isInfinite(s)) {
      throw new IllegalArgumentException("the Gaussian likelihood's standard deviation must be positive, got " + s);
    }
    return new GaussianLikelihood(s);
  }

  /** The likelihood whose network output is a mean and a log-variance for every pixel. */
  public static GaussianLikelihood learnedVariance() {
    return new GaussianLikelihood(Double.NaN);
  }

  public boolean learnsVariance() {
    return Double.isNaN(s);
  }

  @Override
  public int outputSize(int pixels) {
    return learnsVariance() ? 2 * pixels : pixels;
  }

  /**
   * log p = −½ Σ_d [log 2π + log σ_d² + (x_d − x̂_d)²/σ_d²];
   * ∂/∂x̂_d = (x_d − x̂_d)/σ_d², ∂/∂ log σ_d² = −½ + ½ (x_d − x̂_d)²/σ_d².
   */
  @Override
  public double logProb(double[] x, int xo, double[] out, int oo, double[] grad, int go, int pixels) {
    double sum = 0;
    boolean learned = learnsVariance();
    double fixedLogVar = learned ? 0 : Math.log(s * s);
    for (int d = 0; d < pixels; d++) {
      double diff = x[xo + d] - out[oo + d];
      double logVar = learned ? out[oo + pixels + d] : fixedLogVar;
      double invVar = Math.exp(-logVar);
      sum += DiagGaussian.logNormal(x[xo + d], out[oo + d], logVar);
      if (grad != null) {
        grad[go + d] = diff * invVar;
        if (learned) {
          grad[go + pixels + d] = -0.5 + 0.5 * diff * diff * invVar;
        }
      }
    }
    return sum;
  }

  @Override
  public double[] mean(double[] out, int pixels) {
    return java.util.Arrays.copyOf(out, pixels);
  }

  @Override
  public double[] sample(double[] out, int pixels, SplittableRandom rng) {
    double[] logVar = learnsVariance() ? java.util.Arrays.copyOfRange(out, pixels, 2 * pixels)
        : filled(pixels, Math.log(s * s));
    double[] x = new double[pixels];
    // x = x̂ + σ ⊙ ε
    DiagGaussian.reparameterize(mean(out, pixels), logVar, MonteCarlo.gaussians(pixels, 1, rng), x);
    return x;
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, v);
    return a;
  }

  @Override
  public String describeData() {
    return "real-valued pixels";
  }

  @Override
  public void validate(double[] x) {
    for (int d = 0; d < x.length; d++) {
      if (!Double.isFinite(x[d])) {
        throw new IllegalArgumentException("the Gaussian likelihood needs finite pixels, got x[" + d + "]=" + x[d]);
      }
    }
  }

  @Override
  public String spec() {
    return learnsVariance() ? "gaussian:learned" : "gaussian:" + s;
  }

  @Override
  public String toString() {
    return learnsVariance() ? "gaussian(learned σ)" : "gaussian(σ=" + s + ")";
  }
}
