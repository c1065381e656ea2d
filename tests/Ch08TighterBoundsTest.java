import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vae.book.Chapter;
import vae.data.Digits;
import vae.model.Dataset;
import vae.model.LatentUsage;
import vae.model.Terms;
import vae.model.Trainable;
import vae.model.Trainer;
import vae.model.Vae;
import vae.nn.Activation;
import vae.nn.GradCheck;
import vae.nn.Matrix;
import vae.nn.Param;
import vae.nn.Sgd;
import vae.prob.DiagGaussian;
import vae.prob.DiagGaussianBatch;
import vae.prob.ImportanceCurve;
import vae.prob.MonteCarlo;

/**
 * Chapter 08: the quick run keeps every CHECK and bad flags are one line, exit 2; and its claims
 * on the lib code it calls: the importance-weighted objective (IW-1, IW-2), free bits, KL warm-up
 * and the active-units statistic (AU-1 … AU-4).
 */
class Ch08TighterBoundsTest {
  /** Runs the chapter, capturing standard output and error; returns {exit code, out, err}. */
  private static Object[] run(String... args) {
    return ChapterRun.run(Ch08TighterBounds::new, args);
  }

  @Test
  @Tag("IW-1")
  @Tag("IW-3")
  @Tag("IW-4")
  @Tag("AU-1")
  @Tag("AU-2")
  @Tag("AU-3")
  @Tag("AU-4")
  void quickRunPrintsEveryCheckAndTheSummaryTable() {
    QuickRuns.Run r = QuickRuns.of(Ch08TighterBounds.class); // shared with CleanTreeTest
    String out = r.out();
    assertThat(r.exit()).as(out).isZero();
    for (String id : new String[] {"AU-1", "AU-2", "AU-3", "AU-4", "IW-1", "IW-2", "IW-3",
        "IW-4"}) {
      assertThat(out).contains("CHECK " + id);
    }
    assertThat(out).contains("epoch 2/2 | −ELBO").contains("test−ELBO").contains("IWAE K=20")
        .contains("RESULT chapter=08");
  }

  @Test
  void badFlagsAreOneLineAndExitTwo() {
    for (String[] args : new String[][] {{"--objective", "vae"}, {"--k-train", "0"},
        {"--objective", "elbo", "--k-train", "5"}, {"--warmup-epochs", "-1"},
        {"--warmup-epochs", "500"}, {"--free-bits", "-0.5"}, {"--free-bits", "NaN"},
        {"--free-bits", "0.2"}, {"--k-train", "many"}}) {
      Object[] r = run(args);
      assertThat((int) r[0]).as(String.join(" ", args) + r[2]).isEqualTo(2);
      String err = ((String) r[2]).strip();
      assertThat(err.lines().count()).as(err).isEqualTo(1);
      assertThat(err).as(err).contains(args[args.length - 2]);
    }
  }

  // ---- the claims on the lib code

  private static Vae small(String lik, long seed) {
    return new Vae(new Vae.Config(6, new int[] {5}, 3, Activation.Kind.TANH, lik),
        MonteCarlo.rng(seed));
  }

  private static Dataset random(int n, int pixels, int levels, SplittableRandom rng) {
    Matrix x = new Matrix(n, pixels);
    for (double[] row : x.a) {
      for (int d = 0; d < pixels; d++) {
        row[d] = rng.nextInt(levels);
      }
    }
    return new Dataset("random", x.scale(1.0 / (levels - 1)), x, null);
  }

  @Test
  @Tag("IW-1")
  void IW_1_forAFixedModelTheBoundRisesWithK() {
    Digits digits = Digits.load();
    Vae vae = new Vae(new Vae.Config(64, new int[] {32}, 8, Activation.Kind.LEAKY_RELU,
        "bernoulli"), MonteCarlo.rng(41));
    Dataset train = new Dataset("bin", digits.train.binarised(),
        digits.train.binarised(), null);
    Trainer.fit(vae, train, null, Trainer.Options.adam(3, 64, 1e-3, 0), MonteCarlo.rng(42), null);
    Dataset test = new Dataset("bin", digits.test.binarised(), digits.test.binarised(),
        null).head(100);
    ImportanceCurve c = ImportanceCurve.of(vae.logImportanceWeights(test, 100,
        MonteCarlo.rng(43)), 1, 5, 50, 100);
    assertThat(c.rises()).isTrue();
    assertThat(c.gain().mean()).isGreaterThan(4 * c.gain().se());
    // and the IWAE loss at K = 5 is minus a bound between the ELBO and log p(x)'s estimate
    assertThat(c.bound()[1].mean()).isBetween(c.elbo().mean(), c.last().mean());
  }

  @Test
  @Tag("IW-2")
  void IW_2_iwaeGradientEqualsFiniteDifferences() {
    for (String lik : new String[] {"categorical:5", "gaussian:0.5"}) {
      Vae vae = small(lik, 1).iwae(5);
      Dataset batch = random(3, 6, 5, MonteCarlo.rng(2));
      List<GradCheck.Row> rows = GradCheck.check(vae.params(),
          () -> vae.loss(batch, MonteCarlo.rng(9)),
          () -> vae.lossAndGradient(batch, MonteCarlo.rng(9)));
      assertThat(rows).as(lik).allSatisfy(r -> assertThat(r.maxRelErr()).as(lik + " " + r)
          .isLessThan(GradCheck.TOLERANCE));
    }
  }

  @Test
  @Tag("IW-2")
  void IW_2_lossIsMinusTheMeanBoundOfTheVaesOwnLogWeights() {
    Vae vae = small("categorical:5", 3).iwae(7);
    Dataset batch = random(4, 6, 5, MonteCarlo.rng(4));
    double[][] eps = vae.encode(batch.input()).q().drawEps(7, MonteCarlo.rng(5));
    double[] bound = Vae.logLikelihoods(vae.logImportanceWeights(batch, eps), 7);
    assertThat(vae.loss(batch, MonteCarlo.rng(5)))
        .isCloseTo(-Arrays.stream(bound).average().orElseThrow(), org.assertj.core.data.Offset
            .offset(1e-10));
  }

  @Test
  @Tag("IW-2")
  void IW_2_atKEqualsOneTheDecoderGradientIsTheElbosExactly() {
    Dataset batch = random(4, 6, 5, MonteCarlo.rng(6));
    Vae elbo = small("categorical:5", 7);
    Vae iw = small("categorical:5", 7).iwae(1);
    elbo.lossAndGradient(batch, MonteCarlo.rng(8));
    iw.lossAndGradient(batch, MonteCarlo.rng(8));
    List<Param> a = elbo.params();
    List<Param> b = iw.params();
    int decoderFrom = a.size() / 2; // encoder's parameters first, then the decoder's
    for (int p = decoderFrom; p < a.size(); p++) {
      for (int r = 0; r < a.get(p).grad.rows; r++) {
        assertThat(b.get(p).grad.a[r]).as("decoder tensor " + p)
            .containsExactly(a.get(p).grad.a[r]);
      }
    }
  }

  @Test
  @Tag("IW-2")
  void IW_2_logDensityAtFixedEpsHasDerivativeMinusOneHalfInLogVariance() {
    double[] mu = {0.3, -1.2};
    double[] lv = {0.4, -0.7};
    double[] eps = {0.8, -1.5};
    double[] g = new double[2];
    DiagGaussian.addLogDensityGradientAtFixedEps(1, g);
    for (int d = 0; d < 2; d++) {
      double h = 1e-6;
      double[] up = lv.clone();
      double[] dn = lv.clone();
      up[d] += h;
      dn[d] -= h;
      double fd = (logQ(mu, up, eps) - logQ(mu, dn, eps)) / (2 * h);
      assertThat(g[d]).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-8));
      double[] mUp = mu.clone();
      mUp[d] += h;
      double[] mDn = mu.clone();
      mDn[d] -= h;
      assertThat((logQ(mUp, lv, eps) - logQ(mDn, lv, eps)) / (2 * h))
          .isCloseTo(0, org.assertj.core.data.Offset.offset(1e-8));
    }
  }

  private static double logQ(double[] mu, double[] lv, double[] eps) {
    double[] z = new double[mu.length];
    DiagGaussian.reparameterize(mu, lv, eps, z);
    return DiagGaussian.logDensity(z, mu, lv);
  }

  @Test
  @Tag("AU-3")
  void AU_3_freeBitsGradientEqualsFiniteDifferencesAndFloorsTheKl() {
    Vae vae = small("categorical:5", 11).freeBits(0.05);
    Dataset batch = random(3, 6, 5, MonteCarlo.rng(12));
    List<GradCheck.Row> rows = GradCheck.check(vae.params(),
        () -> vae.loss(batch, MonteCarlo.rng(13)),
        () -> vae.lossAndGradient(batch, MonteCarlo.rng(13)));
    assertThat(rows).allSatisfy(r -> assertThat(r.maxRelErr()).as(r.toString())
        .isLessThan(GradCheck.TOLERANCE));
    // λ above every dimension's KL: the KL term is the constant 3λ, so its gradient vanishes and
    // the loss is recon + 3λ: the same gradient as β = 0
    Vae floored = small("categorical:5", 11).freeBits(50);
    Vae noKl = small("categorical:5", 11).training(0, 1);
    Terms t = floored.lossAndGradient(batch, MonteCarlo.rng(14));
    noKl.lossAndGradient(batch, MonteCarlo.rng(14));
    assertThat(floored.loss(batch, MonteCarlo.rng(14))).isCloseTo(t.recon() + 150,
        org.assertj.core.data.Offset.offset(1e-9));
    for (int p = 0; p < floored.params().size(); p++) {
      for (int r = 0; r < floored.params().get(p).grad.rows; r++) {
        assertThat(floored.params().get(p).grad.a[r])
            .containsExactly(noKl.params().get(p).grad.a[r]);
      }
    }
  }

  @Test
  @Tag("AU-4")
  void AU_4_warmUpRaisesTheKlWeightLinearlyOverItsEpochsThenHoldsOne() {
    List<Double> seen = new ArrayList<>();
    Trainable recorder = new Trainable() {
      private final List<Param> ps = List.of(new Param("w", new Matrix(1, 1)));

      @Override
      public List<Param> params() {
        return ps;
      }

      @Override
      public Terms lossAndGradient(Dataset batch, SplittableRandom rng) {
        return new Terms(1, 1);
      }

      @Override
      public Terms evaluate(Dataset data, SplittableRandom rng) {
        return new Terms(1, 1);
      }

      @Override
      public void anneal(double w) {
        seen.add(w);
      }
    };
    Dataset data = random(40, 2, 2, MonteCarlo.rng(1)); // 4 batches of 10 per epoch
    Trainer.fit(recorder, data, null, new Trainer.Options(3, 10, 0.1, 0, ps -> new Sgd(ps, 0.1))
        .warmedUp(2), MonteCarlo.rng(2), null);
    // 2 warm-up epochs of 4 steps: 0, 1/8, …, 7/8, then 1 for the third epoch and at the end
    assertThat(seen).hasSize(13);
    for (int s = 0; s < 8; s++) {
      assertThat(seen.get(s)).isEqualTo(s / 8.0);
    }
    assertThat(seen.subList(8, 13)).containsOnly(1.0);
  }

  @Test
  @Tag("AU-1")
  void AU_1_klPerDimensionSumsToTheKlAndActivityIsTheVarianceOfTheMeans() {
    SplittableRandom rng = MonteCarlo.rng(21);
    double[][] mu = new double[30][4];
    double[][] lv = new double[30][4];
    for (int i = 0; i < 30; i++) {
      mu[i] = MonteCarlo.gaussians(4, 1, rng);
      lv[i] = MonteCarlo.gaussians(4, 0.5, rng);
      mu[i][2] = 0.001 * mu[i][2]; // a dead dimension: its mean barely moves
    }
    DiagGaussianBatch q = new DiagGaussianBatch(mu, lv);
    assertThat(Arrays.stream(q.klPerDimension()).sum()).isCloseTo(q.klSum(),
        org.assertj.core.data.Offset.offset(1e-9));
    Vae vae = small("gaussian:0.5", 22);
    Dataset data = random(50, 6, 5, MonteCarlo.rng(23));
    LatentUsage u = LatentUsage.of(vae, data);
    Vae.Encoding enc = vae.encode(data.input());
    assertThat(u.klTotal()).isCloseTo(vae.evaluate(data, MonteCarlo.rng(1)).kl(),
        org.assertj.core.data.Offset.offset(1e-9));
    for (int d = 0; d < 3; d++) {
      final int dd = d;
      double[] col = Arrays.stream(enc.mu().a).mapToDouble(r -> r[dd]).toArray();
      double m = Arrays.stream(col).average().orElseThrow();
      double var = Arrays.stream(col).map(v -> (v - m) * (v - m)).sum() / (col.length - 1);
      assertThat(u.activity()[d]).isCloseTo(var, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  @Test
  @Tag("AU-2")
  void AU_2_sweepingADimensionTheDecoderIgnoresChangesNothing() {
    Vae vae = small("gaussian:0.5", 31);
    Matrix mu = Matrix.of(new double[][] {{0.1, 0.2, 0.3}, {-0.5, 0.4, 0.0}});
    double[] moved = LatentUsage.sweepChange(vae, mu, 1, 2);
    for (double v : moved) {
      assertThat(v).isPositive();
    }
    // zero the decoder's first-layer weights from dimension 1: the sweep must not move anything
    Param w = vae.params().get(vae.params().size() / 2);
    assertThat(w.value.rows).isEqualTo(3);
    Arrays.fill(w.value.a[1], 0);
    assertThat(LatentUsage.sweepChange(vae, mu, 1, 2)).containsOnly(0.0);
  }

  @Test
  @Tag("IW-2")
  void IW_2_objectiveSettingsRejectBadValues() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> small("bernoulli", 1).iwae(-1))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> small("bernoulli", 1).freeBits(-0.1))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Trainer.Options(1, 1, 0.1, 0,
        ps -> new Sgd(ps, 0.1)).warmedUp(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
