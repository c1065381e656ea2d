package vae.prob;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A k-dimensional Gaussian N(μ, Σ) with a full covariance matrix, factorised once as Σ = L Lᵀ
 * (Cholesky) for its log-determinant, inverse, density and sampling. Introduced in chapter 02
 * (claim KL-6: KL between two such Gaussians in closed form).
 */
public final class MvGaussian {
  private final double[] mu;
  private final RealMatrix cov;
  private final double[][] lower; // L with Σ = L Lᵀ
  private final double[][] inverse; // Σ⁻¹
  private final double logDet;

  /**
   * N(μ, Σ).
   *
   * @throws IllegalArgumentException if the shapes disagree, a value is not finite, or Σ is not
   *     symmetric positive definite (the message says which, and how to fix it)
   */
  public MvGaussian(double[] mu, double[][] cov) {
    int k = mu.length;
    if (k == 0 || cov.length != k) {
      throw new IllegalArgumentException("mu has length " + k + " but the covariance has " + cov.length
          + " rows: Σ must be k×k with k = length of mu ≥ 1");
    }
    for (int i = 0; i < k; i++) {
      if (cov[i].length != k) {
        throw new IllegalArgumentException("covariance row " + i + " has " + cov[i].length
            + " entries, expected " + k);
      }
      for (int j = 0; j < k; j++) {
        if (!Double.isFinite(cov[i][j])) {
          throw new IllegalArgumentException("covariance[" + i + "][" + j + "] = " + cov[i][j] + " is not finite");
        }
      }
      if (!Double.isFinite(mu[i])) {
        throw new IllegalArgumentException("mu[" + i + "] = " + mu[i] + " is not finite");
      }
    }
    this.mu = mu.clone();
    this.cov = new Array2DRowRealMatrix(cov, true);
    CholeskyDecomposition chol;
    try {
      chol = new CholeskyDecomposition(this.cov, 1e-12, 1e-14);
    } catch (NonSymmetricMatrixException e) {
      throw new IllegalArgumentException("covariance is not symmetric: Σ[" + e.getRow() + "][" + e.getColumn()
          + "] = " + cov[e.getRow()][e.getColumn()] + " but Σ[" + e.getColumn() + "][" + e.getRow() + "] = "
          + cov[e.getColumn()][e.getRow()] + " (use (Σ + Σᵀ)/2)", e);
    } catch (NonPositiveDefiniteMatrixException e) {
      throw new IllegalArgumentException("covariance is not positive definite (eigenvalues "
          + Arrays.toString(eigenvalues(this.cov)) + "; every eigenvalue must be > 0, e.g. use A Aᵀ + εI): "
          + Arrays.deepToString(cov), e);
    }
    this.lower = chol.getL().getData();
    this.inverse = chol.getSolver().getInverse().getData();
    double ld = 0;
    for (int i = 0; i < k; i++) {
      ld += 2 * Math.log(lower[i][i]);
    }
    this.logDet = ld;
  }

  private static double[] eigenvalues(RealMatrix m) {
    RealMatrix sym = m.add(m.transpose()).scalarMultiply(0.5);
    double[] ev = new org.apache.commons.math3.linear.EigenDecomposition(sym).getRealEigenvalues();
    for (int i = 0; i < ev.length; i++) {
      ev[i] = Math.round(ev[i] * 1e4) / 1e4;
    }
    return ev;
  }

  /** A random Gaussian in k dimensions: μ ~ N(0, I) and Σ = A Aᵀ/k + ½ I with A_ij ~ N(0, 1) (always SPD). */
  public static MvGaussian random(int k, SplittableRandom rng) {
    double[] mu = new double[k];
    double[][] a = new double[k][k];
    for (int i = 0; i < k; i++) {
      mu[i] = rng.nextGaussian();
      for (int j = 0; j < k; j++) {
        a[i][j] = rng.nextGaussian();
      }
    }
    double[][] s = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        for (int l = 0; l < k; l++) {
          s[i][j] += a[i][l] * a[j][l] / k;
        }
      }
      s[i][i] += 0.5;
    }
    return new MvGaussian(mu, s);
  }

  /** The same distribution as a diagonal Gaussian (μ, log σ²), as an encoder outputs it: Σ = diag σ². */
  public static MvGaussian of(DiagGaussian q) {
    double[] sd = q.sigma();
    double[][] cov = new double[sd.length][sd.length];
    for (int d = 0; d < sd.length; d++) {
      cov[d][d] = sd[d] * sd[d];
    }
    return new MvGaussian(q.mu(), cov);
  }

  public int dim() {
    return mu.length;
  }

  public double[] mu() {
    return mu.clone();
  }

  public double[][] cov() {
    return cov.getData();
  }

  /** log det Σ = 2 Σ_i log L_ii. */
  public double logDet() {
    return logDet;
  }

  /** log N(x; μ, Σ) = −½ [k log 2π + log det Σ + (x − μ)ᵀ Σ⁻¹ (x − μ)]. */
  public double logDensity(double[] x) {
    if (x.length != mu.length) {
      throw new IllegalArgumentException("x has length " + x.length + ", expected " + mu.length);
    }
    double[] d = new double[mu.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = x[i] - mu[i];
    }
    return -0.5 * (mu.length * DiagGaussian.LOG_2PI + logDet + quadratic(inverse, d));
  }

  /** x = μ + L ε with ε ~ N(0, I), so that Cov x = L Lᵀ = Σ. */
  public double[] sample(SplittableRandom rng) {
    int k = mu.length;
    double[] eps = new double[k];
    for (int i = 0; i < k; i++) {
      eps[i] = rng.nextGaussian();
    }
    double[] x = mu.clone();
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        x[i] += lower[i][j] * eps[j];
      }
    }
    return x;
  }

  /**
   * KL(N₀ ‖ N₁) = ½ [tr(Σ₁⁻¹Σ₀) + (μ₁ − μ₀)ᵀ Σ₁⁻¹ (μ₁ − μ₀) − k + log(det Σ₁ / det Σ₀)]  (claim KL-6),
   * with this Gaussian as N₀.
   */
  public double klTo(MvGaussian other) {
    if (other.dim() != dim()) {
      throw new IllegalArgumentException("dimensions differ: " + dim() + " vs " + other.dim());
    }
    double trace = 0; // tr(Σ₁⁻¹Σ₀) = Σ_ij (Σ₁⁻¹)_ij (Σ₀)_ji
    for (int i = 0; i < mu.length; i++) {
      for (int j = 0; j < mu.length; j++) {
        trace += other.inverse[i][j] * cov.getEntry(j, i);
      }
    }
    double[] d = new double[mu.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = other.mu[i] - mu[i];
    }
    return 0.5 * (trace + quadratic(other.inverse, d) - mu.length + other.logDet - logDet);
  }

  private static double quadratic(double[][] m, double[] v) {
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        s += v[i] * m[i][j] * v[j];
      }
    }
    return s;
  }

  @Override
  public String toString() {
    return "MvGaussian[k=" + dim() + ", μ=" + Arrays.toString(mu) + ", log det Σ="
        + String.format(java.util.Locale.ROOT, "%.4g", logDet) + "]";
  }
}
