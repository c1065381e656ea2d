import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vae.model.LinearGaussianModel;
import vae.nn.Matrix;
import vae.prob.MonteCarlo;

/**
 * Two gaps PIT found outside the classes other work is changing (docs/MUTATION.md): the
 * linear-Gaussian model's data sampler, and Matrix.maxAbsDiff, which many tests compare through.
 */
class SamplersAndComparisonsTest {
  /** x = Wz + b + s·ε: mean b and covariance WWᵀ + s²I, within 4 SE over 40 000 draws. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("Stress#seeds")
  void linearGaussianSamplesHaveMeanBAndCovarianceWWtPlusS2I(long seed) {
    double[][] w = {{1.0, 0.5}, {-0.3, 2.0}, {0.0, 0.7}};
    double[] b = {0.5, -1.0, 3.0};
    double s = 0.4;
    LinearGaussianModel model = new LinearGaussianModel(w, b, s);
    double[][] cov = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        cov[i][j] = w[i][0] * w[j][0] + w[i][1] * w[j][1] + (i == j ? s * s : 0);
      }
    }
    SplittableRandom rng = MonteCarlo.rng(seed);
    int n = 40_000;
    double[][] xs = new double[n][];
    double[] mean = new double[3];
    for (int t = 0; t < n; t++) {
      xs[t] = model.sampleX(rng);
      for (int i = 0; i < 3; i++) {
        mean[i] += xs[t][i] / n;
      }
    }
    for (int i = 0; i < 3; i++) {
      assertThat(mean[i]).as("mean[%d]", i).isCloseTo(b[i], within(4 * Math.sqrt(cov[i][i] / n)));
      for (int j = 0; j < 3; j++) {
        double c = 0;
        for (double[] x : xs) {
          c += (x[i] - b[i]) * (x[j] - b[j]) / n;
        }
        double se = Math.sqrt((cov[i][i] * cov[j][j] + cov[i][j] * cov[i][j]) / n);
        assertThat(c).as("cov[%d][%d]", i, j).isCloseTo(cov[i][j], within(4 * se));
      }
    }
  }

  @Test
  void maxAbsDiffIsTheLargestDifferenceInEitherDirectionAndAnyEntry() {
    Matrix a = Matrix.of(new double[] {1, 2}, new double[] {3, 4});
    // the largest gap is negative and in column 0: |1 − 5| = 4
    assertThat(a.maxAbsDiff(Matrix.of(new double[] {5, 2.5}, new double[] {3, 3}))).isEqualTo(4);
    // positive and in the last entry: |4 − 1| = 3
    assertThat(a.maxAbsDiff(Matrix.of(new double[] {1, 2.5}, new double[] {3, 1}))).isEqualTo(3);
    assertThat(a.maxAbsDiff(a.copy())).isZero();
    assertThatThrownBy(() -> a.maxAbsDiff(Matrix.of(new double[] {1, 2})))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
