import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vae.data.Digits;
import vae.model.LogisticRegression;
import vae.nn.GradCheck;
import vae.nn.Matrix;
import vae.prob.MonteCarlo;

/** The classifier chapter 10 reads its drawings with (CV-2, CV-4). */
class LogisticRegressionTest {
  @Test
  @Tag("CV-2")
  void CV_2_gradientEqualsFiniteDifferences() {
    SplittableRandom rng = MonteCarlo.rng(3);
    LogisticRegression c = new LogisticRegression(5, 4, 0.3, rng);
    Matrix x = Matrix.of(new double[6][5]).map(v -> rng.nextGaussian());
    int[] y = {0, 3, 1, 1, 2, 3};
    List<GradCheck.Row> rows = GradCheck.check(c.params(), () -> c.loss(x, y),
        () -> c.lossAndGradient(x, y));
    assertThat(rows).allSatisfy(r -> assertThat(r.maxRelErr()).as(r.toString())
        .isLessThan(GradCheck.TOLERANCE));
  }

  @Test
  @Tag("CV-2")
  void CV_2_lossIsTheMeanCrossEntropyPlusTheWeightPenalty() {
    LogisticRegression c = new LogisticRegression(2, 3, 0.5, MonteCarlo.rng(1));
    Matrix x = Matrix.of(new double[] {1, -2}, new double[] {0.5, 0});
    int[] y = {2, 0};
    Matrix w = c.params().get(0).value;
    double ce = 0;
    for (int i = 0; i < 2; i++) { // by hand: −log softmax(x·W)_y, b = 0 at the start
      double[] l = new double[3];
      double z = 0;
      for (int k = 0; k < 3; k++) {
        l[k] = x.a[i][0] * w.a[0][k] + x.a[i][1] * w.a[1][k];
        z += Math.exp(l[k]);
      }
      ce += -(l[y[i]] - Math.log(z)) / 2;
    }
    assertThat(c.loss(x, y)).isCloseTo(ce + 0.25 * w.sumOfSquares(), within(1e-12));
  }

  @Test
  @Tag("CV-2")
  void CV_2_readsTheTestDigitsFarAboveChance() {
    Digits d = Digits.load();
    LogisticRegression c = new LogisticRegression(64, 10, 1e-4, MonteCarlo.rng(42));
    c.fit(d.train.scaled(), d.train.labels, 500, 0.05);
    assertThat(c.accuracy(d.train.scaled(), d.train.labels)).isGreaterThan(0.98);
    // 447 test digits: 0.91 at seed 42, binomial SE 0.014
    assertThat(c.accuracy(d.test.scaled(), d.test.labels)).isGreaterThan(0.85);
    int[] p = c.predict(d.test.scaled());
    assertThat(java.util.Arrays.stream(p).distinct().sorted().toArray())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
  }

  @Test
  void choosesTheLambdaMostAccurateOnTheValidationRows() {
    Digits d = Digits.load();
    double[] lambdas = {1e-4, 1e-2, 1.0};
    LogisticRegression c = LogisticRegression.chosen(d.train.scaled(), d.train.labels,
        d.valid.scaled(), d.valid.labels, 10, lambdas, 5);
    for (double lambda : lambdas) { // each refitted alone from the same seed: none is better
      LogisticRegression other = new LogisticRegression(64, 10, lambda, MonteCarlo.rng(5));
      other.fit(d.train.scaled(), d.train.labels, 500, 0.05);
      assertThat(c.accuracy(d.valid.scaled(), d.valid.labels))
          .isGreaterThanOrEqualTo(other.accuracy(d.valid.scaled(), d.valid.labels));
    }
    assertThat(c.lambda()).isNotEqualTo(1.0); // λ = 1 shrinks W far too much for 0.97
    assertThatThrownBy(() -> LogisticRegression.chosen(d.train.scaled(), d.train.labels,
        d.valid.scaled(), d.valid.labels, 10, new double[0], 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesBadArguments() {
    assertThatThrownBy(() -> new LogisticRegression(3, 1, 0, MonteCarlo.rng(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classes");
    LogisticRegression c = new LogisticRegression(1, 2, 0, MonteCarlo.rng(1));
    assertThatThrownBy(() -> c.loss(Matrix.of(new double[] {1}), new int[] {2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 2");
    assertThatThrownBy(() -> c.accuracy(Matrix.of(new double[] {1}), new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
