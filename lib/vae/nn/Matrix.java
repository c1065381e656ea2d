package vae.nn;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * A dense rows × cols matrix of doubles, one {@code double[]} per row: a batch is a matrix with
 * one row per example ({@code [batch][features]}). Products go through {@link MatMul} (fast,
 * multi-core); everything else is a plain loop a reader can check. Introduced in chapter 01.
 */
public final class Matrix {
  public final int rows;
  public final int cols;
  /** The entries, {@code a[r][c]}: exposed for speed and for clarity. */
  public final double[][] a;

  /**
   * A zero matrix.
   *
   * @throws IllegalArgumentException if a dimension is negative
   */
  public Matrix(int rows, int cols) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("matrix dimensions must be ≥ 0, got " + rows + "×" + cols);
    }
    this.rows = rows;
    this.cols = cols;
    this.a = new double[rows][cols];
  }

  /**
   * A copy of {@code data} (rows must all have the same length).
   *
   * @throws IllegalArgumentException if the rows are ragged
   */
  public static Matrix of(double[]... data) {
    int cols = data.length == 0 ? 0 : data[0].length;
    Matrix m = new Matrix(data.length, cols);
    for (int r = 0; r < data.length; r++) {
      if (data[r].length != cols) {
        throw new IllegalArgumentException("row " + r + " has " + data[r].length + " entries, row 0 has "
            + cols + ": every row must have the same length");
      }
      System.arraycopy(data[r], 0, m.a[r], 0, cols);
    }
    return m;
  }

  /**
   * A matrix over {@code rows} itself (not copied): for handing arrays that are already
   * [rows][cols] to a layer.
   *
   * @throws IllegalArgumentException if the rows are ragged
   */
  public static Matrix wrap(double[][] rows) {
    return new Matrix(rows);
  }

  private Matrix(double[][] rows) {
    this.rows = rows.length;
    this.cols = rows.length == 0 ? 0 : rows[0].length;
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != cols) {
        throw new IllegalArgumentException("row " + r + " has " + rows[r].length
            + " entries, row 0 has " + cols + ": every row must have the same length");
      }
    }
    this.a = rows;
  }

  public double get(int r, int c) {
    return a[r][c];
  }

  public void set(int r, int c, double v) {
    a[r][c] = v;
  }

  public Matrix copy() {
    return of(a);
  }

  /**
   * Overwrites this matrix's entries with {@code src}'s, in place (weights restored or handed to
   * another model, whose layers keep references to these rows).
   *
   * @throws IllegalArgumentException if the shapes differ
   */
  public Matrix setFrom(Matrix src) {
    if (src.rows != rows || src.cols != cols) {
      throw new IllegalArgumentException("setFrom: cannot copy " + src.shape() + " into " + shape());
    }
    for (int r = 0; r < rows; r++) {
      System.arraycopy(src.a[r], 0, a[r], 0, cols);
    }
    return this;
  }

  /** The rows {@code idx[0]}, {@code idx[1]}, … as a new matrix: gathers a minibatch. */
  public Matrix rows(int[] idx) {
    Matrix m = new Matrix(idx.length, cols);
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(a[idx[i]], 0, m.a[i], 0, cols);
    }
    return m;
  }

  /** this · b (fast kernel; split over cores when large). */
  public Matrix matmul(Matrix b) {
    return MatMul.times(this, b);
  }

  /** thisᵀ · b: the weight gradient xᵀ·δ (no transposed copy is made). */
  public Matrix matmulTransA(Matrix b) {
    Matrix c = new Matrix(cols, b.cols);
    MatMul.multiplyAddTransA(this, b, c);
    return c;
  }

  /** this · bᵀ: the input gradient δ·Wᵀ. */
  public Matrix matmulTransB(Matrix b) {
    return MatMul.times(this, b.transpose());
  }

  /** tᵀ[c][r] = a[r][c]; columns of the result are filled in parallel for large matrices. */
  public Matrix transpose() {
    return transposeInto(new Matrix(cols, rows));
  }

  /**
   * Writes thisᵀ into {@code t} (cols × rows) and returns it: reuses one buffer step after step.
   *
   * @throws IllegalArgumentException if t is not cols × rows
   */
  public Matrix transposeInto(Matrix t) {
    if (t.rows != cols || t.cols != rows) {
      throw new IllegalArgumentException("transposeInto: the target is " + t.shape() + ", expected " + cols + "×" + rows);
    }
    // a strided write per entry, counted as 4 operations: a 256×256 transpose goes on both cores
    Parallel.forRange(cols, 4L * rows * cols, (c0, c1) -> {
      for (int cb = c0; cb < c1; cb += 128) { // 128 columns at a time: 128 rows of t in the cache
        int ce = Math.min(c1, cb + 128);
        int r = 0;
        for (; r + 7 < rows; r += 8) {
          // eight rows of this at once: their entries in column c are 8 neighbours in t's row c,
          // and the nine row references stay in registers (one load per entry, one store)
          double[] a0 = a[r];
          double[] a1 = a[r + 1];
          double[] a2 = a[r + 2];
          double[] a3 = a[r + 3];
          double[] a4 = a[r + 4];
          double[] a5 = a[r + 5];
          double[] a6 = a[r + 6];
          double[] a7 = a[r + 7];
          for (int c = cb; c < ce; c++) {
            double[] tc = t.a[c];
            tc[r] = a0[c];
            tc[r + 1] = a1[c];
            tc[r + 2] = a2[c];
            tc[r + 3] = a3[c];
            tc[r + 4] = a4[c];
            tc[r + 5] = a5[c];
            tc[r + 6] = a6[c];
            tc[r + 7] = a7[c];
          }
        }
        for (; r < rows; r++) { // up to seven rows left over
          double[] row = a[r];
          for (int c = cb; c < ce; c++) {
            t.a[c][r] = row[c];
          }
        }
      }
    });
    return t;
  }

  /** this + b, entry by entry. */
  public Matrix plus(Matrix b) {
    return zip(b, 1, "plus");
  }

  /** this − b, entry by entry. */
  public Matrix minus(Matrix b) {
    return zip(b, -1, "minus");
  }

  /** this ⊙ b (Hadamard product). */
  public Matrix times(Matrix b) {
    requireSameShape(b, "times");
    Matrix m = new Matrix(rows, cols);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        m.a[r][c] = a[r][c] * b.a[r][c];
      }
    }
    return m;
  }

  /** s · this. */
  public Matrix scale(double s) {
    return map(v -> s * v);
  }

  /** f applied to every entry. */
  public Matrix map(DoubleUnaryOperator f) {
    Matrix m = new Matrix(rows, cols);
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        m.a[r][c] = f.applyAsDouble(a[r][c]);
      }
    }
    return m;
  }

  /** this += s · b, in place (returns this). */
  public Matrix addInPlace(Matrix b, double s) {
    requireSameShape(b, "addInPlace");
    for (int r = 0; r < rows; r++) {
      double[] x = a[r];
      double[] y = b.a[r];
      for (int c = 0; c < cols; c++) {
        x[c] += s * y[c];
      }
    }
    return this;
  }

  /** Sets every entry to v (returns this). */
  public Matrix fill(double v) {
    for (double[] row : a) {
      Arrays.fill(row, v);
    }
    return this;
  }

  /** The column sums as a 1 × cols matrix: Σ_r a[r][c] (the bias gradient). */
  public Matrix sumRows() {
    Matrix s = new Matrix(1, cols);
    for (double[] row : a) {
      for (int c = 0; c < cols; c++) {
        s.a[0][c] += row[c];
      }
    }
    return s;
  }

  /** Σ of all entries. */
  public double sum() {
    double s = 0;
    for (double[] row : a) {
      for (double v : row) {
        s += v;
      }
    }
    return s;
  }

  /** Σ of squared entries (the squared Frobenius norm). */
  public double sumOfSquares() {
    double s = 0;
    for (double[] row : a) {
      for (double v : row) {
        s += v * v;
      }
    }
    return s;
  }

  /** max |this − b| over all entries. */
  public double maxAbsDiff(Matrix b) {
    requireSameShape(b, "maxAbsDiff");
    double m = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        m = Math.max(m, Math.abs(a[r][c] - b.a[r][c]));
      }
    }
    return m;
  }

  private Matrix zip(Matrix b, double s, String op) {
    requireSameShape(b, op);
    return copy().addInPlace(b, s);
  }

  private void requireSameShape(Matrix b, String op) {
    if (b.rows != rows || b.cols != cols) {
      throw new IllegalArgumentException(op + ": shapes differ, " + shape() + " vs " + b.shape());
    }
  }

  /** "128×784". */
  public String shape() {
    return rows + "×" + cols;
  }

  /** {@code Matrix[2×3: [1.0, 2.0, 3.0], …]}, at most the first three rows. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Matrix[" + shape() + ":");
    for (int r = 0; r < Math.min(rows, 3); r++) {
      sb.append(' ').append(Arrays.toString(cols <= 6 ? a[r] : Arrays.copyOf(a[r], 6)));
      if (cols > 6) {
        sb.setLength(sb.length() - 1);
        sb.append(", …]");
      }
    }
    return sb.append(rows > 3 ? " …]" : "]").toString();
  }
}
