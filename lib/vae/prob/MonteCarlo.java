package vae.prob;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The Monte Carlo estimator: E[f(X)] ≈ (1/n) Σ f(xᵢ), with standard error s/√n from the same draws.
 * Always seeded. Introduced in chapter 02, the subject of chapter 03.
 */
public final class MonteCarlo {
  private MonteCarlo() {}

  /**
   * Estimates E[f] from {@code n} draws; {@code draw} turns the generator into one sample of f.
   *
   * @throws IllegalArgumentException if n &lt; 2 (no standard error from one draw)
   */
  public static Estimate estimate(long n, SplittableRandom rng, ToDoubleFunction<SplittableRandom> draw) {
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 samples for a standard error, got n=" + n);
    }
    // BEGIN SOLUTION (Exercise 3.1: the Monte Carlo estimate of E[f] and its standard error)
    // HINT: n values from draw.applyAsDouble(rng); a running mean and variance; return an Estimate
    // Welford's running mean and sum of squared deviations: stable for large n.
    double mean = 0;
    double m2 = 0;
    for (long i = 1; i <= n; i++) {
      double x = draw.applyAsDouble(rng);
      double d = x - mean;
      mean += d / i;
      m2 += d * (x - mean);
    }
    return new Estimate(mean, Math.sqrt(m2 / (n - 1) / n), n);
    // END SOLUTION
  }

  /** The mean and standard error of values already drawn. */
  public static Estimate of(double[] xs) {
    if (xs.length < 2) {
      throw new IllegalArgumentException("need at least 2 values for a standard error, got " + xs.length);
    }
    // BEGIN SOLUTION (Exercise 3.2: the mean and standard error of values already drawn)
    // HINT: as in 3.1, over xs (an offset of 10⁹ needs a running mean); return an Estimate
    double mean = 0;
    double m2 = 0;
    for (int i = 0; i < xs.length; i++) {
      double d = xs[i] - mean;
      mean += d / (i + 1);
      m2 += d * (xs[i] - mean);
    }
    return new Estimate(mean, Math.sqrt(m2 / (xs.length - 1) / xs.length), xs.length);
    // END SOLUTION
  }

  /**
   * The variance about a known mean m, estimated by the mean of (x − m)² with its SE: unbiased,
   * with no n − 1 correction because m is not estimated (added for chapters 03 and 04).
   *
   * @throws IllegalArgumentException if xs has fewer than 2 values
   */
  public static Estimate varianceAbout(double[] xs, double m) {
    double[] sq = new double[xs.length];
    for (int i = 0; i < xs.length; i++) {
      sq[i] = (xs[i] - m) * (xs[i] - m);
    }
    return of(sq);
  }

  /** A generator seeded with {@code seed}: the only way the project makes randomness. */
  public static SplittableRandom rng(long seed) {
    return new SplittableRandom(seed);
  }

  /**
   * {@code n} independent draws σ·ε, ε ~ N(0, 1), in order from {@code rng} (added for chapter 05's
   * random logits and codes).
   *
   * @throws IllegalArgumentException if n &lt; 0
   */
  public static double[] gaussians(int n, double sigma, SplittableRandom rng) {
    if (n < 0) {
      throw new IllegalArgumentException("need n ≥ 0 draws, got n=" + n);
    }
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = sigma * rng.nextGaussian();
    }
    return a;
  }
}
