package vae.prob;

import java.util.SplittableRandom;

/**
 * KL(q ‖ p) by sampling: (1/n) Σ [log q(x_i) − log p(x_i)] with x_i ~ q, and its standard error.
 * The independent check of every closed-form KL. Introduced in chapter 02 (claims KL-4 … KL-6).
 */
public final class KlMonteCarlo {
  private KlMonteCarlo() {}

  /** KL(q ‖ p) for one-dimensional Gaussians, from n draws of q. */
  public static Estimate estimate(Gaussian1D q, Gaussian1D p, long n, SplittableRandom rng) {
    return MonteCarlo.estimate(n, rng, r -> {
      double x = q.sample(r);
      return q.logDensity(x) - p.logDensity(x);
    });
  }

  /** KL(q ‖ p) for diagonal Gaussians (the VAE's q(z|x) and prior), from n draws of q. */
  public static Estimate estimate(DiagGaussian q, DiagGaussian p, long n, SplittableRandom rng) {
    return MonteCarlo.estimate(n, rng, r -> {
      double[] z = q.sample(r);
      return q.logDensity(z) - p.logDensity(z);
    });
  }

  /** KL(q ‖ p) for full-covariance Gaussians, from n draws of q. */
  public static Estimate estimate(MvGaussian q, MvGaussian p, long n, SplittableRandom rng) {
    return MonteCarlo.estimate(n, rng, r -> {
      double[] x = q.sample(r);
      return q.logDensity(x) - p.logDensity(x);
    });
  }
}
