import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vae.data.Batches;
import vae.data.Digits;
import vae.model.Autoencoder;
import vae.model.NearestNeighbours;
import vae.model.Pca;
import vae.model.Subspaces;
import vae.nn.Activation;
import vae.nn.Adam;
import vae.nn.Matrix;
import vae.nn.Mlp;
import vae.nn.Sgd;

/** Chapter 01's claims AE-1 … AE-5 on the UCI digits, through the same lib code as the chapter. */
class AutoencoderTest {
  static Digits digits;
  static Matrix x;
  static Pca pca;

  @BeforeAll
  static void load() {
    digits = Digits.load();
    x = digits.train.scaled();
    pca = Pca.fit(x);
  }

  @Test
  void AE_2_pcaProjectionErrorIsTheDiscardedVarianceAndBeatsRandomSubspaces() {
    Matrix xc = pca.center(x);
    for (int k : new int[] {1, 2, 5}) {
      double err = Pca.projectionError(xc, pca.basis(k));
      // closed form: the mean squared distance to the top-k eigen-subspace is Σ_{j>k} λ_j
      assertThat(err).isCloseTo(pca.discardedVariance(k), within(1e-9));
    }
    double err = Pca.projectionError(xc, pca.basis(2));
    SplittableRandom rng = new SplittableRandom(42);
    for (int t = 0; t < 1000; t++) {
      assertThat(Pca.projectionError(xc, Subspaces.random(64, 2, rng))).isGreaterThanOrEqualTo(err);
    }
    assertThat(pca.variances).isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @Test
  void AE_3_linearAutoencoderTrainedByGradientDescentSpansThePcaSubspace() {
    Autoencoder lin = Autoencoder.linear(64, 2, new SplittableRandom(42));
    Sgd sgd = new Sgd(lin.params(), 0.5);
    Matrix xc = pca.center(x);
    for (int s = 0; s < 400; s++) {
      lin.trainStep(xc, sgd);
    }
    double[] theta = Subspaces.principalAngles(lin.decoder.params().get(0).value.transpose(), pca.basis(2));
    assertThat(theta[0]).isLessThan(1e-2);
    assertThat(lin.loss(xc)).isCloseTo(pca.discardedVariance(2), within(1e-3));
  }

  @Test
  void AE_4_theLinearAutoencodersBasisIsNotOrthogonal() {
    Autoencoder lin = Autoencoder.linear(64, 2, new SplittableRandom(42));
    Sgd sgd = new Sgd(lin.params(), 0.5);
    Matrix xc = pca.center(x);
    for (int s = 0; s < 400; s++) {
      lin.trainStep(xc, sgd);
    }
    Matrix wd = lin.decoder.params().get(0).value.transpose(); // [64][2]
    Matrix g = wd.matmulTransA(wd);
    assertThat(Math.abs(g.a[0][1]) / Math.sqrt(g.a[0][0] * g.a[1][1])).isGreaterThan(1e-3);
    Matrix q = pca.basis(2); // PCA's own basis is orthonormal to round-off
    assertThat(q.matmulTransA(q).maxAbsDiff(Matrix.of(new double[] {1, 0}, new double[] {0, 1}))).isLessThan(1e-12);
  }

  /** A small non-linear autoencoder (64→64→2 and back), trained for a few epochs. */
  static Autoencoder trainSmall(int epochs, double[] curve) {
    SplittableRandom rng = new SplittableRandom(42);
    Autoencoder ae = Autoencoder.mlp(64, new int[] {64}, 2, Activation.Kind.LEAKY_RELU, Activation.Kind.SIGMOID, rng);
    Adam adam = new Adam(ae.params(), 3e-3);
    Batches b = new Batches(x.rows, 64, rng);
    for (int e = 0; e < epochs; e++) {
      double l = ae.trainEpoch(x, b, adam);
      if (curve != null) {
        curve[e] = l;
      }
    }
    return ae;
  }

  @Test
  void AE_1_trainingLowersTheReconstructionErrorAndBeatsTheMeanImageOnHeldOutData() {
    double[] curve = new double[15];
    Autoencoder ae = trainSmall(15, curve);
    assertThat(curve[14]).isLessThan(curve[0]);
    Matrix test = digits.test.scaled();
    double meanImage = pca.center(test).sumOfSquares() / test.rows; // error of predicting x̄
    assertThat(ae.loss(test)).isLessThan(meanImage);
  }

  @Test
  void AE_5_decodingsBetweenCodesAreFartherFromEveryTrainingImageThanReconstructions() {
    Autoencoder ae = trainSmall(15, null);
    Matrix z = ae.encode(x);
    SplittableRandom rng = new SplittableRandom(7);
    Matrix mid = new Matrix(300, 2);
    for (int i = 0; i < 300; i++) {
      int p = rng.nextInt(z.rows);
      int q = rng.nextInt(z.rows);
      mid.a[i][0] = 0.5 * (z.a[p][0] + z.a[q][0]);
      mid.a[i][1] = 0.5 * (z.a[p][1] + z.a[q][1]);
    }
    double[] atCodes = NearestNeighbours.distances(ae.decode(z), x);
    double[] between = NearestNeighbours.distances(ae.decode(mid), x);
    assertThat(new MannWhitneyUTest().mannWhitneyUTest(between, atCodes)).isLessThan(1e-3);
    assertThat(median(between)).isGreaterThan(median(atCodes));
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  @Test
  void principalAnglesOfKnownPlanes() {
    // span{e1, e2} vs span{e1, cos t·e2 + sin t·e3}: angles t and 0 (by construction)
    double t = 0.3;
    Matrix a = Matrix.of(new double[] {1, 0}, new double[] {0, 1}, new double[] {0, 0});
    Matrix b = Matrix.of(new double[] {1, 0}, new double[] {0, Math.cos(t)}, new double[] {0, Math.sin(t)});
    assertThat(Subspaces.principalAngles(a, b)).containsExactly(new double[] {t, 0}, within(1e-12));
    // a different basis of the same plane: all angles 0
    Matrix c = Matrix.of(new double[] {1, 2}, new double[] {3, -1}, new double[] {0, 0});
    assertThat(Subspaces.principalAngles(a, c)[0]).isLessThan(1e-15);
    assertThatThrownBy(() -> Subspaces.principalAngles(a, new Matrix(3, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3×2");
  }

  @Test
  void nearestNeighbourDistancesByHand() {
    Matrix ref = Matrix.of(new double[] {0, 0}, new double[] {3, 4});
    Matrix q = Matrix.of(new double[] {3, 0}, new double[] {3, 5});
    assertThat(NearestNeighbours.distances(q, ref)).containsExactly(new double[] {3, 1}, within(1e-12));
  }

  @Test
  void autoencoderRejectsNetworksThatDoNotFitAndDescribesItself() {
    SplittableRandom rng = new SplittableRandom(1);
    Mlp enc = new Mlp(new int[] {64, 2}, Activation.Kind.IDENTITY, Activation.Kind.IDENTITY, rng);
    Mlp dec = new Mlp(new int[] {3, 64}, Activation.Kind.IDENTITY, Activation.Kind.IDENTITY, rng);
    assertThatThrownBy(() -> new Autoencoder(enc, dec)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("do not fit");
    assertThat(Autoencoder.linear(64, 2, rng))
        .hasToString("Autoencoder[Mlp[64→2, identity] → Mlp[2→64, identity], 322 parameters]");
    assertThatThrownBy(() -> pca.basis(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
  }
}
