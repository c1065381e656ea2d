package vae.nn;

/**
 * The matrix product, the hot spot of every network: a plain triple loop to read, and a fast
 * kernel to run (i-k-j order over contiguous rows, four rows of the result and two k at a time
 * with {@code Math.fma}, so the JIT turns the inner j loop into vector instructions and each
 * loaded entry of B feeds four multiply-adds; rows of 128 columns or more in blocks of three rows
 * and four k), split by rows over the cores
 * ({@link Parallel}) when the product is large. Tests check that both give the same numbers. Chapter 01.
 */
public final class MatMul {
  /**
   * Products with fewer multiply-adds than this (a quarter of a million) run on the calling
   * thread only; smaller products such as 128×20×400 (a decoder's first layer) are worth two
   * threads since handing a chunk to the other core costs microseconds ({@link Parallel}).
   */
  static final long PARALLEL_THRESHOLD = 1L << 18;
  /** The k loop is cut into blocks of this many rows of b, so they stay in the core's cache. */
  static final int K_BLOCK = 128;
  /** Products with more columns than this are done in column blocks ({@link #columnBlock}). */
  static final int J_MAX = 1024;
  /**
   * Rows at least this long take the three-rows-by-four-k kernel ({@link #fourK}). HotSpot 17
   * vectorizes its j loop only as a method of its own, and only if the first calls it profiles
   * have long rows: fed a 64-column product first it stayed scalar, three times slower, for the
   * rest of the run. Shorter rows keep the four-by-two kernel, which it vectorizes either way.
   */
  static final int WIDE_ROWS = 128;

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
    multiplyAdd(x, y, c, null);
  }

  /**
   * c += x · y, then {@code rows.run(i0, i1)} on each block of finished rows, on the thread that
   * computed them (a layer's bias and activation: no second pass over the cores).
   */
  static void multiplyAdd(Matrix x, Matrix y, Matrix c, Parallel.Range rows) {
    requireInner(x, y);
    if (c.rows != x.rows || c.cols != y.cols) {
      throw new IllegalArgumentException("multiplyAdd: result is " + c.shape() + ", expected "
          + x.rows + "×" + y.cols);
    }
    long work = (long) x.rows * x.cols * y.cols;
    Parallel.Range body = (i0, i1) -> {
      kernel(x.a, false, y.a, c.a, i0, i1, x.cols, y.cols);
      if (rows != null) {
        rows.run(i0, i1);
      }
    };
    if (work < PARALLEL_THRESHOLD) {
      body.run(0, x.rows);
    } else {
      Parallel.forRange(x.rows, work, body);
    }
  }

  /**
   * c += xᵀ · y in place: the weight gradient xᵀ·δ. C[k][j] += Σ_i x[i][k]·y[i][j], i.e. row k
   * of C gathers row i of y times the scalar x[i][k]; rows of C are split over the cores. Rows of
   * 128 columns or more multiply a copy of xᵀ (x is a minibatch, small beside the product) in
   * the three-by-four kernel; shorter ones read x's columns in place.
   *
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public static void multiplyAddTransA(Matrix x, Matrix y, Matrix c) {
    if (x.rows != y.rows || c.rows != x.cols || c.cols != y.cols) {
      throw new IllegalArgumentException("multiplyAddTransA: cannot add " + x.shape() + "ᵀ·" + y.shape()
          + " to " + c.shape() + ": x and y need the same rows, the result " + x.cols + "×" + y.cols);
    }
    if (y.cols >= WIDE_ROWS) { // xᵀ copied (a minibatch: small beside the product) for fourK
      multiplyAdd(x.transpose(), y, c);
      return;
    }
    long work = (long) x.rows * x.cols * y.cols;
    if (work < PARALLEL_THRESHOLD) {
      kernel(x.a, true, y.a, c.a, 0, x.cols, x.rows, y.cols);
    } else {
      Parallel.forRange(x.cols, work, (k0, k1) -> kernel(x.a, true, y.a, c.a, k0, k1, x.rows, y.cols));
    }
  }

  /**
   * Rows i0…i1−1 of C += A·B, where A[i][k] is {@code a[i][k]}, or {@code a[k][i]} when
   * {@code transA} (then C += aᵀ·B with no transposed copy), in column blocks
   * ({@link #columnBlock}). A block of at least {@link #WIDE_ROWS} columns of an untransposed A
   * goes to {@link #kernel3x4}; the rest four rows of C and two k at a time:
   * C[i+r][j] += A[i+r][k]·B[k][j] + A[i+r][k′]·B[k′][j] for r = 0…3, so every B[k][j] loaded
   * feeds four multiply-adds, and the JIT turns the j loop into vector instructions.
   *
   * <p>The k where all four rows of A hold 0 are skipped: such a term adds an exact zero, so C is
   * the same bit for bit (each entry is one chain of {@code Math.fma} over the remaining k in
   * ascending order, whatever the pairing). A binary image is mostly zeros, so the 784 model's
   * first layer skips about half its work; a dense A skips nothing and pays one scan of its four
   * rows per block. (As many BLAS do, a zero in A then also skips an infinity or NaN in B.)
   */
  static void kernel(double[][] a, boolean transA, double[][] b, double[][] c, int i0, int i1, int kk, int nn) {
    int[] live = new int[Math.min(kk, K_BLOCK)]; // the k of a block with a nonzero in the four rows
    int width = columnBlock(nn);
    for (int j0 = 0; j0 < nn; j0 += width) {
      int j1 = Math.min(nn, j0 + width);
      if (!transA && j1 - j0 >= WIDE_ROWS) {
        kernel3x4(a, b, c, i0, i1, kk, j0, j1, live);
      } else {
        kernel(a, transA, b, c, i0, i1, kk, j0, j1, live);
      }
    }
  }

  /**
   * Columns j0…j1−1 of rows i0…i1−1 of C += A·B in blocks of three rows and four k
   * ({@link #fourK}): every C[i][j] loaded and stored takes four multiply-adds instead of two.
   * The same chains of fma as {@link #kernel}, so the same bits.
   */
  private static void kernel3x4(double[][] a, double[][] b, double[][] c, int i0, int i1, int kk,
      int j0, int j1, int[] live) {
    for (int k0 = 0; k0 < kk; k0 += K_BLOCK) {
      int k1 = Math.min(kk, k0 + K_BLOCK);
      int i = i0;
      for (; i + 2 < i1; i += 3) {
        double[] r0 = a[i];
        double[] r1 = a[i + 1];
        double[] r2 = a[i + 2];
        double[] c0 = c[i];
        double[] c1 = c[i + 1];
        double[] c2 = c[i + 2];
        int n = 0;
        for (int k = k0; k < k1; k++) {
          if (r0[k] != 0 || r1[k] != 0 || r2[k] != 0) {
            live[n++] = k;
          }
        }
        int p = 0;
        for (; p + 3 < n; p += 4) {
          int ka = live[p];
          int kb = live[p + 1];
          int kc = live[p + 2];
          int kd = live[p + 3];
          fourK(c0, c1, c2, b[ka], b[kb], b[kc], b[kd], r0[ka], r0[kb], r0[kc], r0[kd],
              r1[ka], r1[kb], r1[kc], r1[kd], r2[ka], r2[kb], r2[kc], r2[kd], j0, j1);
        }
        for (; p < n; p++) { // up to three k left over
          int k = live[p];
          double[] bk = b[k];
          double x0 = r0[k];
          double x1 = r1[k];
          double x2 = r2[k];
          for (int j = j0; j < j1; j++) {
            double x = bk[j];
            c0[j] = Math.fma(x0, x, c0[j]);
            c1[j] = Math.fma(x1, x, c1[j]);
            c2[j] = Math.fma(x2, x, c2[j]);
          }
        }
      }
      // up to two rows left over: one at a time. The four-by-two kernel has the same loop, but
      // calling it from here made HotSpot stop vectorizing fourK (MatMul.times four times slower
      // on every shape), so the loop stays here as a copy
      for (; i < i1; i++) {
        double[] ri = a[i];
        double[] ci = c[i];
        for (int k = k0; k < k1; k++) {
          double aik = ri[k];
          if (aik == 0) {
            continue;
          }
          double[] bk = b[k];
          for (int j = j0; j < j1; j++) {
            ci[j] = Math.fma(aik, bk[j], ci[j]);
          }
        }
      }
    }
  }

  /** c_r[j] ← c_r[j] + a_ra·ba[j] + a_rb·bb[j] + a_rc·bc[j] + a_rd·bd[j], r = 0…2, j0 ≤ j &lt; j1. */
  private static void fourK(double[] c0, double[] c1, double[] c2,
      double[] ba, double[] bb, double[] bc, double[] bd,
      double a0a, double a0b, double a0c, double a0d, double a1a, double a1b, double a1c, double a1d,
      double a2a, double a2b, double a2c, double a2d, int j0, int j1) {
    for (int j = j0; j < j1; j++) {
      double xa = ba[j];
      double xb = bb[j];
      double xc = bc[j];
      double xd = bd[j];
      c0[j] = Math.fma(a0d, xd, Math.fma(a0c, xc, Math.fma(a0b, xb, Math.fma(a0a, xa, c0[j]))));
      c1[j] = Math.fma(a1d, xd, Math.fma(a1c, xc, Math.fma(a1b, xb, Math.fma(a1a, xa, c1[j]))));
      c2[j] = Math.fma(a2d, xd, Math.fma(a2c, xc, Math.fma(a2b, xb, Math.fma(a2a, xa, c2[j]))));
    }
  }

  /**
   * How many columns of C one pass takes: all of them up to {@link #J_MAX}, else equal blocks (a
   * multiple of 8) no wider than that, so the rows of C being updated stay in the core's
   * first-level cache while a block of B streams past. The digits decoder's 1,088 outputs go in
   * two passes of 544: with the four-by-two kernel its products ran at 50 GFLOP/s in one pass and
   * 61 in two (one core).
   */
  static int columnBlock(int nn) {
    int blocks = (nn + J_MAX - 1) / J_MAX;
    return blocks <= 1 ? Math.max(nn, 1) : ((nn + blocks - 1) / blocks + 7) & ~7;
  }

  /** Columns j0…j1−1 of rows i0…i1−1 of C += A·B ({@link #kernel}). */
  private static void kernel(double[][] a, boolean transA, double[][] b, double[][] c, int i0, int i1,
      int kk, int j0, int j1, int[] live) {
    for (int k0 = 0; k0 < kk; k0 += K_BLOCK) {
      int k1 = Math.min(kk, k0 + K_BLOCK);
      int i = i0;
      for (; i + 3 < i1; i += 4) {
        double[] c0 = c[i];
        double[] c1 = c[i + 1];
        double[] c2 = c[i + 2];
        double[] c3 = c[i + 3];
        int n = 0;
        for (int k = k0; k < k1; k++) {
          if (at(a, transA, i, k) != 0 || at(a, transA, i + 1, k) != 0
              || at(a, transA, i + 2, k) != 0 || at(a, transA, i + 3, k) != 0) {
            live[n++] = k;
          }
        }
        int p = 0;
        for (; p + 1 < n; p += 2) {
          int k = live[p];
          int kq = live[p + 1];
          double a00 = at(a, transA, i, k);
          double a01 = at(a, transA, i, kq);
          double a10 = at(a, transA, i + 1, k);
          double a11 = at(a, transA, i + 1, kq);
          double a20 = at(a, transA, i + 2, k);
          double a21 = at(a, transA, i + 2, kq);
          double a30 = at(a, transA, i + 3, k);
          double a31 = at(a, transA, i + 3, kq);
          double[] b0 = b[k];
          double[] b1 = b[kq];
          for (int j = j0; j < j1; j++) {
            double x0 = b0[j];
            double x1 = b1[j];
            c0[j] = Math.fma(a01, x1, Math.fma(a00, x0, c0[j]));
            c1[j] = Math.fma(a11, x1, Math.fma(a10, x0, c1[j]));
            c2[j] = Math.fma(a21, x1, Math.fma(a20, x0, c2[j]));
            c3[j] = Math.fma(a31, x1, Math.fma(a30, x0, c3[j]));
          }
        }
        if (p < n) { // an odd k left over
          int k = live[p];
          double[] bk = b[k];
          double a0 = at(a, transA, i, k);
          double a1 = at(a, transA, i + 1, k);
          double a2 = at(a, transA, i + 2, k);
          double a3 = at(a, transA, i + 3, k);
          for (int j = j0; j < j1; j++) {
            double x = bk[j];
            c0[j] = Math.fma(a0, x, c0[j]);
            c1[j] = Math.fma(a1, x, c1[j]);
            c2[j] = Math.fma(a2, x, c2[j]);
            c3[j] = Math.fma(a3, x, c3[j]);
          }
        }
      }
      for (; i < i1; i++) { // up to three rows left over: one at a time
        double[] ci = c[i];
        for (int k = k0; k < k1; k++) {
          double aik = at(a, transA, i, k);
          if (aik == 0) {
            continue;
          }
          double[] bk = b[k];
          for (int j = j0; j < j1; j++) {
            ci[j] = Math.fma(aik, bk[j], ci[j]);
          }
        }
      }
    }
  }

  /** A[i][k]: a[i][k], or a[k][i] for a transposed A. */
  private static double at(double[][] a, boolean transA, int i, int k) {
    return transA ? a[k][i] : a[i][k];
  }

  private static void requireInner(Matrix x, Matrix y) {
    if (x.cols != y.rows) {
      throw new IllegalArgumentException("cannot multiply " + x.shape() + " by " + y.shape()
          + ": the inner dimensions " + x.cols + " and " + y.rows + " must agree");
    }
  }
}
