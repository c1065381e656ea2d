import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vae.book.Chapter;
import vae.data.Digits;
import vae.model.Dataset;
import vae.model.Vae;
import vae.nn.Activation;
import vae.prob.MonteCarlo;

/** Chapter 07: LS-4, LS-5, LS-7 with the chapter's quick settings. */
class TradeoffTest {
  static final Digits DIGITS = Digits.load();
  /** One sweep per seed, shared by the LS-4 and LS-5 tests. */
  static final Map<Long, Ch07DecodersAndTradeoff.Sweep> SWEEPS = new ConcurrentHashMap<>();

  static Ch07DecodersAndTradeoff.Sweep sweep(long seed) {
    return SWEEPS.computeIfAbsent(seed, s -> Ch07DecodersAndTradeoff.sweep(DIGITS, 20, s, false));
  }

  @ParameterizedTest
  @MethodSource("Stress#seeds")
  void LS_4_largerCLowersTheRateAndRaisesTheDistortion(long seed) {
    Ch07DecodersAndTradeoff.Sweep s = sweep(seed);
    // the ledger's rule: every step's paired change over the test images exceeds 4 SE
    assertThat(Ch07DecodersAndTradeoff.leastStepZ(s.rateByImage(), -1)).as("rate").isGreaterThan(4);
    assertThat(Ch07DecodersAndTradeoff.leastStepZ(s.distortionByImage(), +1)).as("distortion")
        .isGreaterThan(4);
    for (int i = 0; i < Ch07DecodersAndTradeoff.C.length; i++) {
      // the per-image rates average to the mean KL that evaluate() reports (the same closed form)
      double meanRate = Arrays.stream(s.rateByImage()[i]).average().orElseThrow();
      assertThat(meanRate).isCloseTo(s.rate()[i], within(1e-9));
    }
  }

  @Test
  void LS_4_leastStepZIsTheSmallestPairedChangeInSeUnits() {
    // two images; steps: +1, +3 (mean 2, SE 1) then −1, +1 (mean 0): least is 0
    double[][] v = {{0, 0}, {1, 3}, {0, 4}};
    assertThat(Ch07DecodersAndTradeoff.leastStepZ(v, +1)).isCloseTo(0, within(1e-12));
    double[][] up = {{0, 0}, {1, 3}, {3, 7}}; // steps (1, 3): 2 SE; (2, 4): 3 SE
    assertThat(Ch07DecodersAndTradeoff.leastStepZ(up, +1)).isCloseTo(2, within(1e-12));
    assertThat(Ch07DecodersAndTradeoff.leastStepZ(up, -1)).isCloseTo(-3, within(1e-12));
  }

  @ParameterizedTest
  @MethodSource("Stress#seeds")
  void LS_5_atVeryLargeCTheKlVanishesAndReconstructionsFallToTheMeanImage(long seed) {
    Ch07DecodersAndTradeoff.Collapse c = sweep(seed).collapse();
    // I(x;z) ≤ mean KL < log 2: z cannot tell even two images apart
    assertThat(c.kl()).isLessThan(Math.log(2));
    for (int j = 0; j < c.toMean().length; j++) {
      assertThat(c.toMean()[j]).as("test image %d", j).isLessThan(c.toOwn()[j]);
    }
  }

  @ParameterizedTest
  @MethodSource("Stress#seeds")
  void LS_7_expectedLogLikelihoodIsNotTheLogOfTheExpectedLikelihood(long seed) {
    Vae vae = new Vae(new Vae.Config(64, new int[] {64}, 4, Activation.Kind.LEAKY_RELU, "categorical:17"), MonteCarlo.rng(seed));
    Dataset train = Dataset.digits(DIGITS.train, vae.likelihood());
    Ch07DecodersAndTradeoff.fit(vae, train, 3, seed, null, null);
    Ch07DecodersAndTradeoff.Jensen j = Ch07DecodersAndTradeoff.jensen(vae, Dataset.digits(DIGITS.test, vae.likelihood()).head(1), 2000, seed + 1);
    // Jensen: log E[p] ≥ E[log p]; the gap is real, beyond 4 SE
    assertThat(j.gap()).isGreaterThan(4 * j.gapSe());
  }

  @Test
  void chapterRunsQuickAndRejectsUnknownFlags() {
    assertThat(QuickRuns.of(Ch07DecodersAndTradeoff.class).exit()).isZero();
    assertThat(Chapter.run(new Ch07DecodersAndTradeoff(), "--bogus")).isEqualTo(2);
  }
}
