package vae.prob;

import java.util.SplittableRandom;

/**
 * ∫ p(z) dz for a prior given as a log-density, two independent ways: a midpoint grid over a
 * 2-D latent, and importance sampling from a widened equal-weight mixture in any dimension. A
 * correct density gives 1; a log-density off by a constant (a log-determinant counted twice)
 * gives e^constant. Chapter 09.
 */
public final class PriorMass {
  /** Grid cells per side at most (the grid's spacing is then printed with the result). */
  public static final int MAX_CELLS = 1500;

  private PriorMass() {}

  /** The grid's result: the mass, the spacing h, the box [lo, hi]² and σ_min of the components. */
  public record Grid(double mass, double h, double lo, double hi, double sigmaMin) {}

  /**
   * Σ p(z_ij)·h² over the midpoints z_ij of a square grid on a 2-D latent, the box reaching 10
   * standard deviations beyond every component N(μ_k, σ_k²) that covers p (tails below 1e-22),
   * cells of side h ≤ σ_min/2 where that fits in {@link #MAX_CELLS} per side.
   *
   * @throws IllegalArgumentException if the prior is not 2-D or there is no component
   */
  public static Grid grid(Prior p, double[][] mu, double[][] logVar) {
    if (p.dim() != 2 || mu.length == 0) {
      throw new IllegalArgumentException("the grid integrates a 2-D prior given its components, "
          + "got " + p.dim() + " dimensions and " + mu.length + " components");
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    double sMin = Double.POSITIVE_INFINITY;
    for (int k = 0; k < mu.length; k++) {
      for (int d = 0; d < 2; d++) {
        double s = Math.exp(0.5 * logVar[k][d]);
        lo = Math.min(lo, mu[k][d] - 10 * s);
        hi = Math.max(hi, mu[k][d] + 10 * s);
        sMin = Math.min(sMin, s);
      }
    }
    int n = (int) Math.min(MAX_CELLS, Math.ceil((hi - lo) / (sMin / 2)));
    double h = (hi - lo) / n;
    double[][] z = new double[n * n][];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        z[i * n + j] = new double[] {lo + (i + 0.5) * h, lo + (j + 0.5) * h};
      }
    }
    double sum = 0;
    for (double v : p.logDensity(z)) {
      sum += Math.exp(v);
    }
    return new Grid(sum * h * h, h, lo, hi, sMin);
  }

  /**
   * E_r[p(z)/r(z)] = ∫ p from {@code samples} draws of r, the equal-weight mixture of
   * {@code components} with every standard deviation times {@code widen} (≥ 1 keeps the ratio
   * bounded where p is a mixture of those components).
   *
   * @throws IllegalArgumentException if samples &lt; 2, widen &lt; 1, or the dimensions differ
   */
  public static Estimate importance(Prior p, AggregatePosterior components, double widen,
      int samples, SplittableRandom rng) {
    if (samples < 2 || !(widen >= 1) || components.dim() != p.dim()) {
      throw new IllegalArgumentException("need ≥ 2 samples, widen ≥ 1 and a proposal in "
          + p.dim() + " dimensions, got " + samples + ", " + widen + ", " + components.dim());
    }
    AggregatePosterior r = components.widened(widen);
    double[][] z = r.sample(samples, rng, null);
    double[] logP = p.logDensity(z);
    double[] w = new double[samples];
    for (int s = 0; s < samples; s++) {
      w[s] = Math.exp(logP[s] - r.logDensity(z[s]));
    }
    return MonteCarlo.of(w);
  }
}
