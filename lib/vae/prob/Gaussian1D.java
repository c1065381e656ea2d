package vae.prob;

import java.util.SplittableRandom;

/**
 * A one-dimensional Gaussian N(μ, σ²): density, sampling, and KL divergences in closed form.
 * Introduced in chapter 02 (claims KL-3, KL-4).
 */
public record Gaussian1D(double mu, double sigma) {
  /** The standard normal N(0, 1): the VAE's prior in one dimension. */
  public static final Gaussian1D STANDARD = new Gaussian1D(0, 1);

  /**
   * N(μ, σ²) from its mean and standard deviation.
   *
   * @throws IllegalArgumentException if σ ≤ 0 or a parameter is not finite (naming the value)
   */
  public Gaussian1D {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma
          + " (a standard deviation; pass sqrt of the variance)");
    }
    if (!Double.isFinite(mu)) {
      throw new IllegalArgumentException("mu must be finite, got " + mu);
    }
  }

  /** σ². */
  public double variance() {
    return sigma * sigma;
  }

  /** log q(x) = −½ [log 2π + log σ² + (x − μ)²/σ²]. */
  public double logDensity(double x) {
    return DiagGaussian.logNormal(x, mu, 2 * Math.log(sigma));
  }

  /** q(x) = exp(−(x − μ)²/2σ²) / √(2πσ²). */
  public double density(double x) {
    return Math.exp(logDensity(x));
  }

  /** x = μ + σ ε with ε ~ N(0, 1). */
  public double sample(SplittableRandom rng) {
    double[] x = new double[1];
    DiagGaussian.reparameterize(new double[] {mu}, new double[] {2 * Math.log(sigma)},
        new double[] {rng.nextGaussian()}, x);
    return x[0];
  }

  /** H(q) = ½ log(2πe σ²), the differential entropy. */
  public double entropy() {
    return 0.5 * (DiagGaussian.LOG_2PI + 1 + 2 * Math.log(sigma));
  }

  /** KL(N(μ, σ²) ‖ N(0, 1)) = ½ (μ² + σ² − log σ² − 1)  (claim KL-4). */
  public double klToStandardNormal() {
    // the one-dimensional case of the diagonal formula (KL-5), with log σ² = 2 log σ
    return DiagGaussian.klToStandardNormal(new double[] {mu}, new double[] {2 * Math.log(sigma)});
  }

  /** KL(N(μ₀, σ₀²) ‖ N(μ₁, σ₁²)) = log(σ₁/σ₀) + (σ₀² + (μ₀ − μ₁)²) / (2σ₁²) − ½. */
  public double klTo(Gaussian1D other) {
    // BEGIN SOLUTION (Exercise 2.2: the KL between two 1-D Gaussians in closed form)
    // HINT: chapter 02's closed form from mu, sigma, variance() of this and of other; Math.log
    double d = mu - other.mu;
    return Math.log(other.sigma / sigma) + (variance() + d * d) / (2 * other.variance()) - 0.5;
    // END SOLUTION
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "N(μ=%.4g, σ=%.4g)", mu, sigma);
  }
}
