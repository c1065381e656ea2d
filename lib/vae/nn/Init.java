package vae.nn;

import java.util.SplittableRandom;

/** Seeded weight initialisation that keeps activations at a steady scale through the layers. Chapter 01. */
public enum Init {
  /** He (Kaiming) normal for ReLU-like layers: W ~ N(0, 2/in). */
  HE,
  /** Glorot (Xavier) uniform for tanh, sigmoid and linear layers: W ~ U(±√(6/(in+out))). */
  GLOROT;

  /** Fills {@code w} [in×out] from {@code rng}. */
  public void fill(Matrix w, SplittableRandom rng) {
    int in = w.rows;
    int out = w.cols;
    // He: σ = √(2/in);  Glorot: limit = √(6/(in+out))
    double sigma = Math.sqrt(2.0 / in);
    double limit = Math.sqrt(6.0 / (in + out));
    for (double[] row : w.a) {
      for (int c = 0; c < out; c++) {
        row[c] = this == HE ? sigma * rng.nextGaussian() : limit * (2 * rng.nextDouble() - 1);
      }
    }
  }

  /** The usual choice for a layer followed by {@code next}: He for ReLU and LeakyReLU, else Glorot. */
  public static Init forActivation(Activation.Kind next) {
    return next == Activation.Kind.RELU || next == Activation.Kind.LEAKY_RELU ? HE : GLOROT;
  }
}
