package vae.model;

import java.util.SplittableRandom;
import vae.nn.Matrix;
import vae.prob.AggregatePosterior;
import vae.prob.DiagGaussian;
import vae.prob.MvGaussian;

/**
 * Codes a model was never trained on, decoded by a plain autoencoder and a VAE: random codes and
 * midpoints between two test images' codes, with each decoding's distance to the nearest training
 * image. What continuity and completeness of a latent space mean in numbers. Chapter 06 (LS-2).
 */
public final class NewCodes {
  /** The names of the rows of {@link Result#decoded()} and {@link Result#distances()}. */
  public static final String[] NAMES = {"real test images", "AE, random codes",
      "VAE, random codes", "AE, midpoints", "VAE, midpoints", "AE reconstructions",
      "VAE reconstructions"};

  private NewCodes() {}

  /**
   * Images [group][n][d] in the order of {@link #NAMES} (the real test images first, then the
   * decodings; reconstructions of every test image) and their distances to the nearest training
   * image.
   */
  public record Result(double[][][] decoded, double[][] distances) {}

  /**
   * Decodes n random codes per model, from N(0, I) for the VAE and, as the autoencoder has no
   * prior, from the Gaussian with its training codes' mean and covariance; and the midpoints of n
   * random pairs of test images (the VAE's codes are its means μ(x)).
   *
   * @throws IllegalArgumentException if n &lt; 1 or the models' latent sizes differ
   */
  public static Result compare(Autoencoder ae, Vae vae, Dataset train, Dataset test, int n,
      SplittableRandom rng) {
    int latent = vae.config().latent();
    if (n < 1 || ae.encoder.out() != latent) {
      throw new IllegalArgumentException("need n ≥ 1 and equal latent sizes, got n=" + n
          + ", AE " + ae.encoder.out() + ", VAE " + latent);
    }
    Matrix aeCodes = ae.encode(train.input());
    AggregatePosterior fit = new AggregatePosterior(aeCodes.a, new double[aeCodes.rows][latent]);
    Matrix zAe = sample(n, new MvGaussian(fit.mean(), fit.covariance()), rng);
    Matrix zVae = sample(n, MvGaussian.of(DiagGaussian.standard(latent)), rng);
    int[][] pairs = new int[n][2];
    for (int[] p : pairs) {
      p[0] = rng.nextInt(test.size());
      p[1] = rng.nextInt(test.size());
    }
    Matrix aeTest = ae.encode(test.input());
    Matrix vaeTest = vae.encode(test.input()).mu();
    double[][][] decoded = {test.input().a, ae.decodeMean(zAe), vae.decodeMean(zVae),
        ae.decodeMean(LatentPaths.midpoints(aeTest, pairs)),
        vae.decodeMean(LatentPaths.midpoints(vaeTest, pairs)), ae.decodeMean(aeTest),
        vae.decodeMean(vaeTest)};
    double[][] dist = new double[decoded.length][]; // min_j ‖x − x_j‖ over training images x_j
    for (int g = 0; g < decoded.length; g++) {
      dist[g] = NearestNeighbours.distances(Matrix.of(decoded[g]), train.input());
    }
    return new Result(decoded, dist);
  }

  private static Matrix sample(int n, MvGaussian g, SplittableRandom rng) {
    Matrix z = new Matrix(n, g.dim());
    for (int r = 0; r < n; r++) {
      z.a[r] = g.sample(rng);
    }
    return z;
  }
}
