package vae.model;

import vae.nn.Matrix;

/**
 * A data set as a model sees it: what the encoder reads ({@code input}, e.g. pixels scaled to
 * [0, 1]), what the likelihood scores ({@code target}, e.g. the raw integers 0…16 for the
 * categorical likelihood), and the labels (for plots only). One row per image. Chapter 05.
 */
public record Dataset(String name, Matrix input, Matrix target, int[] labels) {
  /**
   * @throws IllegalArgumentException if the row counts disagree or there are no rows
   */
  public Dataset {
    if (input.rows == 0 || input.rows != target.rows || (labels != null && labels.length != input.rows)) {
      throw new IllegalArgumentException(name + ": input, target and labels need the same positive number of rows, got "
          + input.rows + ", " + target.rows + ", " + (labels == null ? "no labels" : labels.length));
    }
  }

  /**
   * A digits split as {@code likelihood} needs it: the encoder reads pixel/16 ∈ [0, 1]; a
   * categorical likelihood scores the raw integers 0…16, every other likelihood the scaled pixels.
   */
  public static Dataset digits(vae.data.DigitSplit split, Likelihood likelihood) {
    Matrix scaled = split.scaled();
    Matrix target = scaled;
    if (likelihood instanceof CategoricalLikelihood) {
      target = new Matrix(split.size(), split.pixels[0].length);
      for (int i = 0; i < split.size(); i++) {
        for (int d = 0; d < target.cols; d++) {
          target.a[i][d] = split.pixels[i][d];
        }
      }
    }
    return new Dataset(split.name, scaled, target, split.labels.clone());
  }

  /** Real-valued points that the encoder reads and the likelihood scores as they are, unlabelled. */
  public static Dataset of(String name, double[][] x) {
    return new Dataset(name, Matrix.of(x), Matrix.of(x), null);
  }

  /** Number of images. */
  public int size() {
    return input.rows;
  }

  /** The rows {@code idx} (a minibatch). */
  public Dataset rows(int[] idx) {
    int[] l = null;
    if (labels != null) {
      l = new int[idx.length];
      for (int i = 0; i < idx.length; i++) {
        l[i] = labels[idx[i]];
      }
    }
    return new Dataset(name, input.rows(idx), target.rows(idx), l);
  }

  /** The first {@code n} rows. */
  public Dataset head(int n) {
    return rows(java.util.stream.IntStream.range(0, Math.min(n, size())).toArray());
  }

  @Override
  public String toString() {
    return "Dataset[" + name + ", " + size() + " images, input " + input.cols + ", target " + target.cols + "]";
  }
}
