package vae.prob;

import java.util.function.DoubleUnaryOperator;

/**
 * A smooth test function f(z) = Σ_d φ(z_d) with its gradient ∇f(z) = (φ'(z_1), …, φ'(z_D)), the
 * kind of function whose expectation under q the gradient estimators differentiate (chapter 04).
 * In one dimension f is just φ.
 */
public record TestFunction(String name, DoubleUnaryOperator phi, DoubleUnaryOperator dPhi) {
  /**
   * @throws IllegalArgumentException if the name is blank or a function is missing
   */
  public TestFunction {
    if (name == null || name.isBlank() || phi == null || dPhi == null) {
      throw new IllegalArgumentException("an objective needs a name, φ and φ' (got name '" + name
          + "', φ " + phi + ", φ' " + dPhi + ")");
    }
  }

  /**
   * φ(z) = Σ_j v_j tanh(w_j z + b_j), a fixed network 1 → k → 1, with
   * φ'(z) = Σ_j v_j w_j (1 − tanh²(w_j z + b_j)).
   *
   * @throws IllegalArgumentException if w, b and v differ in length
   */
  public static TestFunction tanhNet(double[] w, double[] b, double[] v) {
    if (w.length != b.length || w.length != v.length) {
      throw new IllegalArgumentException("w, b and v need one length (the hidden width), got "
          + w.length + ", " + b.length + ", " + v.length);
    }
    return new TestFunction("tanh net 1→" + w.length + "→1", z -> {
      double s = 0;
      for (int j = 0; j < w.length; j++) {
        s += v[j] * Math.tanh(w[j] * z + b[j]);
      }
      return s;
    }, z -> {
      double s = 0;
      for (int j = 0; j < w.length; j++) {
        double t = Math.tanh(w[j] * z + b[j]);
        s += v[j] * w[j] * (1 - t * t);
      }
      return s;
    });
  }

  /** f(z) = Σ_d φ(z_d). */
  public double value(double[] z) {
    double s = 0;
    for (double zd : z) {
      s += phi.applyAsDouble(zd);
    }
    return s;
  }

  /** ∇f(z) = (φ'(z_d))_d. */
  public double[] gradient(double[] z) {
    double[] g = new double[z.length];
    for (int d = 0; d < z.length; d++) {
      g[d] = dPhi.applyAsDouble(z[d]);
    }
    return g;
  }

  @Override
  public String toString() {
    return "TestFunction[f(z) = Σ_d " + name + "]";
  }
}
