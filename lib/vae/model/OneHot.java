package vae.model;

import vae.nn.Matrix;

/**
 * Labels as one-hot rows, the condition y of a conditional VAE: digit 3 of 10 is
 * (0, 0, 0, 1, 0, …, 0). {@link #appended} puts y after each row of a matrix, [x | y] for the
 * encoder or [z | y] for the decoder; {@link #conditioned} does it to a data set's input.
 * Chapter 10.
 */
public final class OneHot {
  private OneHot() {}

  /**
   * The rows of {@code m}, each followed by the one-hot row of its label: [rows][cols + classes].
   *
   * @throws IllegalArgumentException if the counts differ or a label is outside 0 … classes−1
   */
  public static Matrix appended(Matrix m, int[] labels, int classes) {
    if (labels.length != m.rows || classes < 2) {
      throw new IllegalArgumentException("need one label per row and ≥ 2 classes, got "
          + labels.length + " labels for " + m.rows + " rows, " + classes + " classes");
    }
    Matrix out = new Matrix(m.rows, m.cols + classes);
    for (int r = 0; r < m.rows; r++) {
      if (labels[r] < 0 || labels[r] >= classes) {
        throw new IllegalArgumentException("label " + labels[r] + " of row " + r
            + " is outside 0 … " + (classes - 1));
      }
      System.arraycopy(m.a[r], 0, out.a[r], 0, m.cols);
      out.a[r][m.cols + labels[r]] = 1;
    }
    return out;
  }

  /**
   * {@code data} with its input rows followed by their labels' one-hot rows (target and labels
   * unchanged): what a VAE with {@code Config.condition() == classes} reads.
   *
   * @throws IllegalArgumentException if the data have no labels, or one is out of range
   */
  public static Dataset conditioned(Dataset data, int classes) {
    return conditioned(data, data.labels(), classes);
  }

  /**
   * {@code data} conditioned on other labels (style transfer: the same image, a new label); the
   * data set's labels become {@code labels}.
   *
   * @throws IllegalArgumentException if there are no labels, or one is out of range
   */
  public static Dataset conditioned(Dataset data, int[] labels, int classes) {
    if (labels == null) {
      throw new IllegalArgumentException(data.name() + " has no labels to condition on");
    }
    return new Dataset(data.name() + "|y", appended(data.input(), labels, classes),
        data.target(), labels.clone());
  }
}
