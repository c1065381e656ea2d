package vae.nn;

/** A trainable parameter: its value, the gradient dL/d(value) accumulated by backward, a name. Chapter 01. */
public final class Param {
  public final String name;
  public final Matrix value;
  public final Matrix grad;

  /** A parameter holding {@code value} (not copied), with a zero gradient of the same shape. */
  public Param(String name, Matrix value) {
    this.name = name;
    this.value = value;
    this.grad = new Matrix(value.rows, value.cols);
  }

  /** Sets the gradient to zero before the next backward pass (a large one on all cores). */
  public void zeroGrad() {
    double[][] g = grad.a;
    Parallel.forRange(g.length, (long) g.length * grad.cols, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        java.util.Arrays.fill(g[r], 0);
      }
    });
  }

  /** Number of scalar entries. */
  public int size() {
    return value.rows * value.cols;
  }

  @Override
  public String toString() {
    return "Param[" + name + " " + value.shape() + "]";
  }
}
