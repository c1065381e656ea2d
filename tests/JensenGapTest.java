import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vae.prob.JensenGap;
import vae.prob.MonteCarlo;

/** Both sides of Jensen's inequality for the log, against sums written out (LS-7's estimator). */
class JensenGapTest {
  @Test
  void bothSidesByHandAndTheGapIsZeroForEqualValues() {
    double[] logs = {Math.log(1), Math.log(3)}; // p = 1, 3
    JensenGap j = JensenGap.of(logs);
    assertThat(j.meanOfLogs().mean()).isCloseTo(Math.log(3) / 2, within(1e-15));
    assertThat(j.logOfMean()).isCloseTo(Math.log(2), within(1e-15));
    // delta method: SE(p̄)/p̄ with p = 1, 3: sd 1.414…, SE 1, p̄ 2
    assertThat(j.logOfMeanSe()).isCloseTo(0.5, within(1e-12));
    assertThat(j.gap()).isCloseTo(Math.log(2) - Math.log(3) / 2, within(1e-15));
    JensenGap flat = JensenGap.of(new double[] {-700, -700, -700});
    assertThat(flat.gap()).isCloseTo(0, within(1e-12));
    assertThat(flat.gapSe()).isZero();
  }

  @Test
  void largeNegativeLogsStayFiniteAndTheGapIsNonNegative() {
    double[] logs = MonteCarlo.gaussians(1000, 3, MonteCarlo.rng(7));
    double[] shifted = Arrays.stream(logs).map(l -> l - 1000).toArray(); // p = e^-1000: underflows
    JensenGap j = JensenGap.of(shifted);
    assertThat(j.logOfMean()).isFinite();
    assertThat(j.gap()).isCloseTo(JensenGap.of(logs).gap(), within(1e-9)).isPositive();
    assertThatThrownBy(() -> JensenGap.of(new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
