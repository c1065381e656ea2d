package vae.prob;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * Kolmogorov–Smirnov checks that draws follow a distribution: the p-value of standardised draws
 * against N(0, 1), and the distance that rejects a wrong target. Introduced in chapter 04.
 */
public final class GoodnessOfFit {
  private GoodnessOfFit() {}

  /**
   * The KS p-value of the standardised draws (z_d − μ_d)/σ_d against N(0, 1), all coordinates of
   * {@code z} ({@code [D][n]}) pooled.
   *
   * @throws IllegalArgumentException if z, mu and sigma differ in length (D)
   */
  public static double standardNormalP(double[][] z, double[] mu, double[] sigma) {
    if (z.length != mu.length || z.length != sigma.length) {
      throw new IllegalArgumentException("z has " + z.length + " coordinates but mu " + mu.length
          + " and sigma " + sigma.length + ": give one μ and σ per row of z");
    }
    double[] std = IntStream.range(0, z.length).boxed()
        .flatMapToDouble(d -> Arrays.stream(z[d]).map(v -> (v - mu[d]) / sigma[d])).toArray();
    return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(null, 0, 1),
        std);
  }

  /**
   * The KS distance √(ln(2/α)/(2n)) that the empirical CDF of n draws from the true F exceeds with
   * probability at most α (the Dvoretzky–Kiefer–Wolfowitz bound): a larger distance to a target
   * rejects it at level α.
   *
   * @throws IllegalArgumentException if α is not in (0, 1) or n &lt; 1
   */
  public static double criticalDistance(double alpha, int n) {
    if (!(alpha > 0 && alpha < 1) || n < 1) {
      throw new IllegalArgumentException("need 0 < α < 1 and n ≥ 1, got α = " + alpha + ", n = "
          + n);
    }
    return Math.sqrt(Math.log(2 / alpha) / (2 * n));
  }
}
