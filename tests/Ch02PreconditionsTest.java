import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vae.prob.Discrete;
import vae.prob.FiniteDifferences;
import vae.prob.Gaussian1D;
import vae.prob.GaussianMixture1D;
import vae.prob.JointTable;
import vae.prob.MvGaussian;

/** Bad input to the chapter 02 classes fails early, with a message naming the value and the fix. */
class Ch02PreconditionsTest {
  @Test
  void nonPositiveSigmaIsRejectedNamingTheValue() {
    assertThatThrownBy(() -> new Gaussian1D(0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sigma must be positive").hasMessageContaining("0.0");
    assertThatThrownBy(() -> new Gaussian1D(1, -2.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-2.5");
    assertThatThrownBy(() -> new Gaussian1D(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mu must be finite");
  }

  @Test
  void nonPositiveDefiniteCovarianceIsRejectedWithItsEigenvalues() {
    // [[1, 2], [2, 1]] has eigenvalues −1 and 3
    assertThatThrownBy(() -> new MvGaussian(new double[2], new double[][] {{1, 2}, {2, 1}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive definite")
        .hasMessageContaining("-1.0").hasMessageContaining("[[1.0, 2.0], [2.0, 1.0]]");
    assertThatThrownBy(() -> new MvGaussian(new double[2], new double[][] {{1, 0}, {0, 0}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not positive definite");
  }

  @Test
  void nonSymmetricOrMisshapenCovarianceIsRejected() {
    assertThatThrownBy(() -> new MvGaussian(new double[2], new double[][] {{1, 0.5}, {0, 1}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not symmetric")
        .hasMessageContaining("0.5");
    assertThatThrownBy(() -> new MvGaussian(new double[3], new double[][] {{1, 0}, {0, 1}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 3");
  }

  @Test
  void probabilitiesMustLieInTheUnitIntervalAndSumToOne() {
    assertThatThrownBy(() -> Discrete.of(0.5, 0.6)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to 1.1");
    assertThatThrownBy(() -> Discrete.of(1.2, -0.2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("P(0) = 1.2");
    assertThatThrownBy(() -> Discrete.of(0.5, Double.NaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("P(1) = NaN");
    assertThatThrownBy(() -> Discrete.selfInformation(1.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> Discrete.of(0.5, 0.5).klTo(Discrete.of(1.0))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 outcomes but Q has 1");
    assertThatThrownBy(() -> new GaussianMixture1D(new double[] {0.7, 0.7}, Gaussian1D.STANDARD, Gaussian1D.STANDARD))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 1.4");
  }

  @Test
  void jointTablesAndFiniteDifferencesCheckTheirShapes() {
    assertThatThrownBy(() -> JointTable.of(new double[][] {{0.5, 0.2}, {0.3}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1 has 1");
    assertThatThrownBy(() -> JointTable.softmax(new double[5], 2, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected nx·nz = 6");
    assertThatThrownBy(() -> FiniteDifferences.gradient(t -> 0, new double[1], 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step h");
  }
}
