package vae.model;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import vae.nn.Matrix;

/**
 * Linear subspaces of R^d given by spanning columns: orthonormal bases, random subspaces, and
 * the principal angles between two subspaces (0 for all angles ⇔ the same subspace). Chapter 01.
 */
public final class Subspaces {
  private Subspaces() {}

  /**
   * An orthonormal basis Q [d][k] of the span of the columns of {@code a} [d][k] (thin QR).
   *
   * @throws IllegalArgumentException if a has more columns than rows
   */
  public static Matrix orthonormalize(Matrix a) {
    if (a.cols > a.rows) {
      throw new IllegalArgumentException("need at most as many columns as rows, got " + a.shape());
    }
    RealMatrix q = new QRDecomposition(new Array2DRowRealMatrix(a.a, false)).getQ();
    Matrix out = new Matrix(a.rows, a.cols);
    for (int i = 0; i < a.rows; i++) {
      for (int j = 0; j < a.cols; j++) {
        out.a[i][j] = q.getEntry(i, j);
      }
    }
    return out;
  }

  /** A uniformly random k-dimensional subspace of R^d: the span of a d×k standard normal matrix. */
  public static Matrix random(int d, int k, SplittableRandom rng) {
    Matrix g = new Matrix(d, k);
    for (double[] row : g.a) {
      for (int j = 0; j < k; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    return orthonormalize(g);
  }

  /**
   * The principal angles between span(a) and span(b) (same number of columns), in radians,
   * largest first: θ_i = arcsin σ_i of the part of Q_b outside span(a), (I − Q_a Q_aᵀ) Q_b.
   * The arcsine form stays accurate for tiny angles, where arccos of cosines loses every digit.
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public static double[] principalAngles(Matrix a, Matrix b) {
    if (a.rows != b.rows || a.cols != b.cols) {
      throw new IllegalArgumentException("subspaces must have the same shape, got " + a.shape()
          + " and " + b.shape());
    }
    Matrix qa = orthonormalize(a);
    Matrix qb = orthonormalize(b);
    // outside = Q_b − Q_a (Q_aᵀ Q_b)
    Matrix outside = qb.minus(qa.matmul(qa.matmulTransA(qb)));
    double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(outside.a, false)).getSingularValues();
    double[] angles = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      angles[i] = Math.asin(Math.min(1, s[i]));
    }
    return angles;
  }
}
