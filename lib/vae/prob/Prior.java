package vae.prob;

import java.util.SplittableRandom;

/**
 * A VAE's prior p(z) over codes: its log-density and gradient for a batch of codes, sampling,
 * its learnable parameters (a flat array, empty for none), and KL(q ‖ p) in closed form when p
 * has one (the standard normal). A prior without one has its KL estimated by Monte Carlo,
 * {@link #klSamples}. Chapter 09.
 */
public interface Prior {
  /** What the prior is, as a saved model records it: {@code standard}, {@code mog:K}, … */
  String spec();

  /** Latent dimensions. */
  int dim();

  /** log p(z_r) for every row of {@code z} [rows][dim]. */
  double[] logDensity(double[][] z);

  /**
   * Adds c_r·∇_z log p(z_r) to row r of {@code dz}, and c_r·∂log p(z_r)/∂θ to {@code dTheta}
   * (laid out as {@link #parameters()}; null: the parameters' gradient is not wanted).
   *
   * @throws IllegalArgumentException if the shapes disagree
   */
  void addLogDensityGradient(double[] c, double[][] z, double[][] dz, double[] dTheta);

  /** {@code n} codes drawn from p: [n][dim]. */
  double[][] sample(int n, SplittableRandom rng);

  /** The learnable parameters θ, flat and live (the prior reads them on every call). */
  default double[] parameters() {
    return new double[0];
  }

  /** KL(q_i ‖ p) for every row of {@code q} in closed form, or null when p has none. */
  default double[] klClosedForm(DiagGaussianBatch q) {
    return null;
  }

  /**
   * The single-sample Monte Carlo KL, log q_i(z_r) − log p(z_r), for every code row r = i·K + k
   * of {@code z} drawn from q_i: unbiased for KL(q_i ‖ p), whatever p is.
   */
  default double[] klSamples(DiagGaussianBatch q, double[][] z) {
    double[] logQ = q.logDensity(z);
    double[] logP = logDensity(z);
    for (int r = 0; r < logQ.length; r++) {
      logQ[r] -= logP[r];
    }
    return logQ;
  }

  /** Checks that {@code z}, {@code c} and {@code dz} fit a prior in {@code dim} dimensions. */
  static void requireShapes(int dim, double[] c, double[][] z, double[][] dz) {
    if (c.length != z.length || dz.length != z.length
        || z.length > 0 && (z[0].length != dim || dz[0].length != dim)) {
      throw new IllegalArgumentException("need as many weights, codes and gradient rows of "
          + dim + " values, got " + c.length + ", " + z.length + ", " + dz.length);
    }
  }
}
