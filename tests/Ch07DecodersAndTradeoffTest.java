import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.data.Digits;
import vae.model.Collapse;
import vae.model.Dataset;
import vae.model.RateDistortion;
import vae.model.Trainer;
import vae.model.Vae;
import vae.nn.Activation;
import vae.prob.JensenGap;
import vae.prob.MonteCarlo;
import vae.prob.PairedSteps;

/** Chapter 07: LS-4, LS-5, LS-7 with the chapter's quick settings. */
class Ch07DecodersAndTradeoffTest {
  static final Digits DIGITS = Digits.load();
  /** One sweep per seed, shared by the LS-4 and LS-5 tests. */
  static final Map<Long, List<Ch07DecodersAndTradeoff.Run>> SWEEPS = new ConcurrentHashMap<>();

  static List<Ch07DecodersAndTradeoff.Run> sweep(long seed) {
    return SWEEPS.computeIfAbsent(seed, s -> Ch07DecodersAndTradeoff.sweep(DIGITS, 20, options(s),
        false));
  }

  static ChapterOptions options(long seed) {
    ChapterOptions o = new ChapterOptions();
    o.seed = seed;
    return o;
  }

  static double[][] perImage(List<Ch07DecodersAndTradeoff.Run> runs,
      Function<RateDistortion, double[]> cost) {
    return runs.stream().map(r -> cost.apply(r.byImage())).toArray(double[][]::new);
  }

  @ParameterizedTest
  @MethodSource("Stress#seeds")
  @Tag("LS-4")
  void LS_4_largerCLowersTheRateAndRaisesTheDistortion(long seed) {
    List<Ch07DecodersAndTradeoff.Run> s = sweep(seed).subList(0, Ch07DecodersAndTradeoff.C.length);
    // the ledger's rule: every step's paired change over the test images exceeds 4 SE
    assertThat(PairedSteps.leastZ(perImage(s, RateDistortion::rate), -1)).as("rate")
        .isGreaterThan(4);
    assertThat(PairedSteps.leastZ(perImage(s, RateDistortion::distortion), +1)).as("distortion")
        .isGreaterThan(4);
    for (Ch07DecodersAndTradeoff.Run r : s) {
      // the per-image rates average to the mean KL that evaluate() reports (the same closed form)
      double meanRate = Arrays.stream(r.byImage().rate()).average().orElseThrow();
      assertThat(meanRate).isCloseTo(r.rate(), within(1e-9));
    }
  }

  @Test
  @Tag("LS-4")
  void LS_4_leastStepZIsTheSmallestPairedChangeInSeUnits() {
    // two images; steps: +1, +3 (mean 2, SE 1) then −1, +1 (mean 0): least is 0
    double[][] v = {{0, 0}, {1, 3}, {0, 4}};
    assertThat(PairedSteps.leastZ(v, +1)).isCloseTo(0, within(1e-12));
    double[][] up = {{0, 0}, {1, 3}, {3, 7}}; // steps (1, 3): 2 SE; (2, 4): 3 SE
    assertThat(PairedSteps.leastZ(up, +1)).isCloseTo(2, within(1e-12));
    assertThat(PairedSteps.leastZ(up, -1)).isCloseTo(-3, within(1e-12));
  }

  @ParameterizedTest
  @MethodSource("Stress#seeds")
  @Tag("LS-5")
  void LS_5_atVeryLargeCTheKlVanishesAndReconstructionsFallToTheMeanImage(long seed) {
    List<Ch07DecodersAndTradeoff.Run> runs = sweep(seed);
    Ch07DecodersAndTradeoff.Run last = runs.get(runs.size() - 1);
    assertThat(last.c()).isEqualTo(Ch07DecodersAndTradeoff.C_COLLAPSE);
    Collapse c = Collapse.of(last.vae(), Dataset.digits(DIGITS.train, last.vae().likelihood()),
        Dataset.digits(DIGITS.test, last.vae().likelihood()), last.rate());
    // I(x;z) ≤ mean KL < log 2: z cannot tell even two images apart
    assertThat(c.kl()).isLessThan(Math.log(2));
    for (int j = 0; j < c.toMean().length; j++) {
      assertThat(c.toMean()[j]).as("test image %d", j).isLessThan(c.toOwn()[j]);
    }
  }

  @ParameterizedTest
  @MethodSource("Stress#seeds")
  @Tag("LS-7")
  void LS_7_expectedLogLikelihoodIsNotTheLogOfTheExpectedLikelihood(long seed) {
    Vae vae = new Vae(new Vae.Config(64, new int[] {64}, 4, Activation.Kind.LEAKY_RELU,
        "categorical:17"), MonteCarlo.rng(seed));
    Dataset train = Dataset.digits(DIGITS.train, vae.likelihood());
    Trainer.fit(vae, train, null, Trainer.Options.adam(3, 64, 2e-3, 0), MonteCarlo.rng(seed), null);
    JensenGap j = Ch07DecodersAndTradeoff.jensen(vae,
        Dataset.digits(DIGITS.test, vae.likelihood()).head(1), 2000, MonteCarlo.rng(seed + 1));
    // Jensen: log E[p] ≥ E[log p]; the gap is real, beyond 4 SE
    assertThat(j.gap()).isGreaterThan(4 * j.gapSe());
  }

  @Test
  void chapterRunsQuickAndRejectsUnknownFlags() {
    assertThat(QuickRuns.of(Ch07DecodersAndTradeoff.class).exit()).isZero();
    assertThat(Chapter.run(new Ch07DecodersAndTradeoff(), "--bogus")).isEqualTo(2);
  }
}
