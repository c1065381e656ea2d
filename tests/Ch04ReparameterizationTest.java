import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vae.book.Chapter;
import vae.prob.DiagGaussian;
import vae.prob.Estimate;
import vae.prob.Gaussian1D;
import vae.prob.GradientEstimators;
import vae.prob.GradientEstimators.Gradient;
import vae.prob.GradientEstimators.Kind;
import vae.prob.MonteCarlo;
import vae.prob.TestFunction;
import vae.prob.Quadrature;

/** Chapter 04's claims RP-1 … RP-4, on the chapter's and the lib's code, at the stress seeds. */
class Ch04ReparameterizationTest {
  static final double MU = Ch04Reparameterization.GRAD_MU;
  static final double SIGMA = Ch04Reparameterization.GRAD_SIGMA;

  /** Reference gradients: closed forms typed here for z² and sin z, quadrature for the tanh net. */
  static double[] reference(TestFunction f) {
    double damp = Math.exp(-SIGMA * SIGMA / 2);
    return switch (f.name()) {
      case "z²" -> new double[] {2 * MU, 2 * SIGMA};                 // E = μ² + σ²
      case "sin z" -> new double[] {Math.cos(MU) * damp, -SIGMA * Math.sin(MU) * damp}; // E = sin μ e^{−σ²/2}
      default -> Ch04Reparameterization.quadratureGradient(f, MU, SIGMA);
    };
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  @Tag("RP-1")
  void RP_1_reparameterizedDrawsHaveTheMomentsAndShapeOfQ(long seed) {
    double[] mu = Ch04Reparameterization.MU;
    double[] sigma = Ch04Reparameterization.SIGMA;
    double[][] z = DiagGaussian.ofSigma(mu, sigma).sampleColumns(20_000, MonteCarlo.rng(seed));
    for (int d = 0; d < mu.length; d++) {
      final int dim = d;
      double[] sq = java.util.Arrays.stream(z[d]).map(v -> (v - mu[dim]) * (v - mu[dim])).toArray();
      assertThat(MonteCarlo.of(z[d]).zScore(mu[d])).isLessThanOrEqualTo(4.0);
      assertThat(MonteCarlo.of(sq).zScore(sigma[d] * sigma[d])).isLessThanOrEqualTo(4.0);
    }
    assertThat(vae.prob.GoodnessOfFit.standardNormalP(z, mu, sigma)).isGreaterThan(Ch04Reparameterization.KS_ALPHA);
  }

  @Test
  @Tag("RP-2")
  void RP_2_quadratureReferenceMatchesClosedForms() {
    for (TestFunction f : java.util.List.of(Ch04Reparameterization.objectives()[0], Ch04Reparameterization.objectives()[1])) {
      double[] quad = Ch04Reparameterization.quadratureGradient(f, MU, SIGMA);
      assertThat(quad).containsExactly(reference(f), within(1e-8)); // central differences, h = 1e-5
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  @Tag("RP-2")
  void RP_2_pathwiseGradientIsUnbiasedForEveryTestFunction(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    DiagGaussian q = DiagGaussian.ofSigma(new double[] {MU}, new double[] {SIGMA});
    for (TestFunction f : Ch04Reparameterization.objectives()) {
      Gradient g = GradientEstimators.estimate(Kind.PATHWISE, f, q, 20_000, rng);
      double[] exact = reference(f);
      assertThat(g.dMu()[0].zScore(exact[0])).as(f.name() + " ∂μ").isLessThanOrEqualTo(4.0);
      assertThat(g.dSigma()[0].zScore(exact[1])).as(f.name() + " ∂σ").isLessThanOrEqualTo(4.0);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  @Tag("RP-3")
  void RP_3_scoreFunctionGradientIsUnbiasedButNoisier(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    DiagGaussian q = DiagGaussian.ofSigma(new double[] {MU}, new double[] {SIGMA});
    for (TestFunction f : Ch04Reparameterization.objectives()) {
      Gradient g = GradientEstimators.estimate(Kind.SCORE, f, q, 20_000, rng);
      double[] exact = reference(f);
      assertThat(g.dMu()[0].zScore(exact[0])).as(f.name() + " ∂μ").isLessThanOrEqualTo(4.0);
      assertThat(g.dSigma()[0].zScore(exact[1])).as(f.name() + " ∂σ").isLessThanOrEqualTo(4.0);
    }
    for (int dim : new int[] {1, 16}) {
      Estimate[] v = GradientEstimators.oneDrawVariances(Ch04Reparameterization.objectives()[0], Ch04Reparameterization.GRAD_MU, 0.5, dim, 4000, rng); // {pathwise, score}
      // the ledger's rule: R − 1 > 4·SE(R), SE by the delta method from the two variances' SEs
      double ratio = v[1].mean() / v[0].mean();
      double se = ratio * Math.hypot(v[1].se() / v[1].mean(), v[0].se() / v[0].mean());
      assertThat(ratio - 1).as("D = " + dim).isGreaterThan(4 * se);
    }
  }

  @Test
  @Tag("RP-3")
  void RP_3_oneDrawVarianceAndItsSeMatchTheExactValues() {
    // pathwise ∂/∂μ₁ of Σ z² is 2z₁: variance 4σ², and Var[(g − μ_g)²] = 2·(4σ²)² (a Gaussian)
    DiagGaussian q = DiagGaussian.ofSigma(new double[] {0.7}, new double[] {0.5});
    int n = 40_000;
    Estimate v = GradientEstimators.oneDrawVariance(Kind.PATHWISE,
        Ch04Reparameterization.objectives()[0], q, n, MonteCarlo.rng(5));
    assertThat(v.zScore(1.0)).isLessThanOrEqualTo(4.0);
    assertThat(v.se()).isCloseTo(Math.sqrt(2.0 / n), within(0.1 * Math.sqrt(2.0 / n)));
    // score: Var = exactScoreVariance (checked against quadrature below), within 4 SE
    Estimate s = GradientEstimators.oneDrawVariance(Kind.SCORE,
        Ch04Reparameterization.objectives()[0], q, n, MonteCarlo.rng(6));
    double exact = Ch04Reparameterization.exactScoreVariance(1, 0.5);
    assertThat(s.zScore(exact)).isLessThanOrEqualTo(4.0);
  }

  @Test
  @Tag("RP-3")
  void RP_3_exactScoreVarianceMatchesQuadratureInOneDimension() {
    // D = 1: Var = E[(z² ε/σ)²] − (2μ)², ε = (z − μ)/σ: a polynomial, by Gauss–Legendre quadrature
    double mu = Ch04Reparameterization.GRAD_MU;
    for (double sigma : new double[] {0.1, 0.5, 2.0}) {
      double second = Quadrature.expect(new Gaussian1D(mu, sigma), z -> Math.pow(z * z * (z - mu) / (sigma * sigma), 2));
      assertThat(Ch04Reparameterization.exactScoreVariance(1, sigma)).isCloseTo(second - 4 * mu * mu,
          within(1e-9 * second));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  @Tag("RP-4")
  void RP_4_scalingByTheVarianceGivesVarianceSigmaToTheFourth(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    double mu = 1.0;
    double sigma = 2.0;
    // the right recipe, z = μ + σε, and note 002's, z = μ + σ²ε (a Gaussian whose "σ" is σ²)
    DiagGaussian right = DiagGaussian.ofSigma(new double[] {mu}, new double[] {sigma});
    DiagGaussian note = DiagGaussian.ofSigma(new double[] {mu}, new double[] {sigma * sigma});
    Estimate varRight = MonteCarlo.estimate(20_000, rng, r -> Math.pow(right.sample(r)[0] - mu, 2));
    Estimate varNote = MonteCarlo.estimate(20_000, rng, r -> Math.pow(note.sample(r)[0] - mu, 2));
    assertThat(varRight.zScore(sigma * sigma)).isLessThanOrEqualTo(4.0);
    assertThat(varNote.zScore(Math.pow(sigma, 4))).isLessThanOrEqualTo(4.0);
    assertThat(varNote.zScore(sigma * sigma)).isGreaterThan(4.0);
  }

  @Test
  void chapterRunsQuickWithEveryCheckPassing() {
    assertThat(QuickRuns.of(Ch04Reparameterization.class).exit()).isZero();
  }

  @Test
  void unknownFlagGivesExitCodeTwo() {
    assertThat(Chapter.run(new Ch04Reparameterization(), "--bogus")).isEqualTo(2);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  @Tag("RP-20")
  void RP_20_ringMapGivesRadiusOnePlusRayleighOverTenAndUniformAngle(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    int n = 20_000;
    double[] u = new double[n];
    double[] angle = new double[n];
    for (int i = 0; i < n; i++) {
      double[] z = {rng.nextGaussian(), rng.nextGaussian()};
      double[] y = Ch04Reparameterization.ring(z);
      double r = Math.hypot(y[0], y[1]);
      assertThat(r).isCloseTo(1 + Math.hypot(z[0], z[1]) / 10, within(1e-12));
      u[i] = 1 - Math.exp(-50 * (r - 1) * (r - 1));
      angle[i] = Math.atan2(y[1], y[0]);
    }
    var ks = new org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest();
    assertThat(ks.kolmogorovSmirnovTest(
        new org.apache.commons.math3.distribution.UniformRealDistribution(0, 1), u))
        .isGreaterThan(Ch04Reparameterization.KS_ALPHA);
    assertThat(ks.kolmogorovSmirnovTest(
        new org.apache.commons.math3.distribution.UniformRealDistribution(-Math.PI, Math.PI),
        angle)).isGreaterThan(Ch04Reparameterization.KS_ALPHA);
  }

  @Test
  @Tag("RP-21")
  void RP_21_inverseCdfOfPhiOfNoiseHasTheTargetDistribution() {
    var phi = new org.apache.commons.math3.distribution.NormalDistribution(0, 1);
    var ks = new org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest();
    SplittableRandom rng = MonteCarlo.rng(42);
    for (var target : Ch04Reparameterization.TARGETS) {
      for (double e = -3; e <= 3; e += 0.5) { // F(F⁻¹(Φ(e))) = Φ(e)
        double x = target.inverseCumulativeProbability(phi.cumulativeProbability(e));
        assertThat(target.cumulativeProbability(x)).isCloseTo(phi.cumulativeProbability(e),
            within(1e-8));
      }
      double[] x = new double[20_000];
      for (int i = 0; i < x.length; i++) {
        x[i] = Ch04Reparameterization.inverseCdf(target, rng);
      }
      assertThat(ks.kolmogorovSmirnovTest(target, x))
          .isGreaterThan(Ch04Reparameterization.KS_ALPHA);
    }
  }

  @Test
  @Tag("RP-1")
  void RP_1_sampleColumnsHoldTheDrawsOfSampleInOrder() {
    DiagGaussian q = DiagGaussian.ofSigma(new double[] {1, -2}, new double[] {0.5, 3});
    double[][] columns = q.sampleColumns(3, MonteCarlo.rng(9)); // [D][n]
    SplittableRandom rng = MonteCarlo.rng(9);
    for (int i = 0; i < 3; i++) {
      assertThat(new double[] {columns[0][i], columns[1][i]}).containsExactly(q.sample(rng));
    }
  }

  @Test
  @Tag("RP-1")
  void RP_1_standardNormalPRejectsAShiftAndNamesBadShapes() {
    SplittableRandom rng = MonteCarlo.rng(3);
    double[] x = new double[20_000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.3 + rng.nextGaussian(); // N(0.3, 1)
    }
    assertThat(vae.prob.GoodnessOfFit.standardNormalP(new double[][] {x}, new double[] {0.3},
        new double[] {1})).isGreaterThan(Ch04Reparameterization.KS_ALPHA);
    assertThat(vae.prob.GoodnessOfFit.standardNormalP(new double[][] {x}, new double[] {0},
        new double[] {1})).isLessThan(1e-9); // a shift of 0.3 sd in 20,000 draws
    assertThatThrownBy(() -> vae.prob.GoodnessOfFit.standardNormalP(new double[][] {x},
        new double[] {0, 1}, new double[] {1})).hasMessageContaining("one μ and σ per row");
  }

  @Test
  @Tag("RP-21")
  void RP_21_criticalDistanceIsTheDkwBound() {
    // √(ln(2/α)/(2n)) at α = 0.02, n = 50: √(ln 100 / 100)
    assertThat(vae.prob.GoodnessOfFit.criticalDistance(0.02, 50))
        .isCloseTo(Math.sqrt(Math.log(100) / 100), within(1e-15));
    assertThatThrownBy(() -> vae.prob.GoodnessOfFit.criticalDistance(1, 10))
        .hasMessageContaining("0 < α < 1");
    assertThatThrownBy(() -> vae.prob.GoodnessOfFit.criticalDistance(0.1, 0))
        .hasMessageContaining("n ≥ 1");
  }

  @Test
  @Tag("RP-2")
  void RP_2_tanhNetIsTheSumOfItsUnitsAndItsDerivativeMatchesFiniteDifferences() {
    TestFunction f = TestFunction.tanhNet(new double[] {1.5, -0.8}, new double[] {0.3, 0.5},
        new double[] {0.9, -1.2});
    for (double z : new double[] {-1, 0.2, 2}) {
      // φ by hand: 0.9 tanh(1.5z + 0.3) − 1.2 tanh(−0.8z + 0.5)
      assertThat(f.phi().applyAsDouble(z)).isCloseTo(0.9 * Math.tanh(1.5 * z + 0.3)
          - 1.2 * Math.tanh(-0.8 * z + 0.5), within(1e-15));
      double h = 1e-6; // central difference
      assertThat(f.dPhi().applyAsDouble(z)).isCloseTo((f.phi().applyAsDouble(z + h)
          - f.phi().applyAsDouble(z - h)) / (2 * h), within(1e-8));
    }
    assertThatThrownBy(() -> TestFunction.tanhNet(new double[2], new double[1], new double[2]))
        .hasMessageContaining("one length");
  }

  @Test
  @Tag("RP-3")
  void RP_3_ratioSeIsTheDeltaMethodAndOneDrawVarianceNeedsTwoDraws() {
    // a = 6 ± 0.3, b = 2 ± 0.2: R = 3, SE(R) = 3·√(0.05² + 0.1²)
    Estimate r = Estimate.ratio(new Estimate(6, 0.3, 100), new Estimate(2, 0.2, 50));
    assertThat(r.mean()).isEqualTo(3.0);
    assertThat(r.se()).isCloseTo(3 * Math.hypot(0.05, 0.1), within(1e-15));
    assertThat(r.n()).isEqualTo(50);
    DiagGaussian q = DiagGaussian.ofSigma(new double[] {0.7}, new double[] {1});
    assertThatThrownBy(() -> GradientEstimators.oneDrawVariance(Kind.SCORE,
        Ch04Reparameterization.objectives()[0], q, 1, MonteCarlo.rng(1)))
        .hasMessageContaining("n=1");
  }

  @Test
  void figureBuildersNameTheirBadArguments() {
    assertThatThrownBy(() -> vae.fig.Histograms.of("t", "x", 1, 1, 10))
        .hasMessageContaining("lo < hi");
    assertThatThrownBy(() -> vae.fig.Histograms.against("t", "x", 0, 1, 10, new String[1],
        new double[2][3], d -> x -> 0, false)).hasMessageContaining("one name per row");
    assertThatThrownBy(() -> vae.fig.Clouds.of("t", 1, 10, new String[1]))
        .hasMessageContaining("one name per cloud");
  }
}
