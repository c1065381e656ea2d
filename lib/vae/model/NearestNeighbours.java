package vae.model;

import vae.nn.Matrix;

/**
 * Euclidean distance from each query to its nearest reference row: how far a decoded image is
 * from every training image. Chapter 01 (AE-5), chapter 06 (LS-2).
 */
public final class NearestNeighbours {
  private NearestNeighbours() {}

  /**
   * min_r ‖q − r‖ for every row q of {@code queries} [m][d] over the rows r of {@code reference} [n][d].
   *
   * @throws IllegalArgumentException if the widths differ or the reference is empty
   */
  public static double[] distances(Matrix queries, Matrix reference) {
    if (queries.cols != reference.cols || reference.rows == 0) {
      throw new IllegalArgumentException("queries " + queries.shape() + " and reference "
          + reference.shape() + " must have the same width and a non-empty reference");
    }
    // ‖q − r‖² = ‖q‖² − 2 q·r + ‖r‖²
    Matrix dots = queries.matmulTransB(reference); // [m][n]
    double[] rr = new double[reference.rows];
    for (int j = 0; j < reference.rows; j++) {
      rr[j] = squaredNorm(reference.a[j]);
    }
    double[] out = new double[queries.rows];
    for (int i = 0; i < queries.rows; i++) {
      double qq = squaredNorm(queries.a[i]);
      double best = Double.POSITIVE_INFINITY;
      for (int j = 0; j < reference.rows; j++) {
        best = Math.min(best, qq - 2 * dots.a[i][j] + rr[j]);
      }
      out[i] = Math.sqrt(Math.max(0, best));
    }
    return out;
  }

  private static double squaredNorm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return s;
  }
}
