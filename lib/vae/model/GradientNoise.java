package vae.model;

import java.util.List;
import java.util.SplittableRandom;
import vae.nn.Param;
import vae.prob.Estimate;
import vae.prob.MonteCarlo;

/**
 * How noisy a stochastic gradient is at fixed weights: the total variance tr Cov[g] of the
 * gradient of an {@link Trainable} on one fixed minibatch, over its random draws (the ε of a
 * VAE). Chapter 05 (claim EL-7: with L samples of z the variance falls like 1/L).
 */
public final class GradientNoise {
  private GradientNoise() {}

  /**
   * tr Cov[g] from {@code pairs} independent pairs of gradients (g_a, g_b): each ½‖g_a − g_b‖²
   * has expectation tr Cov[g] exactly, and the pairs are independent, so their mean and its
   * standard error are an unbiased estimate and an honest SE. The weights are not changed; the
   * parameters' gradients are left zero.
   *
   * @throws IllegalArgumentException if pairs &lt; 2
   */
  public static Estimate totalVariance(Trainable model, Dataset batch, int pairs,
      SplittableRandom rng) {
    if (pairs < 2) {
      throw new IllegalArgumentException("need at least 2 pairs for a standard error, got "
          + pairs);
    }
    List<Param> params = model.params();
    double[] half = new double[pairs];
    for (int k = 0; k < pairs; k++) {
      double[] a = gradient(model, params, batch, rng);
      double[] b = gradient(model, params, batch, rng);
      double sq = 0;
      for (int j = 0; j < a.length; j++) {
        sq += (a[j] - b[j]) * (a[j] - b[j]);
      }
      half[k] = 0.5 * sq; // E[½‖g_a − g_b‖²] = tr Cov[g]
    }
    params.forEach(Param::zeroGrad);
    return MonteCarlo.of(half);
  }

  /** One draw of the whole gradient, flattened in parameter order. */
  private static double[] gradient(Trainable model, List<Param> params, Dataset batch,
      SplittableRandom rng) {
    params.forEach(Param::zeroGrad);
    model.lossAndGradient(batch, rng);
    double[] g = new double[params.stream().mapToInt(Param::size).sum()];
    int j = 0;
    for (Param p : params) {
      for (double[] row : p.grad.a) {
        System.arraycopy(row, 0, g, j, row.length);
        j += row.length;
      }
    }
    return g;
  }
}
