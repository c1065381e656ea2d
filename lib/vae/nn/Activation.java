package vae.nn;

import java.util.List;

/**
 * An element-wise non-linearity y = f(x), with backward dL/dx = dL/dy ⊙ f′(x). Each f′ is read
 * off the output y (for ReLU and LeakyReLU, x &gt; 0 exactly when y &gt; 0), so only y is kept.
 * Chapter 01.
 */
public final class Activation implements Layer {
  /** The slope of LeakyReLU for negative inputs (PyTorch's default). */
  public static final double LEAKY_SLOPE = 0.01;

  /** The non-linearities the book uses. */
  public enum Kind {
    IDENTITY("identity"), RELU("relu"), LEAKY_RELU("leakyRelu"), TANH("tanh"), SIGMOID("sigmoid");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  public final Kind kind;
  /** Whether forward overwrites its input and backward its dL/dy (inside an {@link Mlp} only). */
  private final boolean inPlace;
  private Matrix y; // the output of the last forward  [batch][n]

  private Activation(Kind kind, boolean inPlace) {
    this.kind = kind;
    this.inPlace = inPlace;
  }

  /** A fresh activation layer of the given kind. */
  public static Activation of(Kind kind) {
    return new Activation(kind, false);
  }

  /**
   * One that writes y over its input x and dL/dx over dL/dy, saving two matrices per layer: for
   * an MLP's hidden layers, whose inputs and gradients nobody else holds.
   */
  static Activation inPlace(Kind kind) {
    return new Activation(kind, true);
  }

  /** Whether this one overwrites its input (an MLP's hidden layers). */
  boolean inPlace() {
    return inPlace;
  }

  @Override
  public Matrix forward(Matrix x) {
    y = inPlace ? x : new Matrix(x.rows, x.cols);
    for (int r = 0; r < x.rows; r++) {
      apply(kind, x.a[r], y.a[r]);
    }
    return y;
  }

  /** ys = f(xs), entry by entry (ys may be xs); one loop per kind, so the JIT can vectorize it. */
  private static void apply(Kind kind, double[] xs, double[] ys) {
    int n = xs.length;
    switch (kind) {
      case IDENTITY -> System.arraycopy(xs, 0, ys, 0, n);             // f(x) = x
      case RELU -> {
        for (int c = 0; c < n; c++) {
          ys[c] = xs[c] > 0 ? xs[c] : 0;                              // f(x) = max(0, x)
        }
      }
      case LEAKY_RELU -> {
        for (int c = 0; c < n; c++) {
          // x if x > 0 else 0.01·x, written as a max (the same value for every x, −0 and NaN
          // included) because the JIT vectorizes Math.max and not the branch
          ys[c] = Math.max(xs[c], LEAKY_SLOPE * xs[c]);
        }
      }
      case TANH -> {
        for (int c = 0; c < n; c++) {
          ys[c] = Math.tanh(xs[c]);                                   // f(x) = tanh x
        }
      }
      case SIGMOID -> {
        for (int c = 0; c < n; c++) {
          ys[c] = 1 / (1 + Math.exp(-xs[c]));                         // f(x) = 1/(1 + e^−x)
        }
      }
    }
  }

  @Override
  public Matrix backward(Matrix gradOut) {
    if (y == null) {
      throw new IllegalStateException(kind + ".backward called before forward");
    }
    Matrix g = inPlace ? gradOut : new Matrix(gradOut.rows, gradOut.cols);
    // rows over the cores: a compare and a multiply per entry, counted as 8 operations (a
    // 64×256 layer's derivative on one core held up the other for ~10 % of a digits step)
    Parallel.forRange(g.rows, 8L * g.rows * g.cols, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        derivative(kind, gradOut.a[r], y.a[r], g.a[r]);
      }
    });
    return g;
  }

  /**
   * The in-place forward as a loop over rows of {@code x}, for a Dense layer to run on each block
   * of rows it has just computed ({@link Dense}, inside an {@link Mlp} only).
   */
  Parallel.Range forwardRows(Matrix x) {
    if (!inPlace) {
      throw new IllegalStateException("only an in-place activation runs inside a Dense layer");
    }
    y = x;
    return (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        apply(kind, x.a[r], x.a[r]);
      }
    };
  }

  /** gx = gy ⊙ f′, f′ read off ys, entry by entry (gx may be gy); one loop per kind. */
  private static void derivative(Kind kind, double[] gy, double[] ys, double[] gx) {
    // dL/dx = dL/dy · f′(x), f′ from y
    switch (kind) {
      case IDENTITY -> System.arraycopy(gy, 0, gx, 0, gx.length);  // f′ = 1
      case RELU -> {
        // f′ = 1[x > 0] = 1[y > 0]: gy where y > 0, else +0. y is +0 or positive (never NaN),
        // so y > 0 exactly when its bits are not 0; the mask (all ones or all zeros) selects gy
        // without a branch, which the JIT vectorizes (a branch on random signs mispredicts)
        for (int c = 0; c < gx.length; c++) {
          long bits = Double.doubleToRawLongBits(ys[c]);
          long keep = (bits | -bits) >> 63;
          gx[c] = Double.longBitsToDouble(Double.doubleToRawLongBits(gy[c]) & keep);
        }
      }
      case LEAKY_RELU -> {
        for (int c = 0; c < gx.length; c++) {
          gx[c] = ys[c] > 0 ? gy[c] : LEAKY_SLOPE * gy[c];          // f′ = 1 or 0.01
        }
      }
      case TANH -> {
        for (int c = 0; c < gx.length; c++) {
          gx[c] = gy[c] * (1 - ys[c] * ys[c]);                      // f′ = 1 − tanh²x = 1 − y²
        }
      }
      case SIGMOID -> {
        for (int c = 0; c < gx.length; c++) {
          gx[c] = gy[c] * (ys[c] * (1 - ys[c]));                    // f′ = σ(x)(1 − σ(x))
        }
      }
    }
  }

  @Override
  public List<Param> params() {
    return List.of();
  }

  @Override
  public String toString() {
    return "Activation[" + kind + "]";
  }
}
