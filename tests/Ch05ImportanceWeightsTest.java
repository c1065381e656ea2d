import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vae.data.Digits;
import vae.model.LinearGaussianModel;
import vae.model.LogWeightChecks;
import vae.model.Dataset;
import vae.model.Vae;
import vae.nn.Activation;
import vae.prob.Estimate;
import vae.prob.MonteCarlo;
import vae.prob.MvGaussian;

/**
 * The code that produces chapter 05's headline numbers, {@code Vae.logImportanceWeights}, checked
 * against exact answers: a VAE with a linear decoder and a fixed-σ Gaussian likelihood is a
 * linear-Gaussian model ({@code LinearGaussianModel.asVae}), whose log p(x), ELBO and posterior
 * are closed forms. Then the same checks in their statistical form on a digits VAE.
 */
class Ch05ImportanceWeightsTest {
  static java.util.stream.LongStream seeds() {
    return Stress.seeds();
  }

  @Tag("EL-11")
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void EL_11_atTheTruePosteriorEveryLogWeightIsExactlyLogPx(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    // WᵀW diagonal ⇒ the posterior is diagonal ⇒ the VAE's q(z|x) is p(z|x) itself
    LinearGaussianModel m = LinearGaussianModel.randomOrthogonal(6, 3, 0.6, rng);
    double[][] xs = IntStream.range(0, 10).mapToObj(i -> m.sampleX(rng)).toArray(double[][]::new);
    double[][] logW = m.asVae().logImportanceWeights(Dataset.of("x", xs), 50, rng);
    for (int i = 0; i < xs.length; i++) {
      double exact = m.logMarginal(xs[i]); // closed form, N(b, WWᵀ + s²I)
      for (double w : logW[i]) {
        assertThat(w).isCloseTo(exact, within(1e-9));
      }
    }
  }

  @Tag("EL-12")
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void EL_12_theMeanLogWeightIsTheClosedFormElboAndTheKlTermIsTheFullCovarianceKl(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    LinearGaussianModel m = LinearGaussianModel.random(5, 2, 0.7, rng);
    Vae vae = m.asVae();
    double[][] xs = IntStream.range(0, 200).mapToObj(i -> m.sampleX(rng)).toArray(double[][]::new);
    Dataset points = Dataset.of("x", xs);
    double[][] logW = vae.logImportanceWeights(points, 500, rng);
    Vae.Encoding enc = vae.encode(points.input());
    double[] gap = new double[xs.length];
    double fullKl = 0;
    for (int i = 0; i < xs.length; i++) {
      MvGaussian q = MvGaussian.of(enc.q().row(i));
      gap[i] = Arrays.stream(logW[i]).average().orElseThrow() - m.elbo(xs[i], q);
      fullKl += LinearGaussianModel.klToPrior(q); // ½(tr Σ + μᵀμ − M − log det Σ), KL-6's form
    }
    Estimate e = MonteCarlo.of(gap);
    assertThat(Math.abs(e.mean())).as("mean log-weight − exact ELBO: %s", e)
        .isLessThanOrEqualTo(4 * e.se());
    assertThat(vae.evaluate(points, 1, rng).kl() * xs.length).isCloseTo(fullKl, within(1e-9));
  }

  @Tag("EL-13")
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void EL_13_theBoundStartsAtTheElboGapAndConvergesToLogPx(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    LinearGaussianModel m = LinearGaussianModel.random(5, 2, 0.7, rng);
    Vae vae = m.asVae();
    double[][] xs = IntStream.range(0, 300).mapToObj(i -> m.sampleX(rng)).toArray(double[][]::new);
    Dataset points = Dataset.of("x", xs);
    double[][] logW = vae.logImportanceWeights(points, 1000, rng);
    Vae.Encoding enc = vae.encode(points.input());
    double klToPosterior = IntStream.range(0, xs.length) // the exact gap log p(x) − ELBO
        .mapToDouble(i -> m.klToPosterior(xs[i], MvGaussian.of(enc.q().row(i)))).average()
        .orElseThrow();
    Estimate atOne = gap(m, xs, logW, 1);
    Estimate atMany = gap(m, xs, logW, 1000);
    assertThat(Math.abs(atOne.mean() - klToPosterior)).as("gap at K = 1 %s vs exact %s", atOne,
        klToPosterior).isLessThanOrEqualTo(4 * atOne.se());
    assertThat(Math.abs(atMany.mean())).as("gap at K = 1000: %s", atMany)
        .isLessThanOrEqualTo(4 * atMany.se());
    // and it closed: the gap at K = 1000 is far below the one at K = 1
    assertThat(atMany.mean() + 4 * atMany.se()).isLessThan(atOne.mean() - 4 * atOne.se());
  }

  @Tag("EL-12")
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void EL_12_onDigitsTheMeanLogWeightIsReconMinusClosedFormKlForTheSameCodes(long seed) {
    Vae vae = new Vae(new Vae.Config(64, new int[] {32}, 6, Activation.Kind.TANH,
        "categorical:17"), MonteCarlo.rng(seed));
    Dataset few = Dataset.digits(Digits.load().test, vae.likelihood()).head(60);
    int k = 200;
    double[][] eps = vae.encode(few.input()).q().drawEps(k, MonteCarlo.rng(seed + 1));
    double[][] logW = vae.logImportanceWeights(few, eps);
    double[] gap = IntStream.range(0, few.size()).mapToDouble(i -> Arrays.stream(logW[i])
        .average().orElseThrow() + vae.evaluate(few.rows(new int[] {i}),
        Arrays.copyOfRange(eps, i * k, (i + 1) * k)).negElbo()).toArray();
    Estimate e = MonteCarlo.of(gap);
    assertThat(Math.abs(e.mean())).as("%s", e).isLessThanOrEqualTo(4 * e.se());
  }

  @Tag("EL-13")
  @ParameterizedTest(name = "seed={0}")
  @MethodSource("seeds")
  void EL_13_onDigitsTwoWidenedProposalsMeetAtLargeK(long seed) {
    Vae vae = new Vae(new Vae.Config(64, new int[] {32}, 6, Activation.Kind.TANH,
        "categorical:17"), MonteCarlo.rng(seed));
    Dataset some = Dataset.digits(Digits.load().test, vae.likelihood()).head(60);
    SplittableRandom rng = MonteCarlo.rng(seed + 2);
    int k = 500;
    double[] a = Vae.logLikelihoods(vae.logImportanceWeights(some, k, 1.2, rng), k);
    double[] b = Vae.logLikelihoods(vae.logImportanceWeights(some, k, 1.5, rng), k);
    Estimate apart = MonteCarlo.of(IntStream.range(0, a.length)
        .mapToDouble(i -> b[i] - a[i]).toArray());
    assertThat(Math.abs(apart.mean())).as("%s", apart).isLessThanOrEqualTo(4 * apart.se());
  }

  /**
   * Chapter 05 hands the test pass's log-weights to the proposals check as q's own: given the
   * weights the check would have drawn itself, the result is the same to the bit, and only the
   * first K columns and the rows of the check's images count (a longer, taller array: the same);
   * weights raised by 1 raise q's estimates by 1 nat (the given weights are used, not redrawn).
   */
  @Tag("EL-13")
  @Test
  void EL_13_qsOwnWeightsFromTheTestPassGiveWhatTheCheckWouldDraw() {
    Vae vae = new Vae(new Vae.Config(64, new int[] {32}, 6, Activation.Kind.TANH,
        "categorical:17"), MonteCarlo.rng(3));
    Dataset tall = Dataset.digits(Digits.load().test, vae.likelihood()).head(12);
    Dataset some = tall.head(8);
    int k = 40;
    LogWeightChecks.Proposals drawn = LogWeightChecks.proposals(vae, some, k, MonteCarlo.rng(5));
    SplittableRandom same = MonteCarlo.rng(5); // the widened proposals' draws, then q's
    vae.logImportanceWeights(some, k, 1.2, same);
    vae.logImportanceWeights(some, k, 1.5, same);
    double[][] own = vae.logImportanceWeights(some, k, same);
    double[][] wider = new double[tall.size()][];
    for (int i = 0; i < wider.length; i++) { // 4 more rows, 7 more columns: not read
      wider[i] = Arrays.copyOf(i < own.length ? own[i] : new double[0], k + 7);
      Arrays.fill(wider[i], i < own.length ? k : 0, k + 7, 1e3);
    }
    for (double[][] given : new double[][][] {own, wider}) {
      LogWeightChecks.Proposals p = LogWeightChecks.proposals(vae, some, k, given,
          MonteCarlo.rng(5));
      assertThat(p.wide12()).containsExactly(drawn.wide12());
      assertThat(p.wide15()).containsExactly(drawn.wide15());
      assertThat(p.own()).containsExactly(drawn.own());
    }
    double[][] raised = Arrays.stream(own).map(r -> Arrays.stream(r).map(w -> w + 1).toArray())
        .toArray(double[][]::new); // every weight ×e: each estimate up by exactly 1 nat
    double[] up = LogWeightChecks.proposals(vae, some, k, raised, MonteCarlo.rng(5)).own();
    for (int i = 0; i < up.length; i++) {
      assertThat(up[i]).isCloseTo(drawn.own()[i] + 1, within(1e-12));
    }
    double[][] shortRow = Arrays.copyOf(own, own.length);
    shortRow[3] = Arrays.copyOf(own[3], k - 1);
    assertThatThrownBy(() -> LogWeightChecks.proposals(vae, some,
        k, shortRow, MonteCarlo.rng(5))).hasMessageContaining("K = 40")
        .hasMessageContaining("the shortest 39 long");
    assertThatThrownBy(() -> LogWeightChecks.proposals(vae, some,
        k, Arrays.copyOf(own, 7), MonteCarlo.rng(5))).hasMessageContaining("got 7 rows");
  }

  private static Estimate gap(LinearGaussianModel m, double[][] xs, double[][] logW, int k) {
    double[] bound = Vae.logLikelihoods(logW, k);
    return MonteCarlo.of(IntStream.range(0, xs.length)
        .mapToDouble(i -> m.logMarginal(xs[i]) - bound[i]).toArray());
  }
}
