package vae.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import vae.data.Batches;
import vae.nn.Activation;
import vae.nn.Matrix;
import vae.nn.Mlp;
import vae.nn.Optimizer;
import vae.nn.Param;

/**
 * A deterministic autoencoder x̂ = d(e(x)): an encoder network to a code z, a decoder network
 * back, trained to minimise the reconstruction error (1/N) Σ ‖x − x̂‖². Chapter 01; chapter 06
 * compares it with the VAE.
 */
public final class Autoencoder {
  public final Mlp encoder;
  public final Mlp decoder;

  /**
   * An autoencoder from two networks whose sizes fit: encoder d→…→k, decoder k→…→d.
   *
   * @throws IllegalArgumentException if the sizes do not fit
   */
  public Autoencoder(Mlp encoder, Mlp decoder) {
    if (encoder.out() != decoder.in() || decoder.out() != encoder.in()) {
      throw new IllegalArgumentException("encoder " + encoder + " and decoder " + decoder
          + " do not fit: need encoder d→k and decoder k→d");
    }
    this.encoder = encoder.setInputGradient(false);
    this.decoder = decoder;
  }

  /** The linear autoencoder: one linear layer each way, z = W_e x + b_e, x̂ = W_d z + b_d. */
  public static Autoencoder linear(int d, int k, SplittableRandom rng) {
    return new Autoencoder(new Mlp(new int[] {d, k}, Activation.Kind.IDENTITY, Activation.Kind.IDENTITY, rng),
        new Mlp(new int[] {k, d}, Activation.Kind.IDENTITY, Activation.Kind.IDENTITY, rng));
  }

  /** A non-linear autoencoder d → hidden… → k → …hidden → d, with {@code output} on the last layer. */
  public static Autoencoder mlp(int d, int[] hidden, int k, Activation.Kind act, Activation.Kind output,
      SplittableRandom rng) {
    int[] enc = new int[hidden.length + 2];
    int[] dec = new int[hidden.length + 2];
    enc[0] = d;
    dec[0] = k;
    for (int i = 0; i < hidden.length; i++) {
      enc[i + 1] = hidden[i];
      dec[i + 1] = hidden[hidden.length - 1 - i];
    }
    enc[hidden.length + 1] = k;
    dec[hidden.length + 1] = d;
    return new Autoencoder(new Mlp(enc, act, Activation.Kind.IDENTITY, rng), new Mlp(dec, act, output, rng));
  }

  /** z = e(x)  [batch][k]. */
  public Matrix encode(Matrix x) {
    return encoder.forward(x);
  }

  /** x̂ = d(z)  [batch][d]. */
  public Matrix decode(Matrix z) {
    return decoder.forward(z);
  }

  /** x̂ = d(e(x)). */
  public Matrix reconstruct(Matrix x) {
    return decode(encode(x));
  }

  /** The reconstruction error (1/N) Σ_n ‖x_n − x̂_n‖² over the rows of x. */
  public double loss(Matrix x) {
    return reconstruct(x).minus(x).sumOfSquares() / x.rows;
  }

  /** One gradient step on the batch x; returns the batch loss before the step. */
  public double trainStep(Matrix x, Optimizer opt) {
    opt.zeroGrad();
    Matrix xHat = reconstruct(x);
    Matrix diff = xHat.minus(x);
    // L = (1/n) Σ ‖x̂ − x‖²,  dL/dx̂ = 2(x̂ − x)/n
    Matrix dz = decoder.backward(diff.scale(2.0 / x.rows));
    encoder.backward(dz);
    opt.step();
    return diff.sumOfSquares() / x.rows;
  }

  /** One pass over the rows of {@code data} in the minibatches of {@code batches}; returns the mean batch loss. */
  public double trainEpoch(Matrix data, Batches batches, Optimizer opt) {
    double sum = 0;
    int[][] epoch = batches.epoch();
    for (int[] idx : epoch) {
      sum += trainStep(data.rows(idx), opt);
    }
    return sum / epoch.length;
  }

  /** Encoder and decoder parameters. */
  public List<Param> params() {
    List<Param> p = new ArrayList<>(encoder.params());
    p.addAll(decoder.params());
    return p;
  }

  /** The number of trainable scalars. */
  public int parameterCount() {
    return encoder.parameterCount() + decoder.parameterCount();
  }

  @Override
  public String toString() {
    return "Autoencoder[" + encoder + " → " + decoder + ", " + parameterCount() + " parameters]";
  }
}
