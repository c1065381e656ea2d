package vae.model;

import java.util.SplittableRandom;
import vae.nn.Matrix;
import vae.prob.MixturePrior;
import vae.prob.MonteCarlo;
import vae.prob.Prior;

/**
 * The VampPrior (Tomczak &amp; Welling, 2018): p(z) = (1/K) Σ_k q(z|u_k), the VAE's own encoder
 * averaged over K learnable pseudo-inputs u_k. Its parameters are the pseudo-inputs (flat, K·D);
 * its gradient reaches them and the encoder's weights. Inside a training pass the VAE encodes the
 * pseudo-inputs with the batch, in one pass. Chapter 09.
 */
public final class VampPrior implements Prior {
  private final Vae vae;
  private final int k;
  private final double[] u; // [K·D], row k = pseudo-input k

  /**
   * K pseudo-inputs for {@code vae}'s encoder, each pixel drawn from N(0.3, 0.1²) (near the
   * digits' mean pixel on the encoder's [0, 1] scale).
   *
   * @throws IllegalArgumentException if K &lt; 1
   */
  VampPrior(Vae vae, int k, SplittableRandom rng) {
    if (k < 1) {
      throw new IllegalArgumentException("need K ≥ 1 pseudo-inputs, got " + k);
    }
    this.vae = vae;
    this.k = k;
    this.u = MonteCarlo.gaussians(k * vae.config().dataDim(), 0.1, rng);
    for (int i = 0; i < u.length; i++) {
      u[i] += 0.3;
    }
  }

  /**
   * Starts the pseudo-inputs at K distinct rows of {@code images} drawn by {@code rng}
   * (Tomczak's option of initialising them from training data).
   *
   * @throws IllegalArgumentException if there are fewer than K images or their width differs
   */
  public VampPrior startFrom(Matrix images, SplittableRandom rng) {
    int dim = vae.config().dataDim();
    if (images.rows < k || images.cols != dim) {
      throw new IllegalArgumentException("need ≥ " + k + " images of " + dim + " values, got "
          + images.shape());
    }
    int[] order = java.util.stream.IntStream.range(0, images.rows).toArray();
    for (int i = 0; i < k; i++) { // a partial Fisher–Yates shuffle
      int j = i + rng.nextInt(order.length - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
      System.arraycopy(images.a[order[i]], 0, u, i * dim, dim);
    }
    return this;
  }

  @Override
  public String spec() {
    return "vamp:" + k;
  }

  @Override
  public int dim() {
    return vae.config().latent();
  }

  /** Number of pseudo-inputs K. */
  public int components() {
    return k;
  }

  @Override
  public double[] parameters() {
    return u;
  }

  /** The pseudo-inputs as a matrix (a copy) [K][D]. */
  public Matrix pseudoInputs() {
    int dim = vae.config().dataDim();
    Matrix m = new Matrix(k, dim);
    for (int i = 0; i < k; i++) {
      System.arraycopy(u, i * dim, m.a[i], 0, dim);
    }
    return m;
  }

  /** The prior as the equal-weight mixture of its components q(z|u_k), encoded now. */
  public MixturePrior mixture() {
    Vae.Encoding e = vae.encode(pseudoInputs());
    return mixture(e.mu().a, e.logVar().a);
  }

  /** (1/K) Σ_k N(μ_k, diag σ_k²) for the encoder's outputs μ_k, log σ_k² of the pseudo-inputs. */
  static MixturePrior mixture(double[][] mu, double[][] logVar) {
    return new MixturePrior(new double[mu.length], mu, logVar);
  }

  @Override
  public double[] logDensity(double[][] z) {
    return mixture().logDensity(z);
  }

  /**
   * Adds c_r·∇_z log p(z_r) to dz, c_r·∂log p(z_r)/∂u to {@code dTheta} (if not null), and
   * c_r·∂log p(z_r)/∂(encoder weights) to the encoder's gradients: an encoder pass of its own.
   */
  @Override
  public void addLogDensityGradient(double[] c, double[][] z, double[][] dz, double[] dTheta) {
    Prior.requireShapes(dim(), c, z, dz);
    Vae.Encoding e = vae.encode(pseudoInputs());
    MixturePrior mix = mixture(e.mu().a, e.logVar().a);
    double[][] dMu = new double[k][dim()];
    double[][] dLogVar = new double[k][dim()];
    MixturePrior.addGradient(c, z, mix.logWeights(), e.mu().a, e.logVar().a, dz, null, dMu,
        dLogVar);
    Matrix dx = vae.encoderBackward(dMu, dLogVar);
    if (dTheta != null) {
      int dim = vae.config().dataDim();
      for (int i = 0; i < k; i++) {
        for (int d = 0; d < dim; d++) {
          dTheta[i * dim + d] += dx.a[i][d];
        }
      }
    }
  }

  @Override
  public double[][] sample(int n, SplittableRandom rng) {
    return mixture().sample(n, rng);
  }

  @Override
  public String toString() {
    return "VampPrior[(1/" + k + ") Σ_k q(z|u_k), " + k + " pseudo-inputs of "
        + vae.config().dataDim() + " values]";
  }
}
