import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vae.book.Experiment;
import vae.data.Digits;
import vae.fig.BoundVsK;
import vae.fig.DecoderPictures;
import vae.fig.Manifold;
import vae.fig.TrainingCurves;
import vae.model.Cooperation;
import vae.model.LinearGaussianModel;
import vae.model.LogWeightChecks;
import vae.model.SamplesPerImage;
import vae.model.VaeGradCheck;
import vae.nn.BlockEffects;
import vae.nn.Matrix;
import vae.prob.Estimate;
import vae.prob.ImportanceCurve;
import vae.prob.MonteCarlo;

/**
 * The lib pieces chapter 05 draws, evaluates and checks with: the bound against K, the manifold
 * grid, and the records its sections' CHECKs read (EL-6, EL-7, EL-8, EL-11 to EL-13).
 */
class ImportanceCurveTest {
  @Test
  @Tag("EL-9")
  void EL_9_importanceCurveOfEqualWeightsIsFlatAndOfSpreadWeightsRises() {
    // equal log-weights c: log (1/K) Σ e^c = c for every K (exact), and the ELBO is c too
    double[][] flat = {{-3, -3, -3, -3}, {-5, -5, -5, -5}};
    ImportanceCurve c = ImportanceCurve.of(flat, 1, 2, 4, 8);
    assertThat(c.ks()).containsExactly(1, 2, 4); // 8 > the 4 weights per item: left out
    assertThat(c.last().mean()).isCloseTo(-4, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(c.gain().mean()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
    // log-weights that differ: log-mean-exp ≥ mean (Jensen), so the bound at K = 4 is above the ELBO
    double[][] spread = {{0, -2, -4, -1}, {-1, -3, 0, -2}};
    ImportanceCurve s = ImportanceCurve.of(spread, 1, 2, 4);
    assertThat(s.last().mean()).isGreaterThan(s.elbo().mean());
  }

  @Test
  void importanceCurveRejectsRaggedWeightsAndImpossibleK() {
    assertThatThrownBy(() -> ImportanceCurve.of(new double[][] {{0, 1}, {0}}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one length");
    assertThatThrownBy(() -> ImportanceCurve.of(new double[][] {{0, 1}}, 5, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no K in [5, 10]");
  }

  @Test
  void manifoldCodesAreNormalQuantilesSymmetricAboutZero() {
    Matrix z = Manifold.codes(3); // Φ⁻¹(1/6), 0, Φ⁻¹(5/6) along each axis
    assertThat(z.rows).isEqualTo(9);
    assertThat(z.a[4][0]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(z.a[0][0]).isCloseTo(-z.a[2][0], org.assertj.core.data.Offset.offset(1e-12));
    assertThat(z.a[0][1]).isGreaterThan(0); // the top row has z₂ > 0
    assertThatThrownBy(() -> Manifold.codes(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n=0");
  }

  @Test
  void chartHelpersRejectMismatchedSeries() {
    assertThatThrownBy(() -> BoundVsK.of("t", "K", "nats", "b", new double[] {1, 10},
        new double[] {1}, new double[] {0, 0}, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one mean");
    assertThatThrownBy(() -> TrainingCurves.of("t", "validation", new double[0], new double[0],
        new double[0], new double[0], new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("≥ 1 epoch");
    assertThatThrownBy(() -> MonteCarlo.gaussians(-1, 1, MonteCarlo.rng(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n=-1");
  }

  @Test
  void theHeadlineModelKeepsItsStreamsSeedPlusSixAndPlusTen() {
    // the published 95.59 / 92.14 at seed 42 were drawn from these two streams: they must not move
    assertThat(Experiment.trainingRng(42).nextLong()).isEqualTo(MonteCarlo.rng(48).nextLong());
    assertThat(Experiment.testRng(42).nextLong()).isEqualTo(MonteCarlo.rng(52).nextLong());
  }

  @Test
  void boundVsKFromEstimatesNeedsOneEstimatePerK() {
    Estimate e = new Estimate(-3, 0.1, 10);
    assertThat(BoundVsK.of("t", "K", "nats", "b", new int[] {1, 10}, new Estimate[] {e, e}, true,
        List.of("x"), 3).getTitle()).isEqualTo("t");
    assertThatThrownBy(() -> BoundVsK.of("t", "K", "nats", "b", new int[] {1, 10},
        new Estimate[] {e}, false, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one estimate per K");
  }

  @Test
  @Tag("EL-11")
  void EL_11_logWeightChecksAreExactAtTheTruePosteriorAndRejectNoPoints() {
    LinearGaussianModel orth = LinearGaussianModel.randomOrthogonal(5, 2, 0.7, MonteCarlo.rng(3));
    // closed form log p(x) against the VAE's own log-weights at q = p(z|x)
    assertThat(LogWeightChecks.worstExactError(orth, 5, 20, MonteCarlo.rng(4))).isLessThan(1e-9);
    assertThatThrownBy(() -> LogWeightChecks.worstExactError(orth, 0, 20, MonteCarlo.rng(4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    assertThatThrownBy(() -> LogWeightChecks.onModel(orth, 0, 20, MonteCarlo.rng(4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
  }

  @Test
  @Tag("EL-13")
  void EL_13_onModelGapsStartAtKOneAndEndAtTheLargestK() {
    LinearGaussianModel m = LinearGaussianModel.random(5, 2, 0.7, MonteCarlo.rng(5));
    LogWeightChecks.OnModel c = LogWeightChecks.onModel(m, 30, 50, MonteCarlo.rng(6));
    assertThat(c.ks()).containsExactly(1, 10, 50); // 100 > K = 50 is left out
    assertThat(c.kMax()).isEqualTo(50);
    assertThat(c.limit()).isSameAs(c.gap()[2]);
    assertThat(c.lossKl()).isCloseTo(c.fullKl(), Offset.offset(1e-9)); // two KL codes, one sum
    assertThat(c.toString().lines()).hasSize(3).first().asString().startsWith("K =    1");
  }

  @Test
  @Tag("EL-13")
  void EL_13_proposalsArePairedDifferencesOfTheirEstimates() {
    LogWeightChecks.Proposals p = new LogWeightChecks.Proposals(new double[] {-10, -12},
        new double[] {-11, -12}, new double[] {-10.5, -13});
    assertThat(p.apart().mean()).isCloseTo(-0.5, Offset.offset(1e-12)); // ×1.5 − ×1.2
    assertThat(p.qShort().mean()).isCloseTo(0.75, Offset.offset(1e-12)); // ×1.2 − q
    assertThat(p.toString()).startsWith("2 test images: widened ×1.2 -11.00");
  }

  @Test
  @Tag("EL-7")
  void EL_7_varianceRatiosUseTheDeltaMethodAndRunsArePairedBySeed() {
    // V(1) = 100 ± 5, V(5) = 20 ± 1: r = 5, SE = 5·√(0.05² + 0.05²) (delta method)
    SamplesPerImage e = new SamplesPerImage(new double[][] {{10, 11, 12}, {10, 10.5, 11.5},
        {13, 14, 16}}, new int[] {1, 5}, new Estimate[] {new Estimate(100, 5, 50),
        new Estimate(20, 1, 50)});
    assertThat(e.ratio(1).mean()).isCloseTo(5, Offset.offset(1e-12));
    assertThat(e.ratio(1).se()).isCloseTo(5 * Math.hypot(0.05, 0.05), Offset.offset(1e-12));
    assertThat(e.varianceFallsLikeOneOverL()).isTrue();
    assertThat(e.paired(SamplesPerImage.L1, SamplesPerImage.L5).mean())
        .isCloseTo(1.0 / 3, Offset.offset(1e-12));
    // L = 1 − L = 5 for a fifth of the steps, seed by seed: −3, −3, −4; SE from their spread,
    // √(((1/3)² + (1/3)² + (2/3)²)/2/3) = 1/3, not from the spread of either run over seeds
    Estimate codes = e.paired(SamplesPerImage.L1, SamplesPerImage.L5_SAME_CODES);
    assertThat(codes.mean()).isCloseTo(-10.0 / 3, Offset.offset(1e-12));
    assertThat(codes.se()).isCloseTo(1.0 / 3, Offset.offset(1e-12));
    assertThat(e.mean(SamplesPerImage.L5_SAME_CODES).mean()).isCloseTo(43.0 / 3,
        Offset.offset(1e-12));
    assertThat(e.toString()).contains("run 3: validation −ELBO: L = 1 12.00, L = 5 11.50; L = 5 "
        + "for a fifth of the steps 16.00").contains("after the same steps: 0.3333 ± ")
        .contains("after the same decoded codes: -3.333 ± 0.3333");
    SamplesPerImage ignoresL = new SamplesPerImage(e.bound(), e.ls(),
        new Estimate[] {new Estimate(100, 5, 50), new Estimate(100, 5, 50)});
    assertThat(ignoresL.varianceFallsLikeOneOverL()).isFalse(); // r = 1, far from 5
    assertThatThrownBy(() -> SamplesPerImage.run(Digits.load(), 2, 4, 2,
        name -> MonteCarlo.rng(name.length())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a positive multiple of 5").hasMessageEndingWith("got 4");
    assertThatThrownBy(() -> SamplesPerImage.run(Digits.load(), 1, 5, 2,
        name -> MonteCarlo.rng(name.length())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1");
  }

  @Test
  @Tag("EL-6")
  void EL_6_cooperationHoldsOnlyIfEveryStepMovesBothAndEachPartHelps() {
    BlockEffects.Effect both = new BlockEffects.Effect(1, 0.5, 0.5, true, true);
    BlockEffects.Effect frozen = new BlockEffects.Effect(1, 0, 1, false, true);
    BlockEffects.Effect gan = new BlockEffects.Effect(0, -0.1, 0.1, true, true); // both hurt
    assertThat(new Cooperation(List.of(both), List.of(both), List.of(gan)).holds()).isTrue();
    // the note's scheme: one network frozen in a step
    assertThat(new Cooperation(List.of(both, frozen), List.of(both), List.of(gan)).holds())
        .isFalse();
    // a GAN whose players helped each other is not the contrast the claim rests on
    assertThat(new Cooperation(List.of(both), List.of(both), List.of(both)).holds()).isFalse();
    Cooperation c = new Cooperation(List.of(both), List.of(both), List.of(gan));
    assertThat(c.table(0)).contains("first 1 steps").contains("+0.5000");
    assertThat(c.toString()).contains("1/1 steps").contains("in 1/1");
  }

  @Test
  @Tag("EL-8")
  void EL_8_vaeGradCheckPassesForEveryLikelihoodAndItsWorstKeepsNaN() {
    Matrix pixels = VaeGradCheck.pixels(MonteCarlo.rng(7));
    assertThat(pixels.rows).isEqualTo(3);
    for (String lik : VaeGradCheck.LIKELIHOODS) {
      VaeGradCheck.Result r = VaeGradCheck.check(lik, pixels, MonteCarlo.rng(8), 9);
      assertThat(r.worst()).as(lik).isLessThan(vae.nn.GradCheck.TOLERANCE);
      // Vae.loss exact: a few 1e-10 here; with the likelihood by FastExp (Vae.fastLoss) the
      // difference quotients err by ~2e-8 (FastExp's rounding divided by 2h)
      assertThat(r.worst()).as(lik).isLessThan(2e-9);
    }
    VaeGradCheck.Result r = VaeGradCheck.check("bernoulli", pixels, MonteCarlo.rng(8), 9);
    VaeGradCheck.Result nan = new VaeGradCheck.Result(r.config(), List.of(r.rows().get(0),
        new vae.nn.GradCheck.Row("x", 1, 1, Double.NaN)));
    assertThat(nan.worst()).isNaN(); // fails "worst < tolerance", as it must
  }

  @Test
  void decoderPicturesNeedSixteenImagesWithTheirTargets() {
    DecoderPictures p = new DecoderPictures(m -> m, m -> m.a, 2, 1, 8);
    assertThatThrownBy(() -> p.save("t", new Matrix(15, 64), new double[15][64], new int[15],
        MonteCarlo.rng(1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("15 inputs");
    assertThatThrownBy(() -> p.save("t", new Matrix(16, 64), new double[15][64], new int[16],
        MonteCarlo.rng(1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("15 targets");
  }
}
