import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vae.prob.Discrete;
import vae.prob.Estimate;
import vae.prob.MonteCarlo;

/** Claims INF-1 and INF-2 (chapter 02): self-information, entropy, cross-entropy. */
class DiscreteTest {
  @Test
  @Tag("INF-1")
  void INF_1_selfInformationIsDecreasingZeroAtOneAndAdditive() {
    SplittableRandom rng = MonteCarlo.rng(Stress.SEED);
    assertThat(Discrete.selfInformation(1)).isZero();
    assertThat(Discrete.selfInformation(0.5)).isCloseTo(Math.log(2), within(1e-15)); // 1 bit = ln 2 nats
    for (int i = 0; i < 10_000; i++) {
      double p = 1 - rng.nextDouble();
      double q = 1 - rng.nextDouble();
      assertThat(Discrete.selfInformation(p * q))
          .isCloseTo(Discrete.selfInformation(p) + Discrete.selfInformation(q), within(1e-12));
      if (p < q) {
        assertThat(Discrete.selfInformation(p)).isGreaterThan(Discrete.selfInformation(q));
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  @Tag("INF-2")
  void INF_2_entropyIsTheMeanSurpriseAndCrossEntropyIsEntropyPlusKl(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    Discrete p = Discrete.random(6, rng);
    // H(P) = E_P[−log P(X)]: Monte Carlo within 4 SE
    Estimate h = MonteCarlo.estimate(40_000, rng, r -> -Math.log(p.p(p.sample(r))));
    assertThat(h.zScore(p.entropy())).isLessThanOrEqualTo(4.0);
    for (int i = 0; i < 1_000; i++) {
      Discrete a = Discrete.random(6, rng);
      Discrete b = Discrete.random(6, rng);
      assertThat(a.crossEntropy(b)).isCloseTo(a.entropy() + a.klTo(b), within(1e-12));
    }
  }

  @Test
  @Tag("INF-2")
  void INF_2_knownValues() {
    // by hand: a fair coin has entropy ln 2; a certain outcome has entropy 0 (0·log 0 = 0)
    assertThat(Discrete.of(0.5, 0.5).entropy()).isCloseTo(Math.log(2), within(1e-15));
    assertThat(Discrete.of(1, 0, 0).entropy()).isZero();
    // H(P, Q) with Q(x) = 0 where P(x) > 0 is infinite, and so is KL(P‖Q)
    assertThat(Discrete.of(0.5, 0.5).crossEntropy(Discrete.of(1, 0))).isInfinite();
    assertThat(Discrete.of(0.5, 0.5).klTo(Discrete.of(1, 0))).isInfinite();
  }
}
