package vae.nn;

/**
 * The matrix product, the hot spot of every network: a plain triple loop to read, and a fast
 * kernel to run (i-k-j order over contiguous rows, k unrolled by 4 with {@code Math.fma}, so the
 * JIT turns the inner j loop into vector instructions), split by rows over the cores
 * ({@link Parallel}) when the product is large. Tests check that both give the same numbers. Chapter 01.
 */
public final class MatMul {
  /** Products with fewer multiply-adds than this run on the calling thread only. */
  static final long PARALLEL_THRESHOLD = 1L << 20;
  /** The k loop is cut into blocks of this many rows of b, so they stay in the core's cache. */
  static final int K_BLOCK = 128;

  private MatMul() {}

  /** How many threads a large product uses: {@link Parallel#threads()}. */
  public static int threads() {
    return Parallel.threads();
  }

  /**
   * Uses {@code n} threads for large products and other large loops: {@link Parallel#setThreads}.
   *
   * @throws IllegalArgumentException if n is not in 1…availableProcessors
   */
  public static void setThreads(int n) {
    Parallel.setThreads(n);
  }

  /** The reference: C[i][j] = Σ_k A[i][k]·B[k][j], three plain loops. */
  public static Matrix reference(Matrix x, Matrix y) {
    requireInner(x, y);
    Matrix c = new Matrix(x.rows, y.cols);
    for (int i = 0; i < x.rows; i++) {
      for (int j = 0; j < y.cols; j++) {
        double s = 0;
        for (int k = 0; k < x.cols; k++) {
          s += x.a[i][k] * y.a[k][j];
        }
        c.a[i][j] = s;
      }
    }
    return c;
  }

  /** x · y with the fast kernel. */
  public static Matrix times(Matrix x, Matrix y) {
    requireInner(x, y);
    Matrix c = new Matrix(x.rows, y.cols);
    multiplyAdd(x, y, c);
    return c;
  }

  /**
   * c += x · y in place (gradients accumulate this way).
   *
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public static void multiplyAdd(Matrix x, Matrix y, Matrix c) {
    requireInner(x, y);
    if (c.rows != x.rows || c.cols != y.cols) {
      throw new IllegalArgumentException("multiplyAdd: result is " + c.shape() + ", expected "
          + x.rows + "×" + y.cols);
    }
    long work = (long) x.rows * x.cols * y.cols;
    if (work < PARALLEL_THRESHOLD) {
      kernel(x.a, y.a, c.a, 0, x.rows, x.cols, y.cols);
    } else {
      Parallel.forRange(x.rows, work, (i0, i1) -> kernel(x.a, y.a, c.a, i0, i1, x.cols, y.cols));
    }
  }

  /**
   * Rows i0…i1−1 of C += A·B. For each row i and four k at a time:
   * C[i][j] += A[i][k]·B[k][j] + A[i][k+1]·B[k+1][j] + A[i][k+2]·B[k+2][j] + A[i][k+3]·B[k+3][j].
   */
  static void kernel(double[][] a, double[][] b, double[][] c, int i0, int i1, int kk, int nn) {
    for (int k0 = 0; k0 < kk; k0 += K_BLOCK) {
      int k1 = Math.min(kk, k0 + K_BLOCK);
      for (int i = i0; i < i1; i++) {
        double[] ai = a[i];
        double[] ci = c[i];
        int k = k0;
        for (; k + 3 < k1; k += 4) {
          double a0 = ai[k];
          double a1 = ai[k + 1];
          double a2 = ai[k + 2];
          double a3 = ai[k + 3];
          double[] b0 = b[k];
          double[] b1 = b[k + 1];
          double[] b2 = b[k + 2];
          double[] b3 = b[k + 3];
          for (int j = 0; j < nn; j++) {
            ci[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], ci[j]))));
          }
        }
        for (; k < k1; k++) {
          double ak = ai[k];
          double[] bk = b[k];
          for (int j = 0; j < nn; j++) {
            ci[j] = Math.fma(ak, bk[j], ci[j]);
          }
        }
      }
    }
  }

  private static void requireInner(Matrix x, Matrix y) {
    if (x.cols != y.rows) {
      throw new IllegalArgumentException("cannot multiply " + x.shape() + " by " + y.shape()
          + ": the inner dimensions " + x.cols + " and " + y.rows + " must agree");
    }
  }
}
