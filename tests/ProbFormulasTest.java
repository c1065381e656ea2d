import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vae.prob.Estimate;
import vae.prob.Gaussian1D;
import vae.prob.GaussianMixture1D;
import vae.prob.LogSumExp;
import vae.prob.MonteCarlo;
import vae.prob.Quadrature;

/**
 * Small formulas of vae.prob that no chapter check reaches in every term: each test compares with
 * a value worked out by hand or by another method, so that a one-token change fails it (the gaps
 * PIT found, docs/MUTATION.md).
 */
class ProbFormulasTest {
  // ---- Gaussian1D ----

  @Test
  void entropyIsHalfLogTwoPiESigmaSquaredAndTheMeanOfMinusLogQ() {
    for (double sigma : new double[] {0.3, 1.0, 2.5}) {
      Gaussian1D q = new Gaussian1D(0.7, sigma);
      double byHand = 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma);
      assertThat(q.entropy()).as("σ=%s", sigma).isCloseTo(byHand, within(1e-12));
      assertThat(q.entropy()).isCloseTo(Quadrature.expect(q, x -> -q.logDensity(x)), within(1e-10));
    }
  }

  @Test
  void anInfiniteSigmaIsRejectedNamingIt() {
    assertThatThrownBy(() -> new Gaussian1D(0, Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got Infinity");
  }

  // ---- LogSumExp ----

  @Test
  void logSumExpShiftsByTheMaximumSoHugeAndTinyTermsSurvive() {
    double log2 = Math.log(2);
    assertThat(LogSumExp.of(new double[] {1000, 1000})).isCloseTo(1000 + log2, within(1e-12));
    assertThat(LogSumExp.of(new double[] {-1000, -1000})).isCloseTo(-1000 + log2, within(1e-12));
    // the shift is the maximum, not any term: e^(1000 − 0) would overflow
    assertThat(LogSumExp.of(new double[] {1000, 0})).isEqualTo(1000);
    // the maximum exactly 1: log(e + 1)
    double byHand = Math.log(Math.E + 1);
    assertThat(LogSumExp.of(new double[] {1.0, 0.0})).isCloseTo(byHand, within(1e-15));
    // a range: log(e⁰ + e⁰) over [1, 3)
    assertThat(LogSumExp.of(new double[] {50, 0, 0, 50}, 1, 3)).isCloseTo(log2, within(1e-15));
  }

  @Test
  void logSumExpEdgeCases() {
    double inf = Double.POSITIVE_INFINITY;
    assertThat(LogSumExp.of(new double[0])).isEqualTo(-inf);
    assertThat(LogSumExp.of(new double[] {-inf, -inf})).isEqualTo(-inf);
    assertThat(LogSumExp.of(new double[] {inf, 0})).isEqualTo(inf);
    assertThat(LogSumExp.of(new double[] {Double.NaN, 0})).isNaN();
  }

  @Test
  void logMeanExpIsTheLogOfTheMeanOfTheWeights() {
    double log2 = Math.log(2);
    assertThat(LogSumExp.logMeanExp(new double[] {0, Math.log(3)})).isCloseTo(log2, within(1e-15));
    assertThat(LogSumExp.logMeanExp(new double[] {-800, -800 + Math.log(3)}))
        .isCloseTo(-800 + log2, within(1e-12));
    assertThatThrownBy(() -> LogSumExp.logMeanExp(new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
  }

  // ---- Estimate and MonteCarlo ----

  @Test
  void intervalAndZScoreByHand() {
    Estimate e = new Estimate(2.0, 0.5, 10);
    assertThat(e.interval95()).containsExactly(new double[] {1.02, 2.98}, within(1e-15));
    assertThat(e.zScore(3.0)).isEqualTo(2.0); // mean below the exact value: still positive
    assertThat(e.zScore(1.5)).isEqualTo(1.0);
  }

  @Test
  void twoDrawsAreEnoughAndTheirStandardErrorIsHalfTheirDistance() {
    // values a, b: mean (a+b)/2, s² = (a−b)²/2, SE = √(s²/2) = |a−b|/2
    double[] xs = {1, 4};
    int[] next = {0};
    Estimate e = MonteCarlo.estimate(2, MonteCarlo.rng(1), r -> xs[next[0]++]);
    assertThat(e.mean()).isEqualTo(2.5);
    assertThat(e.se()).isCloseTo(1.5, within(1e-15));
    assertThat(MonteCarlo.of(xs).se()).isCloseTo(1.5, within(1e-15));
    assertThatThrownBy(() -> MonteCarlo.of(new double[] {3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1");
  }

  @Test
  void theStandardErrorUsesTheSpreadAroundTheMeanNotTheSecondMoment() {
    // far from 0 the mean square and the variance differ: values 10, 11, 12, 13 have s² = 5/3
    double[] xs = {10, 11, 12, 13};
    int[] next = {0};
    Estimate e = MonteCarlo.estimate(4, MonteCarlo.rng(1), r -> xs[next[0]++]);
    assertThat(e.mean()).isEqualTo(11.5);
    assertThat(e.se()).isCloseTo(Math.sqrt(5.0 / 3 / 4), within(1e-14));
    assertThat(MonteCarlo.of(xs).se()).isCloseTo(Math.sqrt(5.0 / 3 / 4), within(1e-14));
  }

  @Test
  void gaussiansAreSigmaTimesTheGeneratorsNormalsInOrder() {
    SplittableRandom mine = MonteCarlo.rng(5);
    double[] a = MonteCarlo.gaussians(3, 0.5, MonteCarlo.rng(5));
    double[] byHand = {0.5 * mine.nextGaussian(), 0.5 * mine.nextGaussian(),
        0.5 * mine.nextGaussian()};
    assertThat(a).containsExactly(byHand, within(0.0));
    assertThat(MonteCarlo.gaussians(0, 1, MonteCarlo.rng(5))).isEmpty();
    assertThatThrownBy(() -> MonteCarlo.gaussians(-1, 1, MonteCarlo.rng(5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n=-1");
  }

  // ---- Quadrature ----

  @Test
  void aMixturesExpectationIsTheWeightedSumOfItsComponents() {
    GaussianMixture1D p = new GaussianMixture1D(new double[] {0.3, 0.7},
        new Gaussian1D(-1, 0.5), new Gaussian1D(2, 1.5));
    assertThat(Quadrature.expect(p, x -> 1)).isCloseTo(1, within(1e-12));
    assertThat(Quadrature.expect(p, x -> x)).isCloseTo(0.3 * -1 + 0.7 * 2, within(1e-12));
    assertThat(Quadrature.expect(p, x -> x)).isCloseTo(p.mean(), within(1e-12));
  }

  @Test
  void integrateAcceptsOnePanelAndRejectsEmptyRanges() {
    assertThat(Quadrature.integrate(x -> x * x, 0, 3, 1)).isCloseTo(9, within(1e-12));
    assertThatThrownBy(() -> Quadrature.integrate(x -> x, 1, 1, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1.0, 1.0]");
    assertThatThrownBy(() -> Quadrature.integrate(x -> x, 0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 panels");
  }
}
