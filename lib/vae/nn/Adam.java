package vae.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015): gradient descent with running means of the gradient (m) and of its
 * square (v), bias-corrected. Chapter 01; trains every network of the book.
 */
public final class Adam implements Optimizer {
  private final List<Param> params;
  private final List<Matrix> m = new ArrayList<>();
  private final List<Matrix> v = new ArrayList<>();
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private int t;
  /** offset[p]: the index of params.get(p)'s first entry when all entries are laid end to end. */
  private final int[] offset;

  /** Adam with the usual β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
  public Adam(List<Param> params, double lr) {
    this(params, lr, 0.9, 0.999, 1e-8);
  }

  /**
   * Adam with explicit constants.
   *
   * @throws IllegalArgumentException if lr or eps is not positive, or a β is outside [0, 1)
   */
  public Adam(List<Param> params, double lr, double beta1, double beta2, double eps) {
    if (!(lr > 0) || Double.isInfinite(lr) || !(eps > 0)) {
      throw new IllegalArgumentException("Adam needs lr > 0 and eps > 0, got lr=" + lr + ", eps=" + eps);
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("Adam's betas must lie in [0, 1), got beta1=" + beta1
          + ", beta2=" + beta2);
    }
    this.params = List.copyOf(params);
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.offset = new int[params.size() + 1];
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      m.add(new Matrix(p.value.rows, p.value.cols));
      v.add(new Matrix(p.value.rows, p.value.cols));
      offset[i + 1] = Math.addExact(offset[i], p.size());
    }
  }

  /** The body of a loop over the entries col0…col1−1 of row r of parameter i. */
  @FunctionalInterface
  private interface Segment {
    void run(int i, int r, int col0, int col1);
  }

  /**
   * Runs body over every entry of every parameter, all laid end to end and cut into equal parts
   * for the cores: one parallel loop per step rather than one per large parameter, and the small
   * parameters (biases, a 256×256 layer) no longer on one core.
   */
  private void forAllEntries(Segment body) {
    int total = offset[params.size()];
    Parallel.forRange(total, total, (e0, e1) -> {
      int i = 0;
      int e = e0;
      while (e < e1) {
        while (offset[i + 1] <= e) {
          i++;
        }
        int cols = params.get(i).value.cols;
        int q = e - offset[i];
        int r = q / cols;
        int c0 = q - r * cols;
        int c1 = Math.min(cols, c0 + (e1 - e));
        body.run(i, r, c0, c1);
        e += c1 - c0;
      }
    });
  }

  @Override
  public void step() {
    t++;
    // bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ, folded into the step size
    double c1 = 1 - Math.pow(beta1, t);
    double c2 = 1 - Math.pow(beta2, t);
    double stepSize = lr * Math.sqrt(c2) / c1;
    double epsHat = eps * Math.sqrt(c2);
    forAllEntries((i, r, from, to) -> {
      double[] wr = params.get(i).value.a[r];
      double[] gr = params.get(i).grad.a[r];
      double[] mr = m.get(i).a[r];
      double[] vr = v.get(i).a[r];
      for (int c = from; c < to; c++) {
        // m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − η·m̂/(√v̂ + ε)
        mr[c] = beta1 * mr[c] + (1 - beta1) * gr[c];
        vr[c] = beta2 * vr[c] + (1 - beta2) * gr[c] * gr[c];
        wr[c] -= stepSize * mr[c] / (Math.sqrt(vr[c]) + epsHat);
      }
    });
  }

  @Override
  public void zeroGrad() {
    forAllEntries((i, r, c0, c1) -> java.util.Arrays.fill(params.get(i).grad.a[r], c0, c1, 0));
  }

  @Override
  public String toString() {
    return "Adam[lr=" + lr + ", β1=" + beta1 + ", β2=" + beta2 + ", ε=" + eps + "]";
  }
}
