import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.data.Npz;
import vae.model.Vae;
import vae.model.VaeNpz;
import vae.nn.Activation;
import vae.nn.Dense;
import vae.nn.Init;
import vae.nn.Matrix;
import vae.nn.Param;

/**
 * PyTorch's {@code nn.Linear} default initialisation ({@code --init pytorch}): weights AND biases
 * ~ U(±1/√fan_in), fan_in = the layer's inputs; and the default scheme left as it was.
 */
class InitTest {
  /** The values of a parameter matrix, flattened. */
  private static double[] values(Matrix m) {
    return Arrays.stream(m.a).flatMapToDouble(Arrays::stream).toArray();
  }

  /** Whether every value is drawn (non-zero) and inside ±a. */
  private static boolean inside(double[] v, double a) {
    return Arrays.stream(v).allMatch(x -> Math.abs(x) <= a && x != 0);
  }

  /**
   * Checks that {@code v} looks like U(±a): inside the bound, reaching near both ends, and with
   * E[v²] = a²/3 within 4 SE (Var v² = a⁴/5 − a⁴/9 = 4a⁴/45 for U(±a)).
   */
  private static void uniformWithin(double[] v, double a, String what) {
    double max = Arrays.stream(v).max().orElseThrow();
    double min = Arrays.stream(v).min().orElseThrow();
    assertThat(max).as("%s: largest of %d draws, bound %s", what, v.length, a)
        .isLessThanOrEqualTo(a).isGreaterThan(0.9 * a);
    assertThat(min).as("%s: smallest, bound −%s", what, a)
        .isGreaterThanOrEqualTo(-a).isLessThan(-0.9 * a);
    double meanSq = Arrays.stream(v).map(x -> x * x).average().orElseThrow();
    double se = Math.sqrt(4 * a * a * a * a / 45 / v.length);
    assertThat(Math.abs(meanSq - a * a / 3)).as("%s: mean of v² %s, a²/3 = %s, SE %s", what,
        meanSq, a * a / 3, se).isLessThanOrEqualTo(4 * se);
  }

  @Test
  void pytorchDrawsWeightsAndBiasesFromUniformOneOverRootFanIn() {
    // asymmetric sizes, so 1/√out or Glorot's √(6/(in+out)) would be told apart from 1/√in
    int[][] shapes = {{16, 1000}, {1000, 16}, {400, 300}};
    for (int[] s : shapes) {
      Dense d = new Dense(s[0], s[1], Init.PYTORCH, new SplittableRandom(3));
      double bound = 1 / Math.sqrt(s[0]);
      uniformWithin(values(d.w.value), bound, "W " + s[0] + "→" + s[1]);
      if (s[1] >= 300) { // enough biases for the range and the variance to tell
        uniformWithin(values(d.b.value), bound, "b " + s[0] + "→" + s[1]);
      } else {
        assertThat(inside(values(d.b.value), bound)).as("b " + s[0] + "→" + s[1]).isTrue();
      }
    }
  }

  @Test
  void heAndGlorotKeepZeroBiases() {
    for (Init init : new Init[] {Init.HE, Init.GLOROT}) {
      Dense d = new Dense(20, 30, init, new SplittableRandom(4));
      assertThat(values(d.b.value)).as(init.toString()).containsOnly(0.0);
    }
  }

  @Test
  void aVaeWithThePytorchSchemeInitialisesEveryLayerSo() {
    Vae vae = new Vae(new Vae.Config(64, new int[] {48}, 4, Activation.Kind.RELU, "bernoulli"),
        Init.Scheme.pytorch, new SplittableRandom(5));
    assertThat(vae.init()).isEqualTo(Init.Scheme.pytorch);
    // params alternate W [in×out], b [1×out]: the 64→48, 48→8, 4→48, 48→64 layers
    for (int p = 0; p < vae.params().size(); p += 2) {
      Param w = vae.params().get(p);
      Param b = vae.params().get(p + 1);
      double bound = 1 / Math.sqrt(w.value.rows);
      assertThat(inside(values(w.value), bound)).as(w.name).isTrue();
      assertThat(inside(values(b.value), bound)).as(b.name).isTrue();
      // the largest of ≥ 192 uniform draws is within 5 % of the bound (a miss: p < 1e-4)
      assertThat(Arrays.stream(values(w.value)).map(Math::abs).max().orElseThrow())
          .isGreaterThan(0.95 * bound);
    }
    // the default constructor is the he scheme, draw for draw (the digits' numbers stay put)
    Vae plain = new Vae(vae.config(), new SplittableRandom(5));
    Vae he = new Vae(vae.config(), Init.Scheme.he, new SplittableRandom(5));
    assertThat(plain.init()).isEqualTo(Init.Scheme.he);
    assertThat(values(plain.params().get(1).value)).containsOnly(0.0);
    for (int p = 0; p < he.params().size(); p++) {
      assertThat(plain.params().get(p).value.a).isDeepEqualTo(he.params().get(p).value.a);
    }
  }

  @Test
  void anExportedModelRecordsItsInitialisation(@TempDir Path dir) {
    Vae.Config c = new Vae.Config(64, new int[] {8}, 2, Activation.Kind.RELU, "bernoulli");
    for (Init.Scheme s : Init.Scheme.values()) {
      Path p = dir.resolve(s + ".npz");
      VaeNpz.save(new Vae(c, s, new SplittableRandom(1)), p);
      assertThat(Npz.read(p).text("config.init")).isEqualTo(s.toString());
      assertThat(VaeNpz.load(p).init()).isEqualTo(s);
    }
    Path odd = dir.resolve("odd.npz");
    Npz npz = Npz.read(dir.resolve("he.npz"));
    npz.putText("config.init", "xavier").write(odd);
    assertThatThrownBy(() -> VaeNpz.load(odd)).hasMessageContaining(odd.toString())
        .hasMessageContaining("unknown initialisation 'xavier'");
  }
}
