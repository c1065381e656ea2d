import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
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
  void MC_1_dartsEstimatePiWithinFourStandardErrors(long seed) {
    Estimate pi = MonteCarlo.estimate(200_000, MonteCarlo.rng(seed), Ch03MonteCarlo::dart);
    assertThat(pi.zScore(Math.PI)).isLessThanOrEqualTo(4.0); // reference: Math.PI
    // SE from the samples agrees with the exact 4·√(p(1 − p)/n), p = π/4, to a few percent
    double p = Math.PI / 4;
    assertThat(pi.se()).isCloseTo(4 * Math.sqrt(p * (1 - p) / 200_000), within(1e-4));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
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
  void MC_2_slopeSeFromThePointsIsTheLinearPropagationOfTheirLogSes() {
    // three points at ln x = 0, 1, 2 (c = −½, 0, ½): SE² = ¼ (0.1)² + ¼ (0.2)² = 0.0125
    double[] x = {1, Math.E, Math.E * Math.E};
    double[] y = {2, 3, 5};
    double[] ySe = {0.2, 0.6, 1.0}; // relative SEs 0.1, 0.2, 0.2
    assertThat(ErrorScaling.logLogSlopeSe(x, y, ySe)).isCloseTo(Math.sqrt(0.0125), within(1e-12));
  }

  @Test
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
  void MC_4_ninetyFivePercentIntervalCoversAbout95PercentOf2000(long seed) {
    double coverage = Ch03MonteCarlo.coverage(Ch03MonteCarlo.EXPERIMENTS, Ch03MonteCarlo.SAMPLES_PER_EXPERIMENT,
        MonteCarlo.rng(seed), new Estimate[0]);
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
}
