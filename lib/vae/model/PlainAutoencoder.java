package vae.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import vae.nn.Activation;
import vae.nn.Matrix;
import vae.nn.Mlp;
import vae.nn.Param;

/**
 * A plain (deterministic) autoencoder of the same shape as a {@link Vae}: the encoder maps x to
 * one code z = e(x), with no variance and no noise, the decoder maps z to the parameters of the
 * same likelihood, and the loss is the reconstruction term alone, −log p(x | d(e(x))). Trained by
 * the same {@link Trainer}; its terms report kl = 0. The baseline of chapter 06 (claims LS-2, LS-3).
 */
public final class PlainAutoencoder implements Objective {
  private final Vae.Config config;
  private final Likelihood likelihood;
  private final Mlp encoder;
  private final Mlp decoder;

  /** A freshly initialised autoencoder with {@code config}'s sizes (the encoder outputs {@code latent} numbers, not 2·latent). */
  public PlainAutoencoder(Vae.Config config, SplittableRandom rng) {
    this.config = config;
    this.likelihood = Likelihood.parse(config.likelihood());
    int h = config.hidden().length;
    int[] enc = new int[h + 2];
    int[] dec = new int[h + 2];
    enc[0] = config.dataDim();
    dec[0] = config.latent();
    for (int i = 0; i < h; i++) {
      enc[i + 1] = config.hidden()[i];
      dec[i + 1] = config.hidden()[h - 1 - i];
    }
    enc[h + 1] = config.latent();
    dec[h + 1] = likelihood.outputSize(config.dataDim());
    this.encoder = new Mlp(enc, config.activation(), Activation.Kind.IDENTITY, rng).setInputGradient(false);
    this.decoder = new Mlp(dec, config.activation(), Activation.Kind.IDENTITY, rng);
  }

  /** The codes z = e(x), one row per image  [batch][latent]. */
  public Matrix encode(Matrix input) {
    return encoder.forward(input);
  }

  /** The mean image E[x|z] for each row of z, in the target's units. */
  public double[][] decodeMean(Matrix z) {
    Matrix out = decoder.forward(z);
    double[][] m = new double[z.rows][];
    for (int r = 0; r < z.rows; r++) {
      m[r] = likelihood.mean(out.a[r], config.dataDim());
    }
    return m;
  }

  @Override
  public Terms lossAndGradient(TrainingData batch, SplittableRandom rng) {
    int n = batch.size();
    Matrix out = decoder.forward(encoder.forward(batch.input()));
    Matrix dOut = new Matrix(out.rows, out.cols);
    double[] logP = new double[n];
    IntStream.range(0, n).parallel().forEach(r ->
        logP[r] = likelihood.logProb(batch.target().a[r], 0, out.a[r], 0, dOut.a[r], 0, config.dataDim()));
    // loss = −(1/n) Σ_i log p(x_i | d(e(x_i)))  ⇒  dLoss/dOut = −∇log p / n
    for (double[] row : dOut.a) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= -1.0 / n;
      }
    }
    encoder.backward(decoder.backward(dOut));
    return new Terms(-Arrays.stream(logP).sum() / n, 0);
  }

  @Override
  public Terms evaluate(TrainingData data, SplittableRandom rng) {
    Matrix out = decoder.forward(encoder.forward(data.input()));
    double[] logP = new double[data.size()];
    IntStream.range(0, data.size()).parallel().forEach(r ->
        logP[r] = likelihood.logProb(data.target().a[r], 0, out.a[r], 0, null, 0, config.dataDim()));
    return new Terms(-Arrays.stream(logP).sum() / data.size(), 0);
  }

  @Override
  public List<Param> params() {
    List<Param> all = new ArrayList<>(encoder.params());
    all.addAll(decoder.params());
    return all;
  }

  public Vae.Config config() {
    return config;
  }

  /** Trainable scalars of encoder and decoder. */
  public int parameterCount() {
    return encoder.parameterCount() + decoder.parameterCount();
  }

  @Override
  public String toString() {
    return "PlainAutoencoder[encoder " + encoder + " → z ×" + config.latent() + ", decoder " + decoder + " → "
        + likelihood + ", " + parameterCount() + " parameters]";
  }
}
