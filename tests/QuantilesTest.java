import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vae.prob.Quantiles;

/** Medians by hand. */
class QuantilesTest {
  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Quantiles.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(Quantiles.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
    assertThatThrownBy(() -> Quantiles.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void binnedMediansFollowAStep() {
    // x = 0…9, y = 0 for x < 5 and 10 above: two bins give medians 0 and 10
    double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    double[] y = {0, 0, 0, 0, 0, 10, 10, 10, 10, 10};
    Quantiles.Binned b = Quantiles.binnedMedians(x, y, 2);
    assertThat(b.medians()).containsExactly(0, 10);
    assertThat(b.centres()).containsExactly(2.25, 6.75);
  }
}
