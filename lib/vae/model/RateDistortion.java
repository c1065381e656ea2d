package vae.model;

import java.util.SplittableRandom;
import vae.nn.Matrix;
import vae.prob.DiagGaussianBatch;

/**
 * A VAE's two costs per image, in the language of compression: the rate KL(q(z|x) ‖ N(0, I)),
 * in closed form, and the distortion E_q‖x − f(z)‖², the squared distance from the image to the
 * decoder's mean f(z), averaged over codes z ~ q(z|x). Chapter 07.
 *
 * @param rate KL(q(z|x_i) ‖ N(0, I)) per image i, nats
 * @param distortion (1/L) Σ_l ‖x_i − f(z_il)‖² per image i, z_il ~ q(z|x_i)
 */
public record RateDistortion(double[] rate, double[] distortion) {
  /**
   * Both costs of {@code vae} for every image of {@code data}, the distortion from {@code l}
   * codes per image drawn with {@code rng}.
   *
   * @throws IllegalArgumentException if l &lt; 1
   */
  public static RateDistortion of(Vae vae, Dataset data, int l, SplittableRandom rng) {
    if (l < 1) {
      throw new IllegalArgumentException("need ≥ 1 code per image for the distortion, got " + l);
    }
    Matrix x = data.input();
    DiagGaussianBatch q = vae.encode(x).q();
    // row r of the codes belongs to image r / l
    double[][] fz = vae.decodeMean(Matrix.wrap(q.reparameterize(q.drawEps(l, rng))));
    double[] d = new double[x.rows];
    for (int r = 0; r < fz.length; r++) {
      d[r / l] += squaredError(x.a[r / l], fz[r]) / l;
    }
    return new RateDistortion(q.klToStandardNormal(), d);
  }

  /**
   * ‖x − y‖², the distortion of one reconstruction y of x.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double squaredError(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("an image of " + x.length + " pixels against one of "
          + y.length);
    }
    double s = 0;
    for (int j = 0; j < x.length; j++) {
      s += (x[j] - y[j]) * (x[j] - y[j]);
    }
    return s;
  }
}
