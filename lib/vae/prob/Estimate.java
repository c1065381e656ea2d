package vae.prob;

/**
 * A Monte Carlo estimate: the sample mean, its standard error s/√n, and the sample count.
 * Introduced in chapter 02 (KL by sampling), studied in chapter 03.
 */
public record Estimate(double mean, double se, long n) {
  /** The 95% normal interval mean ± 1.96·SE as {@code [lo, hi]}. */
  public double[] interval95() {
    return new double[] {mean - 1.96 * se, mean + 1.96 * se};
  }

  /** |mean − exact| in units of the standard error. */
  public double zScore(double exact) {
    return Math.abs(mean - exact) / se;
  }

  /**
   * The ratio a/b of two independent estimates, its SE by the delta method:
   * SE(a/b) = (a/b)·√((SE_a/a)² + (SE_b/b)²); n is the smaller of the two.
   */
  public static Estimate ratio(Estimate a, Estimate b) {
    double r = a.mean / b.mean;
    return new Estimate(r, Math.abs(r) * Math.hypot(a.se / a.mean, b.se / b.mean),
        Math.min(a.n, b.n));
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%.6g ± %.2g (n=%d)", mean, se, n);
  }
}
