import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vae.prob.DiagGaussian;
import vae.prob.Discrete;
import vae.prob.Estimate;
import vae.prob.FiniteDifferences;
import vae.prob.Gaussian1D;
import vae.prob.GaussianMixture1D;
import vae.prob.JointTable;
import vae.prob.KlFit;
import vae.prob.KlMonteCarlo;
import vae.prob.MonteCarlo;
import vae.prob.MvGaussian;
import vae.prob.Quadrature;

/** Claims KL-1 … KL-8 (chapter 02), calling the lib code the chapter calls. */
class Ch02KlClaimsTest {
  @Test
  @Tag("KL-1")
  void KL_1_klIsNonNegativeAndZeroOnlyForEqualDistributions() {
    SplittableRandom rng = MonteCarlo.rng(Stress.SEED);
    for (int i = 0; i < 20_000; i++) {
      Discrete p = Discrete.random(5, rng);
      Discrete q = Discrete.random(5, rng);
      assertThat(p.klTo(q)).isPositive();
      assertThat(p.klTo(p)).isZero();
    }
    // by hand: KL((½,½) ‖ (¼,¾)) = ½ ln 2 + ½ ln(2/3)
    assertThat(Discrete.of(0.5, 0.5).klTo(Discrete.of(0.25, 0.75)))
        .isCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3), within(1e-15));
  }

  @Test
  @Tag("KL-2")
  void KL_2_gibbsEntropyNeverExceedsCrossEntropy() {
    SplittableRandom rng = MonteCarlo.rng(Stress.SEED);
    for (int i = 0; i < 20_000; i++) {
      Discrete p = Discrete.random(5, rng);
      Discrete q = Discrete.random(5, rng);
      assertThat(p.entropy()).isLessThanOrEqualTo(p.crossEntropy(q));
    }
  }

  @Test
  @Tag("KL-3")
  void KL_3_klIsNotSymmetricAndForwardFitsCoverWhileReverseFitsSeek() {
    Discrete p = Discrete.of(0.80, 0.15, 0.05);
    Discrete q = Discrete.of(1.0 / 3, 1.0 / 3, 1.0 / 3);
    assertThat(Math.abs(p.klTo(q) - q.klTo(p))).isGreaterThan(0.1);
    GaussianMixture1D mix = new GaussianMixture1D(new double[] {0.6, 0.4}, new Gaussian1D(-2, 0.7), new Gaussian1D(2.5, 0.9));
    // minimising KL(p‖q) over Gaussians matches moments (closed form: mean −0.2, variance 5.478)
    Gaussian1D forward = KlFit.fitForward(mix, new Gaussian1D(0, 1));
    assertThat(forward.mu()).isCloseTo(mix.mean(), within(1e-5));
    assertThat(forward.variance()).isCloseTo(mix.variance(), within(1e-5));
    Gaussian1D reverse = KlFit.fitReverse(mix, new Gaussian1D(-1.5, 1));
    assertThat(reverse.mu()).isCloseTo(-2, within(0.2));
    assertThat(reverse.sigma()).isLessThan(1);
    assertThat(KlFit.reverseKl(mix, reverse)).isLessThan(KlFit.reverseKl(mix, forward));
    assertThat(KlFit.forwardKl(mix, forward)).isLessThan(KlFit.forwardKl(mix, reverse));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  @Tag("KL-4")
  void KL_4_gaussianKlClosedFormMatchesQuadratureAndMC(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    Gaussian1D q = new Gaussian1D(2 * rng.nextDouble() - 1, 0.3 + 1.2 * rng.nextDouble());
    Gaussian1D g = new Gaussian1D(q.mu(), 2 * q.sigma());
    double logVar = Math.log(q.variance());
    DoubleUnaryOperator[] f = {x -> -logVar, x -> x * x, x -> (x - q.mu()) * (x - q.mu()) / q.variance()};
    double[] exact = {-logVar, q.mu() * q.mu() + q.variance(), 1};
    for (int i = 0; i < 3; i++) {
      DoubleUnaryOperator fi = f[i];
      assertThat(Quadrature.expect(q, fi)).as("integral %d by quadrature", i).isCloseTo(exact[i], within(1e-9));
      Estimate e = MonteCarlo.estimate(100_000, rng, r -> {
        double x = g.sample(r);
        return Math.exp(q.logDensity(x) - g.logDensity(x)) * fi.applyAsDouble(x);
      });
      assertThat(e.zScore(exact[i])).as("integral %d by MC: %s vs %s", i, e, exact[i]).isLessThanOrEqualTo(4.0);
    }
    double kl = 0.5 * (q.mu() * q.mu() + q.variance() - logVar - 1);
    assertThat(q.klToStandardNormal()).isCloseTo(kl, within(1e-15));
    assertThat(Quadrature.expect(q, x -> q.logDensity(x) - Gaussian1D.STANDARD.logDensity(x))).isCloseTo(kl, within(1e-9));
    assertThat(KlMonteCarlo.estimate(q, Gaussian1D.STANDARD, 100_000, rng).zScore(kl)).isLessThanOrEqualTo(4.0);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  @Tag("KL-5")
  void KL_5_diagonalGaussianKlMatchesMonteCarlo(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    for (int dim : new int[] {1, 4, 16}) {
      double[] mu = rng.doubles(dim).map(u -> 3 * u - 1.5).toArray();
      double[] logVar = rng.doubles(dim).map(u -> 1.4 * (u - 0.5)).toArray();
      DiagGaussian q = new DiagGaussian(mu, logVar);
      double kl = 0; // −½ Σ_d (log σ_d² + 1 − σ_d² − μ_d²), written out again
      for (int d = 0; d < dim; d++) {
        kl -= 0.5 * (logVar[d] + 1 - Math.exp(logVar[d]) - mu[d] * mu[d]);
      }
      assertThat(q.klToStandardNormal()).isCloseTo(kl, within(1e-12));
      Estimate e = KlMonteCarlo.estimate(q, DiagGaussian.standard(dim), 40_000, rng);
      assertThat(e.zScore(kl)).as("D=%d: %s vs %s", dim, e, kl).isLessThanOrEqualTo(4.0);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  @Tag("KL-6")
  void KL_6_fullCovarianceKlMatchesMonteCarlo(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    for (int k = 1; k <= 5; k++) {
      MvGaussian n0 = MvGaussian.random(k, rng);
      MvGaussian n1 = MvGaussian.random(k, rng);
      Estimate e = KlMonteCarlo.estimate(n0, n1, 40_000, rng);
      assertThat(e.zScore(n0.klTo(n1))).as("k=%d: %s vs %s", k, e, n0.klTo(n1)).isLessThanOrEqualTo(4.0);
      assertThat(n0.klTo(n0)).isCloseTo(0, within(1e-12));
    }
  }

  @Test
  @Tag("KL-6")
  void KL_6_specialCasesAndDensityAgreeWithOtherFormulas() {
    SplittableRandom rng = MonteCarlo.rng(Stress.SEED);
    // k = 1: the one-dimensional formula
    Gaussian1D a = new Gaussian1D(0.3, 1.7);
    Gaussian1D b = new Gaussian1D(-1.1, 0.6);
    assertThat(new MvGaussian(new double[] {0.3}, new double[][] {{1.7 * 1.7}}).klTo(
        new MvGaussian(new double[] {-1.1}, new double[][] {{0.36}}))).isCloseTo(a.klTo(b), within(1e-12));
    // diagonal Σ₀ against N(0, I): the VAE formula
    DiagGaussian d = DiagGaussian.ofSigma(new double[] {0.5, -1, 2}, new double[] {0.4, 1.3, 0.8});
    double[][] cov = {{0.16, 0, 0}, {0, 1.69, 0}, {0, 0, 0.64}};
    MvGaussian standard = new MvGaussian(new double[3], new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    assertThat(new MvGaussian(d.mu(), cov).klTo(standard)).isCloseTo(d.klToStandardNormal(), within(1e-12));
    // log-density: reference commons-math MultivariateNormalDistribution
    MvGaussian g = MvGaussian.random(4, rng);
    double[] x = {0.2, -0.7, 1.1, 0.4};
    assertThat(g.logDensity(x)).isCloseTo(Math.log(new MultivariateNormalDistribution(g.mu(), g.cov()).density(x)), within(1e-10));
  }

  @Test
  @Tag("KL-7")
  void KL_7_chainRuleHoldsExactlyOnRandomJointTables() {
    SplittableRandom rng = MonteCarlo.rng(Stress.SEED);
    for (int i = 0; i < 500; i++) {
      Discrete px = Discrete.random(4, rng);
      Discrete[] qzx = {Discrete.random(3, rng), Discrete.random(3, rng), Discrete.random(3, rng), Discrete.random(3, rng)};
      JointTable r = JointTable.random(4, 3, rng);
      double sum = px.klTo(r.marginalX());
      for (int x = 0; x < 4; x++) {
        sum += px.p(x) * qzx[x].klTo(r.conditionalZ(x));
      }
      assertThat(JointTable.of(px, qzx).klTo(r)).isCloseTo(sum, within(1e-12));
    }
  }

  @Test
  @Tag("KL-8")
  void KL_8_klToTheModelAndNegativeLogLikelihoodHaveTheSameGradient() {
    SplittableRandom rng = MonteCarlo.rng(Stress.SEED);
    Discrete data = Discrete.random(4, rng);
    ToDoubleFunction<double[]> kl = th -> data.klTo(JointTable.softmax(th, 4, 2).marginalX());
    ToDoubleFunction<double[]> nll = th -> data.crossEntropy(JointTable.softmax(th, 4, 2).marginalX());
    for (int trial = 0; trial < 5; trial++) {
      double[] theta = rng.doubles(8).map(u -> 4 * u - 2).toArray();
      // finite differences, h = 1e-5, of both objectives
      double[] gKl = FiniteDifferences.gradient(kl, theta, 1e-5);
      double[] gNll = FiniteDifferences.gradient(nll, theta, 1e-5);
      assertThat(FiniteDifferences.maxAbsDiff(gKl, gNll)).isLessThan(1e-6);
      assertThat(kl.applyAsDouble(theta) - nll.applyAsDouble(theta)).isCloseTo(-data.entropy(), within(1e-12));
      // and the gradient by hand: s_xz (1 − P_data(x)/P_θ(x)); not all zero
      JointTable model = JointTable.softmax(theta, 4, 2);
      double[] exact = new double[8];
      for (int i = 0; i < 8; i++) {
        exact[i] = model.p(i / 2, i % 2) * (1 - data.p(i / 2) / model.marginalX().p(i / 2));
      }
      assertThat(FiniteDifferences.maxAbsDiff(gKl, exact)).isLessThan(1e-6);
      assertThat(FiniteDifferences.maxAbsDiff(exact, new double[8])).isGreaterThan(1e-3);
    }
  }

  @Test
  void quadratureIntegratesGaussianMomentsToMachinePrecision() {
    // E[x⁴] = 3σ⁴ + 6μ²σ² + μ⁴ for N(μ, σ²) (standard moment formula)
    Gaussian1D q = new Gaussian1D(0.7, 1.9);
    double s2 = q.variance();
    assertThat(Quadrature.expect(q, x -> x * x * x * x))
        .isCloseTo(3 * s2 * s2 + 6 * 0.49 * s2 + 0.7 * 0.7 * 0.7 * 0.7, within(1e-11));
    assertThat(Quadrature.integrate(Math::sin, 0, Math.PI, 4)).isCloseTo(2, within(1e-14));
  }
}
