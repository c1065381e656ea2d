package vae.nn;

import java.util.SplittableRandom;

/**
 * Seeded weight initialisation that keeps activations at a steady scale through the layers.
 * Chapter 01; {@link Scheme#PYTORCH} for comparisons with PyTorch (chapter 05, {@code --init}).
 */
public enum Init {
  /** He (Kaiming) normal for ReLU-like layers: W ~ N(0, 2/in), b = 0. */
  HE,
  /** Glorot (Xavier) uniform for tanh, sigmoid, linear layers: W ~ U(±√(6/(in+out))), b = 0. */
  GLOROT,
  /** PyTorch's {@code nn.Linear} default, whatever follows: W and b ~ U(±1/√in). */
  PYTORCH;

  /** How a VAE's layers start ({@code --init}): see {@code Vae(Config, Init.Scheme, rng)}. */
  public enum Scheme {
    /** He before ReLU and LeakyReLU, Glorot before anything else, zero biases (the default). */
    he,
    /** PyTorch's {@code nn.Linear} default for every layer: {@link #PYTORCH}, biases included. */
    pytorch
  }

  /** Fills {@code w} [in×out] from {@code rng}. */
  public void fill(Matrix w, SplittableRandom rng) {
    int in = w.rows;
    int out = w.cols;
    // He: σ = √(2/in);  Glorot: limit = √(6/(in+out));  PyTorch: limit = 1/√in
    double sigma = Math.sqrt(2.0 / in);
    double limit = this == PYTORCH ? 1 / Math.sqrt(in) : Math.sqrt(6.0 / (in + out));
    for (double[] row : w.a) {
      for (int c = 0; c < out; c++) {
        row[c] = this == HE ? sigma * rng.nextGaussian() : limit * (2 * rng.nextDouble() - 1);
      }
    }
  }

  /**
   * Fills the biases {@code b} [1×out] of a layer with {@code in} inputs: zero, except PYTORCH,
   * which draws them like its weights, U(±1/√in) (nn.Linear's reset_parameters).
   */
  public void fillBias(Matrix b, int in, SplittableRandom rng) {
    double limit = 1 / Math.sqrt(in);
    for (double[] row : b.a) {
      for (int c = 0; c < row.length; c++) {
        row[c] = this == PYTORCH ? limit * (2 * rng.nextDouble() - 1) : 0;
      }
    }
  }

  /** The usual choice for a layer followed by {@code next}: He for ReLU and LeakyReLU, else Glorot. */
  public static Init forActivation(Activation.Kind next) {
    return next == Activation.Kind.RELU || next == Activation.Kind.LEAKY_RELU ? HE : GLOROT;
  }
}
