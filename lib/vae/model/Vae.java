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
import vae.prob.LogSumExp;

/**
 * A variational auto-encoder: an encoder MLP maps x to (μ, log σ²) of q(z|x) = N(μ, diag σ²),
 * z = μ + σ ⊙ ε (reparameterization), a decoder MLP maps z to the parameters of p(x|z). The loss
 * is the negative ELBO, −E_q[log p(x|z)] + β·KL(q(z|x) ‖ N(0, I)), with the KL in closed form and
 * the expectation from L samples; encoder and decoder get their gradients from this one loss and
 * are trained together (claim EL-6). Chapter 05; reused by chapters 06–07.
 */
public final class Vae implements Objective {
  private static final double LOG_2PI = Math.log(2 * Math.PI);
  /** Rows per decoder pass when evaluating: big products for the multi-core kernel, bounded memory. */
  private static final int CHUNK_ROWS = 4000;

  /** The architecture: {@code dataDim → hidden… → 2·latent} and {@code latent → reversed hidden… → likelihood}. */
  public record Config(int dataDim, int[] hidden, int latent, Activation.Kind activation, String likelihood) {
    /** @throws IllegalArgumentException if a size is not positive or the likelihood is unknown */
    public Config {
      if (dataDim <= 0 || latent <= 0 || Arrays.stream(hidden).anyMatch(h -> h <= 0)) {
        throw new IllegalArgumentException("sizes must be positive, got dataDim=" + dataDim + ", hidden="
            + Arrays.toString(hidden) + ", latent=" + latent);
      }
      Likelihood.parse(likelihood);
      hidden = hidden.clone();
    }

    @Override
    public String toString() {
      return "Config[" + dataDim + "→" + Arrays.toString(hidden) + "→" + latent + ", " + activation + ", " + likelihood + "]";
    }
  }

  /** What the encoder says about a batch: μ and log σ², each [batch][latent]. */
  public record Encoding(Matrix mu, Matrix logVar) {}

  private final Config config;
  private final Likelihood likelihood;
  private final Mlp encoder;
  private final Mlp decoder;
  private double beta = 1;
  private int samples = 1;

  /** A freshly initialised VAE, weights drawn from {@code rng}. */
  public Vae(Config config, SplittableRandom rng) {
    this.config = config;
    this.likelihood = Likelihood.parse(config.likelihood());
    int[] enc = new int[config.hidden().length + 2];
    int[] dec = new int[config.hidden().length + 2];
    enc[0] = config.dataDim();
    dec[0] = config.latent();
    for (int i = 0; i < config.hidden().length; i++) {
      enc[i + 1] = config.hidden()[i];
      dec[i + 1] = config.hidden()[config.hidden().length - 1 - i];
    }
    enc[enc.length - 1] = 2 * config.latent();
    dec[dec.length - 1] = likelihood.outputSize(config.dataDim());
    this.encoder = new Mlp(enc, config.activation(), Activation.Kind.IDENTITY, rng).setInputGradient(false);
    this.decoder = new Mlp(dec, config.activation(), Activation.Kind.IDENTITY, rng);
  }

  /**
   * Sets the training loss: β times the KL term, and L samples of z per image.
   *
   * @throws IllegalArgumentException if β &lt; 0 or L &lt; 1
   */
  public Vae training(double beta, int samples) {
    if (!(beta >= 0) || Double.isInfinite(beta) || samples < 1) {
      throw new IllegalArgumentException("need beta ≥ 0 and samples ≥ 1, got beta=" + beta + ", samples=" + samples);
    }
    this.beta = beta;
    this.samples = samples;
    return this;
  }

  /** (μ, log σ²) of q(z|x) for each row of {@code input}. */
  public Encoding encode(Matrix input) {
    Matrix h = encoder.forward(input); // [batch][2·latent]
    int m = config.latent();
    Matrix mu = new Matrix(h.rows, m);
    Matrix logVar = new Matrix(h.rows, m);
    for (int r = 0; r < h.rows; r++) {
      System.arraycopy(h.a[r], 0, mu.a[r], 0, m);
      System.arraycopy(h.a[r], m, logVar.a[r], 0, m);
    }
    return new Encoding(mu, logVar);
  }

  /** The decoder's output (the likelihood's parameters) for each row of z. */
  public Matrix decode(Matrix z) {
    return decoder.forward(z);
  }

  /** The mean image E[x|z] for each row of z, in the target's units. */
  public double[][] decodeMean(Matrix z) {
    Matrix out = decode(z);
    double[][] m = new double[z.rows][];
    for (int r = 0; r < z.rows; r++) {
      m[r] = likelihood.mean(out.a[r], config.dataDim());
    }
    return m;
  }

  @Override
  public Terms lossAndGradient(TrainingData batch, SplittableRandom rng) {
    return trainingPass(batch, rng, true);
  }

  /**
   * The training loss recon + β·kl on one minibatch, forward only: the same random draws as
   * {@link #lossAndGradient} with an equally seeded {@code rng} (for finite-difference checks, EL-8).
   */
  public double loss(TrainingData batch, SplittableRandom rng) {
    Terms t = trainingPass(batch, rng, false);
    return t.recon() + beta * t.kl();
  }

  private Terms trainingPass(TrainingData batch, SplittableRandom rng, boolean backward) {
    int n = batch.size();
    int m = config.latent();
    int l = samples;
    Encoding q = encode(batch.input());
    // z = μ + σ ⊙ ε,  ε ~ N(0, I): L codes per image, rows [l·n + i]
    Matrix eps = new Matrix(l * n, m);
    Matrix z = new Matrix(l * n, m);
    for (int r = 0; r < l * n; r++) {
      for (int d = 0; d < m; d++) {
        eps.a[r][d] = rng.nextGaussian();
        z.a[r][d] = q.mu().a[r % n][d] + Math.exp(0.5 * q.logVar().a[r % n][d]) * eps.a[r][d];
      }
    }
    Matrix out = decoder.forward(z);
    // recon = −(1/L) Σ_l log p(x|z_l); the loss is the mean over the batch, so dOut = −∇log p/(L·n)
    Matrix dOut = new Matrix(out.rows, out.cols);
    double[] logP = new double[l * n];
    IntStream.range(0, l * n).parallel().forEach(r ->
        logP[r] = likelihood.logProb(batch.target().a[r % n], 0, out.a[r], 0, dOut.a[r], 0, config.dataDim()));
    double recon = -Arrays.stream(logP).sum() / (l * n);
    if (!backward) {
      return new Terms(recon, klSum(q) / n);
    }
    Matrix dz = decoder.backward(scaleInPlace(dOut, -1.0 / (l * n)));
    // KL = −½ Σ_d (1 + log σ² − μ² − σ²);  ∂KL/∂μ = μ,  ∂KL/∂log σ² = ½(σ² − 1)
    // ∂z/∂μ = 1,  ∂z/∂log σ² = ½ σ ε
    Matrix dh = new Matrix(n, 2 * m);
    double kl = 0;
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < m; d++) {
        double mu = q.mu().a[i][d];
        double lv = q.logVar().a[i][d];
        double var = Math.exp(lv);
        kl += -0.5 * (1 + lv - mu * mu - var);
        double gMu = beta * mu / n;
        double gLv = beta * 0.5 * (var - 1) / n;
        double halfSigma = 0.5 * Math.sqrt(var);
        for (int s = 0; s < l; s++) {
          int r = s * n + i;
          gMu += dz.a[r][d];
          gLv += dz.a[r][d] * halfSigma * eps.a[r][d];
        }
        dh.a[i][d] = gMu;
        dh.a[i][m + d] = gLv;
      }
    }
    encoder.backward(dh);
    return new Terms(recon, kl / n);
  }

  @Override
  public Terms evaluate(TrainingData data, SplittableRandom rng) {
    return evaluate(data, 1, rng);
  }

  /** Mean −ELBO terms on {@code data} with the reconstruction term from L samples per image. */
  public Terms evaluate(TrainingData data, int l, SplittableRandom rng) {
    double recon = 0;
    double kl = 0;
    int step = Math.max(1, CHUNK_ROWS / l);
    for (int from = 0; from < data.size(); from += step) {
      int[] idx = IntStream.range(from, Math.min(data.size(), from + step)).toArray();
      TrainingData part = data.rows(idx);
      double[][] logW = logWeights(part, l, rng, true);
      for (int i = 0; i < idx.length; i++) {
        recon -= Arrays.stream(logW[i]).sum() / l;
      }
      kl += klSum(encode(part.input()));
    }
    return new Terms(recon / data.size(), kl / data.size());
  }

  /**
   * log w_ik = log p(x_i|z_k) + log p(z_k) − log q(z_k|x_i) for K codes z_k ~ q(z|x_i) per image:
   * [images][K]. log-mean-exp over k is the importance-sampled estimate of log p(x_i) (claim EL-9).
   */
  public double[][] logImportanceWeights(TrainingData data, int k, SplittableRandom rng) {
    if (k < 1) {
      throw new IllegalArgumentException("need K ≥ 1 importance samples, got " + k);
    }
    double[][] logW = new double[data.size()][];
    int step = Math.max(1, CHUNK_ROWS / k);
    for (int from = 0; from < data.size(); from += step) {
      int[] idx = IntStream.range(from, Math.min(data.size(), from + step)).toArray();
      double[][] part = logWeights(data.rows(idx), k, rng, false);
      System.arraycopy(part, 0, logW, from, idx.length);
    }
    return logW;
  }

  /** log p̂(x_i) = log (1/K) Σ_{k<K} w_ik from the first K columns of {@code logW}, per image. */
  public static double[] logLikelihoods(double[][] logW, int k) {
    double[] out = new double[logW.length];
    for (int i = 0; i < logW.length; i++) {
      out[i] = LogSumExp.of(logW[i], 0, k) - Math.log(k);
    }
    return out;
  }

  /** Per image and sample: log p(x|z) only (reconOnly) or the full log weight. */
  private double[][] logWeights(TrainingData part, int k, SplittableRandom rng, boolean reconOnly) {
    int n = part.size();
    int m = config.latent();
    Encoding q = encode(part.input());
    Matrix z = new Matrix(n * k, m);
    double[] logPriorMinusQ = new double[n * k];
    for (int i = 0; i < n; i++) {
      for (int s = 0; s < k; s++) {
        int r = i * k + s;
        double acc = 0;
        for (int d = 0; d < m; d++) {
          double eps = rng.nextGaussian();
          double lv = q.logVar().a[i][d];
          double zd = q.mu().a[i][d] + Math.exp(0.5 * lv) * eps;
          z.a[r][d] = zd;
          // log N(z; 0, 1) − log N(z; μ, σ²) = −½ z² + ½ (log σ² + ε²)
          acc += -0.5 * zd * zd + 0.5 * (lv + eps * eps);
        }
        logPriorMinusQ[r] = acc;
      }
    }
    Matrix out = decoder.forward(z);
    double[][] logW = new double[n][k];
    IntStream.range(0, n * k).parallel().forEach(r -> {
      double lp = likelihood.logProb(part.target().a[r / k], 0, out.a[r], 0, null, 0, config.dataDim());
      logW[r / k][r % k] = reconOnly ? lp : lp + logPriorMinusQ[r];
    });
    return logW;
  }

  private static double klSum(Encoding q) {
    double kl = 0;
    for (int i = 0; i < q.mu().rows; i++) {
      for (int d = 0; d < q.mu().cols; d++) {
        double lv = q.logVar().a[i][d];
        double mu = q.mu().a[i][d];
        kl += -0.5 * (1 + lv - mu * mu - Math.exp(lv));
      }
    }
    return kl;
  }

  private static Matrix scaleInPlace(Matrix x, double c) {
    for (double[] row : x.a) {
      for (int j = 0; j < row.length; j++) {
        row[j] *= c;
      }
    }
    return x;
  }

  @Override
  public List<Param> params() {
    List<Param> all = new ArrayList<>(encoder.params());
    all.addAll(decoder.params());
    return all;
  }

  public Config config() {
    return config;
  }

  public Likelihood likelihood() {
    return likelihood;
  }

  public double beta() {
    return beta;
  }

  public int samples() {
    return samples;
  }

  /** Trainable scalars of encoder and decoder. */
  public int parameterCount() {
    return encoder.parameterCount() + decoder.parameterCount();
  }

  @Override
  public String toString() {
    return "Vae[encoder " + encoder + " → (μ, log σ²) ×" + config.latent() + ", decoder " + decoder + " → "
        + likelihood + ", β=" + beta + ", L=" + samples + ", " + parameterCount() + " parameters]";
  }
}
