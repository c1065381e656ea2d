package vae.nn;

import java.util.List;

/** Gradient clipping by global norm: keeps one bad minibatch from throwing training off. Chapter 01. */
public final class GradClip {
  private GradClip() {}

  /**
   * If ‖g‖ = √(Σ over all parameters of g²) exceeds {@code maxNorm}, scales every gradient by
   * maxNorm/‖g‖; returns ‖g‖ before clipping.
   *
   * @throws IllegalArgumentException if maxNorm is not positive
   */
  public static double clipGlobalNorm(List<Param> params, double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("maxNorm must be positive, got " + maxNorm);
    }
    double sq = 0;
    for (Param p : params) {
      sq += p.grad.sumOfSquares();
    }
    double norm = Math.sqrt(sq);
    if (norm > maxNorm) {
      double s = maxNorm / norm;
      for (Param p : params) {
        for (double[] row : p.grad.a) {
          for (int c = 0; c < row.length; c++) {
            row[c] *= s;
          }
        }
      }
    }
    return norm;
  }
}
