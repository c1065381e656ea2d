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

  /**
   * The prior with log-density log p(z) + c: not a density for c ≠ 0 (it integrates to e^c), as a
   * flow prior that counts its log-determinant twice. For showing that a mass check catches it.
   */
  public static Prior shifted(Prior p, double c) {
    return new Prior() {
      @Override
      public String spec() {
        return p.spec() + " + " + c + " nats";
      }

      @Override
      public int dim() {
        return p.dim();
      }

      @Override
      public double[] logDensity(double[][] z) {
        double[] l = p.logDensity(z);
        for (int r = 0; r < l.length; r++) {
          l[r] += c;
        }
        return l;
      }

      @Override
      public void addLogDensityGradient(double[] w, double[][] z, double[][] dz, double[] dt) {
        p.addLogDensityGradient(w, z, dz, dt);
      }

      @Override
      public double[][] sample(int n, SplittableRandom rng) {
        return p.sample(n, rng);
      }
    };
  }

  /** The grid's result: the mass, the spacing h, the box [lo, hi]² and σ_min of the components. */
  public record Grid(double mass, double h, double lo, double hi, double sigmaMin) {
    /**
     * How far the mass of a density covered by the components may lie from 1: the midpoint
     * rule's aliasing error on a Gaussian of standard deviation σ ≥ σ_min, at most
     * 2·exp(−2π²σ_min²/h²) per axis, so twice that, plus 1e-9 for the tails beyond 10 σ and the
     * rounding of the sum.
     */
    public double tolerance() {
      return 4 * Math.exp(-2 * Math.PI * Math.PI * sigmaMin * sigmaMin / (h * h)) + 1e-9;
    }
  }

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
    double sum = 0;
    for (double[] row : densityOnGrid(p, lo, hi, n)) {
      for (double v : row) {
        sum += v;
      }
    }
    return new Grid(sum * h * h, h, lo, hi, sMin);
  }

  /**
   * p(z) at the midpoints of an n × n grid on [lo, hi]²: entry [i][j] at
   * (lo + (i + ½)·h, lo + (j + ½)·h), h = (hi − lo)/n.
   *
   * @throws IllegalArgumentException if the prior is not 2-D, n &lt; 1 or lo ≥ hi
   */
  public static double[][] densityOnGrid(Prior p, double lo, double hi, int n) {
    if (p.dim() != 2 || n < 1 || !(lo < hi)) {
      throw new IllegalArgumentException("need a 2-D prior, n ≥ 1 and lo < hi, got "
          + p.dim() + " dimensions, n=" + n + " on [" + lo + ", " + hi + "]");
    }
    double h = (hi - lo) / n;
    double[][] z = new double[n * n][];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        z[i * n + j] = new double[] {lo + (i + 0.5) * h, lo + (j + 0.5) * h};
      }
    }
    double[] logP = p.logDensity(z);
    double[][] out = new double[n][n];
    for (int r = 0; r < logP.length; r++) {
      out[r / n][r % n] = Math.exp(logP[r]);
    }
    return out;
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
