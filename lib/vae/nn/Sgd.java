package vae.nn;

import java.util.List;

/** Plain gradient descent: θ ← θ − η·∇θ L. Chapter 01. */
public final class Sgd implements Optimizer {
  private final List<Param> params;
  private final double lr;

  /**
   * Descent on {@code params} with learning rate {@code lr}.
   *
   * @throws IllegalArgumentException if lr is not positive and finite
   */
  public Sgd(List<Param> params, double lr) {
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("learning rate must be positive and finite, got " + lr);
    }
    this.params = List.copyOf(params);
    this.lr = lr;
  }

  @Override
  public void step() {
    for (Param p : params) {
      // θ ← θ − η·g
      p.value.addInPlace(p.grad, -lr);
    }
  }

  @Override
  public void zeroGrad() {
    params.forEach(Param::zeroGrad);
  }

  @Override
  public String toString() {
    return "Sgd[lr=" + lr + "]";
  }
}
