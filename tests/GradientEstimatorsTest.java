import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vae.prob.DiagGaussian;
import vae.prob.GradientEstimators;
import vae.prob.GradientEstimators.Kind;
import vae.prob.MonteCarlo;
import vae.prob.TestFunction;

/** The gradient estimators' single draws by hand, and their preconditions. */
class GradientEstimatorsTest {
  static final TestFunction SQUARE = new TestFunction("z²", z -> z * z, z -> 2 * z);
  static final DiagGaussian Q = DiagGaussian.ofSigma(new double[] {1, -2}, new double[] {0.5, 3});

  @Test
  void pathwiseDrawIsTheGradientAlongZEqualsMuPlusSigmaEps() {
    // ε = (2, −1): z = (1 + 0.5·2, −2 + 3·(−1)) = (2, −5); f' = 2z = (4, −10); ∂/∂σ = f'·ε = (8, 10)
    double[][] g = GradientEstimators.draw(Kind.PATHWISE, SQUARE, Q, new double[] {2, -1});
    assertThat(g[0]).containsExactly(new double[] {4, -10}, within(1e-12));
    assertThat(g[1]).containsExactly(new double[] {8, 10}, within(1e-12));
  }

  @Test
  void scoreDrawIsFTimesTheGradientOfLogQ() {
    // ε = (2, −1): f(z) = 4 + 25 = 29; ε/σ = (4, −1/3); (ε² − 1)/σ = (6, 0)
    double[][] g = GradientEstimators.draw(Kind.SCORE, SQUARE, Q, new double[] {2, -1});
    assertThat(g[0]).containsExactly(new double[] {29 * 4, -29.0 / 3}, within(1e-12));
    assertThat(g[1]).containsExactly(new double[] {29 * 6, 0}, within(1e-12));
  }

  @Test
  void scoreDrawAgreesWithFiniteDifferencesOfLogQ() {
    // ∂ log q/∂μ and ∂ log q/∂σ by central differences (h = 1e-6) of DiagGaussian.logDensity
    double[] eps = {0.3, -1.7};
    double[] z = Q.reparameterize(eps);
    double h = 1e-6;
    double dMu = (DiagGaussian.ofSigma(new double[] {1 + h, -2}, new double[] {0.5, 3}).logDensity(z)
        - DiagGaussian.ofSigma(new double[] {1 - h, -2}, new double[] {0.5, 3}).logDensity(z)) / (2 * h);
    double dSigma = (DiagGaussian.ofSigma(new double[] {1, -2}, new double[] {0.5, 3 + h}).logDensity(z)
        - DiagGaussian.ofSigma(new double[] {1, -2}, new double[] {0.5, 3 - h}).logDensity(z)) / (2 * h);
    double[][] g = GradientEstimators.draw(Kind.SCORE, SQUARE, Q, eps);
    assertThat(g[0][0]).isCloseTo(SQUARE.value(z) * dMu, within(1e-6));
    assertThat(g[1][1]).isCloseTo(SQUARE.value(z) * dSigma, within(1e-6));
  }

  @Test
  void preconditionsNameTheBadValue() {
    assertThatThrownBy(() -> GradientEstimators.estimate(Kind.SCORE, SQUARE, Q, 1, MonteCarlo.rng(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n=1");
    assertThatThrownBy(() -> GradientEstimators.draw(Kind.PATHWISE, SQUARE, Q, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 1");
    assertThatThrownBy(() -> new TestFunction(" ", z -> z, z -> 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
  }

  @Test
  void objectsDescribeThemselves() {
    assertThat(SQUARE).hasToString("TestFunction[f(z) = Σ_d z²]");
  }
}
