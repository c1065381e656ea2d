package vae.prob;

import java.util.SplittableRandom;

/**
 * A mixture of one-dimensional Gaussians p(x) = Σ_k w_k N(x; μ_k, σ_k²): the simplest density with
 * more than one bump. Introduced in chapter 02 (claim KL-3: forward vs reverse KL fits).
 */
public final class GaussianMixture1D {
  private final Discrete weights;
  private final Gaussian1D[] components;

  /**
   * p = Σ_k w_k · components[k].
   *
   * @throws IllegalArgumentException if the weights are not a distribution or their count differs
   *     from the number of components
   */
  public GaussianMixture1D(double[] weights, Gaussian1D... components) {
    if (weights.length != components.length) {
      throw new IllegalArgumentException(weights.length + " weights for " + components.length
          + " components: give one weight per component");
    }
    this.weights = Discrete.of(weights);
    this.components = components.clone();
  }

  public int size() {
    return components.length;
  }

  public double weight(int k) {
    return weights.p(k);
  }

  public Gaussian1D component(int k) {
    return components[k];
  }

  /** log p(x) = log Σ_k exp(log w_k + log N_k(x)), computed stably (log-sum-exp). */
  public double logDensity(double x) {
    double[] a = new double[components.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < a.length; k++) {
      a[k] = Math.log(weights.p(k)) + components[k].logDensity(x);
      max = Math.max(max, a[k]);
    }
    double s = 0;
    for (double ak : a) {
      s += Math.exp(ak - max);
    }
    return max + Math.log(s);
  }

  public double density(double x) {
    return Math.exp(logDensity(x));
  }

  /** E[x] = Σ_k w_k μ_k. */
  public double mean() {
    double m = 0;
    for (int k = 0; k < components.length; k++) {
      m += weights.p(k) * components[k].mu();
    }
    return m;
  }

  /** Var[x] = Σ_k w_k (σ_k² + μ_k²) − (E[x])². */
  public double variance() {
    double m2 = 0;
    for (int k = 0; k < components.length; k++) {
      Gaussian1D c = components[k];
      m2 += weights.p(k) * (c.variance() + c.mu() * c.mu());
    }
    double m = mean();
    return m2 - m * m;
  }

  /** Pick a component k with probability w_k, then draw from it. */
  public double sample(SplittableRandom rng) {
    return components[weights.sample(rng)].sample(rng);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("GaussianMixture1D[");
    for (int k = 0; k < components.length; k++) {
      s.append(k == 0 ? "" : " + ").append(String.format(java.util.Locale.ROOT, "%.3g·", weights.p(k)))
          .append(components[k]);
    }
    return s.append(']').toString();
  }
}
