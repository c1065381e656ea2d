import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vae.book.Chapter;
import vae.prob.ErrorScaling;
import vae.prob.Estimate;
import vae.prob.Gaussian1D;
import vae.prob.MonteCarlo;
import vae.prob.Quadrature;

/** Chapter 03's claims MC-1 … MC-4, on the chapter's own code, at the stress seeds. */
class Ch03MonteCarloTest {
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  @Tag("MC-1")
  void MC_1_dartsEstimatePiWithinFourStandardErrors(long seed) {
    Estimate pi = MonteCarlo.estimate(200_000, MonteCarlo.rng(seed), Ch03MonteCarlo::dart);
    assertThat(pi.zScore(Math.PI)).isLessThanOrEqualTo(4.0); // reference: Math.PI
    // SE from the samples agrees with the exact 4·√(p(1 − p)/n), p = π/4, to a few percent
    double p = Math.PI / 4;
    assertThat(pi.se()).isCloseTo(4 * Math.sqrt(p * (1 - p) / 200_000), within(1e-4));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  @Tag("MC-2")
  void MC_2_rmsErrorFallsLikeOneOverRootNOverFiveDecades(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    double[] ns = new double[11]; // N = 1, √10, 10, …, 10^5
    double[] rms = new double[ns.length];
    double[] se = new double[ns.length];
    for (int k = 0; k < ns.length; k++) {
      ns[k] = Math.round(Math.pow(10, k / 2.0));
      Estimate e = ErrorScaling.rmsError((long) ns[k], 60, rng, Ch03MonteCarlo::dart, Math.PI);
      rms[k] = e.mean();
      se[k] = e.se();
    }
    ErrorScaling.Slope slope = ErrorScaling.logLogSlope(ns, rms);
    double slopeSe = ErrorScaling.logLogSlopeSe(ns, rms, se);
    // the ledger's rule for MC-2: |slope + ½| ≤ 4·SE, the SE propagated from the points' own SEs
    assertThat(Math.abs(slope.slope() + 0.5)).isLessThanOrEqualTo(4 * slopeSe);
    // and 4·SE is small enough to tell −½ from a rate 1/N^{0.4} or 1/N^{0.6}: 4·SE < 0.05
    assertThat(4 * slopeSe).isLessThan(0.05);
  }

  @Test
  @Tag("MC-2")
  void MC_2_slopeSeFromThePointsIsTheLinearPropagationOfTheirLogSes() {
    // three points at ln x = 0, 1, 2 (c = −½, 0, ½): SE² = ¼ (0.1)² + ¼ (0.2)² = 0.0125
    double[] x = {1, Math.E, Math.E * Math.E};
    double[] y = {2, 3, 5};
    double[] ySe = {0.2, 0.6, 1.0}; // relative SEs 0.1, 0.2, 0.2
    assertThat(ErrorScaling.logLogSlopeSe(x, y, ySe)).isCloseTo(Math.sqrt(0.0125), within(1e-12));
  }

  @Test
  @Tag("MC-3")
  void MC_3_closedFormsAgreeWithQuadraturePerDimension() {
    // log p(x|z) = Σ_d t_d(z_d), t_d = log N(x_d; z_d, s²): independent terms, so mean and variance add
    double mean = 0;
    double variance = 0;
    for (int d = 0; d < Ch03MonteCarlo.X.length; d++) {
      double x = Ch03MonteCarlo.X[d];
      double s = Ch03MonteCarlo.S;
      java.util.function.DoubleUnaryOperator t = z -> -0.5 * Math.log(2 * Math.PI * s * s)
          - (x - z) * (x - z) / (2 * s * s);
      Gaussian1D q = new Gaussian1D(Ch03MonteCarlo.MU[d], Ch03MonteCarlo.SIGMA[d]); // Gauss–Legendre
      double m = Quadrature.expect(q, t);
      double m2 = Quadrature.expect(q, z -> t.applyAsDouble(z) * t.applyAsDouble(z));
      mean += m;
      variance += m2 - m * m;
    }
    assertThat(Ch03MonteCarlo.exactReconstruction()).isCloseTo(mean, within(1e-10));
    assertThat(Ch03MonteCarlo.exactSingleSampleVariance()).isCloseTo(variance, within(1e-9));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  @Tag("MC-3")
  void MC_3_lSampleEstimateIsUnbiasedWithVarianceVarOneOverL(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    double exact = Ch03MonteCarlo.exactReconstruction();
    Estimate l1 = MonteCarlo.estimate(2000, rng, r -> Ch03MonteCarlo.reconstructionEstimate(1, r));
    assertThat(l1.zScore(exact)).isLessThanOrEqualTo(4.0);
    int[] ls = {1, 8, 64};
    int repeats = 400;
    double[] scaled = new double[ls.length * repeats]; // L·(estimate − exact)²: mean Var₁ for every L
    for (int j = 0; j < ls.length; j++) {
      for (int r = 0; r < repeats; r++) {
        double e = Ch03MonteCarlo.reconstructionEstimate(ls[j], rng) - exact;
        scaled[j * repeats + r] = ls[j] * e * e;
      }
    }
    assertThat(MonteCarlo.of(scaled).zScore(Ch03MonteCarlo.exactSingleSampleVariance())).isLessThanOrEqualTo(4.0);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  @Tag("MC-4")
  void MC_4_ninetyFivePercentIntervalCoversAbout95PercentOf2000(long seed) {
    Estimate[] experiments = Ch03MonteCarlo.experiments(Ch03MonteCarlo.EXPERIMENTS,
        Ch03MonteCarlo.SAMPLES_PER_EXPERIMENT, MonteCarlo.rng(seed));
    double coverage = ErrorScaling.coverage(experiments, Ch03MonteCarlo.exactReconstruction());
    assertThat(coverage).isBetween(0.93, 0.97); // the ledger's band: 0.95 ± 4 binomial SE
  }

  @Test
  void chapterRunsQuickWithEveryCheckPassing() {
    assertThat(QuickRuns.of(Ch03MonteCarlo.class).exit()).isZero();
  }

  @Test
  void unknownFlagGivesExitCodeTwo() {
    assertThat(Chapter.run(new Ch03MonteCarlo(), "--bogus")).isEqualTo(2);
  }

  /** A 1-D model p(z) = N(0, 1), p(x|z) = N(wz + b, s²), and p(x|z) as a function of z. */
  static vae.model.LinearGaussianModel oneD(double w, double b, double s) {
    return new vae.model.LinearGaussianModel(new double[][] {{w}}, new double[] {b}, s);
  }

  @Test
  @Tag("MC-20")
  void MC_20_priorWeightsRelativeVarianceMatchesQuadratureAndExplodesFarOut() {
    for (double w : new double[] {0.5, 1.5, 3}) {
      vae.model.LinearGaussianModel g = oneD(w, 0.3, 0.5);
      for (double x : new double[] {0.3, 2, -4}) {
        double[] xx = {x};
        java.util.function.DoubleUnaryOperator lik =
            z -> Math.exp(g.logLikelihood(xx, new double[] {z}));
        double p = Quadrature.expect(Gaussian1D.STANDARD, lik); // ∫ p(x|z) p(z) dz
        double second = Quadrature.expect(Gaussian1D.STANDARD,
            z -> lik.applyAsDouble(z) * lik.applyAsDouble(z));
        assertThat(vae.model.MarginalEstimators.priorRelativeVariance(g, xx))
            .isCloseTo(second / (p * p) - 1, within(1e-8 * (1 + second / (p * p))));
      }
    }
    // the chapter's collapse: 5 sd out in 1-D, and in 16-D at 1 sd, whatever the seed
    for (long seed : new long[] {1, 7, 42}) {
      var far = vae.model.LinearGaussianModel.randomOrthogonal(20, 1, 0.5, MonteCarlo.rng(seed));
      assertThat(vae.model.MarginalEstimators.priorRelativeVariance(far,
          vae.model.MarginalEstimators.pointOut(far, 5))).isGreaterThan(1000);
      var wide = vae.model.LinearGaussianModel.randomOrthogonal(20, 16, 0.5, MonteCarlo.rng(seed));
      assertThat(vae.model.MarginalEstimators.priorRelativeVariance(wide,
          vae.model.MarginalEstimators.pointOut(wide, 1))).isGreaterThan(1000);
    }
  }

  @Test
  @Tag("MC-21")
  void MC_21_widenedPosteriorWeightsRelativeVarianceMatchesQuadrature() {
    for (double a : new double[] {0.8, 1.5, 3}) {
      // 1-D: ∫ N(z; 0, 1)²/N(z; 0, a) dz − 1, against (a/√(2a − 1)) − 1
      Gaussian1D q = new Gaussian1D(0, Math.sqrt(a));
      double ratio = Quadrature.integrate(z -> Math.pow(Gaussian1D.STANDARD.density(z), 2)
          / q.density(z), -12, 12, 48);
      assertThat(vae.model.MarginalEstimators.widenedRelativeVariance(a, 1))
          .isCloseTo(ratio - 1, within(1e-9));
      assertThat(vae.model.MarginalEstimators.widenedRelativeVariance(a, 3))
          .isCloseTo(Math.pow(ratio, 3) - 1, within(1e-9));
    }
    assertThatThrownBy(() -> vae.model.MarginalEstimators.widenedRelativeVariance(0.5, 2))
        .hasMessageContaining("a > 1/2");
    // unbiased: the mean of p̂/p(x) over draws from q is 1 within 4 SE
    var model = vae.model.LinearGaussianModel.randomOrthogonal(20, 4, 0.5, MonteCarlo.rng(46));
    double[] x = vae.model.MarginalEstimators.pointOut(model, 3);
    vae.prob.MvGaussian q = vae.model.MarginalEstimators.widenedPosterior(model, x, 1.5);
    double[] r = vae.model.MarginalEstimators.ratios(
        vae.model.MarginalEstimators.importanceLogWeights(model, x, q, 40_000,
            MonteCarlo.rng(42)), model.logMarginal(x));
    // the comparison's exact relative errors are √(ρ/N) of the two closed forms
    var cmp = vae.model.MarginalEstimators.compare(model, x, 1.5, 100, 3, MonteCarlo.rng(1));
    assertThat(cmp.qExact()).isCloseTo(
        Math.sqrt(vae.model.MarginalEstimators.widenedRelativeVariance(1.5, 4) / 100), within(1e-15));
    assertThat(MonteCarlo.of(r).zScore(1)).isLessThanOrEqualTo(4.0);
  }

  @Test
  @Tag("MC-22")
  void MC_22_equalMassMixtureConvergesToTheExactMarginal() {
    org.apache.commons.math3.distribution.NormalDistribution phi =
        new org.apache.commons.math3.distribution.NormalDistribution(0, 1);
    double previous = Double.POSITIVE_INFINITY;
    for (int k : new int[] {7, 70, 700}) {
      double[] codes = new double[k];
      for (int i = 0; i < k; i++) {
        codes[i] = phi.inverseCumulativeProbability((i + 0.5) / k);
      }
      double worst = 0;
      for (double x = -4; x <= 5; x += 0.5) {
        double exact = Math.exp(Ch03MonteCarlo.MIX.logMarginal(new double[] {x}));
        double xx = x; // the mixture (1/K) Σ_k p(x|z_k) over the equal-mass codes
        double mixture = java.util.Arrays.stream(codes)
            .map(z -> Ch03MonteCarlo.likelihood(xx, z)).average().orElseThrow();
        worst = Math.max(worst, Math.abs(mixture - exact));
      }
      assertThat(worst).isLessThan(previous);
      previous = worst;
    }
    assertThat(previous).isLessThan(1e-3);
  }

  @Test
  @Tag("ER-1")
  void ER_1_dataDrawnThroughTheDecoderAreNotStandardNormal() {
    vae.model.LinearGaussianModel g = Ch03MonteCarlo.MIX;
    SplittableRandom rng = MonteCarlo.rng(42);
    double[] sq = new double[50_000];
    for (int i = 0; i < sq.length; i++) {
      double x = g.sampleX(rng)[0] - 0.5;
      sq[i] = x * x;
    }
    Estimate var = MonteCarlo.of(sq);
    assertThat(var.zScore(1.5 * 1.5 + 0.4 * 0.4)).isLessThanOrEqualTo(4.0);
    assertThat(var.zScore(1)).isGreaterThan(4.0);
  }

  @Test
  @Tag("ER-2")
  void ER_2_likelihoodOverHIntegratesToOneOverW() {
    for (double w : new double[] {0.5, 1.5, 4}) {
      vae.model.LinearGaussianModel g = oneD(w, 0.5, 0.4);
      double[] x = {1.2};
      double overH = Quadrature.integrate(h -> Math.exp(g.logLikelihood(x, new double[] {h})),
          -20, 20, 80);
      assertThat(overH).isCloseTo(1 / w, within(1e-9));
      double overX = Quadrature.integrate(v -> Math.exp(g.logLikelihood(new double[] {v},
          new double[] {0.7})), -20, 20, 80);
      assertThat(overX).isCloseTo(1, within(1e-9));
    }
  }

  @Test
  @Tag("ER-3")
  void ER_3_reconLossPlusKlIsMinusTheElboAboveMinusLogPx() {
    SplittableRandom rng = MonteCarlo.rng(42);
    for (int t = 0; t < 5; t++) {
      vae.model.LinearGaussianModel g = vae.model.LinearGaussianModel.random(6, 3, 0.7, rng);
      double[] x = g.sampleX(rng);
      vae.prob.MvGaussian q = vae.model.MarginalEstimators.widenedPosterior(g, x, 1.3);
      double loss = -g.expectedLogLikelihood(x, q) + vae.model.LinearGaussianModel.klToPrior(q);
      assertThat(loss).isGreaterThanOrEqualTo(-g.logMarginal(x));
      assertThat(-loss).isCloseTo(g.logMarginal(x) - g.klToPosterior(x, q), within(1e-9));
    }
  }

  @Test
  @Tag("MC-4")
  void MC_4_coverageCountsTheIntervalsThatContainTheTruth() {
    // mean ± 1.96·SE around 1, 3, 0, −0.9 (SE 0.5, 0.5, 1, 1): 1 lies in the 1st, 3rd and 4th
    Estimate[] e = {new Estimate(1, 0.5, 10), new Estimate(3, 0.5, 10), new Estimate(0, 1, 10),
        new Estimate(-0.9, 1, 10)};
    assertThat(ErrorScaling.coverage(e, 1)).isEqualTo(0.75);
    assertThatThrownBy(() -> ErrorScaling.coverage(new Estimate[0], 1))
        .hasMessageContaining("at least one estimate");
  }

  @Test
  @Tag("MC-3")
  void MC_3_varianceAboutAKnownMeanIsTheMeanSquaredDeviation() {
    // (1 − 2)², (3 − 2)², (5 − 2)² = 1, 1, 9: mean 11/3, SE from the same three values
    Estimate v = MonteCarlo.varianceAbout(new double[] {1, 3, 5}, 2);
    assertThat(v.mean()).isCloseTo(11 / 3.0, within(1e-15));
    assertThat(v.se()).isCloseTo(MonteCarlo.of(new double[] {1, 1, 9}).se(), within(1e-15));
    assertThatThrownBy(() -> MonteCarlo.varianceAbout(new double[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Tag("MC-20")
  void MC_20_pointOutLiesTStandardDeviationsOutAlongTheFirstColumn() {
    // x − b = t·sd·w₁/‖w₁‖ is an eigenvector of WWᵀ + s²I with eigenvalue sd² (orthogonal
    // columns), so log p(x) = log p(b) − t²/2 exactly
    var g = vae.model.LinearGaussianModel.randomOrthogonal(20, 4, 0.5, MonteCarlo.rng(3));
    double[] b = g.decode(new double[4]);
    for (double t : new double[] {0, 1, 2.5}) {
      double[] x = vae.model.MarginalEstimators.pointOut(g, t);
      assertThat(g.logMarginal(x)).isCloseTo(g.logMarginal(b) - t * t / 2, within(1e-9));
    }
  }

  @Test
  void figureBuildersNameTheirBadArguments() {
    assertThatThrownBy(() -> vae.fig.Estimators.running("t", "y", new double[19], 0, "e"))
        .hasMessageContaining("≥ 20 values, got 19");
    assertThatThrownBy(() -> vae.fig.Estimators.mixture("t", 0, 1, (x, z) -> 0, x -> 0, 0, 5))
        .hasMessageContaining("k ≥ 1");
  }
}
