import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import vae.prob.DiagGaussian;

/** The diagonal Gaussian: density against commons-math, KL at known points, preconditions. */
class DiagGaussianTest {
  @Test
  void logDensityIsTheSumOfOneDimensionalNormalLogDensities() {
    double[] mu = {0.3, -1.2, 2.0};
    double[] sigma = {0.5, 1.7, 0.9};
    double[] z = {0.1, 0.4, 2.5};
    DiagGaussian q = DiagGaussian.ofSigma(mu, sigma);
    double expected = 0; // reference: commons-math NormalDistribution.logDensity
    for (int d = 0; d < 3; d++) {
      expected += new NormalDistribution(mu[d], sigma[d]).logDensity(z[d]);
    }
    assertThat(q.logDensity(z)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void klToStandardNormalIsZeroAtTheStandardNormalAndKnownElsewhere() {
    assertThat(DiagGaussian.standard(4).klToStandardNormal()).isZero();
    // closed form by hand: μ = 1, σ = 1 gives ½(1 + 1 − 0 − 1) = 0.5
    assertThat(DiagGaussian.ofSigma(new double[] {1}, new double[] {1}).klToStandardNormal())
        .isCloseTo(0.5, within(1e-15));
  }

  @Test
  void reparameterizeMapsEpsilonThroughMuAndSigma() {
    DiagGaussian q = DiagGaussian.ofSigma(new double[] {1, -2}, new double[] {3, 0.5});
    assertThat(q.reparameterize(new double[] {0.5, -2})).containsExactly(new double[] {2.5, -3}, within(1e-15));
  }

  @Test
  void nonPositiveSigmaIsRejectedNamingTheValue() {
    assertThatThrownBy(() -> DiagGaussian.ofSigma(new double[] {0, 0}, new double[] {1, -0.5}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sigma[1]").hasMessageContaining("-0.5");
    assertThatThrownBy(() -> new DiagGaussian(new double[] {0}, new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
  }
}
