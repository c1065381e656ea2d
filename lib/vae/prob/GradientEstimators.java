package vae.prob;

import java.util.SplittableRandom;

/**
 * Two unbiased Monte Carlo estimators of ∇_{μ,σ} E_{z~q}[f(z)] for q = N(μ, diag σ²) (chapter 04):
 * the <b>pathwise</b> (reparameterization) estimator, which differentiates f along z = μ + σ ⊙ ε,
 * and the <b>score-function</b> (REINFORCE) estimator, which differentiates log q instead of f.
 */
public final class GradientEstimators {
  private GradientEstimators() {}

  /** The two estimators. */
  public enum Kind {
    /** ∂/∂μ_d = ∂f/∂z_d, ∂/∂σ_d = ∂f/∂z_d · ε_d (claim RP-2). */
    PATHWISE,
    /** ∂/∂μ_d = f(z) ε_d/σ_d, ∂/∂σ_d = f(z) (ε_d² − 1)/σ_d (claim RP-3). */
    SCORE
  }

  /** Estimates of every gradient component: {@code dMu[d]} ≈ ∂E/∂μ_d, {@code dSigma[d]} ≈ ∂E/∂σ_d. */
  public record Gradient(Kind kind, Estimate[] dMu, Estimate[] dSigma) {
    /** The variance of a one-draw estimate of ∂E/∂μ_d: SE² · n. */
    public double varianceMu(int d) {
      return dMu[d].se() * dMu[d].se() * dMu[d].n();
    }

    /** The variance of a one-draw estimate of ∂E/∂σ_d: SE² · n. */
    public double varianceSigma(int d) {
      return dSigma[d].se() * dSigma[d].se() * dSigma[d].n();
    }

    @Override
    public String toString() {
      return "Gradient[" + kind + ", ∂/∂μ " + java.util.Arrays.toString(dMu) + ", ∂/∂σ "
          + java.util.Arrays.toString(dSigma) + "]";
    }
  }

  /**
   * One draw of the estimator for a given noise ε: row 0 is ∂/∂μ, row 1 is ∂/∂σ ({@code [2][D]}).
   *
   * @throws IllegalArgumentException if ε's length is not q's dimension
   */
  public static double[][] draw(Kind kind, TestFunction f, DiagGaussian q, double[] eps) {
    // z = μ + σ ⊙ ε
    double[] z = q.reparameterize(eps);
    double[] sigma = q.sigma();
    int dim = z.length;
    double[][] g = new double[2][dim];
    if (kind == Kind.PATHWISE) {
      // ∂f(μ + σ ⊙ ε)/∂μ_d = f'_d(z),   ∂f(μ + σ ⊙ ε)/∂σ_d = f'_d(z) · ε_d
      // BEGIN SOLUTION (Exercise 4.2: the pathwise gradient of f(μ + σ ⊙ ε) for one ε (needs 4.1))
      // HINT: f.gradient(z) gives f'(z); row 0 of g takes it as is, row 1 times eps[d]
      double[] grad = f.gradient(z);
      for (int d = 0; d < dim; d++) {
        g[0][d] = grad[d];
        g[1][d] = grad[d] * eps[d];
      }
      // END SOLUTION
    } else {
      // f(z) ∇ log q(z):  ∂ log q/∂μ_d = ε_d/σ_d,   ∂ log q/∂σ_d = (ε_d² − 1)/σ_d
      double fz = f.value(z);
      for (int d = 0; d < dim; d++) {
        g[0][d] = fz * eps[d] / sigma[d];
        g[1][d] = fz * (eps[d] * eps[d] - 1) / sigma[d];
      }
    }
    return g;
  }

  /**
   * Averages {@code n} independent draws; each component's SE comes from the same draws.
   *
   * @throws IllegalArgumentException if n &lt; 2
   */
  public static Gradient estimate(Kind kind, TestFunction f, DiagGaussian q, int n, SplittableRandom rng) {
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 draws for a standard error, got n=" + n);
    }
    int dim = q.dim();
    double[][][] draws = new double[2][dim][n]; // [μ or σ][component][draw]
    double[] eps = new double[dim];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < dim; d++) {
        eps[d] = rng.nextGaussian();
      }
      double[][] g = draw(kind, f, q, eps);
      for (int d = 0; d < dim; d++) {
        draws[0][d][i] = g[0][d];
        draws[1][d][i] = g[1][d];
      }
    }
    Estimate[] dMu = new Estimate[dim];
    Estimate[] dSigma = new Estimate[dim];
    for (int d = 0; d < dim; d++) {
      dMu[d] = MonteCarlo.of(draws[0][d]);
      dSigma[d] = MonteCarlo.of(draws[1][d]);
    }
    return new Gradient(kind, dMu, dSigma);
  }

  /**
   * The variance of a one-draw estimate of ∂E/∂μ₁ from {@code n} draws g_i: the mean of
   * (n/(n − 1))(g_i − ḡ)², so s², with its SE from the same draws (claim RP-3).
   *
   * @throws IllegalArgumentException if n &lt; 2
   */
  public static Estimate oneDrawVariance(Kind kind, TestFunction f, DiagGaussian q, int n,
      SplittableRandom rng) {
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 draws for a variance, got n=" + n);
    }
    double[] g = new double[n];
    double[] eps = new double[q.dim()];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < eps.length; d++) {
        eps[d] = rng.nextGaussian();
      }
      g[i] = draw(kind, f, q, eps)[0][0];
    }
    double mean = java.util.Arrays.stream(g).average().orElseThrow();
    double bessel = n / (n - 1.0);
    return MonteCarlo.of(java.util.Arrays.stream(g).map(v -> bessel * (v - mean) * (v - mean))
        .toArray());
  }

  /**
   * {pathwise, score} one-draw variances of ∂/∂μ₁ E[f] for q = N(μ·1, σ²I) in {@code dim}
   * dimensions, each from n draws ({@link #oneDrawVariance}), pathwise first.
   */
  public static Estimate[] oneDrawVariances(TestFunction f, double mu, double sigma, int dim,
      int n, SplittableRandom rng) {
    double[] m = new double[dim];
    double[] s = new double[dim];
    java.util.Arrays.fill(m, mu);
    java.util.Arrays.fill(s, sigma);
    DiagGaussian q = DiagGaussian.ofSigma(m, s);
    return new Estimate[] {oneDrawVariance(Kind.PATHWISE, f, q, n, rng),
        oneDrawVariance(Kind.SCORE, f, q, n, rng)};
  }
}
