import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vae.model.BernoulliLikelihood;
import vae.model.CategoricalLikelihood;
import vae.model.GaussianLikelihood;
import vae.model.Likelihood;
import vae.prob.MonteCarlo;

/**
 * The likelihoods p(x|out): their log-probabilities against the densities they claim and their
 * gradients; their mean images and samples (what chapters 06–07 draw from) against the
 * distribution each claims, and their data checks at the edges (gaps found by PIT,
 * docs/MUTATION.md).
 */
class LikelihoodTest {
  private static double[] randn(int n, double scale, SplittableRandom rng) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = scale * rng.nextGaussian();
    }
    return a;
  }

  /** Central finite differences of log p(x|out) in out, h = 1e-5, against the analytic gradient. */
  private static void assertGradientMatchesFiniteDifferences(Likelihood lik, double[] x, double[] out) {
    double[] grad = new double[out.length];
    lik.logProb(x, out, grad);
    double h = 1e-5;
    for (int i = 0; i < out.length; i++) {
      double keep = out[i];
      out[i] = keep + h;
      double up = lik.logProb(x, out, null);
      out[i] = keep - h;
      double down = lik.logProb(x, out, null);
      out[i] = keep;
      double fd = (up - down) / (2 * h);
      assertThat(grad[i]).as("∂/∂out[%d] of %s", i, lik).isCloseTo(fd, within(1e-6 * Math.max(1, Math.abs(fd))));
    }
  }

  @Test
  @Tag("EL-3")
  void EL_3_bernoulliLogLikelihoodIsMinusBinaryCrossEntropy() {
    SplittableRandom rng = MonteCarlo.rng(3);
    double[] logits = randn(20, 2, rng);
    double[] x = new double[20];
    double expected = 0; // reference: commons-math BinomialDistribution(1, p)
    for (int d = 0; d < 20; d++) {
      x[d] = rng.nextDouble() < 0.5 ? 0 : 1;
      double p = BernoulliLikelihood.sigmoid(logits[d]);
      expected += new BinomialDistribution(1, p).logProbability((int) x[d]);
    }
    BernoulliLikelihood dec = new BernoulliLikelihood();
    assertThat(dec.logProb(x, logits, null)).isCloseTo(expected, within(1e-10));
    assertGradientMatchesFiniteDifferences(dec, x, logits);
    double[] soft = {0.2, 0.7, 1.0}; // soft targets in [0, 1] work as in PyTorch's BCE
    assertGradientMatchesFiniteDifferences(dec, soft, new double[] {0.5, -1.0, 3.0});
  }

  @Test
  @Tag("EL-3")
  void EL_3_gaussianFixedVarianceIsScaledSquaredErrorPlusNormaliser() {
    SplittableRandom rng = MonteCarlo.rng(4);
    double s = 0.3;
    double[] xHat = randn(10, 1, rng);
    double[] x = randn(10, 1, rng);
    double sq = 0;
    double expected = 0; // reference: commons-math NormalDistribution.logDensity
    for (int d = 0; d < 10; d++) {
      sq += (x[d] - xHat[d]) * (x[d] - xHat[d]);
      expected += new NormalDistribution(xHat[d], s).logDensity(x[d]);
    }
    GaussianLikelihood dec = GaussianLikelihood.fixed(s);
    double logP = dec.logProb(x, xHat, null);
    assertThat(logP).isCloseTo(expected, within(1e-10));
    // −log p = ‖x − x̂‖²/(2s²) + (D/2) log(2πs²)
    assertThat(-logP).isCloseTo(sq / (2 * s * s) + 5 * Math.log(2 * Math.PI * s * s), within(1e-10));
    assertGradientMatchesFiniteDifferences(dec, x, xHat);
  }

  @Test
  @Tag("EL-3")
  void EL_3_gaussianLearnedVarianceMatchesTheDensityAndItsGradient() {
    SplittableRandom rng = MonteCarlo.rng(5);
    double[] out = randn(12, 0.5, rng); // 6 means, 6 log-variances
    double[] x = randn(6, 1, rng);
    double expected = 0;
    for (int d = 0; d < 6; d++) {
      expected += new NormalDistribution(out[d], Math.exp(0.5 * out[6 + d])).logDensity(x[d]);
    }
    GaussianLikelihood dec = GaussianLikelihood.learnedVariance();
    assertThat(dec.logProb(x, out, null)).isCloseTo(expected, within(1e-10));
    assertGradientMatchesFiniteDifferences(dec, x, out);
  }

  @Test
  void categoricalLogLikelihoodIsTheLogSoftmaxOfTheObservedValue() {
    SplittableRandom rng = MonteCarlo.rng(6);
    CategoricalLikelihood dec = new CategoricalLikelihood(17);
    double[] out = randn(4 * 17, 3, rng);
    double[] x = {0, 16, 7, 3};
    double expected = 0; // reference: probabilities normalised by hand
    for (int d = 0; d < 4; d++) {
      double z = 0;
      for (int k = 0; k < 17; k++) {
        z += Math.exp(out[d * 17 + k]);
      }
      expected += Math.log(Math.exp(out[d * 17 + (int) x[d]]) / z);
      double[] p = dec.probabilities(out, d);
      assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1, within(1e-12));
    }
    assertThat(dec.logProb(x, out, null)).isCloseTo(expected, within(1e-10));
    assertGradientMatchesFiniteDifferences(dec, x, out);
  }

  @Test
  @Tag("EL-10")
  void EL_10_aGaussianDecoderLossCanBeNegative() {
    // a narrow density (σ = 0.05) near its mean exceeds 1, so −log p < 0
    double[] x = {0.50, 0.20, 0.90};
    double[] xHat = {0.52, 0.18, 0.91};
    assertThat(-GaussianLikelihood.fixed(0.05).logProb(x, xHat, null)).isNegative();
    double[] learned = {0.52, 0.18, 0.91, -6, -6, -6};
    assertThat(-GaussianLikelihood.learnedVariance().logProb(x, learned, null)).isNegative();
  }

  @Test
  void dataOutsideTheDecodersSupportIsRejectedNamingTheValue() {
    assertThatThrownBy(() -> new CategoricalLikelihood(17).validate(new double[] {3, 0.5}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[1]=0.5");
    assertThatThrownBy(() -> new BernoulliLikelihood().validate(new double[] {16}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[0]=16");
    assertThatThrownBy(() -> GaussianLikelihood.fixed(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    assertThatThrownBy(() -> new CategoricalLikelihood(17).logProb(new double[2], new double[5], null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 34");
  }

  // ---- mean images and samples

  static final int N = 20_000;

  @Test
  void bernoulliMeanIsTheSigmoidOfTheLogit() {
    double[] out = {0, 2, -2, 40, -40, 1000, -1000}; // ±1000: e^1000 overflows in the naive form
    double[] m = new BernoulliLikelihood().mean(out, 7);
    double s2 = 1 / (1 + Math.exp(-2)); // by hand
    assertThat(m).containsExactly(new double[] {0.5, s2, 1 - s2, 1, 0, 1, 0}, within(1e-15));
  }

  /** Frequencies of 1 per pixel within 4 binomial SE of sigmoid(l); only 0 and 1 are drawn. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  void bernoulliSamplesHaveTheSigmoidAsTheirFrequency(long seed) {
    double[] out = {-1.5, 0, 0.8};
    BernoulliLikelihood dec = new BernoulliLikelihood();
    SplittableRandom rng = MonteCarlo.rng(seed);
    double[] ones = new double[3];
    for (int i = 0; i < N; i++) {
      double[] x = dec.sample(out, 3, rng);
      for (int d = 0; d < 3; d++) {
        assertThat(x[d]).isIn(0.0, 1.0);
        ones[d] += x[d] / N;
      }
    }
    for (int d = 0; d < 3; d++) {
      double p = 1 / (1 + Math.exp(-out[d]));
      assertThat(ones[d]).as("pixel %d", d).isCloseTo(p, within(4 * Math.sqrt(p * (1 - p) / N)));
    }
  }

  /** Sample mean and standard deviation within 4 SE of x̂ and σ (fixed, and exp(½ log σ²)). */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  void gaussianSamplesHaveTheDecodersMeanAndSigma(long seed) {
    double[] fixedOut = {0.3, -1.0};
    double[] learnedOut = {0.3, -1.0, Math.log(0.25), Math.log(4.0)}; // σ = 0.5 and 2
    SplittableRandom rng = MonteCarlo.rng(seed);
    check(GaussianLikelihood.fixed(0.7), fixedOut, new double[] {0.7, 0.7}, rng);
    check(GaussianLikelihood.learnedVariance(), learnedOut, new double[] {0.5, 2.0}, rng);
  }

  private static void check(GaussianLikelihood dec, double[] out, double[] sigma,
      SplittableRandom rng) {
    double[] sum = new double[2];
    double[] sq = new double[2];
    for (int i = 0; i < N; i++) {
      double[] x = dec.sample(out, 2, rng);
      for (int d = 0; d < 2; d++) {
        sum[d] += x[d];
        sq[d] += (x[d] - out[d]) * (x[d] - out[d]);
      }
    }
    for (int d = 0; d < 2; d++) {
      double seMean = sigma[d] / Math.sqrt(N);
      assertThat(sum[d] / N).as("%s mean %d", dec, d).isCloseTo(out[d], within(4 * seMean));
      // SE of the sample variance about the true mean: σ²·√(2/N)
      double var = sigma[d] * sigma[d];
      assertThat(sq[d] / N).as("%s variance %d", dec, d)
          .isCloseTo(var, within(4 * var * Math.sqrt(2.0 / N)));
    }
    assertThat(dec.mean(out, 2)).containsExactly(out[0], out[1]);
  }

  @Test
  void categoricalMeanIsTheSumOfLevelTimesProbability() {
    CategoricalLikelihood dec = new CategoricalLikelihood(3);
    // pixel 0: logits 0, log 2, log 3 → p = 1/6, 2/6, 3/6 → mean (0 + 2 + 6)/6 = 4/3
    // pixel 1: logits 1000, 0, 0 → p ≈ (1, 0, 0) → mean 0, with no overflow
    double[] out = {0, Math.log(2), Math.log(3), 1000, 0, 0};
    assertThat(dec.probabilities(out, 0)).containsExactly(new double[] {1.0 / 6, 2.0 / 6, 3.0 / 6},
        within(1e-15));
    assertThat(dec.probabilities(out, 1)).containsExactly(new double[] {1, 0, 0}, within(1e-15));
    assertThat(dec.mean(out, 2)).containsExactly(new double[] {4.0 / 3, 0}, within(1e-15));
    assertThat(dec.logProb(new double[] {2, 0}, out, null)).isCloseTo(Math.log(0.5), within(1e-12));
    // every logit far below 0: the shift by the maximum keeps them from underflowing to 0/0
    double[] low = {-1000, -1000 + Math.log(3), -1000 + Math.log(4)};
    assertThat(dec.probabilities(low, 0)).containsExactly(new double[] {0.125, 0.375, 0.5},
        within(1e-12));
    assertThat(dec.logProb(new double[] {2}, low, null)).isCloseTo(Math.log(0.5), within(1e-12));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  void categoricalSamplesFollowTheSoftmax(long seed) {
    CategoricalLikelihood dec = new CategoricalLikelihood(4);
    double[] out = {0, Math.log(2), Math.log(3), Math.log(4)}; // p = k+1 over 10
    SplittableRandom rng = MonteCarlo.rng(seed);
    double[] freq = new double[4];
    for (int i = 0; i < N; i++) {
      freq[(int) dec.sample(out, 1, rng)[0]] += 1.0 / N;
    }
    for (int k = 0; k < 4; k++) {
      double p = (k + 1) / 10.0;
      assertThat(freq[k]).as("level %d", k).isCloseTo(p, within(4 * Math.sqrt(p * (1 - p) / N)));
    }
  }

  @Test
  void dataChecksAcceptTheEdgesAndRejectJustBeyond() {
    new BernoulliLikelihood().validate(new double[] {0, 1, 0.5});
    assertThatThrownBy(() -> new BernoulliLikelihood().validate(new double[] {0.5, -0.01}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[1]=-0.01");
    assertThatThrownBy(() -> new BernoulliLikelihood().validate(new double[] {1.01}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[0]=1.01");
    CategoricalLikelihood three = new CategoricalLikelihood(3);
    three.validate(new double[] {0, 1, 2});
    assertThat(three.levels()).isEqualTo(3);
    assertThatThrownBy(() -> three.validate(new double[] {0, 3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[1]=3.0")
        .hasMessageContaining("integers 0…2");
    assertThatThrownBy(() -> three.validate(new double[] {-1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[0]=-1.0");
    assertThat(new CategoricalLikelihood(2).levels()).isEqualTo(2);
    assertThatThrownBy(() -> new CategoricalLikelihood(1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1");
    GaussianLikelihood.fixed(1).validate(new double[] {-3, 5});
    assertThatThrownBy(() -> GaussianLikelihood.fixed(1).validate(new double[] {Double.NaN, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x[0]=NaN");
    assertThatThrownBy(() -> GaussianLikelihood.fixed(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
  }
}
