import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vae.nn.Activation;
import vae.nn.Dense;
import vae.nn.GradCheck;
import vae.nn.Init;
import vae.nn.Layer;
import vae.nn.Matrix;
import vae.nn.Mlp;
import vae.nn.Param;

/** EL-8: backprop equals central finite differences (h = 1e-5) for every layer type, rel. error < 1e-6. */
class GradCheckTest {
  /** Non-trivial inputs: N(0, 1.5²) entries, kept away from ReLU's kink at 0. */
  static Matrix input(int rows, int cols, SplittableRandom rng) {
    Matrix x = new Matrix(rows, cols);
    for (double[] row : x.a) {
      for (int c = 0; c < cols; c++) {
        double v = 1.5 * rng.nextGaussian();
        row[c] = Math.abs(v) < 0.05 ? v + Math.copySign(0.1, v) : v;
      }
    }
    return x;
  }

  static void assertAllOk(List<GradCheck.Row> rows) {
    System.out.println(GradCheck.header());
    rows.forEach(System.out::println);
    assertThat(rows).isNotEmpty().allSatisfy(r -> {
      assertThat(r.exact()).as(r.name() + " is non-trivial").isGreaterThan(1e-3);
      assertThat(r.maxRelErr()).as(r.name()).isLessThan(GradCheck.TOLERANCE);
    });
  }

  @Test
  @Tag("EL-8")
  void EL_8_denseLayerGradientsMatchFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(42);
    Dense d = new Dense("dense", 5, 4, Init.GLOROT, rng);
    d.b.value.addInPlace(input(1, 4, rng), 0.3); // non-zero biases
    assertAllOk(GradCheck.layer("Dense 5→4", d, input(3, 5, rng), rng));
  }

  @Test
  @Tag("EL-8")
  void EL_8_everyActivationGradientMatchesFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(7);
    for (Activation.Kind kind : Activation.Kind.values()) {
      assertAllOk(GradCheck.layer(kind.toString(), Activation.of(kind), input(4, 6, rng), rng));
    }
  }

  @Test
  @Tag("EL-8")
  void EL_8_wholeMlpWithSquaredErrorLossMatchesFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(3);
    Mlp mlp = new Mlp(new int[] {6, 8, 7, 3}, Activation.Kind.TANH, Activation.Kind.SIGMOID, rng);
    Matrix x = input(5, 6, rng);
    Matrix t = input(5, 3, rng).map(v -> 1 / (1 + Math.exp(-v))); // targets in (0, 1)
    // L = ½ Σ (y − t)²,  dL/dy = y − t
    List<Param> params = new ArrayList<>(mlp.params());
    assertAllOk(GradCheck.check(params,
        () -> 0.5 * mlp.forward(x).minus(t).sumOfSquares(),
        () -> mlp.backward(mlp.forward(x).minus(t))));
    for (Activation.Kind k : new Activation.Kind[] {Activation.Kind.RELU, Activation.Kind.LEAKY_RELU}) {
      Layer m = new Mlp(new int[] {6, 9, 2}, k, Activation.Kind.IDENTITY, rng);
      assertAllOk(GradCheck.layer("Mlp " + k, m, input(4, 6, rng), rng));
    }
  }
}
