package vae.data;

import java.util.stream.IntStream;
import vae.nn.Matrix;

/**
 * How far an image is from a reference set: the Euclidean distance to its nearest reference image,
 * min_j ‖x − r_j‖. A decoded image that looks like data lies about as close to the training set as
 * real test images do. Chapter 06 (claims LS-2, AE-5).
 */
public final class NearestImage {
  private final Matrix reference;

  /**
   * Distances to the rows of {@code reference} (e.g. the training images, scaled to [0, 1]).
   *
   * @throws IllegalArgumentException if the reference set is empty
   */
  public NearestImage(Matrix reference) {
    if (reference.rows == 0 || reference.cols == 0) {
      throw new IllegalArgumentException("the reference set is empty (" + reference.shape() + "); pass the training images");
    }
    this.reference = reference;
  }

  /** min_j ‖x − r_j‖ for one image. */
  public double distance(double[] x) {
    if (x.length != reference.cols) {
      throw new IllegalArgumentException("image has " + x.length + " pixels, the reference images " + reference.cols);
    }
    double best = Double.POSITIVE_INFINITY;
    for (double[] r : reference.a) {
      double s = 0;
      for (int d = 0; d < x.length && s < best; d++) {
        double diff = x[d] - r[d];
        s += diff * diff;
      }
      best = Math.min(best, s);
    }
    return Math.sqrt(best);
  }

  /** The distance of each image to its nearest reference image. */
  public double[] distances(double[][] images) {
    return IntStream.range(0, images.length).parallel().mapToDouble(i -> distance(images[i])).toArray();
  }

  @Override
  public String toString() {
    return "NearestImage[" + reference.rows + " reference images of " + reference.cols + " pixels]";
  }
}
