import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vae.data.Digits;
import vae.model.LinearGaussianModel;
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

  private static Estimate gap(LinearGaussianModel m, double[][] xs, double[][] logW, int k) {
    double[] bound = Vae.logLikelihoods(logW, k);
    return MonteCarlo.of(IntStream.range(0, xs.length)
        .mapToDouble(i -> m.logMarginal(xs[i]) - bound[i]).toArray());
  }
}
