package vae.model;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import vae.nn.Matrix;

/**
 * Principal component analysis: the eigenvectors of the covariance C = (1/N) Σ (x − x̄)(x − x̄)ᵀ,
 * by decreasing eigenvalue (the variance along each). The first k span the k-dimensional linear
 * subspace with the smallest mean squared projection error, which equals the sum of the
 * discarded eigenvalues. Chapter 01.
 */
public final class Pca {
  /** x̄  [d]. */
  public final double[] mean;
  /** λ₁ ≥ λ₂ ≥ … ≥ λ_d  [d]. */
  public final double[] variances;
  /** Column j is the j-th principal direction, a unit vector  [d][d]. */
  public final Matrix components;

  private Pca(double[] mean, double[] variances, Matrix components) {
    this.mean = mean;
    this.variances = variances;
    this.components = components;
  }

  /**
   * Fits PCA to the rows of {@code x} [N][d] (eigen-decomposition from commons-math).
   *
   * @throws IllegalArgumentException if there are fewer than 2 rows
   */
  public static Pca fit(Matrix x) {
    if (x.rows < 2) {
      throw new IllegalArgumentException("PCA needs at least 2 rows, got " + x.rows);
    }
    int d = x.cols;
    double[] mean = x.sumRows().scale(1.0 / x.rows).a[0];
    Matrix c = center(x, mean);
    // C = (1/N) Xcᵀ Xc
    Matrix cov = c.matmulTransA(c).scale(1.0 / x.rows);
    EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(cov.a, false));
    double[] values = eig.getRealEigenvalues();
    Integer[] order = IntStream.range(0, d).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> -values[i]));
    double[] lambda = new double[d];
    Matrix comp = new Matrix(d, d);
    for (int j = 0; j < d; j++) {
      lambda[j] = Math.max(0, values[order[j]]); // round-off can make a zero eigenvalue −1e-17
      double[] v = eig.getEigenvector(order[j]).toArray();
      for (int i = 0; i < d; i++) {
        comp.a[i][j] = v[i];
      }
    }
    return new Pca(mean, lambda, comp);
  }

  /** x − x̄ for every row. */
  public Matrix center(Matrix x) {
    return center(x, mean);
  }

  private static Matrix center(Matrix x, double[] mean) {
    Matrix c = x.copy();
    for (double[] row : c.a) {
      for (int j = 0; j < row.length; j++) {
        row[j] -= mean[j];
      }
    }
    return c;
  }

  /**
   * The first k principal directions as columns  [d][k].
   *
   * @throws IllegalArgumentException if k is not in 1…d
   */
  public Matrix basis(int k) {
    if (k < 1 || k > mean.length) {
      throw new IllegalArgumentException("k must be in 1…" + mean.length + ", got " + k);
    }
    Matrix b = new Matrix(mean.length, k);
    for (int i = 0; i < mean.length; i++) {
      System.arraycopy(components.a[i], 0, b.a[i], 0, k);
    }
    return b;
  }

  /** Σ_{j&lt;k} λ_j / Σ_j λ_j: the share of the variance the first k directions keep. */
  public double explainedVariance(int k) {
    double total = Arrays.stream(variances).sum();
    return Arrays.stream(variances, 0, k).sum() / total;
  }

  /** Σ_{j≥k} λ_j: the mean squared projection error of the best k-dimensional subspace. */
  public double discardedVariance(int k) {
    return Arrays.stream(variances, k, variances.length).sum();
  }

  /**
   * Mean over rows of ‖x − Q Qᵀ x‖² for centred rows x [N][d] and a basis Q [d][k] with
   * orthonormal columns: the squared distance from each point to the subspace.
   */
  public static double projectionError(Matrix centred, Matrix q) {
    // BEGIN SOLUTION (Exercise 1.1: the mean squared distance to a subspace, ‖x − Q Qᵀ x‖²)
    // HINT: Matrix.matmul, matmulTransB, minus and sumOfSquares; divide by the number of rows
    // residual = X − (X Q) Qᵀ
    Matrix residual = centred.minus(centred.matmul(q).matmulTransB(q));
    return residual.sumOfSquares() / centred.rows;
    // END SOLUTION
  }

  @Override
  public String toString() {
    return String.format("Pca[d=%d, λ₁=%.4g, λ₂=%.4g, …]", mean.length, variances[0],
        variances.length > 1 ? variances[1] : Double.NaN);
  }
}
