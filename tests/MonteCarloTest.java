import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import vae.prob.Estimate;
import vae.prob.MonteCarlo;

/** The Monte Carlo estimator: mean and standard error from the same draws, seeded. */
class MonteCarloTest {
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  void meanOfUniformIsOneHalfWithinFourStandardErrors(long seed) {
    Estimate e = MonteCarlo.estimate(10_000, MonteCarlo.rng(seed), r -> r.nextDouble());
    // exact: E[U] = 1/2; SE should be close to sqrt(1/12 / n) = 0.002887
    assertThat(e.zScore(0.5)).isLessThanOrEqualTo(4.0);
    assertThat(e.se()).isBetween(0.0027, 0.0031);
  }

  @Test
  void sameSeedSameNumbers() {
    Estimate a = MonteCarlo.estimate(1000, MonteCarlo.rng(7), r -> r.nextGaussian());
    Estimate b = MonteCarlo.estimate(1000, MonteCarlo.rng(7), r -> r.nextGaussian());
    assertThat(a).isEqualTo(b);
  }

  @Test
  void ofAgreesWithTextbookFormula() {
    // values 1,2,3,4: mean 2.5, sample variance 5/3, SE sqrt(5/3/4)
    Estimate e = MonteCarlo.of(new double[] {1, 2, 3, 4});
    assertThat(e.mean()).isEqualTo(2.5);
    assertThat(e.se()).isCloseTo(Math.sqrt(5.0 / 3 / 4), org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void oneSampleIsRejected() {
    assertThatThrownBy(() -> MonteCarlo.estimate(1, MonteCarlo.rng(1), r -> 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n=1");
  }
}
