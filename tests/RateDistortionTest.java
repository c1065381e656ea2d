import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vae.model.Collapse;
import vae.model.Dataset;
import vae.model.RateDistortion;
import vae.model.Vae;
import vae.nn.Activation;
import vae.prob.DiagGaussian;
import vae.prob.MonteCarlo;

/** A VAE's rate and distortion per image, and the collapse measures, against direct sums. */
class RateDistortionTest {
  static final Vae VAE = new Vae(new Vae.Config(4, new int[] {5}, 2, Activation.Kind.TANH,
      "gaussian:0.3"), MonteCarlo.rng(3));
  static final Dataset DATA = Dataset.of("points", new double[][] {{0.1, 0.5, 0.9, 0.2},
      {0.7, 0.3, 0.0, 1.0}, {0.4, 0.4, 0.6, 0.8}});

  @Test
  void squaredErrorByHand() {
    assertThat(RateDistortion.squaredError(new double[] {1, 2}, new double[] {4, -2}))
        .isEqualTo(25);
    assertThatThrownBy(() -> RateDistortion.squaredError(new double[2], new double[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rateIsTheClosedFormKlAndDistortionTheMeanOverCodesOfEachImage() {
    RateDistortion rd = RateDistortion.of(VAE, DATA, 50, MonteCarlo.rng(4));
    Vae.Encoding e = VAE.encode(DATA.input());
    var q = e.q();
    var eps = q.drawEps(50, MonteCarlo.rng(4)); // the same draws, row i·L + l
    double[][] fz = VAE.decodeMean(vae.nn.Matrix.wrap(q.reparameterize(eps)));
    for (int i = 0; i < DATA.size(); i++) {
      assertThat(rd.rate()[i]).isCloseTo(DiagGaussian.klToStandardNormal(e.mu().a[i],
          e.logVar().a[i]), within(1e-12));
      double d = 0;
      for (int l = 0; l < 50; l++) {
        d += RateDistortion.squaredError(DATA.input().a[i], fz[i * 50 + l]) / 50;
      }
      assertThat(rd.distortion()[i]).isCloseTo(d, within(1e-12));
    }
    assertThatThrownBy(() -> RateDistortion.of(VAE, DATA, 0, MonteCarlo.rng(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void collapseMeasuresDistancesToTheMeanImageAndCountsTheNearerOnes() {
    Collapse c = Collapse.of(VAE, DATA, DATA, 0.5);
    double[] mean = {0.4, 0.4, 0.5, 2.0 / 3};
    double[][] xHat = VAE.decodeMean(VAE.encode(DATA.input()).mu());
    int nearer = 0;
    for (int i = 0; i < DATA.size(); i++) {
      double toMean = Math.sqrt(RateDistortion.squaredError(xHat[i], mean));
      double toOwn = Math.sqrt(RateDistortion.squaredError(xHat[i], DATA.input().a[i]));
      assertThat(c.toMean()[i]).isCloseTo(toMean, within(1e-12));
      assertThat(c.toOwn()[i]).isCloseTo(toOwn, within(1e-12));
      assertThat(c.dataToMean()[i]).isCloseTo(Math.sqrt(RateDistortion.squaredError(
          DATA.input().a[i], mean)), within(1e-12));
      nearer += toMean < toOwn ? 1 : 0;
    }
    assertThat(c.nearerToMean()).isEqualTo(nearer);
    assertThat(c.kl()).isEqualTo(0.5);
  }
}
