package vae.nn;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A fully connected layer y = x·W + b, with W [in×out] and b [1×out]; a batch is one row per
 * example. Chapter 01.
 */
public final class Dense implements Layer {
  public final int in;
  public final int out;
  public final Param w;
  public final Param b;
  private Matrix x; // [batch][in], cached by forward
  private boolean inputGradient = true;
  private Matrix wT; // Wᵀ [out][in], refilled by each backward that needs dL/dx (one buffer, reused)

  /**
   * A layer with weights (and, for {@link Init#PYTORCH}, biases) drawn by {@code init} from
   * {@code rng}; other biases start at zero.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public Dense(int in, int out, Init init, SplittableRandom rng) {
    this("", in, out, init, rng);
  }

  /** The same, with parameters named {@code name.W} and {@code name.b} (for printed rows). */
  public Dense(String name, int in, int out, Init init, SplittableRandom rng) {
    if (in <= 0 || out <= 0) {
      throw new IllegalArgumentException("Dense sizes must be positive, got in=" + in + ", out=" + out);
    }
    this.in = in;
    this.out = out;
    String prefix = name.isEmpty() ? "" : name + ".";
    this.w = new Param(prefix + "W", new Matrix(in, out));
    this.b = new Param(prefix + "b", new Matrix(1, out));
    init.fill(w.value, rng);
    init.fillBias(b.value, in, rng); // zero, or U(±1/√in) drawn after the weights as nn.Linear
  }

  @Override
  public Matrix forward(Matrix x) {
    return forward(x, null);
  }

  /**
   * y = x·W + b, then {@code after} (an in-place activation of an {@link Mlp}, or null) on each
   * block of rows on the thread that computed it: one parallel loop per layer.
   */
  Matrix forward(Matrix x, Activation after) {
    if (x.cols != in) {
      throw new IllegalArgumentException("Dense " + in + "→" + out + " got an input with " + x.cols
          + " columns (shape " + x.shape() + "); expected " + in);
    }
    this.x = x;
    // y = x·W + b      [batch][out]
    Matrix y = new Matrix(x.rows, out);
    double[] bias = b.value.a[0];
    Parallel.Range activation = after == null ? null : after.forwardRows(y);
    MatMul.multiplyAdd(x, w.value, y, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        double[] row = y.a[r];
        for (int c = 0; c < out; c++) {
          row[c] += bias[c];
        }
      }
      if (activation != null) {
        activation.run(r0, r1);
      }
    });
    return y;
  }

  @Override
  public Matrix backward(Matrix gradOut) {
    if (x == null) {
      throw new IllegalStateException("Dense.backward called before forward");
    }
    // BEGIN SOLUTION (Exercise 5.1: the backward pass of a dense layer: dL/dW, dL/db, dL/dx)
    // HINT: MatMul.multiplyAddTransA for xᵀδ into w.grad; sum δ's rows into b.grad; return δ·Wᵀ
    // dL/dW += xᵀ·δ      [in][out]   (straight from x's rows: no transposed copy)
    MatMul.multiplyAddTransA(x, gradOut, w.grad);
    // dL/db += Σ_batch δ  [1][out]
    double[] gb = b.grad.a[0];
    for (double[] row : gradOut.a) {
      for (int c = 0; c < out; c++) {
        gb[c] += row[c];
      }
    }
    if (!inputGradient) {
      return null; // a first layer: nobody needs dL/dx
    }
    // dL/dx = δ·Wᵀ       [batch][in]
    if (wT == null) {
      wT = new Matrix(out, in);
    }
    return MatMul.times(gradOut, w.value.transposeInto(wT));
    // END SOLUTION
  }

  /** Whether backward computes dL/dx (default true); a network's first layer can skip it. */
  public void setInputGradient(boolean needed) {
    this.inputGradient = needed;
  }

  @Override
  public List<Param> params() {
    return List.of(w, b);
  }

  @Override
  public String toString() {
    return "Dense[" + in + "→" + out + "]";
  }
}
