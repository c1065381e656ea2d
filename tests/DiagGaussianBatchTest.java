import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vae.prob.DiagGaussian;
import vae.prob.DiagGaussianBatch;
import vae.prob.MonteCarlo;

/**
 * The batched diagonal Gaussian the VAE trains through: row by row it is {@link DiagGaussian}, its
 * sample layout is row i·K + k, and its two gradients equal central finite differences of the
 * formulas they differentiate.
 */
class DiagGaussianBatchTest {
  private static final double[][] MU = {{0.3, -1.2, 2.0}, {-0.4, 0.1, 0.7}};
  private static final double[][] LOG_VAR = {{-0.5, 0.8, 0.1}, {0.3, -1.4, 0.0}};

  @Test
  void everyRowIsTheOneRowGaussianAndSamplesAreLaidOutImageMajor() {
    DiagGaussianBatch q = new DiagGaussianBatch(MU, LOG_VAR);
    // K = 3: rows 0–2 are Gaussian 0's codes, rows 3–5 Gaussian 1's
    double[][] eps = q.drawEps(3, MonteCarlo.rng(1));
    assertThat(eps).hasNumberOfRows(6);
    double[][] z = q.reparameterize(eps);
    double[] logQ = q.logDensity(z);
    double[] logP = DiagGaussianBatch.logStandardNormal(z);
    for (int r = 0; r < 6; r++) {
      DiagGaussian row = new DiagGaussian(MU[r / 3], LOG_VAR[r / 3]);
      // z = μ + σ ⊙ ε, written out by hand
      for (int d = 0; d < 3; d++) {
        assertThat(z[r][d]).isCloseTo(MU[r / 3][d] + Math.exp(0.5 * LOG_VAR[r / 3][d]) * eps[r][d],
            within(1e-15));
      }
      assertThat(logQ[r]).isCloseTo(row.logDensity(z[r]), within(1e-15));
      assertThat(logP[r]).isCloseTo(DiagGaussian.standard(3).logDensity(z[r]), within(1e-15));
    }
    assertThat(q.klToStandardNormal()[1]).isCloseTo(
        new DiagGaussian(MU[1], LOG_VAR[1]).klToStandardNormal(), within(1e-15));
    assertThat(q.klSum()).isCloseTo(q.klToStandardNormal()[0] + q.klToStandardNormal()[1],
        within(1e-15));
  }

  @Test
  void widenedBySigmaTimesCAddsTwoLogCToEveryLogVariance() {
    DiagGaussianBatch wide = new DiagGaussianBatch(MU, LOG_VAR).widened(1.5);
    // σ' = 1.5 σ: z = μ + 1.5 σ ε
    double[] z = wide.reparameterize(new double[][] {{1, 1, 1}, {0, 0, -2}})[1];
    assertThat(z[2]).isCloseTo(0.7 - 2 * 1.5 * Math.exp(0.0), within(1e-15));
    assertThat(wide.logVar(0)[0]).isCloseTo(-0.5 + 2 * Math.log(1.5), within(1e-15));
  }

  @Test
  void klGradientEqualsFiniteDifferencesOfTheClosedForm() {
    // c·∂KL/∂μ and c·∂KL/∂log σ²; reference: central differences, h = 1e-6
    DiagGaussianBatch q = new DiagGaussianBatch(copy(MU), copy(LOG_VAR));
    double c = 0.7;
    double[][] dMu = new double[2][3];
    double[][] dLv = new double[2][3];
    q.addKlGradient(c, dMu, dLv);
    double h = 1e-6;
    for (int i = 0; i < 2; i++) {
      for (int d = 0; d < 3; d++) {
        assertThat(dMu[i][d]).isCloseTo(c * centralKl(MU[i], LOG_VAR[i], d, true, h),
            within(1e-8));
        assertThat(dLv[i][d]).isCloseTo(c * centralKl(MU[i], LOG_VAR[i], d, false, h),
            within(1e-8));
      }
    }
  }

  @Test
  void pathwiseGradientEqualsFiniteDifferencesThroughTheSample() {
    // L(z) = Σ_r Σ_d a_rd z_rd, so ∂L/∂z = a; the gradient w.r.t. μ_i, log σ_i² sums the K codes
    DiagGaussianBatch q = new DiagGaussianBatch(MU, LOG_VAR);
    double[][] eps = q.drawEps(2, MonteCarlo.rng(3));
    SplittableRandom rng = MonteCarlo.rng(4);
    double[][] a = new double[4][];
    for (int r = 0; r < 4; r++) {
      a[r] = MonteCarlo.gaussians(3, 1, rng);
    }
    double[][] dMu = new double[2][3];
    double[][] dLv = new double[2][3];
    q.addPathwiseGradient(eps, a, dMu, dLv);
    double h = 1e-6;
    for (int i = 0; i < 2; i++) {
      for (int d = 0; d < 3; d++) {
        assertThat(dMu[i][d]).isCloseTo(central(eps, a, i, d, true, h), within(1e-8));
        assertThat(dLv[i][d]).isCloseTo(central(eps, a, i, d, false, h), within(1e-8));
      }
    }
  }

  @Test
  void mismatchedShapesAreRejectedSayingWhatIsExpected() {
    assertThatThrownBy(() -> new DiagGaussianBatch(MU, new double[][] {{0, 0, 0}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 and 1");
    DiagGaussianBatch q = new DiagGaussianBatch(MU, LOG_VAR);
    assertThatThrownBy(() -> q.reparameterize(new double[3][3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row i·K + k");
    assertThatThrownBy(() -> q.drawEps(0, MonteCarlo.rng(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("K ≥ 1");
  }

  private static double centralKl(double[] mu, double[] logVar, int d, boolean ofMu, double h) {
    double[] m = mu.clone();
    double[] l = logVar.clone();
    double[] t = ofMu ? m : l;
    t[d] += h;
    double up = DiagGaussian.klToStandardNormal(m, l);
    t[d] -= 2 * h;
    double down = DiagGaussian.klToStandardNormal(m, l);
    return (up - down) / (2 * h);
  }

  private static double central(double[][] eps, double[][] a, int i, int d, boolean ofMu,
      double h) {
    double[][] m = copy(MU);
    double[][] l = copy(LOG_VAR);
    double[][] t = ofMu ? m : l;
    t[i][d] += h;
    double up = linear(new DiagGaussianBatch(m, l).reparameterize(eps), a);
    t[i][d] -= 2 * h;
    double down = linear(new DiagGaussianBatch(m, l).reparameterize(eps), a);
    return (up - down) / (2 * h);
  }

  private static double linear(double[][] z, double[][] a) {
    double s = 0;
    for (int r = 0; r < z.length; r++) {
      for (int d = 0; d < z[r].length; d++) {
        s += a[r][d] * z[r][d];
      }
    }
    return s;
  }

  private static double[][] copy(double[][] x) {
    double[][] c = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i].clone();
    }
    return c;
  }
}
