package vae.model;

import java.util.List;
import java.util.SplittableRandom;
import vae.nn.Adam;
import vae.nn.Dense;
import vae.nn.Init;
import vae.nn.Matrix;
import vae.nn.Optimizer;
import vae.nn.Param;

/**
 * Multinomial logistic regression, a classifier to read images: p(y = k | x) = softmax(x·W + b)_k.
 * It is trained on the mean cross-entropy −(1/n) Σ_i log p(y_i|x_i) plus ½λ‖W‖², by full-batch
 * Adam; the softmax's log-probability and its gradient are {@link CategoricalLikelihood}'s with one
 * "pixel" of {@code classes} levels. Chapter 10 uses it to check which digit a decoder drew.
 */
public final class LogisticRegression {
  private final Dense layer;
  private final CategoricalLikelihood softmax;
  private final double lambda;

  /**
   * An untrained classifier of {@code inputs} values into {@code classes} classes, with L2 weight
   * {@code lambda}, weights drawn from {@code rng}.
   *
   * @throws IllegalArgumentException if inputs &lt; 1, classes &lt; 2 or λ &lt; 0
   */
  public LogisticRegression(int inputs, int classes, double lambda, SplittableRandom rng) {
    if (inputs < 1 || classes < 2 || !(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("need ≥ 1 input, ≥ 2 classes and λ ≥ 0, got " + inputs
          + ", " + classes + ", " + lambda);
    }
    this.layer = new Dense("classifier", inputs, classes, Init.GLOROT, rng);
    this.softmax = new CategoricalLikelihood(classes);
    this.lambda = lambda;
  }

  /**
   * The loss on (x, y), forward only.
   *
   * @throws IllegalArgumentException if the counts differ or a label is out of range
   */
  public double loss(Matrix x, int[] y) {
    return pass(x, y, false);
  }

  /** The same loss, ADDING its gradient to the parameters' grad (as every model here does). */
  public double lossAndGradient(Matrix x, int[] y) {
    return pass(x, y, true);
  }

  private double pass(Matrix x, int[] y, boolean backward) {
    if (x.rows != y.length || x.rows == 0) {
      throw new IllegalArgumentException("need one label per row, got " + y.length + " for "
          + x.rows + " rows");
    }
    int k = softmax.levels();
    Matrix logits = layer.forward(x);
    Matrix d = new Matrix(x.rows, k); // ∂loss/∂logits = −(1/n)·([k = y] − softmax_k)
    double sum = 0;
    for (int i = 0; i < x.rows; i++) {
      if (y[i] < 0 || y[i] >= k) {
        throw new IllegalArgumentException("label " + y[i] + " is outside 0 … " + (k - 1));
      }
      sum += softmax.logProb(new double[] {y[i]}, 0, logits.a[i], 0, d.a[i], 0, 1);
    }
    double w2 = layer.w.value.sumOfSquares();
    if (backward) {
      layer.backward(d.scale(-1.0 / x.rows));
      layer.w.grad.addInPlace(layer.w.value, lambda); // ∂(½λ‖W‖²)/∂W = λW
    }
    return -sum / x.rows + 0.5 * lambda * w2;
  }

  /**
   * Trains for {@code steps} full-batch Adam steps at rate {@code lr}; returns the final loss.
   *
   * @throws IllegalArgumentException if steps &lt; 1
   */
  public double fit(Matrix x, int[] y, int steps, double lr) {
    if (steps < 1) {
      throw new IllegalArgumentException("need ≥ 1 step, got " + steps);
    }
    Optimizer adam = new Adam(params(), lr);
    for (int s = 0; s < steps; s++) {
      adam.zeroGrad();
      lossAndGradient(x, y);
      adam.step();
    }
    return loss(x, y);
  }

  /**
   * Trains one classifier per λ in {@code lambdas} (each from {@code seed}, 500 Adam steps at
   * rate 0.05) and keeps the one most accurate on the validation rows; ties keep the first.
   *
   * @throws IllegalArgumentException if no λ is given, or a λ, count or label is bad
   */
  public static LogisticRegression chosen(Matrix x, int[] y, Matrix validX, int[] validY,
      int classes, double[] lambdas, long seed) {
    if (lambdas.length == 0) {
      throw new IllegalArgumentException("need at least one λ to choose from");
    }
    LogisticRegression best = null;
    double bestAccuracy = -1;
    for (double lambda : lambdas) {
      LogisticRegression c = new LogisticRegression(x.cols, classes, lambda,
          new SplittableRandom(seed));
      c.fit(x, y, 500, 0.05);
      double a = c.accuracy(validX, validY);
      if (a > bestAccuracy) {
        best = c;
        bestAccuracy = a;
      }
    }
    return best;
  }

  /** λ, the weight of the penalty ½λ‖W‖². */
  public double lambda() {
    return lambda;
  }

  /** The most probable class of each row. */
  public int[] predict(Matrix x) {
    Matrix logits = layer.forward(x);
    int[] out = new int[x.rows];
    for (int i = 0; i < x.rows; i++) {
      for (int c = 1; c < logits.cols; c++) {
        if (logits.a[i][c] > logits.a[i][out[i]]) {
          out[i] = c;
        }
      }
    }
    return out;
  }

  /**
   * The fraction of rows whose predicted class is {@code y}.
   *
   * @throws IllegalArgumentException if the counts differ
   */
  public double accuracy(Matrix x, int[] y) {
    if (x.rows != y.length) {
      throw new IllegalArgumentException(y.length + " labels for " + x.rows + " rows");
    }
    int[] p = predict(x);
    int hits = 0;
    for (int i = 0; i < p.length; i++) {
      hits += p[i] == y[i] ? 1 : 0;
    }
    return (double) hits / p.length;
  }

  /** W [inputs×classes] and b [1×classes]. */
  public List<Param> params() {
    return layer.params();
  }

  @Override
  public String toString() {
    return "LogisticRegression[" + layer.in + "→" + layer.out + ", λ=" + lambda + "]";
  }
}
