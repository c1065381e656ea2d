package vae.model;

import java.util.SplittableRandom;

/**
 * Categorical likelihood: one softmax over {@code levels} values per pixel (17 for the 8×8 digits'
 * integers 0…16). The output holds {@code levels} logits per pixel, pixel-major:
 * out[d·levels + k]. log p(x|z) = Σ_d (l_{d,x_d} − log Σ_k e^{l_{d,k}}). Chapter 05.
 */
public final class CategoricalLikelihood implements Likelihood {
  private final int levels;

  /**
   * The likelihood over the integers 0 … levels−1.
   *
   * @throws IllegalArgumentException if levels &lt; 2
   */
  public CategoricalLikelihood(int levels) {
    if (levels < 2) {
      throw new IllegalArgumentException("a categorical likelihood needs at least 2 levels, got " + levels);
    }
    this.levels = levels;
  }

  public int levels() {
    return levels;
  }

  @Override
  public int outputSize(int pixels) {
    return pixels * levels;
  }

  /** ∂ log p / ∂ l_{d,k} = [k = x_d] − softmax(l_d)_k. */
  @Override
  public double logProb(double[] x, int xo, double[] out, int oo, double[] grad, int go, int pixels) {
    double sum = 0;
    for (int d = 0; d < pixels; d++) {
      int base = oo + d * levels;
      double max = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < levels; k++) {
        max = Math.max(max, out[base + k]);
      }
      double z = 0;
      for (int k = 0; k < levels; k++) {
        z += Math.exp(out[base + k] - max);
      }
      double logZ = max + Math.log(z);
      int xd = (int) x[xo + d];
      sum += out[base + xd] - logZ;
      if (grad != null) {
        int g = go + d * levels;
        for (int k = 0; k < levels; k++) {
          grad[g + k] = -Math.exp(out[base + k] - logZ);
        }
        grad[g + xd] += 1;
      }
    }
    return sum;
  }

  /** The softmax probabilities of pixel d: p(x_d = k | out). */
  public double[] probabilities(double[] out, int d) {
    double[] p = new double[levels];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < levels; k++) {
      max = Math.max(max, out[d * levels + k]);
    }
    double z = 0;
    for (int k = 0; k < levels; k++) {
      p[k] = Math.exp(out[d * levels + k] - max);
      z += p[k];
    }
    for (int k = 0; k < levels; k++) {
      p[k] /= z;
    }
    return p;
  }

  /** E[x_d] = Σ_k k · p(x_d = k). */
  @Override
  public double[] mean(double[] out, int pixels) {
    double[] m = new double[pixels];
    for (int d = 0; d < pixels; d++) {
      double[] p = probabilities(out, d);
      for (int k = 0; k < levels; k++) {
        m[d] += k * p[k];
      }
    }
    return m;
  }

  @Override
  public double[] sample(double[] out, int pixels, SplittableRandom rng) {
    double[] x = new double[pixels];
    for (int d = 0; d < pixels; d++) {
      double[] p = probabilities(out, d);
      double u = rng.nextDouble();
      int k = 0;
      for (double c = p[0]; c < u && k < levels - 1; c += p[++k]) {
        // walk the cumulative distribution
      }
      x[d] = k;
    }
    return x;
  }

  @Override
  public String describeData() {
    return "integers 0…" + (levels - 1);
  }

  @Override
  public void validate(double[] x) {
    for (int d = 0; d < x.length; d++) {
      if (!(x[d] >= 0 && x[d] <= levels - 1 && x[d] == Math.rint(x[d]))) {
        throw new IllegalArgumentException("the categorical likelihood needs integers 0…" + (levels - 1)
            + ", got x[" + d + "]=" + x[d] + " (use the raw pixel counts, not scaled pixels)");
      }
    }
  }

  @Override
  public String spec() {
    return "categorical:" + levels;
  }

  @Override
  public String toString() {
    return "categorical(" + levels + " values)";
  }
}
