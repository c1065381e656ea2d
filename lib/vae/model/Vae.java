package vae.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import vae.nn.Activation;
import vae.nn.Init;
import vae.nn.Matrix;
import vae.nn.Mlp;
import vae.nn.Param;
import vae.nn.Parallel;
import vae.prob.DiagGaussianBatch;
import vae.prob.LogSumExp;
import vae.prob.MixturePrior;
import vae.prob.Prior;
import vae.prob.StandardNormalPrior;

/**
 * A variational auto-encoder: an encoder MLP maps x to (μ, log σ²) of q(z|x) = N(μ, diag σ²),
 * z = μ + σ ⊙ ε (reparameterization), a decoder MLP maps z to the parameters of p(x|z). The loss
 * is the negative ELBO, −E_q[log p(x|z)] + β·KL(q(z|x) ‖ p(z)), with the KL in closed form and
 * the expectation from L samples; encoder and decoder get their gradients from this one loss and
 * are trained together (claim EL-6). Chapter 05; reused by chapters 06–07. The prior is N(0, I)
 * unless {@link #prior(String, SplittableRandom)} sets a learned one (chapter 09); its KL is then
 * the single-sample Monte Carlo estimate log q(z|x) − log p(z) on the reparameterized code.
 */
public final class Vae implements Trainable {
  /** Rows per decoder pass when evaluating: big products for the multi-core kernel, bounded memory. */
  private static final int CHUNK_ROWS = 4000;
  /**
   * Rows per decoder pass of the importance passes: K = 1,000 codes of one digit per pass keep
   * the decoder's output (8.7 MB) in the last-level cache (32 MB here), where 4,000 rows' 35 MB
   * did not: alternate runs of 40 images × 1,000 codes on two cores gave 131–137k codes/s against
   * 84–140k. Each code's log-weight is computed alone, so the chunking changes no number.
   */
  private static final int IMPORTANCE_ROWS = 1000;

  /**
   * The architecture: {@code dataDim → hidden… → 2·latent} and {@code latent → reversed hidden… →
   * likelihood}. A conditional VAE (chapter 10) has {@code condition} &gt; 0: the encoder reads
   * x and a condition y of that width, [x | y] (the data's input rows end with y), and the
   * decoder reads [z | y]; 0 is the plain VAE.
   */
  public record Config(int dataDim, int[] hidden, int latent, Activation.Kind activation,
      String likelihood, int condition) {
    /** @throws IllegalArgumentException if a size is not positive or the likelihood is unknown */
    public Config {
      if (dataDim <= 0 || latent <= 0 || Arrays.stream(hidden).anyMatch(h -> h <= 0)
          || condition < 0) {
        throw new IllegalArgumentException("sizes must be positive, got dataDim=" + dataDim + ", hidden="
            + Arrays.toString(hidden) + ", latent=" + latent + ", condition=" + condition);
      }
      Likelihood.parse(likelihood);
      hidden = hidden.clone();
    }

    /** An unconditional VAE (condition 0). */
    public Config(int dataDim, int[] hidden, int latent, Activation.Kind activation,
        String likelihood) {
      this(dataDim, hidden, latent, activation, likelihood, 0);
    }

    @Override
    public String toString() {
      return "Config[" + dataDim + (condition > 0 ? " | y" + condition : "") + "→"
          + Arrays.toString(hidden) + "→" + latent + ", " + activation + ", " + likelihood + "]";
    }
  }

  /** What the encoder says about a batch: μ and log σ², each [batch][latent]. */
  public record Encoding(Matrix mu, Matrix logVar) {
    /** The rows as q(z|x_i) = N(μ_i, diag σ_i²), a view on the same arrays. */
    public DiagGaussianBatch q() {
      return new DiagGaussianBatch(mu.a, logVar.a);
    }
  }

  private final Config config;
  private final Init.Scheme init;
  private final Likelihood likelihood;
  private final Mlp encoder;
  private final Mlp decoder;
  private double beta = 1;
  private int samples = 1;
  private int iwK; // 0: train on the ELBO; K ≥ 1: on the importance-weighted bound L_K (ch. 08)
  private double freeBits; // λ: each dimension's batch-mean KL floored at λ nats in the loss
  private double warm = 1; // the KL warm-up factor in [0, 1] that the Trainer sets
  private Prior prior; // p(z): N(0, I) unless set (chapter 09)
  private Param priorParam; // the prior's parameters as one row, or null when it has none

  /** A freshly initialised VAE, weights drawn from {@code rng} (He before ReLU-like layers). */
  public Vae(Config config, SplittableRandom rng) {
    this(config, Init.Scheme.he, rng);
  }

  /**
   * A freshly initialised VAE, from {@code rng}: {@code he} as above, or {@code pytorch}, every
   * weight and bias ~ U(±1/√fan_in) as PyTorch's {@code nn.Linear} starts.
   */
  public Vae(Config config, Init.Scheme init, SplittableRandom rng) {
    this.config = config;
    this.init = init;
    this.likelihood = Likelihood.parse(config.likelihood());
    int[] enc = new int[config.hidden().length + 2];
    int[] dec = new int[config.hidden().length + 2];
    enc[0] = config.dataDim() + config.condition(); // [x | y]
    dec[0] = config.latent() + config.condition(); // [z | y]
    for (int i = 0; i < config.hidden().length; i++) {
      enc[i + 1] = config.hidden()[i];
      dec[i + 1] = config.hidden()[config.hidden().length - 1 - i];
    }
    enc[enc.length - 1] = 2 * config.latent();
    dec[dec.length - 1] = likelihood.outputSize(config.dataDim());
    this.encoder = new Mlp("encoder", enc, config.activation(), Activation.Kind.IDENTITY, rng)
        .setInputGradient(false);
    this.decoder = new Mlp("decoder", dec, config.activation(), Activation.Kind.IDENTITY, rng);
    this.prior = new StandardNormalPrior(config.latent());
    if (init == Init.Scheme.pytorch) { // every layer redrawn as nn.Linear's reset_parameters
      List<Param> ps = params(); // W [in×out], b [1×out], layer by layer
      for (int p = 0; p < ps.size(); p += 2) {
        Init.PYTORCH.fill(ps.get(p).value, rng);
        Init.PYTORCH.fillBias(ps.get(p + 1).value, ps.get(p).value.rows, rng);
      }
    }
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

  /**
   * Trains on the importance-weighted bound L_K = E[log (1/K) Σ_k w_k] with K codes per image in
   * place of the ELBO (K = 0: back to the ELBO). Chapter 08.
   *
   * @throws IllegalArgumentException if K &lt; 0, or K ≥ 1 with free bits or L &gt; 1 set
   */
  public Vae iwae(int k) {
    if (k < 0 || k > 0 && (freeBits > 0 || samples > 1)) {
      throw new IllegalArgumentException("need K ≥ 0 (0: the ELBO), and K ≥ 1 only without free "
          + "bits and with L = 1; got K=" + k + ", free bits " + freeBits + ", L=" + samples);
    }
    this.iwK = k;
    return this;
  }

  /**
   * Free bits: the loss's KL term becomes Σ_d max(λ, KL_d), KL_d the minibatch mean of dimension
   * d's KL, so a dimension below λ nats feels no pull toward the prior (λ = 0: off). Chapter 08.
   *
   * @throws IllegalArgumentException if λ &lt; 0 or not finite, or the IWAE objective is set
   */
  public Vae freeBits(double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda) || lambda > 0 && iwK > 0
        || lambda > 0 && !(prior instanceof StandardNormalPrior)) {
      throw new IllegalArgumentException("need free bits λ ≥ 0 nats, on the ELBO objective with "
          + "the standard prior; got λ=" + lambda + " with K=" + iwK + ", prior " + prior.spec());
    }
    this.freeBits = lambda;
    return this;
  }

  /**
   * Sets the prior p(z), its parameters drawn from {@code rng}: {@code standard} (N(0, I), the
   * default), {@code mog:K} (a mixture of K Gaussians, {@link MixturePrior#random}) or
   * {@code vamp:K} (the {@link VampPrior} with K pseudo-inputs). Chapter 09.
   *
   * @throws IllegalArgumentException for an unknown spec, K &lt; 1, a learned prior with free
   *     bits (they floor a closed-form KL per dimension), or a VampPrior on a conditional VAE
   */
  public Vae prior(String spec, SplittableRandom rng) {
    String[] part = spec.split(":", 2);
    int k = 0;
    if (part.length == 2) {
      try {
        k = Integer.parseInt(part[1]);
      } catch (NumberFormatException e) {
        k = 0;
      }
    }
    Prior p = switch (part[0]) {
      case "standard" -> part.length == 1 ? new StandardNormalPrior(config.latent()) : null;
      case "mog" -> k >= 1 ? MixturePrior.random(k, config.latent(), rng) : null;
      case "vamp" -> k >= 1 ? new VampPrior(this, k, rng) : null;
      default -> null;
    };
    if (p == null) {
      throw new IllegalArgumentException("a prior is standard, mog:K or vamp:K with K ≥ 1, got '"
          + spec + "'");
    }
    if (p instanceof VampPrior && config.condition() > 0) {
      throw new IllegalArgumentException("the VampPrior's pseudo-inputs are images without a "
          + "label, and this VAE's encoder also reads a label: use standard or mog:K here");
    }
    if (freeBits > 0 && !(p instanceof StandardNormalPrior)) {
      throw new IllegalArgumentException("free bits floor a closed-form KL per dimension; the "
          + "prior " + spec + " has none: drop free bits or use the standard prior");
    }
    this.prior = p;
    this.priorParam = p.parameters().length == 0 ? null
        : new Param("prior." + part[0], Matrix.wrap(new double[][] {p.parameters()}));
    encoder.setInputGradient(p instanceof VampPrior); // its gradient reaches the pseudo-inputs
    return this;
  }

  /** The prior p(z). */
  public Prior prior() {
    return prior;
  }

  /** The KL warm-up factor: the loss weighs the KL term by β·w (w from 0 to 1, chapter 08). */
  @Override
  public void anneal(double w) {
    if (!(w >= 0 && w <= 1)) {
      throw new IllegalArgumentException("the warm-up factor must lie in [0, 1], got " + w);
    }
    this.warm = w;
  }

  /** (μ, log σ²) of q(z|x) for each row of {@code input} (of q(z|x, y) for rows [x | y]). */
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

  /** The decoder's output (the likelihood's parameters) for each row of z (or [z | y]). */
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
  public Terms lossAndGradient(Dataset batch, SplittableRandom rng) {
    return trainingPass(batch, rng, Route.GRADIENT).terms();
  }

  /**
   * The training loss recon + β·kl on one minibatch, forward only: the same random draws as
   * {@link #lossAndGradient} with an equally seeded {@code rng}, and every exponential of the
   * likelihood by Math.exp (for finite-difference checks, EL-8).
   */
  public double loss(Dataset batch, SplittableRandom rng) {
    return trainingPass(batch, rng, Route.EXACT).loss();
  }

  /**
   * The same loss with the likelihood by its evaluation route ({@link Likelihood#logProbValue},
   * FastExp: within 1e-11 per image), for probes that evaluate it many times at a fixed ε (EL-6
   * measures it four times per step). Not for finite differences: their quotient divides
   * FastExp's rounding by 2h (chapter 05's EL-8 would err by 2e-8 instead of 5e-10).
   */
  public double fastLoss(Dataset batch, SplittableRandom rng) {
    return trainingPass(batch, rng, Route.FAST).loss();
  }

  /** One minibatch's −ELBO terms and the training loss (the two differ with β, free bits, IWAE). */
  private record Pass(Terms terms, double loss) {}

  /** The loss and its gradient; or the loss alone, its likelihood exactly or by FastExp. */
  private enum Route { GRADIENT, EXACT, FAST }

  private Pass trainingPass(Dataset batch, SplittableRandom rng, Route route) {
    boolean backward = route == Route.GRADIENT;
    if (iwK > 0) {
      return iwaePass(batch, rng, route);
    }
    int n = batch.size();
    int m = config.latent();
    int l = samples;
    Encoded e = encodeWithPrior(batch.input());
    DiagGaussianBatch q = e.q();
    // z = μ + σ ⊙ ε,  ε ~ N(0, I): L codes per image, row i·L + s      [n·L][latent]
    double[][] eps = q.drawEps(l, rng);
    double[][] z = q.reparameterize(eps);
    Matrix out = decoder.forward(conditioned(z, batch));
    // recon = −(1/L) Σ_l log p(x|z_l); the loss is the mean over the batch, so dOut = −∇log p/(L·n)
    Matrix dOut = backward ? new Matrix(out.rows, out.cols) : null; // the loss alone: no gradient
    double[] logP = logLikelihoods(batch, out, dOut, l, route == Route.FAST);
    double recon = -Arrays.stream(logP).sum() / (l * n);
    double[] closed = e.density().klClosedForm(q);
    // KL in closed form where the prior has one, else (1/(L·n)) Σ_r [log q(z_r|x) − log p(z_r)]
    double kl = sum(closed != null ? closed : e.density().klSamples(q, z)) / (closed != null ? n
        : l * n);
    // free bits: the penalty Σ_d max(λ, KL_d) with KL_d the batch mean; no gradient below λ
    double[] klDim = freeBits > 0 ? q.klPerDimension() : null;
    double penalty = kl;
    if (klDim != null) {
      penalty = 0;
      for (double v : klDim) {
        penalty += Math.max(freeBits, v / n);
      }
    }
    double loss = recon + beta * warm * penalty;
    if (!backward) {
      return new Pass(new Terms(recon, kl), loss);
    }
    Matrix dz = codeColumns(decoder.backward(scaleInPlace(dOut, -1.0 / (l * n))));
    // ∂(β·KL/n)/∂(μ, log σ²), then the decoder's gradient carried back through z = μ + σ ⊙ ε
    double[][] dMu = new double[n][m];
    double[][] dLogVar = new double[n][m];
    double[][][] dComp = null;
    if (closed == null) { // ∂/∂z of −c·log p(z_r) through z, and of c·log q(z_r|x) at fixed ε
      double c = beta * warm / (l * n);
      double[] minusC = new double[l * n];
      Arrays.fill(minusC, -c);
      dComp = addPriorGradient(e, minusC, z, dz.a);
      double[] plusC = new double[l * n];
      Arrays.fill(plusC, c);
      q.addLogDensityGradient(plusC, dLogVar);
    } else if (klDim == null) {
      q.addKlGradient(beta * warm / n, dMu, dLogVar);
    } else {
      double[] c = new double[m];
      for (int d = 0; d < m; d++) {
        c[d] = klDim[d] / n > freeBits ? beta * warm / n : 0;
      }
      q.addKlGradient(c, dMu, dLogVar);
    }
    q.addPathwiseGradient(eps, dz.a, dMu, dLogVar);
    encoderBackward(dMu, dLogVar, dComp);
    return new Pass(new Terms(recon, kl), loss);
  }

  /**
   * The IWAE pass: loss −(1/n) Σ_i L_K(x_i), L_K(x_i) = log (1/K) Σ_k w_ik with
   * log w_ik = log p(x_i|z_ik) + log p(z_ik) − log q(z_ik|x_i), z_ik = μ_i + σ_i ⊙ ε_ik. Its
   * gradient is Σ_k w̃_ik ∇log w_ik with the self-normalised weights w̃_ik = w_ik / Σ_k' w_ik':
   * through z for the decoder and the prior, and −∂log q/∂log σ² = +½ at fixed ε for q. The terms
   * returned are the ELBO's (recon from the K codes, KL in closed form, or its estimate from the
   * K codes for a prior without one).
   */
  private Pass iwaePass(Dataset batch, SplittableRandom rng, Route route) {
    boolean backward = route == Route.GRADIENT;
    int n = batch.size();
    int m = config.latent();
    int k = iwK;
    Encoded e = encodeWithPrior(batch.input());
    DiagGaussianBatch q = e.q();
    double[][] eps = q.drawEps(k, rng); // [n·K][latent], row i·K + k
    double[][] z = q.reparameterize(eps);
    Matrix out = decoder.forward(conditioned(z, batch));
    Matrix dOut = backward ? new Matrix(out.rows, out.cols) : null;
    double[] logP = logLikelihoods(batch, out, dOut, k, route == Route.FAST);
    double[] logPrior = e.density().logDensity(z);
    double[] logQ = q.logDensity(z);
    double[] wTilde = new double[k * n]; // self-normalised weights, each image's K sum to 1
    double bound = 0;
    double[] logW = new double[k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        logW[j] = logP[i * k + j] + logPrior[i * k + j] - logQ[i * k + j];
      }
      double lse = LogSumExp.of(logW, 0, k);
      bound += lse - Math.log(k);
      for (int j = 0; j < k; j++) {
        wTilde[i * k + j] = Math.exp(logW[j] - lse);
      }
    }
    double[] closed = e.density().klClosedForm(q);
    Terms terms = new Terms(-Arrays.stream(logP).sum() / (k * n), closed != null ? sum(closed) / n
        : sum(e.density().klSamples(q, z)) / (k * n));
    double loss = -bound / n;
    if (!backward) {
      return new Pass(terms, loss);
    }
    double[] c = new double[k * n]; // ∂loss/∂log w_ik = −w̃_ik/n
    for (int r = 0; r < c.length; r++) {
      c[r] = -wTilde[r] / n;
      double cr = c[r];
      double[] row = dOut.a[r];
      for (int j = 0; j < row.length; j++) {
        row[j] *= cr;
      }
    }
    Matrix dz = codeColumns(decoder.backward(dOut)); // ∂loss/∂z through log p(x|z)
    double[][][] dComp = addPriorGradient(e, c, z, dz.a); // … and through log p(z)
    double[][] dMu = new double[n][m];
    double[][] dLogVar = new double[n][m];
    q.addPathwiseGradient(eps, dz.a, dMu, dLogVar);
    // log w contains −log q: its derivative at fixed ε, weighted by ∂loss/∂log w = c
    double[] minusC = Arrays.stream(c).map(v -> -v).toArray();
    q.addLogDensityGradient(minusC, dLogVar);
    encoderBackward(dMu, dLogVar, dComp);
    return new Pass(terms, loss);
  }

  /** Σ of the values, in order (the closed-form KL's sum exactly as DiagGaussianBatch.klSum). */
  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }

  /**
   * One pass's encoder output: q(z|x) for the batch, and the prior's density for the pass. For
   * the VampPrior the pseudo-inputs ride along in the same encoder pass (rows after the batch),
   * so one backward carries the prior's gradient to the encoder and the pseudo-inputs.
   */
  private record Encoded(DiagGaussianBatch q, MixturePrior vampComponents, Prior density) {}

  private Encoded encodeWithPrior(Matrix input) {
    if (!(prior instanceof VampPrior vamp)) {
      return new Encoded(encode(input).q(), null, prior);
    }
    int n = input.rows;
    Matrix u = vamp.pseudoInputs();
    double[][] rows = new double[n + u.rows][];
    System.arraycopy(input.a, 0, rows, 0, n);
    System.arraycopy(u.a, 0, rows, n, u.rows);
    Encoding all = encode(Matrix.wrap(rows));
    DiagGaussianBatch q = new DiagGaussianBatch(Arrays.copyOf(all.mu().a, n),
        Arrays.copyOf(all.logVar().a, n));
    MixturePrior mix = VampPrior.mixture(Arrays.copyOfRange(all.mu().a, n, n + u.rows),
        Arrays.copyOfRange(all.logVar().a, n, n + u.rows));
    return new Encoded(q, mix, mix);
  }

  /**
   * Adds c_r·∇_z log p(z_r) to dz and the prior's parameter gradient; for the VampPrior returns
   * c_r·∂log p(z_r)/∂(μ_k, log σ_k²) of its components, for the encoder's backward (else null).
   */
  private double[][][] addPriorGradient(Encoded e, double[] c, double[][] z, double[][] dz) {
    if (e.vampComponents() == null) {
      prior.addLogDensityGradient(c, z, dz, priorParam == null ? null : priorParam.grad.a[0]);
      return null;
    }
    MixturePrior mix = e.vampComponents();
    double[][][] d = new double[2][mix.components()][config.latent()];
    MixturePrior.addGradient(c, z, mix.logWeights(), mix.means(), mix.logVars(), dz, null, d[0],
        d[1]);
    return d;
  }

  /**
   * Backprop into the encoder from ∂L/∂μ and ∂L/∂log σ², packed as its output [n][μ | log σ²];
   * {@code dComp} (or null): the same for the VampPrior's components, whose rows follow the
   * batch's, and whose input gradient goes to the pseudo-inputs.
   */
  private void encoderBackward(double[][] dMu, double[][] dLogVar, double[][][] dComp) {
    if (dComp == null) {
      encoderBackward(dMu, dLogVar);
      return;
    }
    int n = dMu.length;
    int k = dComp[0].length;
    double[][] mu = Arrays.copyOf(dMu, n + k);
    double[][] lv = Arrays.copyOf(dLogVar, n + k);
    System.arraycopy(dComp[0], 0, mu, n, k);
    System.arraycopy(dComp[1], 0, lv, n, k);
    Matrix dx = encoderBackward(mu, lv);
    double[] g = priorParam.grad.a[0];
    int dim = config.dataDim();
    for (int j = 0; j < k; j++) {
      for (int d = 0; d < dim; d++) {
        g[j * dim + d] += dx.a[n + j][d];
      }
    }
  }

  /** Backprop into the encoder (packed as above); returns dL/d(input) when it is computed. */
  Matrix encoderBackward(double[][] dMu, double[][] dLogVar) {
    int m = config.latent();
    Matrix dh = new Matrix(dMu.length, 2 * m);
    for (int i = 0; i < dMu.length; i++) {
      System.arraycopy(dMu[i], 0, dh.a[i], 0, m);
      System.arraycopy(dLogVar[i], 0, dh.a[i], m, m);
    }
    return encoder.backward(dh);
  }

  @Override
  public Terms evaluate(Dataset data, SplittableRandom rng) {
    return evaluate(data, 1, rng);
  }

  /** Mean −ELBO terms on {@code data} with the reconstruction term from L samples per image. */
  public Terms evaluate(Dataset data, int l, SplittableRandom rng) {
    if (l < 1) {
      throw new IllegalArgumentException("need L ≥ 1 samples per image, got " + l);
    }
    return evaluate(data, l, drawn(rng));
  }

  /**
   * Mean −ELBO terms on {@code data} for given noise: the reconstruction term from the codes
   * z = μ + σ ⊙ ε of {@code eps} (row i·K + k is code k of image i), the KL in closed form (for a
   * prior without one, its Monte Carlo estimate from the same codes).
   *
   * @throws IllegalArgumentException if eps does not hold K rows of {@code latent} values per image
   */
  public Terms evaluate(Dataset data, double[][] eps) {
    int k = codesPerImage(data, eps);
    return evaluate(data, k, given(eps, k));
  }

  /**
   * log w_ik = log p(x_i|z_k) + log p(z_k) − log q(z_k|x_i) for K codes z_k ~ q(z|x_i) per image:
   * [images][K]. log-mean-exp over k is the importance-sampled estimate of log p(x_i) (claim EL-9).
   */
  public double[][] logImportanceWeights(Dataset data, int k, SplittableRandom rng) {
    if (k < 1) {
      throw new IllegalArgumentException("need K ≥ 1 importance samples, got " + k);
    }
    return logImportanceWeights(data, k, 1, drawn(rng));
  }

  /**
   * The same with the proposal N(μ, diag (c·σ)²), q(z|x) widened by c, in place of q: every
   * proposal that covers the posterior gives an estimate of log p(x) that converges as K grows,
   * so the estimates for two values of c must meet (a check of the weights' densities, EL-13).
   *
   * @throws IllegalArgumentException if K &lt; 1 or c is not positive and finite
   */
  public double[][] logImportanceWeights(Dataset data, int k, double c,
      SplittableRandom rng) {
    if (k < 1 || !(c > 0) || Double.isInfinite(c)) {
      throw new IllegalArgumentException("need K ≥ 1 and a widening c > 0, got K=" + k + ", c="
          + c);
    }
    return logImportanceWeights(data, k, c, drawn(rng));
  }

  /**
   * The same log-weights for given noise: z = μ + σ ⊙ ε, row i·K + k of {@code eps} being code k
   * of image i.
   *
   * @throws IllegalArgumentException if eps does not hold K rows of {@code latent} values per image
   */
  public double[][] logImportanceWeights(Dataset data, double[][] eps) {
    int k = codesPerImage(data, eps);
    return logImportanceWeights(data, k, 1, given(eps, k));
  }

  /** log p̂(x_i) = log (1/K) Σ_{k<K} w_ik from the first K columns of {@code logW}, per image. */
  public static double[] logLikelihoods(double[][] logW, int k) {
    double[] out = new double[logW.length];
    for (int i = 0; i < logW.length; i++) {
      out[i] = LogSumExp.of(logW[i], 0, k) - Math.log(k);
    }
    return out;
  }

  /** Where a chunk's noise comes from: ε for the K codes of each of its images, rows i·K + k. */
  private interface Noise {
    double[][] eps(int from, DiagGaussianBatch q, int k);
  }

  private static Noise drawn(SplittableRandom rng) {
    return (from, q, k) -> q.drawEps(k, rng);
  }

  private static Noise given(double[][] eps, int k) {
    return (from, q, kk) -> Arrays.copyOfRange(eps, from * k, (from + q.size()) * k);
  }

  private int codesPerImage(Dataset data, double[][] eps) {
    if (eps.length == 0 || eps.length % data.size() != 0
        || Arrays.stream(eps).anyMatch(row -> row.length != config.latent())) {
      throw new IllegalArgumentException("eps needs K rows of " + config.latent() + " values per "
          + "image (row i·K + k), for " + data.size() + " images; got " + eps.length + " rows");
    }
    return eps.length / data.size();
  }

  private Terms evaluate(Dataset data, int l, Noise noise) {
    double recon = 0;
    double kl = 0;
    int step = Math.max(1, CHUNK_ROWS / l);
    for (int from = 0; from < data.size(); from += step) {
      Dataset part = data.rows(IntStream.range(from, Math.min(data.size(), from + step))
          .toArray());
      DiagGaussianBatch q = encode(part.input()).q();
      double[][] eps = noise.eps(from, q, l);
      double[][] logP = logWeights(part, q, eps, true);
      for (double[] row : logP) {
        recon -= Arrays.stream(row).sum() / l;
      }
      double[] closed = prior.klClosedForm(q); // else the mean of log q − log p over the L codes
      kl += closed != null ? sum(closed) : sum(prior.klSamples(q, q.reparameterize(eps))) / l;
    }
    return new Terms(recon / data.size(), kl / data.size());
  }

  /** log-weights with the proposal q(z|x) widened by c (c = 1: q itself). */
  private double[][] logImportanceWeights(Dataset data, int k, double c, Noise noise) {
    double[][] logW = new double[data.size()][];
    int step = Math.max(1, IMPORTANCE_ROWS / k);
    for (int from = 0; from < data.size(); from += step) {
      Dataset part = data.rows(IntStream.range(from, Math.min(data.size(), from + step))
          .toArray());
      DiagGaussianBatch q = encode(part.input()).q().widened(c);
      double[][] w = logWeights(part, q, noise.eps(from, q, k), false);
      System.arraycopy(w, 0, logW, from, w.length);
    }
    return logW;
  }

  /**
   * Per image i and code k (z = μ_i + σ_i ⊙ ε_{i·K+k}): log p(x_i|z) alone (reconOnly), or the
   * whole log weight log p(x_i|z) + log p(z) − log q(z|x_i). [images][K]
   */
  private double[][] logWeights(Dataset part, DiagGaussianBatch q, double[][] eps,
      boolean reconOnly) {
    int k = eps.length / q.size();
    double[][] z = q.reparameterize(eps); // [images·K][latent]
    Matrix out = decoder.forward(conditioned(z, part));
    double[] logPrior = reconOnly ? null : prior.logDensity(z);
    double[] logQ = reconOnly ? null : q.logDensity(z);
    double[][] logW = new double[q.size()][k];
    // the rows over vae.nn.Parallel's threads (a parallel stream's pool would fight them)
    Parallel.forRange(z.length, 16L * out.rows * out.cols, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        double lp = likelihood.logProbValue(part.target().a[r / k], 0, out.a[r],
            config.dataDim());
        logW[r / k][r % k] = reconOnly ? lp : lp + logPrior[r] - logQ[r];
      }
    });
    return logW;
  }

  /**
   * log p(x_i | z_r) for each decoded row r = i·k + s of {@code out}, with its gradient in the
   * decoder's output written to {@code dOut}'s row r (dOut null: the values alone, exactly, or
   * {@code fast} by the evaluation route); the rows split over vae.nn.Parallel's threads
   * (counted as ~16 operations per output).
   */
  private double[] logLikelihoods(Dataset data, Matrix out, Matrix dOut, int k, boolean fast) {
    double[] logP = new double[out.rows];
    Parallel.forRange(out.rows, 16L * out.rows * out.cols, (r0, r1) -> {
      for (int r = r0; r < r1; r++) {
        double[] x = data.target().a[r / k];
        logP[r] = dOut == null && fast ? likelihood.logProbValue(x, 0, out.a[r], config.dataDim())
            : likelihood.logProb(x, 0, out.a[r], 0, dOut == null ? null : dOut.a[r], 0,
                config.dataDim());
      }
    });
    return logP;
  }

  /** The gradient w.r.t. the codes: the decoder input's first {@code latent} columns (not y's). */
  private Matrix codeColumns(Matrix dInput) {
    if (config.condition() == 0) {
      return dInput;
    }
    Matrix dz = new Matrix(dInput.rows, config.latent());
    for (int r = 0; r < dInput.rows; r++) {
      System.arraycopy(dInput.a[r], 0, dz.a[r], 0, config.latent());
    }
    return dz;
  }

  /**
   * The decoder's input for code rows r = i·K + k: z_r alone, or [z_r | y_i] for a conditional
   * VAE, y_i the last {@code condition} values of image i's input row.
   */
  private Matrix conditioned(double[][] z, Dataset data) {
    int c = config.condition();
    if (c == 0) {
      return Matrix.wrap(z);
    }
    int k = z.length / data.size();
    int m = config.latent();
    Matrix in = new Matrix(z.length, m + c);
    for (int r = 0; r < z.length; r++) {
      System.arraycopy(z[r], 0, in.a[r], 0, m);
      System.arraycopy(data.input().a[r / k], config.dataDim(), in.a[r], m, c);
    }
    return in;
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
    if (priorParam != null) {
      all.add(priorParam); // a learned prior trains with the networks
    }
    return all;
  }

  public Config config() {
    return config;
  }

  /** How the weights were initialised (as trained, or as recorded in a loaded file). */
  public Init.Scheme init() {
    return init;
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

  /** K of the IWAE objective, or 0 when training on the ELBO. */
  public int iwaeK() {
    return iwK;
  }

  /** λ of free bits in nats per dimension (0: off). */
  public double freeBits() {
    return freeBits;
  }

  /** Trainable scalars of encoder, decoder and prior. */
  public int parameterCount() {
    return encoder.parameterCount() + decoder.parameterCount() + prior.parameters().length;
  }

  @Override
  public String toString() {
    return "Vae[encoder " + encoder + " → (μ, log σ²) ×" + config.latent() + ", decoder " + decoder + " → "
        + likelihood + ", β=" + beta + ", L=" + samples
        + (iwK > 0 ? ", IWAE K=" + iwK : "") + (freeBits > 0 ? ", free bits λ=" + freeBits : "")
        + (priorParam != null ? ", prior " + prior.spec() : "")
        + ", " + parameterCount() + " parameters]";
  }
}
