package vae.prob;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Gaussian with diagonal covariance, q = N(μ, diag σ²), parameterised as a VAE encoder outputs
 * it: by μ and log σ². Samples by reparameterization (chapter 04); KL to N(0, I) in closed form
 * (chapter 02, claim KL-5); log-density for importance sampling (chapter 05). Its static methods
 * are the library's single definitions of these formulas, row by row; {@link DiagGaussianBatch}
 * applies them to a batch, and the VAE trains and evaluates through it.
 */
public final class DiagGaussian {
  /** log 2π, declared once for every Gaussian density of the library. */
  public static final double LOG_2PI = Math.log(2 * Math.PI);

  private final double[] mu;
  private final double[] logVar;

  /**
   * q = N(μ, diag exp(logVar)).
   *
   * @throws IllegalArgumentException if the lengths differ, are zero, or a value is not finite
   */
  public DiagGaussian(double[] mu, double[] logVar) {
    if (mu.length == 0 || mu.length != logVar.length) {
      throw new IllegalArgumentException("mu and logVar need the same positive length, got "
          + mu.length + " and " + logVar.length);
    }
    for (int d = 0; d < mu.length; d++) {
      if (!Double.isFinite(mu[d]) || !Double.isFinite(logVar[d])) {
        throw new IllegalArgumentException("mu[" + d + "]=" + mu[d] + ", logVar[" + d + "]="
            + logVar[d] + ": both must be finite");
      }
    }
    this.mu = mu.clone();
    this.logVar = logVar.clone();
  }

  /**
   * q = N(μ, diag σ²) from standard deviations.
   *
   * @throws IllegalArgumentException if some σ ≤ 0 (naming it)
   */
  public static DiagGaussian ofSigma(double[] mu, double[] sigma) {
    double[] logVar = new double[sigma.length];
    for (int d = 0; d < sigma.length; d++) {
      if (!(sigma[d] > 0) || Double.isInfinite(sigma[d])) {
        throw new IllegalArgumentException("sigma[" + d + "] must be positive and finite, got " + sigma[d]);
      }
      logVar[d] = 2 * Math.log(sigma[d]);
    }
    return new DiagGaussian(mu, logVar);
  }

  /** The standard normal N(0, I) in {@code dim} dimensions: the VAE's prior p(z). */
  public static DiagGaussian standard(int dim) {
    return new DiagGaussian(new double[dim], new double[dim]);
  }

  public int dim() {
    return mu.length;
  }

  public double[] mu() {
    return mu.clone();
  }

  public double[] logVar() {
    return logVar.clone();
  }

  /** σ_d = exp(½ log σ_d²). */
  public double[] sigma() {
    double[] s = new double[mu.length];
    for (int d = 0; d < s.length; d++) {
      s[d] = Math.exp(0.5 * logVar[d]);
    }
    return s;
  }

  /** z = μ + σ ⊙ ε for a given ε ~ N(0, I): the reparameterization (claim RP-1). */
  public double[] reparameterize(double[] eps) {
    if (eps.length != mu.length) {
      throw new IllegalArgumentException("eps has length " + eps.length + ", expected "
          + mu.length);
    }
    double[] z = new double[mu.length];
    reparameterize(mu, logVar, eps, z);
    return z;
  }

  /**
   * z = μ + σ ⊙ ε with σ = exp(½ log σ²), written into {@code z}: the one definition of the
   * reparameterized sample, used by this class, {@link DiagGaussianBatch} and so by the VAE.
   */
  public static void reparameterize(double[] mu, double[] logVar, double[] eps, double[] z) {
    // BEGIN SOLUTION (Exercise 4.1: the reparameterized sample z = μ + σ ⊙ ε)
    // HINT: fill z from mu, eps and σ = Math.exp(0.5 · logVar), one dimension at a time
    for (int d = 0; d < z.length; d++) {
      z[d] = mu[d] + Math.exp(0.5 * logVar[d]) * eps[d];
    }
    // END SOLUTION
  }

  /** One sample z = μ + σ ⊙ ε with fresh ε ~ N(0, I) from {@code rng}. */
  public double[] sample(SplittableRandom rng) {
    double[] eps = new double[mu.length];
    for (int d = 0; d < eps.length; d++) {
      eps[d] = rng.nextGaussian();
    }
    return reparameterize(eps);
  }

  /**
   * n samples z = μ + σ ⊙ ε laid out by coordinate, {@code [D][n]}: row d holds z_d of every
   * draw, in the order {@link #sample} draws them (added for chapter 04's checks).
   */
  public double[][] sampleColumns(int n, SplittableRandom rng) {
    double[][] z = new double[mu.length][n];
    for (int i = 0; i < n; i++) {
      double[] zi = sample(rng);
      for (int d = 0; d < zi.length; d++) {
        z[d][i] = zi[d];
      }
    }
    return z;
  }

  /** log q(z) = −½ Σ_d [log 2π + log σ_d² + (z_d − μ_d)²/σ_d²]. */
  public double logDensity(double[] z) {
    if (z.length != mu.length) {
      throw new IllegalArgumentException("z has length " + z.length + ", expected " + mu.length);
    }
    return logDensity(z, mu, logVar);
  }

  /**
   * log N(z; μ, diag σ²) = −½ Σ_d [log 2π + log σ_d² + (z_d − μ_d)²/σ_d²]: the one definition of
   * the diagonal log-density (the VAE's log q(z|x), and log p(z) with μ = 0, log σ² = 0).
   */
  public static double logDensity(double[] z, double[] mu, double[] logVar) {
    double s = 0;
    for (int d = 0; d < z.length; d++) {
      s += logNormal(z[d], mu[d], logVar[d]);
    }
    return s;
  }

  /**
   * log N(x; μ, σ²) = −½ [log 2π + log σ² + (x − μ)²/σ²] in one coordinate: the term that every
   * diagonal Gaussian density of the library sums (q(z|x), p(z), the Gaussian likelihood).
   */
  public static double logNormal(double x, double mu, double logVar) {
    double diff = x - mu;
    return -0.5 * (LOG_2PI + logVar + diff * diff * Math.exp(-logVar));
  }

  /** KL(q ‖ N(0, I)) = −½ Σ_d (1 + log σ_d² − μ_d² − σ_d²)  (claim KL-5). */
  public double klToStandardNormal() {
    return klToStandardNormal(mu, logVar);
  }

  /**
   * KL(N(μ, diag σ²) ‖ N(0, I)) = −½ Σ_d (1 + log σ_d² − μ_d² − σ_d²): the one definition of the
   * closed-form KL that chapter 02 checks (KL-5) and the VAE's loss uses.
   */
  public static double klToStandardNormal(double[] mu, double[] logVar) {
    // BEGIN SOLUTION (Exercise 2.1: the KL of a diagonal Gaussian to N(0, I) in closed form)
    // HINT: chapter 02's closed form, one term per dimension d from mu[d], logVar[d] and Math.exp
    double s = 0;
    for (int d = 0; d < mu.length; d++) {
      s += 1 + logVar[d] - mu[d] * mu[d] - Math.exp(logVar[d]);
    }
    return -0.5 * s;
    // END SOLUTION
  }

  /**
   * Adds c·∇KL(N(μ, diag σ²) ‖ N(0, I)) to {@code dMu} and {@code dLogVar}: ∂KL/∂μ_d = μ_d and
   * ∂KL/∂log σ_d² = ½(σ_d² − 1), the derivatives of
   * {@link #klToStandardNormal(double[], double[])}.
   */
  public static void addKlGradient(double[] mu, double[] logVar, double c, double[] dMu,
      double[] dLogVar) {
    for (int d = 0; d < mu.length; d++) {
      dMu[d] += c * mu[d];
      dLogVar[d] += c * 0.5 * (Math.exp(logVar[d]) - 1);
    }
  }

  /**
   * Backprop through z = μ + σ ⊙ ε: adds ∂L/∂z · ∂z/∂(μ, log σ²) to {@code dMu} and
   * {@code dLogVar}, with ∂z_d/∂μ_d = 1 and ∂z_d/∂log σ_d² = ½ σ_d ε_d (the derivative of {@link #reparameterize}).
   */
  public static void addPathwiseGradient(double[] logVar, double[] eps, double[] dz, double[] dMu,
      double[] dLogVar) {
    for (int d = 0; d < eps.length; d++) { // dz may go on: a conditional decoder's ∂L/∂y
      dMu[d] += dz[d];
      dLogVar[d] += dz[d] * 0.5 * Math.exp(0.5 * logVar[d]) * eps[d];
    }
  }

  /**
   * Adds c·∂log q(z)/∂log σ² at fixed ε to {@code dLogVar}, for a code z = μ + σ ⊙ ε drawn from q
   * itself: then log q(z) = −½ Σ_d (log 2π + log σ_d² + ε_d²), so the derivative is −½ in every
   * dimension, and ∂log q(z)/∂μ = 0 (the importance-weighted bound's gradient, chapter 08).
   */
  public static void addLogDensityGradientAtFixedEps(double c, double[] dLogVar) {
    for (int d = 0; d < dLogVar.length; d++) {
      dLogVar[d] += c * -0.5;
    }
  }

  /** Adds c·∇_z log N(z; 0, I) = −c·z to {@code dz}: the prior's pull on a code (chapter 08). */
  public static void addLogStandardNormalGradient(double c, double[] z, double[] dz) {
    for (int d = 0; d < z.length; d++) {
      dz[d] += c * -z[d];
    }
  }

  @Override
  public String toString() {
    return "DiagGaussian[μ=" + Arrays.toString(mu) + ", σ=" + Arrays.toString(sigma()) + "]";
  }
}
