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
  /** Entries of all parameters together (the work of one step, for {@link Parallel}). */
  private final long entries;

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
    long size = 0;
    for (int i = 0; i < params.size(); i++) {
      Param p = params.get(i);
      m.add(new Matrix(p.value.rows, p.value.cols));
      v.add(new Matrix(p.value.rows, p.value.cols));
      size += p.size();
    }
    this.entries = size;
  }

  /** The body of a loop over the rows r0…r1−1 of parameter i. */
  @FunctionalInterface
  private interface Rows {
    void run(int i, int r0, int r1);
  }

  /**
   * Runs body over every row of every parameter in one parallel loop per step: thread c of t
   * takes rows [n·c/t, n·(c+1)/t) of each parameter of n rows. Those are the rows of the weight
   * gradient xᵀ·δ that the same thread computed in the backward pass (MatMul splits its rows that
   * way too), so a row's gradient, moments and weights are updated in the cache of the core that
   * wrote them, instead of half of every gradient crossing to the other core each step (the
   * digits model's Adam step took 587 µs that way against 505 µs, in the periods when this VM's
   * two-thread steps ran slowly; docs/BENCHMARK.md, round 6). Whatever the split of [0, t) that
   * forRange makes, the chunks' rows cover each parameter once.
   */
  private void forAllRows(Rows body) {
    int threads = Parallel.threads();
    Parallel.forRange(threads, entries, (c0, c1) -> {
      for (int i = 0; i < params.size(); i++) {
        long n = params.get(i).value.rows;
        body.run(i, (int) (n * c0 / threads), (int) (n * c1 / threads));
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
    forAllRows((i, r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        double[] wr = params.get(i).value.a[r];
        double[] gr = params.get(i).grad.a[r];
        double[] mr = m.get(i).a[r];
        double[] vr = v.get(i).a[r];
        for (int c = 0; c < wr.length; c++) {
          // m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  θ ← θ − η·m̂/(√v̂ + ε)
          mr[c] = beta1 * mr[c] + (1 - beta1) * gr[c];
          vr[c] = beta2 * vr[c] + (1 - beta2) * gr[c] * gr[c];
          wr[c] -= stepSize * mr[c] / (Math.sqrt(vr[c]) + epsHat);
        }
      }
    });
  }

  @Override
  public void zeroGrad() {
    forAllRows((i, r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        java.util.Arrays.fill(params.get(i).grad.a[r], 0);
      }
    });
  }

  @Override
  public String toString() {
    return "Adam[lr=" + lr + ", β1=" + beta1 + ", β2=" + beta2 + ", ε=" + eps + "]";
  }
}
