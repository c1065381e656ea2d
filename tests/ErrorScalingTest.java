import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vae.prob.ErrorScaling;
import vae.prob.Estimate;
import vae.prob.Histogram;
import vae.prob.MonteCarlo;

/** Error scaling (RMS error, log–log slope) and histograms: exact cases and preconditions. */
class ErrorScalingTest {
  @Test
  void slopeOfAnExactPowerLawIsItsExponent() {
    double[] x = {1, 10, 100, 1000};
    double[] y = {3, 3 / Math.sqrt(10), 0.3, 3 / Math.sqrt(1000)}; // y = 3 x^(−1/2)
    ErrorScaling.Slope s = ErrorScaling.logLogSlope(x, y);
    assertThat(s.slope()).isCloseTo(-0.5, within(1e-12));
    assertThat(s.se()).isCloseTo(0, within(1e-12));
  }

  @Test
  void rmsErrorOfAConstantDrawIsItsOffset() {
    Estimate e = ErrorScaling.rmsError(10, 5, MonteCarlo.rng(1), r -> 2.5, 2.0);
    assertThat(e.mean()).isCloseTo(0.5, within(1e-15));
  }

  @Test
  void histogramDensityIntegratesToTheFractionInside() {
    double[] xs = {0.1, 0.2, 0.7, 0.95, 1.5}; // 4 of 5 inside [0, 1)
    Histogram h = Histogram.of(xs, 0, 1, 4);
    assertThat(h.counts()).containsExactly(2, 0, 1, 1);
    double area = 0;
    for (double d : h.density()) {
      area += d * h.binWidth();
    }
    assertThat(area).isCloseTo(0.8, within(1e-12));
    assertThat(h.edges()).containsExactly(new double[] {0, 0.25, 0.5, 0.75, 1}, within(1e-15));
  }

  @Test
  void preconditionsNameTheBadValue() {
    assertThatThrownBy(() -> ErrorScaling.logLogSlope(new double[] {1, 2, 3}, new double[] {1, 0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[1]=0");
    assertThatThrownBy(() -> ErrorScaling.rmsError(10, 1, MonteCarlo.rng(1), r -> 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs=1");
    assertThatThrownBy(() -> Histogram.of(new double[] {1}, 1, 0, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lo=1");
  }
}
