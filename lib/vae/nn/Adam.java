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
    for (Param p : params) {
      m.add(new Matrix(p.value.rows, p.value.cols));
      v.add(new Matrix(p.value.rows, p.value.cols));
    }
  }

  @Override
  public void step() {
    t++;
    // bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ, folded into the step size
    double c1 = 1 - Math.pow(beta1, t);
    double c2 = 1 - Math.pow(beta2, t);
    double stepSize = lr * Math.sqrt(c2) / c1;
    double epsHat = eps * Math.sqrt(c2);
    for (int i = 0; i < params.size(); i++) {
      double[][] w = params.get(i).value.a;
      double[][] g = params.get(i).grad.a;
      double[][] mi = m.get(i).a;
      double[][] vi = v.get(i).a;
      Parallel.forRange(w.length, (long) w.length * w[0].length, (r0, r1) -> {
        for (int r = r0; r < r1; r++) {
          double[] wr = w[r];
          double[] gr = g[r];
          double[] mr = mi[r];
          double[] vr = vi[r];
          for (int c = 0; c < wr.length; c++) {
            // m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − η·m̂/(√v̂ + ε)
            mr[c] = beta1 * mr[c] + (1 - beta1) * gr[c];
            vr[c] = beta2 * vr[c] + (1 - beta2) * gr[c] * gr[c];
            wr[c] -= stepSize * mr[c] / (Math.sqrt(vr[c]) + epsHat);
          }
        }
      });
    }
  }

  @Override
  public void zeroGrad() {
    params.forEach(Param::zeroGrad);
  }

  @Override
  public String toString() {
    return "Adam[lr=" + lr + ", β1=" + beta1 + ", β2=" + beta2 + ", ε=" + eps + "]";
  }
}
