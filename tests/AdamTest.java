import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vae.nn.Adam;
import vae.nn.MatMul;
import vae.nn.Matrix;
import vae.nn.Param;

/** Adam, the optimiser of every network in the book, against steps worked out by hand. */
class AdamTest {
  @Test
  void threeStepsMatchTheUpdateRuleWithBiasCorrectionComputedByHand() {
    // Kingma & Ba (2015), Algorithm 1: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
    // m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), θ ← θ − η·m̂/(√v̂ + ε); here η = 0.1, β₁ = 0.9, β₂ = 0.999,
    // ε = 1e-8. The expected values were worked out from these lines, step by step, in Python's
    // floats (IEEE doubles); the arithmetic is written out for the first coordinate.
    Param p = new Param("w", Matrix.of(new double[][] {{1.0, -2.0}}));
    Adam opt = new Adam(List.of(p), 0.1);
    p.grad.a[0][0] = 0.5;
    p.grad.a[0][1] = -4.0;
    opt.step();
    // t = 1: m = 0.05, v = 0.00025; m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25, so
    // θ −= 0.1·0.5/(0.5 + 1e-8): the first step has length η whatever |g| is. Without the bias
    // correction it would be 0.1·0.05/√0.00025 = 0.316 (θ = 0.684).
    assertThat(p.value.a[0][0]).isCloseTo(0.900000002, within(1e-12));
    assertThat(p.value.a[0][1]).isCloseTo(-1.90000000025, within(1e-12));
    opt.zeroGrad();
    p.grad.a[0][0] = 0.2;
    opt.step();
    // t = 2: m = 0.9·0.05 + 0.1·0.2 = 0.065, v = 0.999·0.00025 + 0.001·0.04 = 0.00028975;
    // m̂ = 0.065/0.19, v̂ = 0.00028975/0.001999; θ = 0.900000002 − 0.1·m̂/(√v̂ + ε).
    // The second coordinate has g = 0: m = 0.9·(−0.4) = −0.36 still moves it.
    assertThat(p.value.a[0][0]).isCloseTo(0.8101424839029282, within(1e-12));
    assertThat(p.value.a[0][1]).isCloseTo(-1.8329941750733068, within(1e-12));
    opt.zeroGrad();
    p.grad.a[0][0] = -0.3;
    p.grad.a[0][1] = 1.0;
    opt.step();
    // t = 3: m = 0.9·0.065 − 0.03 = 0.0285, v = 0.999·0.00028975 + 0.001·0.09 = 0.00037946025;
    // m̂ = 0.0285/0.271, v̂ = 0.00037946025/0.002997001
    assertThat(p.value.a[0][0]).isCloseTo(0.7805871509237353, within(1e-12));
    assertThat(p.value.a[0][1]).isCloseTo(-1.798256028998912, within(1e-12));
  }

  /**
   * Adam over many parameters of odd shapes, cut into equal parts for the cores, updates every
   * entry exactly as the one-entry-at-a-time rule does: no entry skipped, none updated twice.
   */
  @Test
  void splitOverTheCoresEveryEntryGetsExactlyTheOneAtATimeUpdate() {
    int[][] shapes = {{1, 7}, {300, 333}, {1, 333}, {3, 1}, {129, 257}, {1, 1}, {64, 1088}};
    SplittableRandom rng = new SplittableRandom(7);
    List<Param> params = new ArrayList<>();
    List<double[][]> w = new ArrayList<>();
    for (int[] s : shapes) {
      Param p = new Param("p", new Matrix(s[0], s[1]));
      for (double[] row : p.value.a) {
        for (int c = 0; c < row.length; c++) {
          row[c] = rng.nextGaussian();
        }
      }
      params.add(p);
      w.add(copy(p.value.a));
    }
    List<double[][]> m = new ArrayList<>();
    List<double[][]> v = new ArrayList<>();
    for (double[][] x : w) {
      m.add(new double[x.length][x[0].length]);
      v.add(new double[x.length][x[0].length]);
    }
    int threads = MatMul.threads();
    MatMul.setThreads(Runtime.getRuntime().availableProcessors());
    try {
      Adam adam = new Adam(params, 0.01);
      for (int t = 1; t <= 3; t++) {
        adam.zeroGrad();
        for (Param p : params) {
          for (double[] row : p.grad.a) {
            assertThat(row).containsOnly(0.0);
            for (int c = 0; c < row.length; c++) {
              row[c] = rng.nextGaussian();
            }
          }
        }
        adam.step();
        double c1 = 1 - Math.pow(0.9, t);
        double c2 = 1 - Math.pow(0.999, t);
        double stepSize = 0.01 * Math.sqrt(c2) / c1;
        double epsHat = 1e-8 * Math.sqrt(c2);
        for (int i = 0; i < params.size(); i++) {
          double[][] g = params.get(i).grad.a;
          for (int r = 0; r < g.length; r++) {
            for (int c = 0; c < g[r].length; c++) {
              m.get(i)[r][c] = 0.9 * m.get(i)[r][c] + (1 - 0.9) * g[r][c];
              v.get(i)[r][c] = 0.999 * v.get(i)[r][c] + (1 - 0.999) * g[r][c] * g[r][c];
              w.get(i)[r][c] -= stepSize * m.get(i)[r][c] / (Math.sqrt(v.get(i)[r][c]) + epsHat);
            }
          }
          assertThat(params.get(i).value.a).as("parameter %d after step %d", i, t)
              .isDeepEqualTo(w.get(i));
        }
      }
    } finally {
      MatMul.setThreads(threads);
    }
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int r = 0; r < a.length; r++) {
      c[r] = a[r].clone();
    }
    return c;
  }
}
