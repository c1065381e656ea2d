package vae.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * Adamax (Kingma &amp; Ba 2015, §7.1): Adam with the infinity norm in place of the running mean
 * square, u ← max(β₂u, |g|); the optimiser of Tomczak's PyTorch VAE, the reference of chapter 05.
 * Matches {@code torch.optim.Adamax}. Added for chapter 05 beside {@link Adam}.
 */
public final class Adamax implements Optimizer {
  private final List<Param> params;
  private final List<Matrix> m = new ArrayList<>();
  private final List<Matrix> u = new ArrayList<>();
  private final double lr;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private int t;

  /** Adamax with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (PyTorch's defaults). */
  public Adamax(List<Param> params, double lr) {
    this(params, lr, 0.9, 0.999, 1e-8);
  }

  /**
   * Adamax with explicit constants.
   *
   * @throws IllegalArgumentException if lr or eps is not positive, or a β is outside [0, 1)
   */
  public Adamax(List<Param> params, double lr, double beta1, double beta2, double eps) {
    if (!(lr > 0) || Double.isInfinite(lr) || !(eps > 0)) {
      throw new IllegalArgumentException("Adamax needs lr > 0 and eps > 0, got lr=" + lr + ", eps=" + eps);
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("Adamax's betas must lie in [0, 1), got beta1=" + beta1 + ", beta2=" + beta2);
    }
    this.params = List.copyOf(params);
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    for (Param p : params) {
      m.add(new Matrix(p.value.rows, p.value.cols));
      u.add(new Matrix(p.value.rows, p.value.cols));
    }
  }

  @Override
  public void step() {
    t++;
    double stepSize = lr / (1 - Math.pow(beta1, t)); // bias correction of m only
    for (int i = 0; i < params.size(); i++) {
      double[][] w = params.get(i).value.a;
      double[][] g = params.get(i).grad.a;
      double[][] mi = m.get(i).a;
      double[][] ui = u.get(i).a;
      for (int r = 0; r < w.length; r++) {
        double[] wr = w[r];
        double[] gr = g[r];
        double[] mr = mi[r];
        double[] ur = ui[r];
        for (int c = 0; c < wr.length; c++) {
          // m ← β₁m + (1−β₁)g;  u ← max(β₂u, |g| + ε);  θ ← θ − η/(1−β₁ᵗ) · m/u
          mr[c] = beta1 * mr[c] + (1 - beta1) * gr[c];
          ur[c] = Math.max(beta2 * ur[c], Math.abs(gr[c]) + eps);
          wr[c] -= stepSize * mr[c] / ur[c];
        }
      }
    }
  }

  @Override
  public void zeroGrad() {
    params.forEach(Param::zeroGrad);
  }

  @Override
  public String toString() {
    return "Adamax[lr=" + lr + ", β₁=" + beta1 + ", β₂=" + beta2 + ", " + params.size() + " params]";
  }
}
