import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vae.data.Digits;
import vae.model.DiracGan;
import vae.model.GradientNoise;
import vae.model.JointSteps;
import vae.model.Terms;
import vae.model.Trainer;
import vae.model.Dataset;
import vae.model.Vae;
import vae.model.VaeFile;
import vae.nn.Activation;
import vae.nn.BlockEffects;
import vae.nn.GradCheck;
import vae.nn.Matrix;
import vae.nn.Param;
import vae.nn.Sgd;
import vae.prob.Estimate;
import vae.prob.MonteCarlo;

/** The VAE, its training loop and its model files (chapter 05). */
class VaeTest {
  private static final Digits DIGITS = Digits.load();

  private static Vae small(String likelihood, long seed) {
    return new Vae(new Vae.Config(64, new int[] {32}, 4, Activation.Kind.LEAKY_RELU, likelihood), MonteCarlo.rng(seed));
  }

  private static Dataset random(int n, int pixels, int levels, SplittableRandom rng) {
    Matrix x = new Matrix(n, pixels);
    for (double[] row : x.a) {
      for (int d = 0; d < pixels; d++) {
        row[d] = rng.nextInt(levels);
      }
    }
    return new Dataset("random", x.scale(1.0 / (levels - 1)), levels == 2 ? x.scale(1.0) : x, null);
  }

  @Test
  @Tag("EL-8")
  void EL_8_backpropThroughTheWholeVaeEqualsFiniteDifferencesForEveryDecoder() {
    for (String lik : new String[] {"categorical:5", "bernoulli", "gaussian:learned", "gaussian:0.5"}) {
      SplittableRandom rng = MonteCarlo.rng(1);
      Vae vae = new Vae(new Vae.Config(6, new int[] {5}, 2, Activation.Kind.TANH, lik), rng).training(0.7, 2);
      Dataset batch = random(3, 6, lik.startsWith("categorical") ? 5 : 2, rng);
      // finite differences, h = 1e-5, with ε held fixed by an equally seeded generator
      List<GradCheck.Row> rows = GradCheck.check(vae.params(), () -> vae.loss(batch, MonteCarlo.rng(9)),
          () -> vae.lossAndGradient(batch, MonteCarlo.rng(9)));
      assertThat(rows).as(lik).allSatisfy(r -> assertThat(r.maxRelErr()).as(lik + " " + r).isLessThan(GradCheck.TOLERANCE));
    }
  }

  @Test
  @Tag("EL-6")
  void EL_6_oneOptimiserOverEncoderAndDecoderLowersTheValidationBound() {
    Vae vae = small("categorical:17", 2);
    Dataset train = Dataset.digits(DIGITS.train, vae.likelihood());
    Dataset val = Dataset.digits(DIGITS.valid, vae.likelihood());
    SplittableRandom rng = MonteCarlo.rng(3);
    double before = vae.evaluate(val, rng).negElbo();
    List<Matrix> initial = vae.params().stream().map(p -> p.value.copy()).toList();
    Trainer.History h = Trainer.fit(vae, train, val, Trainer.Options.adam(3, 64, 3e-3, 5), rng, null);
    assertThat(h.best().val().negElbo()).isLessThan(before - 10);
    List<Param> params = vae.params();
    for (int i = 0; i < params.size(); i++) { // every tensor, of encoder and decoder, moved
      assertThat(params.get(i).value.maxAbsDiff(initial.get(i))).as(params.get(i).name).isPositive();
    }
  }

  @Test
  @Tag("EL-6")
  void EL_6_trainingMovesBothNetworksInEveryStepAndEachPartRaisesTheBound() {
    Vae vae = small("categorical:17", 30);
    Dataset train = Dataset.digits(DIGITS.train, vae.likelihood());
    int k = JointSteps.encoderTensors(vae);
    BlockEffects[] split = new BlockEffects[1];
    // the book's training (Trainer + Adam), each of its first 16 steps split into the parts
    Trainer.Options o = Trainer.Options.adam(1, 64, 3e-3, 0);
    Trainer.Options measured = new Trainer.Options(1, 64, 3e-3, 0,
        ps -> split[0] = new BlockEffects(o.optimizer().apply(ps), ps, k,
            () -> -vae.loss(train.head(64), MonteCarlo.rng(31)), 16));
    Trainer.fit(vae, train, null, measured, MonteCarlo.rng(32), null);
    List<BlockEffects.Effect> steps = split[0].effects();
    assertThat(steps).hasSize(16).allSatisfy(e -> assertThat(e.firstMoved() && e.secondMoved())
        .as("both networks move in every step (the note's alternation freezes one)").isTrue());
    assertThat(steps.stream().mapToDouble(BlockEffects.Effect::first).sum()).isPositive();
    assertThat(steps.stream().mapToDouble(BlockEffects.Effect::second).sum()).isPositive();
    // whole-data gradient steps: each network's own step raises the one bound, every step
    Vae fresh = small("categorical:17", 33);
    List<BlockEffects.Effect> joint = JointSteps.fullBatch(fresh, train.head(300), 0.003, 16,
        MonteCarlo.rng(34), 35);
    assertThat(joint).allSatisfy(e -> assertThat(e.first()).isPositive())
        .allSatisfy(e -> assertThat(e.second()).isPositive());
    // a GAN: each player's step lowers the other's objective (V for D, −V for G), every step
    assertThat(DiracGan.play(1, 1, 0.1, 16)).allSatisfy(e -> {
      assertThat(e.first()).isNegative();
      assertThat(-e.second()).isNegative();
    });
  }

  @Test
  void blockEffectsSplitsAStepExactly() {
    // f(a, b) = −(a² + b²) from (1, 2), one gradient step of 0.1 on a² + b²: (0.8, 1.6);
    // by hand: f = −5 before; a's part alone −(0.64 + 4) = −4.64, b's alone −(1 + 2.56) = −3.56,
    // both −(0.64 + 2.56) = −3.2
    Param a = new Param("a", Matrix.of(new double[][] {{1}}));
    Param b = new Param("b", Matrix.of(new double[][] {{2}}));
    List<Param> ps = List.of(a, b);
    BlockEffects split = new BlockEffects(new Sgd(ps, 0.1), ps, 1,
        () -> -(a.value.a[0][0] * a.value.a[0][0] + b.value.a[0][0] * b.value.a[0][0]), 1);
    a.grad.a[0][0] = 2;
    b.grad.a[0][0] = 4;
    split.step();
    BlockEffects.Effect e = split.effects().get(0);
    assertThat(e.first()).isCloseTo(0.36, within(1e-12));
    assertThat(e.second()).isCloseTo(1.44, within(1e-12));
    assertThat(e.whole()).isCloseTo(1.8, within(1e-12));
    assertThat(a.value.a[0][0]).isEqualTo(1 - 0.1 * 2); // the wrapped optimiser's weights, exactly
    assertThat(b.value.a[0][0]).isEqualTo(2 - 0.1 * 4);
    split.step(); // beyond maxSteps: a plain step, not measured
    assertThat(split.effects()).hasSize(1);
    assertThat(a.value.a[0][0]).isCloseTo(0.6, within(1e-15));
    assertThatThrownBy(() -> new BlockEffects(new Sgd(ps, 0.1), ps, 2, () -> 0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("split=2");
  }

  @ParameterizedTest
  @MethodSource("Stress#seeds")
  @Tag("EL-7")
  void EL_7_gradientVarianceFallsLikeOneOverL(long seed) {
    // a VAE that ignored L, or scaled its L-sample average wrongly, has a ratio of 1 (or 1/L)
    Vae vae = small("categorical:17", seed);
    Dataset train = Dataset.digits(DIGITS.train, vae.likelihood());
    Trainer.fit(vae, train, null, Trainer.Options.adam(1, 64, 3e-3, 0), MonteCarlo.rng(seed), null);
    Dataset batch = Dataset.digits(DIGITS.valid, vae.likelihood()).head(16);
    Estimate one = GradientNoise.totalVariance(vae.training(1, 1), batch, 100, MonteCarlo.rng(5));
    for (int l : new int[] {4, 16}) {
      Estimate many = GradientNoise.totalVariance(vae.training(1, l), batch, 100,
          MonteCarlo.rng(6));
      // r = Var(1)/Var(L) = L exactly (L independent draws averaged); SE by the delta method
      double r = one.mean() / many.mean();
      double se = r * Math.hypot(one.se() / one.mean(), many.se() / many.mean());
      assertThat(Math.abs(r - l)).as("L = %d: ratio %s ± %s", l, r, se).isLessThanOrEqualTo(4 * se);
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"categorical:17", "bernoulli",
      "gaussian:0.5"})
  void theLossAloneIsTheLossOfTheGradientPass(String likelihood) {
    // Vae.loss skips the likelihood's gradient and takes the exact route (finite differences);
    // Vae.fastLoss (the EL-6 probes) the evaluation route; the Bernoulli and categorical training
    // passes get their values from FastExp: all within 1e-11 per image (FastExpTest), and the
    // Gaussian's by the same operations, bit for bit
    Vae vae = small(likelihood, 3);
    Dataset batch = Dataset.digits(DIGITS.valid, vae.likelihood());
    double tolerance = likelihood.startsWith("gaussian") ? 0 : 1e-11;
    for (int i = 0; i < 20; i++) { // one image at a time
      Dataset one = batch.rows(new int[] {i});
      double exact = vae.loss(one, MonteCarlo.rng(i));
      double training = vae.lossAndGradient(one, MonteCarlo.rng(i)).negElbo();
      double fast = vae.fastLoss(one, MonteCarlo.rng(i));
      assertThat(training).as("image %d", i).isCloseTo(exact, within(tolerance * Math.abs(exact)));
      assertThat(fast).as("image %d", i).isCloseTo(exact, within(tolerance * Math.abs(exact)));
    }
    vae.params().forEach(Param::zeroGrad);
  }

  @Test
  void gradientNoiseOfAKnownNoisyGradientIsItsTotalVariance() {
    // a fake objective whose gradient is θ + N(0, σ²) noise in each of 3 entries: tr Cov = 3σ²
    Param p = new Param("w", Matrix.of(new double[][] {{1, 2, 3}}));
    vae.model.Trainable noisy = new vae.model.Trainable() {
      @Override public List<Param> params() {
        return List.of(p);
      }

      @Override public Terms lossAndGradient(Dataset batch, SplittableRandom rng) {
        for (int j = 0; j < 3; j++) {
          p.grad.a[0][j] += p.value.a[0][j] + 0.5 * rng.nextGaussian();
        }
        return new Terms(0, 0);
      }

      @Override public Terms evaluate(Dataset data, SplittableRandom rng) {
        return new Terms(0, 0);
      }
    };
    Estimate v = GradientNoise.totalVariance(noisy, null, 2000, MonteCarlo.rng(1));
    assertThat(v.zScore(3 * 0.25)).isLessThanOrEqualTo(4.0);
    assertThat(p.grad.a[0]).containsExactly(0, 0, 0); // gradients left zero
    assertThatThrownBy(() -> GradientNoise.totalVariance(noisy, null, 1, MonteCarlo.rng(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1");
  }

  @Test
  @Tag("EL-9")
  void EL_9_importanceSampledLogLikelihoodRisesWithKOnDigits() {
    Vae vae = small("categorical:17", 7);
    Dataset train = Dataset.digits(DIGITS.train, vae.likelihood());
    Trainer.fit(vae, train, null, Trainer.Options.adam(3, 64, 3e-3, 0), MonteCarlo.rng(8), null);
    Dataset test = Dataset.digits(DIGITS.test, vae.likelihood()).head(60);
    double[][] logW = vae.logImportanceWeights(test, 100, MonteCarlo.rng(9));
    double[] k1 = Vae.logLikelihoods(logW, 1);
    double[] k100 = Vae.logLikelihoods(logW, 100);
    double[] gain = new double[k1.length];
    for (int i = 0; i < gain.length; i++) {
      gain[i] = k100[i] - k1[i];
    }
    Estimate g = MonteCarlo.of(gain); // paired over images
    assertThat(g.mean()).isGreaterThan(4 * g.se());
  }

  @Test
  void logLikelihoodsUseLogSumExpAndSurviveHugeNegativeWeights() {
    double[][] logW = {{-1000, -1000, -1000}, {-5000, -5001, -4999}};
    double[] ll = Vae.logLikelihoods(logW, 3);
    assertThat(ll[0]).isCloseTo(-1000, within(1e-9));
    // log((e^0 + e^−1 + e^1)/3) − 5000, by hand
    assertThat(ll[1]).isCloseTo(-5000 + Math.log((1 + Math.exp(-1) + Math.exp(1)) / 3), within(1e-9));
  }

  @Test
  void aSavedModelReloadsToTheSameTestBound(@TempDir Path dir) {
    Vae vae = small("categorical:17", 10);
    Dataset train = Dataset.digits(DIGITS.train, vae.likelihood());
    Trainer.fit(vae, train, null, Trainer.Options.adam(1, 64, 1e-3, 0), MonteCarlo.rng(11), null);
    Path file = dir.resolve("model.vae");
    VaeFile.save(vae, file);
    Vae back = VaeFile.load(file);
    Dataset test = Dataset.digits(DIGITS.test, vae.likelihood());
    Terms a = vae.evaluate(test, MonteCarlo.rng(12));
    Terms b = back.evaluate(test, MonteCarlo.rng(12));
    assertThat(b.negElbo()).isEqualTo(a.negElbo());
    assertThat(back.config().toString()).isEqualTo(vae.config().toString());
    assertThat(dir.toFile().list()).containsExactly("model.vae"); // no temporary file left behind
  }

  @Test
  void truncatedForeignCorruptedAndMissingModelFilesAreRefusedClearly(@TempDir Path dir) throws IOException {
    Path good = dir.resolve("good.vae");
    VaeFile.save(small("bernoulli", 1), good);
    byte[] bytes = Files.readAllBytes(good);

    Path truncated = dir.resolve("truncated.vae");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> VaeFile.load(truncated)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    Path tiny = dir.resolve("tiny.vae");
    Files.write(tiny, Arrays.copyOf(bytes, 5));
    assertThatThrownBy(() -> VaeFile.load(tiny)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");

    Path foreign = dir.resolve("foreign.vae");
    Files.writeString(foreign, "x,y\n1,2\n");
    assertThatThrownBy(() -> VaeFile.load(foreign)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a model file");

    Path corrupted = dir.resolve("corrupted.vae");
    byte[] flipped = bytes.clone();
    flipped[flipped.length - 100] ^= 0x55;
    Files.write(corrupted, flipped);
    assertThatThrownBy(() -> VaeFile.load(corrupted)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupted");

    Path version = dir.resolve("version.vae");
    byte[] v2 = bytes.clone();
    v2[VaeFile.MAGIC.length() + 4] = 9; // the version int follows the magic line
    Files.write(version, v2);
    assertThatThrownBy(() -> VaeFile.load(version)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 9");

    assertThatThrownBy(() -> VaeFile.load(dir.resolve("missing.vae"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no model file");
  }

  @Test
  void aDivergingLossStopsTrainingNamingTheLearningRate() {
    Vae vae = small("categorical:17", 13);
    Dataset train = Dataset.digits(DIGITS.train, vae.likelihood());
    Trainer.Options wild = new Trainer.Options(5, 64, 1e6, 0, ps -> new Sgd(ps, 1e6));
    assertThatThrownBy(() -> Trainer.fit(vae, train, null, wild, MonteCarlo.rng(14), null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("learning rate").hasMessageContaining("--lr");
  }

  @Test
  void averagedTrainingKeepsTheRunningAverageOfTheWeights() {
    // one step with decay d from θ₀: θ̄ = d·θ₀ + (1 − d)·θ₁, so θ̄ − θ₀ = (1 − d)(θ₁ − θ₀)
    Vae plain = small("bernoulli", 20);
    Vae averaged = small("bernoulli", 20);
    Dataset batch = Dataset.digits(DIGITS.train, plain.likelihood()).head(64);
    Matrix start = plain.params().get(0).value.copy();
    Trainer.fit(plain, batch, null, Trainer.Options.adam(1, 64, 1e-2, 0), MonteCarlo.rng(21), null);
    Trainer.fit(averaged, batch, null, Trainer.Options.adam(1, 64, 1e-2, 0).averaged(0.75), MonteCarlo.rng(21), null);
    Matrix stepped = plain.params().get(0).value;
    Matrix avg = averaged.params().get(0).value;
    for (int r = 0; r < start.rows; r++) {
      for (int c = 0; c < start.cols; c++) {
        assertThat(avg.a[r][c] - start.a[r][c]).isCloseTo(0.25 * (stepped.a[r][c] - start.a[r][c]), within(1e-12));
      }
    }
    assertThatThrownBy(() -> Trainer.Options.adam(1, 64, 1e-3, 0).averaged(1.0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 1.0");
  }

  @Test
  void weightDecayShrinksEveryWeightByOneMinusLrTimesLambdaPerStep() {
    Vae vae = small("bernoulli", 22);
    Dataset batch = Dataset.digits(DIGITS.train, vae.likelihood()).head(64);
    Matrix before = vae.params().get(2).value.copy();
    vae.nn.Optimizer still = new vae.nn.Optimizer() { // no gradient step: only the decay acts
      @Override public void step() {}
      @Override public void zeroGrad() {}
    };
    Trainer.fit(vae, batch, null, new Trainer.Options(1, 64, 0.1, 0, ps -> still).decayed(2), MonteCarlo.rng(23), null);
    // θ ← θ − lr·λ·θ = 0.8·θ after the one step
    assertThat(vae.params().get(2).value.maxAbsDiff(before.scale(0.8))).isLessThan(1e-15);
    assertThatThrownBy(() -> Trainer.Options.adam(1, 64, 0.1, 0).decayed(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void badTrainingSettingsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> Trainer.Options.adam(0, 64, 1e-3, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs=0");
    assertThatThrownBy(() -> small("bernoulli", 1).training(-1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta=-1");
    assertThatThrownBy(() -> new Vae.Config(64, new int[] {0}, 2, Activation.Kind.RELU, "bernoulli"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden=[0]");
    assertThatThrownBy(() -> new Vae.Config(64, new int[] {8}, 2, Activation.Kind.RELU, "poisson"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poisson");
  }
}
