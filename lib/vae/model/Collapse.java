package vae.model;

import vae.nn.Matrix;

/**
 * Posterior collapse, measured: a VAE's mean KL term, and per image how far its reconstruction
 * at z = μ lies from the mean training image and from the image itself, beside how far the image
 * lies from that mean. A collapsed model decodes every image to (nearly) the mean. Chapter 07.
 *
 * @param kl the mean KL(q(z|x) ‖ p(z)) over the images, nats
 * @param toMean ‖x̂_i − mean image‖ per image i
 * @param toOwn ‖x̂_i − x_i‖ per image i
 * @param dataToMean ‖x_i − mean image‖ per image i
 */
public record Collapse(double kl, double[] toMean, double[] toOwn, double[] dataToMean) {
  /**
   * The measures of {@code vae} on {@code test}, against the mean image of {@code train}, with
   * {@code kl} the model's mean KL term on {@code test}.
   *
   * @throws IllegalArgumentException if the images of train and test differ in size
   */
  public static Collapse of(Vae vae, Dataset train, Dataset test, double kl) {
    Matrix x = test.input();
    if (train.input().cols != x.cols) {
      throw new IllegalArgumentException("train images have " + train.input().cols
          + " pixels, test images " + x.cols);
    }
    double[] mean = train.input().sumRows().scale(1.0 / train.size()).a[0];
    double[][] xHat = vae.decodeMean(vae.encode(x).mu());
    double[][] d = new double[3][x.rows];
    for (int i = 0; i < x.rows; i++) {
      d[0][i] = distance(xHat[i], mean);
      d[1][i] = distance(xHat[i], x.a[i]);
      d[2][i] = distance(x.a[i], mean);
    }
    return new Collapse(kl, d[0], d[1], d[2]);
  }

  /** For how many images the reconstruction is nearer to the mean image than to the image. */
  public int nearerToMean() {
    int n = 0;
    for (int i = 0; i < toMean.length; i++) {
      n += toMean[i] < toOwn[i] ? 1 : 0;
    }
    return n;
  }

  private static double distance(double[] a, double[] b) {
    return Math.sqrt(RateDistortion.squaredError(a, b));
  }
}
