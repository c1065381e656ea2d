import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vae.data.Digits;
import vae.model.Autoencoder;
import vae.model.Likelihood;
import vae.model.NearestNeighbours;
import vae.model.Pca;
import vae.model.Subspaces;
import vae.model.Trainer;
import vae.model.Dataset;
import vae.nn.Activation;
import vae.nn.GradCheck;
import vae.nn.Matrix;
import vae.nn.Mlp;
import vae.nn.Sgd;
import vae.prob.Estimate;
import vae.prob.MonteCarlo;

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
  @Tag("AE-2")
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

  /** The linear autoencoder after 400 full-batch gradient-descent steps through the Trainer (chapter 01, section 3). */
  static Autoencoder trainLinear(long seed) {
    Autoencoder lin = Autoencoder.linear(64, 2, new SplittableRandom(seed));
    Matrix xc = pca.center(x);
    Trainer.Options gd = new Trainer.Options(400, xc.rows, 0.5, 0, ps -> new Sgd(ps, 0.5));
    Trainer.fit(lin, new Dataset("centred", xc, xc, null), null, gd, new SplittableRandom(seed + 1), null);
    return lin;
  }

  @ParameterizedTest
  @MethodSource("Stress#seeds")
  @Tag("AE-3")
  void AE_3_linearAutoencoderTrainedByGradientDescentSpansThePcaSubspace(long seed) {
    Autoencoder lin = trainLinear(seed);
    Matrix xc = pca.center(x);
    double[] theta = Subspaces.principalAngles(lin.decoder.params().get(0).value.transpose(), pca.basis(2));
    assertThat(theta[0]).isLessThan(1e-2);
    assertThat(lin.loss(xc)).isCloseTo(pca.discardedVariance(2), within(1e-3));
  }

  @ParameterizedTest
  @MethodSource("Stress#seeds")
  @Tag("AE-4")
  void AE_4_theLinearAutoencodersBasisIsNotOrthogonal(long seed) {
    Autoencoder lin = trainLinear(seed);
    Matrix wd = lin.decoder.params().get(0).value.transpose(); // [64][2]
    Matrix g = wd.matmulTransA(wd);
    assertThat(Math.abs(g.a[0][1]) / Math.sqrt(g.a[0][0] * g.a[1][1])).isGreaterThan(1e-3);
    Matrix q = pca.basis(2); // PCA's own basis is orthonormal to round-off
    assertThat(q.matmulTransA(q).maxAbsDiff(Matrix.of(new double[] {1, 0}, new double[] {0, 1}))).isLessThan(1e-12);
  }

  /** A small non-linear autoencoder (64→64→2 and back), trained by the Trainer for 15 epochs of Adam. */
  static Trainer.History trainSmall(Autoencoder ae, long seed) {
    return Trainer.fit(ae, new Dataset("train", x, x, null), null, Trainer.Options.adam(15, 64, 3e-3, 0),
        new SplittableRandom(seed + 1), null);
  }

  static Autoencoder small(long seed) {
    return Autoencoder.mlp(64, new int[] {64}, 2, Activation.Kind.LEAKY_RELU, Activation.Kind.SIGMOID,
        new SplittableRandom(seed));
  }

  @ParameterizedTest
  @MethodSource("Stress#seeds")
  @Tag("AE-1")
  void AE_1_trainingLowersTheReconstructionErrorAndBeatsTheMeanImageOnHeldOutData(long seed) {
    Autoencoder ae = small(seed);
    Matrix valid = digits.valid.scaled();
    double[][] first = new double[2][]; // per-image errors after epoch 1: {train, valid}
    Trainer.fit(ae, new Dataset("train", x, x, null), null, Trainer.Options.adam(15, 64, 3e-3, 0),
        new SplittableRandom(seed + 1), (e, o) -> {
          if (e.epoch() == 1) {
            first[0] = Ch01Autoencoder.errors(ae, x);
            first[1] = Ch01Autoencoder.errors(ae, valid);
          }
        });
    // the ledger's rule: each paired mean difference exceeds 4 SE over the images
    Matrix test = digits.test.scaled();
    double[] last = Ch01Autoencoder.errors(ae, test);
    double[] toMean = new double[test.rows]; // ‖x − x̄‖², x̄ the training mean
    Matrix tc = pca.center(test);
    for (int i = 0; i < test.rows; i++) {
      for (double v : tc.a[i]) {
        toMean[i] += v * v;
      }
    }
    for (Estimate d : new Estimate[] {
        MonteCarlo.of(Ch01Autoencoder.minus(first[0], Ch01Autoencoder.errors(ae, x))),
        MonteCarlo.of(Ch01Autoencoder.minus(first[1], Ch01Autoencoder.errors(ae, valid))),
        MonteCarlo.of(Ch01Autoencoder.minus(toMean, last))}) {
      assertThat(d.mean()).as(d.toString()).isGreaterThan(4 * d.se());
    }
    // the per-image errors are the loss the model reports, image by image
    assertThat(Arrays.stream(last).average().orElseThrow()).isCloseTo(ae.loss(test), within(1e-9));
    assertThat(Arrays.stream(toMean).average().orElseThrow())
        .isCloseTo(tc.sumOfSquares() / test.rows, within(1e-9));
  }

  @ParameterizedTest
  @MethodSource("Stress#seeds")
  @Tag("AE-5")
  void AE_5_decodingsBetweenCodesAreFartherFromEveryTrainingImageThanReconstructions(long seed) {
    Autoencoder ae = small(seed);
    trainSmall(ae, seed);
    Matrix z = ae.encode(x);
    SplittableRandom rng = new SplittableRandom(seed + 7);
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
  void squaredErrorGradientMatchesFiniteDifferences() {
    Autoencoder ae = Autoencoder.mlp(6, new int[] {5}, 2, Activation.Kind.TANH, Activation.Kind.SIGMOID, MonteCarlo.rng(3));
    SplittableRandom rng = MonteCarlo.rng(4);
    Matrix x = new Matrix(4, 6).map(v -> 0.2 + 0.6 * rng.nextDouble());
    Dataset batch = new Dataset("random", x, x, null);
    // central finite differences, h = 1e-5
    List<GradCheck.Row> rows = GradCheck.check(ae.params(), () -> ae.loss(x), () -> ae.lossAndGradient(batch, null));
    assertThat(rows).allSatisfy(r -> assertThat(r.maxRelErr()).as(r.name()).isLessThan(GradCheck.TOLERANCE));
    // the loss is the mean squared error, written out
    assertThat(ae.loss(x)).isCloseTo(ae.reconstruct(x).minus(x).sumOfSquares() / x.rows, within(1e-12));
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
    Mlp wide = new Mlp(new int[] {2, 64}, Activation.Kind.IDENTITY, Activation.Kind.IDENTITY, rng);
    assertThatThrownBy(() -> new Autoencoder(enc, wide, Likelihood.parse("gaussian:learned")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k→128");
    assertThat(Autoencoder.linear(64, 2, rng))
        .hasToString("Autoencoder[Mlp[64→2, identity] → Mlp[2→64, identity], 322 parameters]");
    assertThatThrownBy(() -> pca.basis(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
  }
}
