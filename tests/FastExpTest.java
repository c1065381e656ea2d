import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vae.model.BernoulliLikelihood;
import vae.model.CategoricalLikelihood;
import vae.nn.FastExp;

/**
 * The vectorised exp against Math.exp over its whole input range, and the likelihoods' passes
 * that use it against their exact routes. The bound matters
 * to chapter 05: its test NLL sums 64 pixels' log-normalisers per image, so a relative error ε per
 * exp moves a printed log-likelihood by at most ~64·ε nats, far below its last printed digit.
 */
class FastExpTest {
  @Test
  void relativeErrorIsBelowTheBoundOnMinus700ToZeroAndTheTailIsTiny() {
    double worst = 0;
    int n = 2_000_000;
    double[] t = new double[n];
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = -700.0 * i / (n - 1); // a grid over [−700, 0], both ends included
    }
    FastExp.expShifted(t, 0, e, n);
    for (int i = 0; i < n; i++) {
      double exact = Math.exp(t[i]);
      worst = Math.max(worst, Math.abs(e[i] - exact) / exact);
    }
    SplittableRandom rng = new SplittableRandom(14);
    for (int i = 0; i < 200_000; i++) { // and random points, some just below 0
      double x = i % 2 == 0 ? -700 * rng.nextDouble() : -1e-6 * rng.nextDouble();
      worst = Math.max(worst, Math.abs(FastExp.exp(x) - Math.exp(x)) / Math.exp(x));
    }
    assertThat(worst).as("max relative error on [−700, 0]").isLessThan(FastExp.MAX_RELATIVE_ERROR);
    assertThat(FastExp.exp(0)).isEqualTo(1.0);
    double tail = 0; // [−745.2, −700]: e^t is subnormal or nearly, so the error is absolute
    for (double x = -745.2; x <= -700; x += 0.001) {
      tail = Math.max(tail, Math.abs(FastExp.exp(x) - Math.exp(x)));
    }
    assertThat(tail).isLessThan(1e-300);
    assertThat(FastExp.exp(-746)).isZero();
    assertThat(FastExp.exp(-1e300)).isZero();
    assertThat(FastExp.exp(Double.NEGATIVE_INFINITY)).isZero();
    assertThat(FastExp.exp(Double.NaN)).isNaN();
  }

  @Test
  void shiftedArraysMatchOneAtATime() {
    double[] t = {3, 1, -2, 3};
    double[] out = new double[4];
    FastExp.expShifted(t, 3, out, 3); // the fourth is left alone
    assertThat(out).containsExactly(1.0, FastExp.exp(-2), FastExp.exp(-5), 0.0);
  }

  @Test
  void bernoulliTrainingAndEvaluationPassesAgreeWithTheExactRoute() {
    // exact: Math.exp and log1p per pixel, sigmoid by BernoulliLikelihood.sigmoid; the fast
    // route's e^−|l| has relative error ε < 1e-12, so each sigmoid is within ~ε (absolute): the
    // bound 3e-12; the value keeps the bound its evaluation pass was always held to (1e-12 of
    // |log p|; measured ~1e-13)
    BernoulliLikelihood lik = new BernoulliLikelihood();
    SplittableRandom rng = new SplittableRandom(16);
    double worstGrad = 0;
    for (double scale : new double[] {0.01, 3, 30, 3000}) {
      for (int pixels : new int[] {1, 64, 784, 1500}) {
        double[] x = new double[pixels];
        double[] out = new double[pixels];
        for (int d = 0; d < pixels; d++) {
          x[d] = d % 3 == 0 ? rng.nextDouble() : rng.nextInt(2); // [0, 1] as BCE accepts
          out[d] = scale * rng.nextGaussian();
        }
        double exact = lik.logProb(x, out, null); // Math.exp and log1p per pixel
        double[] grad = new double[pixels];
        double training = lik.logProb(x, out, grad);
        for (double fast : new double[] {training, lik.logProbValue(x, 0, out, pixels)}) {
          assertThat(Math.abs(fast - exact)).as("scale %s, %d pixels", scale, pixels)
              .isLessThanOrEqualTo(1e-12 * Math.max(1, Math.abs(exact)));
        }
        for (int d = 0; d < pixels; d++) {
          double exactGrad = x[d] - BernoulliLikelihood.sigmoid(out[d]);
          worstGrad = Math.max(worstGrad, Math.abs(grad[d] - exactGrad));
        }
        double[] shifted = new double[pixels + 5]; // from inside larger arrays: the same numbers
        System.arraycopy(out, 0, shifted, 5, pixels);
        double[] shiftedGrad = new double[pixels + 3];
        assertThat(lik.logProb(x, 0, shifted, 5, shiftedGrad, 3, pixels)).isEqualTo(training);
        assertThat(java.util.Arrays.copyOfRange(shiftedGrad, 3, pixels + 3)).containsExactly(grad);
      }
    }
    assertThat(worstGrad).isLessThanOrEqualTo(3e-12);
  }

  @Test
  void categoricalTrainingAndEvaluationPassesAgreeWithTheExactRoute() {
    // exact: LogSumExp per pixel for the value, Math.exp per probability for the gradient;
    // FastExp's relative error ε < 1e-12 gives each probability e/Z an error below ~2ε + a few
    // ulps (absolute, as p ≤ 1) and each log Z_d one below ~ε: the bounds 3e-12 and 1e-11·|log p|
    CategoricalLikelihood lik = new CategoricalLikelihood(17);
    SplittableRandom rng = new SplittableRandom(15);
    double worstGrad = 0;
    for (double scale : new double[] {0.1, 3, 30, 300}) {
      for (int rep = 0; rep < 50; rep++) {
        double[] x = new double[64];
        double[] out = new double[64 * 17];
        for (int d = 0; d < 64; d++) {
          x[d] = rng.nextInt(17);
        }
        for (int j = 0; j < out.length; j++) {
          out[j] = scale * rng.nextGaussian();
        }
        if (rep % 5 == 0) { // one pixel far below the rest: scored by its own maximum
          for (int k = 0; k < 17; k++) {
            out[17 * rng.nextInt(64) + k] -= 1000;
          }
        }
        double exact = lik.logProb(x, out, null);
        double[] grad = new double[out.length];
        double training = lik.logProb(x, out, grad);
        double evaluation = lik.logProbValue(x, 0, out, 64);
        for (double fast : new double[] {training, evaluation}) {
          assertThat(Math.abs(fast - exact)).as("scale %s: %s vs %s", scale, fast, exact)
              .isLessThanOrEqualTo(1e-11 * Math.max(1, Math.abs(exact)));
        }
        for (int d = 0; d < 64; d++) {
          double[] p = lik.probabilities(out, d); // Math.exp from the pixel's own maximum
          for (int k = 0; k < 17; k++) {
            double exactGrad = (k == (int) x[d] ? 1 : 0) - p[k];
            worstGrad = Math.max(worstGrad, Math.abs(grad[17 * d + k] - exactGrad));
          }
        }
        // the same numbers from inside larger arrays (offsets 5 and 3)
        double[] shifted = new double[out.length + 5];
        System.arraycopy(out, 0, shifted, 5, out.length);
        double[] shiftedGrad = new double[out.length + 3];
        assertThat(lik.logProb(x, 0, shifted, 5, shiftedGrad, 3, 64)).isEqualTo(training);
        assertThat(java.util.Arrays.copyOfRange(shiftedGrad, 3, shiftedGrad.length))
            .containsExactly(grad);
      }
    }
    assertThat(worstGrad).isLessThanOrEqualTo(3e-12);
  }
}
