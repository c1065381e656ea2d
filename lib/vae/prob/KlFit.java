package vae.prob;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fitting one Gaussian q to a mixture p by minimising a KL divergence in either direction, each
 * KL computed by quadrature: forward KL(p‖q) covers all of p's mass, reverse KL(q‖p) seeks one
 * mode. Introduced in chapter 02 (claim KL-3).
 */
public final class KlFit {
  private KlFit() {}

  /** KL(p ‖ q) = E_p[log p(x) − log q(x)]  ("forward": the expectation is under the target p). */
  public static double forwardKl(GaussianMixture1D p, Gaussian1D q) {
    return Quadrature.expect(p, x -> p.logDensity(x) - q.logDensity(x));
  }

  /** KL(q ‖ p) = E_q[log q(x) − log p(x)]  ("reverse": the expectation is under the fit q). */
  public static double reverseKl(GaussianMixture1D p, Gaussian1D q) {
    return Quadrature.expect(q, x -> q.logDensity(x) - p.logDensity(x));
  }

  /** argmin over q = N(μ, σ²) of KL(p ‖ q), by Nelder–Mead in (μ, log σ) from {@code start}. */
  public static Gaussian1D fitForward(GaussianMixture1D p, Gaussian1D start) {
    return minimise(q -> forwardKl(p, q), start);
  }

  /** argmin over q = N(μ, σ²) of KL(q ‖ p), by Nelder–Mead in (μ, log σ) from {@code start}. */
  public static Gaussian1D fitReverse(GaussianMixture1D p, Gaussian1D start) {
    return minimise(q -> reverseKl(p, q), start);
  }

  private static Gaussian1D minimise(java.util.function.ToDoubleFunction<Gaussian1D> kl, Gaussian1D start) {
    SimplexOptimizer opt = new SimplexOptimizer(1e-13, 1e-15);
    PointValuePair best = opt.optimize(new MaxEval(5_000), GoalType.MINIMIZE,
        new InitialGuess(new double[] {start.mu(), Math.log(start.sigma())}),
        new NelderMeadSimplex(new double[] {0.5, 0.3}),
        new ObjectiveFunction(v -> kl.applyAsDouble(new Gaussian1D(v[0], Math.exp(v[1])))));
    double[] v = best.getPoint();
    return new Gaussian1D(v[0], Math.exp(v[1]));
  }
}
