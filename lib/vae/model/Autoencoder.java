package vae.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import vae.nn.Activation;
import vae.nn.Matrix;
import vae.nn.Mlp;
import vae.nn.Parallel;
import vae.nn.Param;
import vae.prob.MonteCarlo;

/**
 * A deterministic autoencoder: an encoder network maps x to one code z = e(x), with no variance
 * and no noise, a decoder network maps z back. Its loss is either the squared reconstruction error
 * ‖x − d(e(x))‖² (chapter 01) or, when it has a {@link Likelihood}, −log p(x | d(e(x))), the VAE's
 * reconstruction term alone (the baseline of chapters 06–07, claims LS-2, LS-3); the terms it
 * reports have kl = 0. Trained by the {@link Trainer} like the VAE. Chapter 01.
 */
public final class Autoencoder implements Trainable {
  public final Mlp encoder;
  public final Mlp decoder;
  /** null: the squared error ‖x − x̂‖², the decoder outputs x̂ itself. */
  private final Likelihood likelihood;
  /** σ of the Gaussian noise added to every code while training (0: none). */
  private double codeNoise;

  /**
   * An autoencoder with the squared-error loss, from two networks whose sizes fit: encoder d→…→k,
   * decoder k→…→d.
   *
   * @throws IllegalArgumentException if the sizes do not fit
   */
  public Autoencoder(Mlp encoder, Mlp decoder) {
    this(encoder, decoder, null);
  }

  /**
   * An autoencoder whose decoder outputs the parameters of {@code likelihood} (null: the squared
   * error): encoder d→…→k, decoder k→…→{@code likelihood.outputSize(d)}.
   *
   * @throws IllegalArgumentException if the sizes do not fit
   */
  public Autoencoder(Mlp encoder, Mlp decoder, Likelihood likelihood) {
    int out = likelihood == null ? encoder.in() : likelihood.outputSize(encoder.in());
    if (encoder.out() != decoder.in() || decoder.out() != out) {
      throw new IllegalArgumentException("encoder " + encoder + " and decoder " + decoder + " do not fit: need "
          + "encoder d→k and decoder k→" + (likelihood == null ? "d" : out + " (" + likelihood + ")"));
    }
    this.encoder = encoder.setInputGradient(false);
    this.decoder = decoder;
    this.likelihood = likelihood;
  }

  /** The linear autoencoder: one linear layer each way, z = W_e x + b_e, x̂ = W_d z + b_d. */
  public static Autoencoder linear(int d, int k, SplittableRandom rng) {
    return mlp(d, new int[0], k, Activation.Kind.IDENTITY, Activation.Kind.IDENTITY, rng);
  }

  /** A squared-error autoencoder d → hidden… → k → …hidden → d, with {@code output} on the last layer. */
  public static Autoencoder mlp(int d, int[] hidden, int k, Activation.Kind act, Activation.Kind output,
      SplittableRandom rng) {
    return new Autoencoder(new Mlp("encoder", sizes(d, hidden, k), act, Activation.Kind.IDENTITY,
        rng), new Mlp("decoder", sizes(k, reversed(hidden), d), act, output, rng));
  }

  /**
   * The autoencoder of a {@link Vae}'s shape and likelihood: the encoder outputs {@code latent}
   * numbers (a code, not 2·latent for μ and log σ²), the decoder the likelihood's parameters.
   */
  public static Autoencoder shapedLike(Vae.Config config, SplittableRandom rng) {
    Likelihood p = Likelihood.parse(config.likelihood());
    int[] h = config.hidden();
    return new Autoencoder(new Mlp("encoder", sizes(config.dataDim(), h, config.latent()),
        config.activation(), Activation.Kind.IDENTITY, rng), new Mlp("decoder", sizes(config.latent(), reversed(h), p.outputSize(config.dataDim())),
        config.activation(), Activation.Kind.IDENTITY, rng), p);
  }

  /**
   * Trains on z = e(x) + σ·ε, ε ~ N(0, I), from now on: a fixed noise level and no KL term (note
   * 004's fix of the moon midpoint, chapter 06, LS-10). Encoding and evaluation stay noise-free.
   *
   * @throws IllegalArgumentException if sigma is negative or not finite
   */
  public Autoencoder withCodeNoise(double sigma) {
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("code noise σ must be finite and ≥ 0, got " + sigma);
    }
    codeNoise = sigma;
    return this;
  }

  /** z = e(x)  [batch][k]. */
  public Matrix encode(Matrix x) {
    return encoder.forward(x);
  }

  /** The decoder's output for each row of z: x̂ itself [batch][d], or the likelihood's parameters. */
  public Matrix decode(Matrix z) {
    return decoder.forward(z);
  }

  /** The mean image E[x|z] for each row of z, in the target's units (x̂ itself for the squared error). */
  public double[][] decodeMean(Matrix z) {
    Matrix out = decode(z);
    if (likelihood == null) {
      return out.a;
    }
    int d = encoder.in();
    return Arrays.stream(out.a).map(row -> likelihood.mean(row, d)).toArray(double[][]::new);
  }

  /** x̂ = E[x | d(e(x))], the mean reconstruction  [batch][d]. */
  public Matrix reconstruct(Matrix x) {
    return Matrix.of(decodeMean(encode(x)));
  }

  /** The mean loss over the rows of x with the input as its own target, e.g. (1/N) Σ_n ‖x_n − x̂_n‖². */
  public double loss(Matrix x) {
    return evaluate(new Dataset("x", x, x, null), null).recon();
  }

  @Override
  public Terms lossAndGradient(Dataset batch, SplittableRandom rng) {
    return pass(batch, true, rng);
  }

  @Override
  public Terms evaluate(Dataset data, SplittableRandom rng) {
    return pass(data, false, null);
  }

  /** The mean loss over the rows; with {@code backward}, adds its gradient to the parameters'. */
  private Terms pass(Dataset data, boolean backward, SplittableRandom rng) {
    int n = data.size();
    int d = encoder.in();
    Matrix z = encode(data.input());
    if (backward && codeNoise > 0) { // z + σε: ∂z/∂e(x) = I, so the gradient passes unchanged
      double[][] noise = new double[z.rows][];
      for (int r = 0; r < noise.length; r++) {
        noise[r] = MonteCarlo.gaussians(z.cols, codeNoise, rng);
      }
      z = z.plus(Matrix.wrap(noise));
    }
    Matrix out = decode(z);
    Matrix dOut = new Matrix(out.rows, out.cols);
    double[] loss = new double[n];
    // the rows over vae.nn.Parallel's threads (a parallel stream's pool would fight them)
    Parallel.forRange(n, 16L * n * out.cols, (r0, r1) -> IntStream.range(r0, r1).forEach(r -> {
      double[] x = data.target().a[r];
      if (likelihood != null) {
        // loss_r = −log p(x_r | d(e(x_r))),  dLoss/dOut = −∇ log p / n
        loss[r] = -likelihood.logProb(x, 0, out.a[r], 0, dOut.a[r], 0, d);
        Arrays.setAll(dOut.a[r], j -> -dOut.a[r][j] / n);
        return;
      }
      // BEGIN SOLUTION (Exercise 1.2: the squared reconstruction error ‖x̂ − x‖² and its gradient 2(x̂ − x)/n)
      // HINT: loop over the d columns of row r: add to loss[r], fill dOut.a[r] (n: batch size)
      for (int j = 0; j < d; j++) {
        // loss_r = ‖x̂_r − x_r‖²,  dLoss/dx̂ = 2(x̂ − x)/n
        double diff = out.a[r][j] - x[j];
        loss[r] += diff * diff;
        dOut.a[r][j] = 2 * diff / n;
      }
      // END SOLUTION
    }));
    if (backward) {
      encoder.backward(decoder.backward(dOut));
    }
    return new Terms(Arrays.stream(loss).sum() / n, 0);
  }

  @Override
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
    return "Autoencoder[" + encoder + " → " + decoder + ", " + (likelihood == null ? "" : likelihood + ", ")
        + parameterCount() + " parameters]";
  }

  /** {from, hidden…, to}. */
  private static int[] sizes(int from, int[] hidden, int to) {
    int[] s = new int[hidden.length + 2];
    s[0] = from;
    System.arraycopy(hidden, 0, s, 1, hidden.length);
    s[s.length - 1] = to;
    return s;
  }

  private static int[] reversed(int[] a) {
    return IntStream.range(0, a.length).map(i -> a[a.length - 1 - i]).toArray();
  }
}
