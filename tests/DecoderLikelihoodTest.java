import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import vae.model.BernoulliLikelihood;
import vae.model.CategoricalLikelihood;
import vae.model.GaussianLikelihood;
import vae.model.Likelihood;
import vae.prob.MonteCarlo;

/** The decoders' log-likelihoods against the densities they claim, and their gradients. */
class DecoderLikelihoodTest {
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
}
