import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vae.nn.Adam;
import vae.nn.MatMul;
import vae.nn.Matrix;
import vae.nn.Param;

/**
 * Adam over many parameters of odd shapes, cut into equal parts for the cores, updates every
 * entry exactly as the one-entry-at-a-time rule does: no entry skipped, none updated twice.
 */
class AdamPartsTest {
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
