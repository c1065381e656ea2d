import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vae.prob.DiagGaussian;
import vae.prob.DiagGaussianBatch;
import vae.prob.FiniteDifferences;
import vae.prob.MixturePrior;
import vae.prob.MonteCarlo;
import vae.prob.StandardNormalPrior;

/** The mixture-of-Gaussians prior: its density, its gradients, its samples (chapter 09, PR-1/2). */
class MixturePriorTest {
  private static MixturePrior mixture(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    MixturePrior p = MixturePrior.random(3, 2, rng);
    double[] t = p.parameters();
    for (int i = 0; i < t.length; i++) {
      t[i] += 0.3 * rng.nextGaussian(); // unequal weights and variances
    }
    return p;
  }

  @Test
  @Tag("PR-1")
  void PR_1_oneStandardComponentIsTheStandardNormal() {
    MixturePrior one = MixturePrior.standard(3);
    StandardNormalPrior std = new StandardNormalPrior(3);
    double[][] z = std.sample(50, MonteCarlo.rng(1));
    double[] a = one.logDensity(z);
    double[] b = std.logDensity(z);
    for (int r = 0; r < z.length; r++) {
      assertThat(a[r]).isCloseTo(b[r], org.assertj.core.data.Offset.offset(1e-12));
    }
    assertThat(one.klClosedForm(new DiagGaussianBatch(new double[][] {{0}},
        new double[][] {{0}}))).isNull();
    assertThat(std.klClosedForm(new DiagGaussianBatch(new double[][] {{1, 0, 0}},
        new double[][] {{0, 0, 0}}))[0]).isEqualTo(0.5);
  }

  @Test
  @Tag("PR-2")
  void PR_2_theDensityIsTheWeightedSumOfItsComponents() {
    MixturePrior p = mixture(2);
    double[] pi = p.logWeights();
    double[] z = {0.3, -0.7};
    double sum = 0;
    for (int k = 0; k < 3; k++) {
      sum += Math.exp(pi[k]) * Math.exp(DiagGaussian.logDensity(z, p.means()[k], p.logVars()[k]));
    }
    assertThat(Math.exp(p.logDensity(new double[][] {z})[0])).isCloseTo(sum,
        org.assertj.core.data.Offset.offset(1e-14));
    assertThat(java.util.Arrays.stream(pi).map(Math::exp).sum()).isCloseTo(1,
        org.assertj.core.data.Offset.offset(1e-14));
  }

  @Test
  @Tag("PR-2")
  void PR_2_gradientsInTheCodesAndTheParametersMatchFiniteDifferences() {
    MixturePrior p = mixture(3);
    double[][] z = {{0.2, -1.1}, {1.5, 0.4}};
    double[] c = {0.7, -1.3};
    double[][] dz = new double[2][2];
    double[] dTheta = new double[p.parameters().length];
    p.addLogDensityGradient(c, z, dz, dTheta);
    double[] theta = p.parameters().clone();
    double[] fd = FiniteDifferences.gradient(t -> {
      System.arraycopy(t, 0, p.parameters(), 0, t.length);
      double[] l = p.logDensity(z);
      return c[0] * l[0] + c[1] * l[1];
    }, theta, 1e-6);
    System.arraycopy(theta, 0, p.parameters(), 0, theta.length);
    assertThat(FiniteDifferences.maxAbsDiff(dTheta, fd)).isLessThan(1e-7);
    for (int r = 0; r < 2; r++) {
      int rr = r;
      double[] fz = FiniteDifferences.gradient(x -> p.logDensity(new double[][] {x})[0], z[rr],
          1e-6);
      for (int d = 0; d < 2; d++) {
        assertThat(dz[r][d]).isCloseTo(c[r] * fz[d], org.assertj.core.data.Offset.offset(1e-7));
      }
    }
  }

  @Test
  @Tag("PR-1")
  void PR_1_theMonteCarloKlIsUnbiasedAgainstQuadrature() {
    MixturePrior p = new MixturePrior(new double[] {Math.log(0.7), Math.log(0.3)},
        new double[][] {{-1}, {1.5}}, new double[][] {{0}, {Math.log(0.25)}});
    vae.prob.GaussianMixture1D p1 = new vae.prob.GaussianMixture1D(new double[] {0.7, 0.3},
        new vae.prob.Gaussian1D(-1, 1), new vae.prob.Gaussian1D(1.5, 0.5));
    vae.prob.Gaussian1D q1 = new vae.prob.Gaussian1D(0.5, 0.8);
    DiagGaussianBatch q = new DiagGaussianBatch(new double[][] {{0.5}},
        new double[][] {{Math.log(0.64)}});
    double exact = vae.prob.Quadrature.expect(q1, x -> q1.logDensity(x) - p1.logDensity(x));
    double[][] z = q.reparameterize(q.drawEps(50_000, MonteCarlo.rng(9)));
    vae.prob.Estimate e = MonteCarlo.of(p.klSamples(q, z));
    assertThat(e.zScore(exact)).isLessThan(4);
    assertThat(e.se()).isLessThan(0.02); // and the estimate is sharp enough to mean something
  }

  @Test
  @Tag("PR-4")
  void PR_4_theGapToThePriorVanishesWhenThePriorIsThePooledCodes() {
    double[][] mu = {{-1, 0.5}, {1, -0.5}, {0.2, 2}};
    double[][] lv = {{-1, -1}, {-2, 0}, {-0.5, -1}};
    vae.prob.AggregatePosterior agg = new vae.prob.AggregatePosterior(mu, lv);
    MixturePrior same = new MixturePrior(new double[3], mu, lv); // q(z) itself
    assertThat(agg.split(2000, MonteCarlo.rng(3), same).klToPrior().mean()).isCloseTo(0,
        org.assertj.core.data.Offset.offset(1e-12));
    vae.prob.Estimate std = agg.split(2000, MonteCarlo.rng(3), new StandardNormalPrior(2))
        .klToPrior();
    assertThat(std.mean()).isGreaterThan(4 * std.se());
    // the standard prior's split is chapter 06's, draw for draw
    assertThat(agg.split(2000, MonteCarlo.rng(3)).klToPrior()).isEqualTo(std);
  }

  @Test
  void samplesFollowTheWeightsAndMeans() {
    MixturePrior p = new MixturePrior(new double[] {0, Math.log(3)}, new double[][] {{-5}, {5}},
        new double[][] {{0}, {0}});
    double[][] z = p.sample(20000, MonteCarlo.rng(4));
    double right = java.util.Arrays.stream(z).filter(r -> r[0] > 0).count() / 20000.0;
    assertThat(right).isCloseTo(0.75, org.assertj.core.data.Offset.offset(4 * Math.sqrt(
        0.75 * 0.25 / 20000)));
  }

  @Test
  void badShapesAreRefused() {
    assertThatThrownBy(() -> new MixturePrior(new double[0], new double[0][], new double[0][]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("K ≥ 1");
    assertThatThrownBy(() -> MixturePrior.random(0, 2, MonteCarlo.rng(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("K=0");
  }
}
