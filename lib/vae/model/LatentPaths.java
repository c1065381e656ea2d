package vae.model;

import vae.nn.Matrix;

/**
 * Codes between codes: the straight line from one code to another, and midpoints of pairs. What
 * a decoder is asked to fill in when we test a latent space for continuity. Chapter 06 (LS-2, LS-3).
 */
public final class LatentPaths {
  private LatentPaths() {}

  /**
   * z(t) = (1 − t) z_a + t z_b at {@code steps} evenly spaced t ∈ [0, 1], from row 0 (z_a) to row 1 (z_b) of {@code ends}.
   *
   * @throws IllegalArgumentException if ends does not have 2 rows or steps &lt; 2
   */
  public static Matrix line(Matrix ends, int steps) {
    if (ends.rows != 2 || steps < 2) {
      throw new IllegalArgumentException("need 2 end codes and ≥ 2 steps, got " + ends.rows + " codes and " + steps + " steps");
    }
    Matrix z = new Matrix(steps, ends.cols);
    for (int s = 0; s < steps; s++) {
      double t = s / (steps - 1.0);
      for (int d = 0; d < ends.cols; d++) {
        z.a[s][d] = (1 - t) * ends.a[0][d] + t * ends.a[1][d];
      }
    }
    return z;
  }

  /**
   * (z_i + z_j)/2 for each pair {i, j} of rows of {@code z}.
   *
   * @throws IllegalArgumentException if a pair does not name two rows of z
   */
  public static Matrix midpoints(Matrix z, int[][] pairs) {
    Matrix mid = new Matrix(pairs.length, z.cols);
    for (int r = 0; r < pairs.length; r++) {
      int[] p = pairs[r];
      if (p.length != 2 || p[0] < 0 || p[1] < 0 || p[0] >= z.rows || p[1] >= z.rows) {
        throw new IllegalArgumentException("pair " + r + " is " + java.util.Arrays.toString(p) + ", need two row indices below " + z.rows);
      }
      for (int d = 0; d < z.cols; d++) {
        mid.a[r][d] = 0.5 * (z.a[p[0]][d] + z.a[p[1]][d]);
      }
    }
    return mid;
  }

  /**
   * The codes' range along each axis, widened by {@code f} times its width on both sides:
   * [min − f·w, max + f·w] with w = max − min  [cols of z][2]. Chapter 01 (AE-5).
   *
   * @throws IllegalArgumentException if z has no rows or f is negative
   */
  public static double[][] box(Matrix z, double f) {
    if (z.rows == 0 || !(f >= 0)) {
      throw new IllegalArgumentException("need ≥ 1 code and a widening f ≥ 0, got " + z.rows
          + " codes and f = " + f);
    }
    double[][] b = new double[z.cols][];
    for (int j = 0; j < z.cols; j++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] row : z.a) {
        lo = Math.min(lo, row[j]);
        hi = Math.max(hi, row[j]);
      }
      b[j] = new double[] {lo - f * (hi - lo), hi + f * (hi - lo)};
    }
    return b;
  }

  /**
   * An n×n grid of 2-D codes evenly over {@code box} (as {@link #box} gives it), row by row from the
   * top left (z₂ grows upwards, as on a page)  [n²][2]. Chapter 01 (AE-5).
   *
   * @throws IllegalArgumentException if box is not 2-D or n &lt; 2
   */
  public static Matrix grid(double[][] box, int n) {
    if (box.length != 2 || n < 2) {
      throw new IllegalArgumentException("need a 2-D box and n ≥ 2, got " + box.length
          + " axes and n = " + n);
    }
    Matrix grid = new Matrix(n * n, 2);
    for (int i = 0; i < n * n; i++) {
      grid.a[i][0] = box[0][0] + (box[0][1] - box[0][0]) * (i % n) / (n - 1);
      grid.a[i][1] = box[1][1] - (box[1][1] - box[1][0]) * (i / n) / (n - 1);
    }
    return grid;
  }
}
