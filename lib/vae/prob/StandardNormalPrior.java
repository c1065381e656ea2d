package vae.prob;

import java.util.SplittableRandom;

/**
 * The VAE's default prior p(z) = N(0, I): no parameters, and KL(q ‖ p) in closed form through
 * {@link DiagGaussian#klToStandardNormal}. Chapters 05–08; a {@link Prior} in chapter 09.
 */
public final class StandardNormalPrior implements Prior {
  private final int dim;

  /** N(0, I) in {@code dim} dimensions. @throws IllegalArgumentException if dim &lt; 1 */
  public StandardNormalPrior(int dim) {
    if (dim < 1) {
      throw new IllegalArgumentException("need at least one latent dimension, got " + dim);
    }
    this.dim = dim;
  }

  @Override
  public String spec() {
    return "standard";
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public double[] logDensity(double[][] z) {
    return DiagGaussianBatch.logStandardNormal(z);
  }

  @Override
  public void addLogDensityGradient(double[] c, double[][] z, double[][] dz, double[] dTheta) {
    Prior.requireShapes(dim, c, z, dz);
    DiagGaussianBatch.addLogStandardNormalGradient(c, z, dz);
  }

  @Override
  public double[][] sample(int n, SplittableRandom rng) {
    double[][] z = new double[n][];
    for (int r = 0; r < n; r++) {
      z[r] = MonteCarlo.gaussians(dim, 1, rng);
    }
    return z;
  }

  @Override
  public double[] klClosedForm(DiagGaussianBatch q) {
    return q.klToStandardNormal();
  }

  @Override
  public String toString() {
    return "StandardNormalPrior[N(0, I) in " + dim + " dimensions]";
  }
}
