package vae.prob;

import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * E_{N(μ, Σ)}[g(z)] by a tensor-product Gauss–Hermite rule (nodes and weights from commons-math):
 * exact, up to rounding, for polynomials of degree &lt; 2n in every coordinate. A deterministic
 * second way to an expectation that is also known in closed form. Chapter 05 (claim EL-2).
 */
public final class GaussHermite {
  private static final GaussIntegratorFactory FACTORY = new GaussIntegratorFactory();

  private GaussHermite() {}

  /**
   * Σ over the nⁿᵈⁱᵐ nodes u of w(u)·g(μ + L√2·u)/π^(dim/2), L the Cholesky factor of Σ = LLᵀ:
   * the Hermite weight e^(−u²) turned into the standard normal by z = μ + L√2·u.
   *
   * @throws IllegalArgumentException if n &lt; 1 or the rule would have more than 10⁶ nodes
   */
  public static double expect(MvGaussian q, int n, ToDoubleFunction<double[]> g) {
    int dim = q.dim();
    if (n < 1 || Math.pow(n, dim) > 1e6) {
      throw new IllegalArgumentException("need 1 ≤ n with n^dim ≤ 1e6 nodes, got n=" + n
          + " in " + dim + " dimensions");
    }
    GaussIntegrator rule = FACTORY.hermite(n);
    RealMatrix l = new CholeskyDecomposition(MatrixUtils.createRealMatrix(q.cov())).getL();
    double[] mu = q.mu();
    int[] idx = new int[dim]; // the current node, one index per coordinate
    double[] u = new double[dim];
    double[] z = new double[dim];
    double sum = 0;
    for (long node = 0; node < (long) Math.pow(n, dim); node++) {
      double w = 1;
      for (int d = 0; d < dim; d++) {
        u[d] = Math.sqrt(2) * rule.getPoint(idx[d]);
        w *= rule.getWeight(idx[d]);
      }
      // z = μ + L·√2·u
      for (int a = 0; a < dim; a++) {
        z[a] = mu[a];
        for (int b = 0; b <= a; b++) {
          z[a] += l.getEntry(a, b) * u[b];
        }
      }
      sum += w * g.applyAsDouble(z);
      for (int d = 0; d < dim && ++idx[d] == n; d++) { // next node, like an odometer
        idx[d] = 0;
      }
    }
    return sum / Math.pow(Math.PI, dim / 2.0);
  }
}
