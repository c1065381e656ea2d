import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vae.nn.Activation;
import vae.nn.Adam;
import vae.nn.Dense;
import vae.nn.Init;
import vae.nn.MatMul;
import vae.nn.Matrix;
import vae.nn.Mlp;
import vae.nn.Param;
import vae.nn.Sgd;

/** The matrix type and the network pieces: the fast product against the plain triple loop, shapes, preconditions. */
class MatrixTest {
  static Matrix random(int r, int c, SplittableRandom rng) {
    Matrix m = new Matrix(r, c);
    for (double[] row : m.a) {
      for (int j = 0; j < c; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    return m;
  }

  @Test
  void fastProductAgreesWithTheReferenceTripleLoopOnOddAndLargeShapes() {
    SplittableRandom rng = new SplittableRandom(1);
    // odd sizes, and the edges of the kernel's blocks: four rows, two k, 128 k per block
    int[][] shapes = {{1, 1, 1}, {3, 5, 2}, {7, 13, 5}, {7, 13, 9}, {4, 128, 3}, {5, 129, 1},
        {8, 127, 256}, {130, 257, 33}, {128, 784, 40}, {6, 70, 1088}, {5, 9, 2051}};
    for (int[] s : shapes) {
      Matrix x = random(s[0], s[1], rng);
      Matrix y = random(s[1], s[2], rng);
      // both sum the same s[1] products; only the rounding order differs
      assertThat(x.matmul(y).maxAbsDiff(MatMul.reference(x, y))).as(java.util.Arrays.toString(s))
          .isLessThan(1e-12 * s[1]);
    }
  }

  @Test
  void oneThreadAndAllThreadsGiveIdenticalProducts() {
    SplittableRandom rng = new SplittableRandom(2);
    Matrix x = random(128, 300, rng);
    Matrix y = random(300, 200, rng);
    int all = MatMul.threads();
    MatMul.setThreads(1);
    Matrix one = x.matmul(y);
    MatMul.setThreads(all);
    assertThat(x.matmul(y).maxAbsDiff(one)).isZero(); // rows are split, each computed the same way
  }

  @Test
  void transposeMovesEveryEntryWhateverTheShape() {
    // strips of eight rows plus leftovers, blocks of 128 columns plus a rest, one or two cores
    SplittableRandom rng = new SplittableRandom(12);
    for (int[] shape : new int[][] {{1, 1}, {3, 5}, {7, 9}, {8, 8}, {9, 130}, {17, 257},
        {64, 1088}, {256, 1088}, {1088, 256}, {400, 333}}) {
      Matrix m = new Matrix(shape[0], shape[1]);
      for (double[] row : m.a) {
        for (int c = 0; c < row.length; c++) {
          row[c] = rng.nextGaussian();
        }
      }
      Matrix t = m.transposeInto(new Matrix(shape[1], shape[0]).fill(Double.NaN));
      for (int r = 0; r < shape[0]; r++) {
        for (int c = 0; c < shape[1]; c++) {
          assertThat(t.a[c][r]).as("%s: t[%d][%d]", m.shape(), c, r).isEqualTo(m.a[r][c]);
        }
      }
    }
  }

  @Test
  void transposedProductsAgreeWithExplicitTransposes() {
    SplittableRandom rng = new SplittableRandom(3);
    Matrix x = random(6, 4, rng);
    Matrix y = random(6, 5, rng);
    Matrix z = random(7, 4, rng);
    assertThat(x.matmulTransA(y).maxAbsDiff(MatMul.reference(x.transpose(), y))).isLessThan(1e-13);
    assertThat(x.matmulTransB(z).maxAbsDiff(MatMul.reference(x, z.transpose()))).isLessThan(1e-13);
  }

  @Test
  void transposeFreeWeightGradientAgreesWithTheReferenceOnOddAndLargeShapes() {
    // the fast xᵀ·y kernel (used for dL/dW = xᵀ·δ) against the plain triple loop on an explicit transpose
    SplittableRandom rng = new SplittableRandom(4);
    int[][] shapes = {{1, 1, 1}, {3, 5, 2}, {7, 13, 9}, {129, 257, 33}, {128, 784, 400}};
    int all = MatMul.threads();
    for (int[] s : shapes) {
      Matrix x = random(s[0], s[1], rng);
      Matrix y = random(s[0], s[2], rng);
      Matrix c = random(s[1], s[2], rng);
      Matrix expected = c.plus(MatMul.reference(x.transpose(), y));
      MatMul.setThreads(1);
      Matrix one = c.copy();
      MatMul.multiplyAddTransA(x, y, one);
      MatMul.setThreads(all);
      Matrix many = c.copy();
      MatMul.multiplyAddTransA(x, y, many);
      assertThat(one.maxAbsDiff(expected)).as(java.util.Arrays.toString(s)).isLessThan(1e-12 * s[0]);
      assertThat(many.maxAbsDiff(one)).as("threads, " + java.util.Arrays.toString(s)).isZero();
    }
    assertThatThrownBy(() -> MatMul.multiplyAddTransA(random(3, 2, rng), random(4, 2, rng), new Matrix(2, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3×2");
  }

  /** One Math.fma chain per entry over every k in ascending order, zeros included: the kernel's arithmetic without its skipping. */
  private static Matrix fmaChain(Matrix x, Matrix y, boolean transA, Matrix c) {
    Matrix out = c.copy();
    int rows = transA ? x.cols : x.rows;
    int inner = transA ? x.rows : x.cols;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < y.cols; j++) {
        double s = out.a[i][j];
        for (int k = 0; k < inner; k++) {
          s = Math.fma(transA ? x.a[k][i] : x.a[i][k], y.a[k][j], s);
        }
        out.a[i][j] = s;
      }
    }
    return out;
  }

  @Test
  void skippingTheZerosOfASparseFactorChangesNoBit() {
    // binary images (13 % ink), a column that is zero in every row, and rows that are all zero:
    // the kernel skips the k where four rows of A are all 0, so each entry must be the very same
    // fma chain as the one over every k (a skip that dropped a nonzero term would show here)
    SplittableRandom rng = new SplittableRandom(6);
    int all = MatMul.threads();
    // (1,088 and 2,051 columns: the kernel takes them in column blocks, same chains)
    for (int[] s : new int[][] {{7, 13, 9}, {128, 784, 40}, {130, 257, 33}, {64, 64, 256},
        {9, 40, 1088}, {5, 7, 2051}}) {
      Matrix x = random(s[0], s[1], rng).map(v -> v > 1.1 ? 1 : 0);
      for (int i = 0; i < s[0]; i++) {
        x.a[i][s[1] / 2] = 0;
        if (i % 5 == 1) {
          java.util.Arrays.fill(x.a[i], 0);
        }
      }
      x.a[0][3] = 0.75; // one value other than 0 and 1
      Matrix y = random(s[1], s[2], rng);
      Matrix c = random(s[0], s[2], rng);
      for (int t : new int[] {1, all}) {
        MatMul.setThreads(t);
        Matrix fast = c.copy();
        MatMul.multiplyAdd(x, y, fast);
        assertThat(bitsEqual(fast, fmaChain(x, y, false, c))).as("x·y " + java.util.Arrays.toString(s)).isTrue();
        Matrix yt = random(s[0], s[2], rng);
        Matrix g = random(s[1], s[2], rng);
        Matrix fastT = g.copy();
        MatMul.multiplyAddTransA(x, yt, fastT);
        assertThat(bitsEqual(fastT, fmaChain(x, yt, true, g))).as("xᵀ·y " + java.util.Arrays.toString(s)).isTrue();
      }
      MatMul.setThreads(all);
    }
  }

  private static boolean bitsEqual(Matrix p, Matrix q) {
    for (int i = 0; i < p.rows; i++) {
      for (int j = 0; j < p.cols; j++) {
        if (Double.doubleToRawLongBits(p.a[i][j]) != Double.doubleToRawLongBits(q.a[i][j])) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void mlpLeavesItsCallersMatricesAloneThoughItsHiddenActivationsWorkInPlace() {
    SplittableRandom rng = new SplittableRandom(5);
    for (Activation.Kind k : Activation.Kind.values()) {
      Mlp mlp = new Mlp(new int[] {5, 7, 6, 3}, k, Activation.Kind.SIGMOID, rng);
      Matrix x = random(4, 5, rng);
      Matrix g = random(4, 3, rng);
      Matrix x0 = x.copy();
      Matrix g0 = g.copy();
      Matrix y = mlp.forward(x);
      Matrix y0 = y.copy();
      Matrix dx = mlp.backward(g);
      assertThat(x.maxAbsDiff(x0)).as(k + ": input").isZero();
      assertThat(g.maxAbsDiff(g0)).as(k + ": dL/dy").isZero();
      assertThat(y.maxAbsDiff(y0)).as(k + ": output after backward").isZero();
      // and a second pass over the untouched copies gives the same numbers
      assertThat(mlp.forward(x0).maxAbsDiff(y0)).isZero();
      assertThat(mlp.backward(g0).maxAbsDiff(dx)).isZero();
    }
  }

  @Test
  void smallProductByHand() {
    // [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]] (by hand)
    Matrix p = Matrix.of(new double[] {1, 2}, new double[] {3, 4}).matmul(Matrix.of(new double[] {5, 6}, new double[] {7, 8}));
    assertThat(p.a).isDeepEqualTo(new double[][] {{19, 22}, {43, 50}});
    assertThat(p.toString()).isEqualTo("Matrix[2×2: [19.0, 22.0] [43.0, 50.0]]");
  }

  @Test
  void mismatchedShapesAreRejectedNamingThem() {
    assertThatThrownBy(() -> new Matrix(2, 3).matmul(new Matrix(2, 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2×3 by 2×3");
    assertThatThrownBy(() -> new Matrix(2, 3).plus(new Matrix(3, 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2×3 vs 3×2");
    assertThatThrownBy(() -> Matrix.of(new double[] {1, 2}, new double[] {3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1");
    assertThatThrownBy(() -> new Matrix(-1, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> MatMul.setThreads(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
  }

  @Test
  void setFromCopiesEveryEntryIntoTheSameRowsAndRefusesAnotherShape() {
    Matrix m = new Matrix(3, 2);
    double[] row1 = m.a[1]; // a layer holds on to its rows: they must stay the same arrays
    Matrix src = Matrix.of(new double[] {1, 2}, new double[] {3, 4}, new double[] {5, 6});
    assertThat(m.setFrom(src)).isSameAs(m);
    assertThat(m.a).isDeepEqualTo(src.a);
    assertThat(m.a[1]).isSameAs(row1);
    src.a[0][0] = 9; // a copy, not a view
    assertThat(m.a[0][0]).isEqualTo(1);
    assertThatThrownBy(() -> m.setFrom(new Matrix(2, 3))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2×3").hasMessageContaining("3×2");
  }

  @Test
  void rowsGathersAMinibatch() {
    Matrix m = Matrix.of(new double[] {0}, new double[] {1}, new double[] {2});
    assertThat(m.rows(new int[] {2, 0}).a).isDeepEqualTo(new double[][] {{2}, {0}});
  }

  @Test
  void mlpDescribesItselfAndCountsItsParameters() {
    Mlp mlp = new Mlp(new int[] {64, 256, 256, 32}, Activation.Kind.LEAKY_RELU, Activation.Kind.IDENTITY, new SplittableRandom(1));
    assertThat(mlp.toString()).isEqualTo("Mlp[64→256→256→32, leakyRelu]");
    // (64·256 + 256) + (256·256 + 256) + (256·32 + 32), by hand
    assertThat(mlp.parameterCount()).isEqualTo(16640 + 65792 + 8224);
    assertThat(new Mlp(new int[] {2, 3}, Activation.Kind.RELU, Activation.Kind.SIGMOID, new SplittableRandom(1)))
        .hasToString("Mlp[2→3, relu, sigmoid output]");
    assertThatThrownBy(() -> new Mlp(new int[] {3}, Activation.Kind.RELU, Activation.Kind.IDENTITY, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]");
    assertThatThrownBy(() -> mlp.forward(new Matrix(2, 10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 columns");
  }

  @Test
  void sameSeedSameWeightsAndHeInitHasTheRightScale() {
    Dense a = new Dense(400, 300, Init.HE, new SplittableRandom(5));
    Dense b = new Dense(400, 300, Init.HE, new SplittableRandom(5));
    assertThat(a.w.value.maxAbsDiff(b.w.value)).isZero();
    // He: Var W = 2/in; the sample variance of 120,000 draws has relative SE √(2/n) ≈ 0.4 %
    double var = a.w.value.sumOfSquares() / (400 * 300);
    assertThat(var).isCloseTo(2.0 / 400, within(4 * Math.sqrt(2.0 / 120000) * 2.0 / 400));
  }

  @Test
  void optimisersDescendAQuadratic() {
    // L = ½‖θ − 3‖², gradient θ − 3: both optimisers approach 3
    for (boolean adam : new boolean[] {false, true}) {
      Param p = new Param("theta", Matrix.of(new double[] {0, 10}));
      var opt = adam ? new Adam(List.of(p), 0.1) : new Sgd(List.of(p), 0.1);
      for (int t = 0; t < 2000; t++) {
        opt.zeroGrad();
        p.grad.addInPlace(p.value.map(v -> v - 3), 1);
        opt.step();
      }
      assertThat(p.value.a[0]).containsExactly(new double[] {3, 3}, within(1e-6));
    }
    assertThatThrownBy(() -> new Adam(List.of(), -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> new Sgd(List.of(), 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
  }
}
