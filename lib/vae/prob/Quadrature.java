package vae.prob;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Deterministic integrals by composite Gauss–Legendre quadrature (rules from commons-math): the
 * third way to check a closed form besides algebra and Monte Carlo. Introduced in chapter 02
 * (claim KL-4).
 */
public final class Quadrature {
  /** Points per panel: a 20-point rule integrates polynomials up to degree 39 exactly. */
  public static final int POINTS = 20;

  /** Half-width, in standard deviations, of the range that stands in for (−∞, ∞): φ(12) ≈ 2e-32. */
  public static final double HALF_WIDTH = 12;

  private static final GaussIntegratorFactory FACTORY = new GaussIntegratorFactory();

  private Quadrature() {}

  /**
   * ∫_lo^hi f(x) dx with a 20-point Gauss–Legendre rule on each of {@code panels} equal panels.
   *
   * @throws IllegalArgumentException if lo ≥ hi or panels &lt; 1
   */
  public static double integrate(DoubleUnaryOperator f, double lo, double hi, int panels) {
    if (!(lo < hi) || panels < 1) {
      throw new IllegalArgumentException("need lo < hi and panels ≥ 1, got [" + lo + ", " + hi + "] and "
          + panels + " panels");
    }
    double width = (hi - lo) / panels;
    double sum = 0;
    for (int k = 0; k < panels; k++) {
      double a = lo + k * width;
      GaussIntegrator rule = FACTORY.legendre(POINTS, a, k == panels - 1 ? hi : a + width);
      sum += rule.integrate(f::applyAsDouble);
    }
    return sum;
  }

  /**
   * E_q[g(x)] = ∫ q(x) g(x) dx for q = N(μ, σ²), computed in the standard variable t = (x − μ)/σ
   * as ∫ φ(t) g(μ + σt) dt over |t| ≤ 12 with panels of width 1 (accurate to ~1e-14 for smooth,
   * slowly growing g such as polynomials and log-densities).
   */
  public static double expect(Gaussian1D q, DoubleUnaryOperator g) {
    return integrate(t -> Gaussian1D.STANDARD.density(t) * g.applyAsDouble(q.mu() + q.sigma() * t),
        -HALF_WIDTH, HALF_WIDTH, (int) (2 * HALF_WIDTH));
  }

  /** E_p[g(x)] = Σ_k w_k E_{N_k}[g(x)] for a Gaussian mixture p. */
  public static double expect(GaussianMixture1D p, DoubleUnaryOperator g) {
    double s = 0;
    for (int k = 0; k < p.size(); k++) {
      s += p.weight(k) * expect(p.component(k), g);
    }
    return s;
  }
}
