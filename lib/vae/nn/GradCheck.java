package vae.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Claim EL-8: the hand-written backward pass agrees with central finite differences,
 * ∂L/∂θ ≈ (L(θ + h) − L(θ − h)) / 2h, entry by entry. Rows print as
 * {@code name | exact | finite-diff | max rel err}, where exact and finite-diff are the norms
 * ‖∂L/∂θ‖ of the two gradients and max rel err is max|Δ| / max|exact| over the entries. Chapter 01 (chapter 05 checks the VAE with it).
 */
public final class GradCheck {
  /** The finite-difference step: small truncation error (∝ h²) and small round-off (∝ ε/h). */
  public static final double H = 1e-5;
  /** The agreement claimed by EL-8, in double precision. */
  public static final double TOLERANCE = 1e-6;

  private GradCheck() {}

  /** One compared gradient: its norm by backprop, by finite differences, and the worst relative error. */
  public record Row(String name, double exact, double finiteDiff, double maxRelErr) {
    /** Whether the worst entry agrees within {@link #TOLERANCE}. */
    public boolean ok() {
      return maxRelErr < TOLERANCE;
    }

    @Override
    public String toString() {
      return String.format("%-22s | %12.8f | %12.8f | %8.1e", name, exact, finiteDiff, maxRelErr);
    }
  }

  /** The header matching {@link Row#toString()}. */
  public static String header() {
    return String.format("%-22s | %12s | %12s | %8s", "name", "‖exact‖", "‖finite-diff‖", "max rel err");
  }

  /**
   * Compares backprop with finite differences for every parameter. {@code loss} must run the
   * forward pass and return L; {@code backward} must run forward and backward, adding dL/dθ into
   * each {@link Param#grad} (gradients are zeroed first).
   */
  public static List<Row> check(List<Param> params, DoubleSupplier loss, Runnable backward) {
    params.forEach(Param::zeroGrad);
    backward.run();
    List<Row> rows = new ArrayList<>();
    for (Param p : params) {
      Matrix fd = new Matrix(p.value.rows, p.value.cols);
      for (int r = 0; r < fd.rows; r++) {
        for (int c = 0; c < fd.cols; c++) {
          double keep = p.value.a[r][c];
          p.value.a[r][c] = keep + H;
          double up = loss.getAsDouble();
          p.value.a[r][c] = keep - H;
          double down = loss.getAsDouble();
          p.value.a[r][c] = keep;
          // ∂L/∂θ ≈ (L(θ + h) − L(θ − h)) / 2h
          fd.a[r][c] = (up - down) / (2 * H);
        }
      }
      rows.add(new Row(p.name, Math.sqrt(p.grad.sumOfSquares()), Math.sqrt(fd.sumOfSquares()),
          maxRelativeError(p.grad, fd)));
    }
    return rows;
  }

  /**
   * Checks one layer (or a whole network) with the loss L = Σ R ⊙ layer(x) for a fixed random R,
   * so dL/dy = R is non-trivial: rows for every parameter and for the input x.
   */
  public static List<Row> layer(String name, Layer layer, Matrix x, SplittableRandom rng) {
    Matrix probe = layer.forward(x);
    Matrix weights = new Matrix(probe.rows, probe.cols); // R  [batch][out]
    for (double[] row : weights.a) {
      for (int c = 0; c < row.length; c++) {
        row[c] = rng.nextGaussian();
      }
    }
    Param input = new Param("x", x);
    List<Param> all = new ArrayList<>(layer.params());
    all.add(input);
    DoubleSupplier loss = () -> layer.forward(input.value).times(weights).sum();
    Runnable backward = () -> {
      layer.forward(input.value);
      input.grad.addInPlace(layer.backward(weights), 1);
    };
    List<Row> rows = new ArrayList<>();
    for (Row r : check(all, loss, backward)) {
      rows.add(new Row(name + " ∂L/∂" + r.name(), r.exact(), r.finiteDiff(), r.maxRelErr()));
    }
    return rows;
  }

  /**
   * {@link #layer} for every layer type the book builds networks from: a dense layer
   * (x.cols → 4, Glorot start), then each {@link Activation.Kind}, all on the input x. Chapter 01.
   */
  public static List<Row> everyLayer(Matrix x, SplittableRandom rng) {
    List<Row> rows = new ArrayList<>(layer("Dense " + x.cols + "→4",
        new Dense("dense", x.cols, 4, Init.GLOROT, rng), x, rng));
    for (Activation.Kind kind : Activation.Kind.values()) {
      rows.addAll(layer(kind.toString(), Activation.of(kind), x, rng));
    }
    return rows;
  }

  /**
   * The normwise relative error max_i |a_i − b_i| / max_i |a_i|: the worst entry's error measured
   * against the gradient's largest entry. (Dividing each entry by itself would blow up on entries
   * that cancel to ~1e-6 while finite differences carry ~1e-11 of round-off.) 0 if both are zero.
   */
  public static double maxRelativeError(Matrix exact, Matrix approx) {
    double diff = 0;
    double scale = 0;
    for (int r = 0; r < exact.rows; r++) {
      for (int c = 0; c < exact.cols; c++) {
        diff = Math.max(diff, Math.abs(exact.a[r][c] - approx.a[r][c]));
        scale = Math.max(scale, Math.max(Math.abs(exact.a[r][c]), Math.abs(approx.a[r][c])));
      }
    }
    return scale == 0 ? 0 : diff / scale;
  }
}
