import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vae.prob.MonteCarlo;
import vae.prob.MvGaussian;

/** The full-covariance Gaussian: its sampler, its random instances and its refusals. */
class MvGaussianTest {
  static final double[] MU = {0.5, -1.0, 2.0};
  static final double[][] SIGMA = {{2.0, 0.6, -0.3}, {0.6, 1.0, 0.2}, {-0.3, 0.2, 0.5}};

  /**
   * x = μ + Lε: the sample mean and covariance of 40 000 draws match μ and Σ within 4 SE
   * (SE of a mean √(Σᵢᵢ/n); of a covariance √((ΣᵢᵢΣⱼⱼ + Σᵢⱼ²)/n), its Gaussian value).
   * A KL by sampling cannot see a wrong sampler whose SE blows up with it; these moments can.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  void samplesHaveMeanMuAndCovarianceSigma(long seed) {
    MvGaussian g = new MvGaussian(MU, SIGMA);
    SplittableRandom rng = MonteCarlo.rng(seed);
    int n = 40_000;
    int k = MU.length;
    double[][] xs = new double[n][];
    double[] mean = new double[k];
    for (int s = 0; s < n; s++) {
      xs[s] = g.sample(rng);
      for (int i = 0; i < k; i++) {
        mean[i] += xs[s][i] / n;
      }
    }
    for (int i = 0; i < k; i++) {
      double seMean = Math.sqrt(SIGMA[i][i] / n);
      assertThat(mean[i]).as("mean[%d]", i).isCloseTo(MU[i], within(4 * seMean));
      for (int j = 0; j < k; j++) {
        double c = 0; // centred on the true μ, so no n − 1 correction
        for (double[] x : xs) {
          c += (x[i] - MU[i]) * (x[j] - MU[j]) / n;
        }
        double se = Math.sqrt((SIGMA[i][i] * SIGMA[j][j] + SIGMA[i][j] * SIGMA[i][j]) / n);
        assertThat(c).as("cov[%d][%d]", i, j).isCloseTo(SIGMA[i][j], within(4 * se));
      }
    }
  }

  /** random(k): μ ~ N(0, I) and Σ = AAᵀ/k + ½I, redrawn here from the same seed, same order. */
  @Test
  void randomIsTheDocumentedConstruction() {
    int k = 3;
    SplittableRandom mine = MonteCarlo.rng(11);
    double[] mu = new double[k];
    double[][] a = new double[k][k];
    for (int i = 0; i < k; i++) {
      mu[i] = mine.nextGaussian();
      for (int j = 0; j < k; j++) {
        a[i][j] = mine.nextGaussian();
      }
    }
    MvGaussian g = MvGaussian.random(k, MonteCarlo.rng(11));
    assertThat(g.dim()).isEqualTo(k);
    assertThat(g.mu()).containsExactly(mu, within(0.0));
    double[][] cov = g.cov();
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double s = i == j ? 0.5 : 0;
        for (int l = 0; l < k; l++) {
          s += a[i][l] * a[j][l] / k;
        }
        assertThat(cov[i][j]).as("Σ[%d][%d]", i, j).isCloseTo(s, within(1e-12));
      }
    }
  }

  @Test
  void theCovarianceIsCopiedNotShared() {
    double[][] sigma = {{1.0, 0.0}, {0.0, 1.0}};
    MvGaussian g = new MvGaussian(new double[2], sigma);
    sigma[0][0] = 9;
    assertThat(g.cov()[0][0]).isEqualTo(1.0);
  }

  static MvGaussian make(double[] mu, double[]... cov) {
    return new MvGaussian(mu, cov);
  }

  @Test
  void badShapesAndValuesAreRejectedNamingThem() {
    assertThatThrownBy(() -> make(new double[2], new double[] {1, 0, 0}, new double[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0 has 3 entries");
    assertThatThrownBy(() -> make(new double[2], new double[] {1, 0}, new double[] {0, 1, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 has 3 entries");
    assertThatThrownBy(() -> make(new double[2], new double[] {Double.NaN, 0}, new double[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("covariance[0][0] = NaN");
    assertThatThrownBy(() -> make(new double[2], new double[] {1, 0}, new double[] {0, 1.0 / 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("covariance[1][1] = Infinity");
    double[] nanMu = {0, Double.NaN};
    assertThatThrownBy(() -> make(nanMu, new double[] {1, 0}, new double[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mu[1] = NaN");
    // asymmetric at [1][2]: the message names both entries
    assertThatThrownBy(() -> make(new double[3], new double[] {1, 0, 0}, new double[] {0, 1, 0.5},
        new double[] {0, 0.1, 1})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not symmetric: Σ[1][2] = 0.5 but Σ[2][1] = 0.1");
    // eigenvalues of [[1, 2], [2, 1.5]]: (2.5 ± √16.25)/2 = 3.2656, −0.7656 (rounded to 4 places)
    assertThatThrownBy(() -> make(new double[2], new double[] {1, 2}, new double[] {2, 1.5}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive definite")
        .hasMessageContaining("3.2656").hasMessageContaining("-0.7656");
  }

  @Test
  void dimensionsMustAgree() {
    MvGaussian two = new MvGaussian(new double[2], new double[][] {{1, 0}, {0, 1}});
    MvGaussian three = make(new double[3], new double[] {1, 0, 0}, new double[] {0, 1, 0},
        new double[] {0, 0, 1});
    assertThat(two.dim()).isEqualTo(2);
    assertThatThrownBy(() -> two.klTo(three)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 vs 3");
    assertThatThrownBy(() -> two.logDensity(new double[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length 3, expected 2");
  }
}
