package vae.prob;

import java.util.function.ToDoubleFunction;

/**
 * Central finite differences: the slope of a function measured without calculus, used to check a
 * derived gradient before trusting it. Introduced in chapter 02 (claim KL-8).
 */
public final class FiniteDifferences {
  private FiniteDifferences() {}

  /**
   * ∂f/∂θ_i ≈ (f(θ + h e_i) − f(θ − h e_i)) / 2h for every i; error O(h²) plus rounding O(ε/h).
   *
   * @throws IllegalArgumentException if h is not positive and finite
   */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] theta, double h) {
    if (!(h > 0) || Double.isInfinite(h)) {
      throw new IllegalArgumentException("step h must be positive and finite, got " + h + " (1e-5 is a good start)");
    }
    double[] g = new double[theta.length];
    double[] t = theta.clone();
    for (int i = 0; i < t.length; i++) {
      t[i] = theta[i] + h;
      double up = f.applyAsDouble(t);
      t[i] = theta[i] - h;
      double down = f.applyAsDouble(t);
      t[i] = theta[i];
      g[i] = (up - down) / (2 * h);
    }
    return g;
  }

  /** max_i |a_i − b_i|: how far apart two gradients are, in the worst coordinate. */
  public static double maxAbsDiff(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
    }
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
