package vae.nn;

import java.util.List;

/**
 * An element-wise non-linearity y = f(x), with backward dL/dx = dL/dy ⊙ f′(x). Chapter 01.
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
  private Matrix x; // input of the last forward  [batch][n]
  private Matrix y; // its output                 [batch][n]

  private Activation(Kind kind) {
    this.kind = kind;
  }

  /** A fresh activation layer of the given kind. */
  public static Activation of(Kind kind) {
    return new Activation(kind);
  }

  @Override
  public Matrix forward(Matrix x) {
    this.x = x;
    this.y = x.map(v -> switch (kind) {
      case IDENTITY -> v;                                   // f(x) = x
      case RELU -> v > 0 ? v : 0;                           // f(x) = max(0, x)
      case LEAKY_RELU -> v > 0 ? v : LEAKY_SLOPE * v;       // f(x) = x if x > 0 else 0.01·x
      case TANH -> Math.tanh(v);                            // f(x) = tanh x
      case SIGMOID -> 1 / (1 + Math.exp(-v));               // f(x) = 1/(1 + e^−x)
    });
    return y;
  }

  @Override
  public Matrix backward(Matrix gradOut) {
    if (y == null) {
      throw new IllegalStateException(kind + ".backward called before forward");
    }
    Matrix g = new Matrix(gradOut.rows, gradOut.cols);
    for (int r = 0; r < g.rows; r++) {
      double[] gx = g.a[r];
      double[] gy = gradOut.a[r];
      double[] xs = x.a[r];
      double[] ys = y.a[r];
      for (int c = 0; c < g.cols; c++) {
        // dL/dx = dL/dy · f′(x)
        gx[c] = gy[c] * switch (kind) {
          case IDENTITY -> 1;                               // f′ = 1
          case RELU -> xs[c] > 0 ? 1 : 0;                   // f′ = 1[x > 0]
          case LEAKY_RELU -> xs[c] > 0 ? 1 : LEAKY_SLOPE;   // f′ = 1 or 0.01
          case TANH -> 1 - ys[c] * ys[c];                   // f′ = 1 − tanh²x = 1 − y²
          case SIGMOID -> ys[c] * (1 - ys[c]);              // f′ = σ(x)(1 − σ(x)) = y(1 − y)
        };
      }
    }
    return g;
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
