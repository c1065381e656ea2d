///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Ch.7 — Decoders and the trade-off constant: rate against distortion, posterior collapse
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Chapter 7 — Decoders and the trade-off constant: rate against distortion, posterior collapse
 * Three likelihoods for the same digits; the constant c that weighs reconstruction against the KL
 * term.
 *
 * **This chapter verifies:** LS-4, LS-5, LS-7 (erratum of note 004 eq. (12)); EL-3 on trained
 * decoders
 * **Run:** `./jbang chapters/07_decoders_and_tradeoff.java [--quick] [--seed N]` (alias `tradeoff`)
 * **Figures:** `figures/07_decoders.png`, `figures/07_rate_distortion.png`,
 * `figures/07_noise_dynamics.png`
 *
 * Each claim in one line (its source, tests and tolerance are in `CLAIMS.md`):
 * - **EL-3** — −log p(x|z) is the BCE (Bernoulli) or a scaled squared error + constant (Gaussian)
 * - **LS-4** — A larger decoder variance c lowers the rate (KL) and raises the distortion
 * - **LS-5** — When KL(q(z|x) ‖ p(z)) → 0, z carries nothing about x and outputs fall to the mean
 * - **LS-7** — Erratum: the reconstruction term is E_q[log p(x|z)], not E_q[p(x|z)]
 */
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Fmt;
import vae.data.Digits;
import vae.fig.Figures;
import vae.fig.ImageGrid;
import vae.fig.Panels;
import vae.model.BernoulliLikelihood;
import vae.model.CategoricalLikelihood;
import vae.model.EpochLog;
import vae.model.Likelihood;
import vae.model.Terms;
import vae.model.Trainer;
import vae.model.Dataset;
import vae.model.Vae;
import vae.nn.Activation;
import vae.nn.Matrix;
import vae.prob.DiagGaussianBatch;
import vae.prob.Estimate;
import vae.prob.LogSumExp;
import vae.prob.MonteCarlo;

@Command(name = "07_decoders_and_tradeoff", mixinStandardHelpOptions = true,
    description = "Chapter 7 — Decoders and the trade-off constant: rate against distortion, "
        + "posterior collapse")
class Ch07DecodersAndTradeoff implements Callable<Integer> {
  /** The decoder variances c of the sweep (σ² of p(x|z) = N(f(z), cI)), each 2–3× the last. */
  static final double[] C = {0.01, 0.03, 0.07, 0.15, 0.3};
  /** A c far past the point where the KL term wins. */
  static final double C_COLLAPSE = 10;

  @Mixin ChapterOptions opt;
  private final Checks checks = new Checks();
  private Digits digits;

  public static void main(String[] args) {
    System.exit(Chapter.run(new Ch07DecodersAndTradeoff(), args));
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    digits = Digits.load();
    System.out.printf("digits: train %d, test %d images of 8×8%n", digits.train.size(),
        digits.test.size());
    Vae categorical = threeDecoders();
    logOfTheLikelihood(categorical);
    Sweep sweep = theTradeOffConstant();
    posteriorCollapse(sweep);
    noiseAndTheTwoTerms(sweep);
    int exit = checks.summary();
    System.out.printf(java.util.Locale.ROOT, "RESULT chapter=07 wall_s=%.1f%n",
        (System.nanoTime() - start) / 1e9);
    return exit;
  }

  static Vae.Config config(String likelihood) {
    return new Vae.Config(64, new int[] {128, 128}, 8, Activation.Kind.LEAKY_RELU, likelihood);
  }

  /**
   * Trains a fresh VAE with {@code likelihood} for a fixed number of epochs (Adam, batch 64); null
   * label: silent.
   */
  static Trainer.History fit(Vae vae, Dataset train, int epochs, long seed, String label,
      Trainer.Listener extra) {
    EpochLog log = label == null ? null : new EpochLog(label, Math.max(1, epochs / 4), vae.beta());
    return Trainer.fit(vae, train, null, Trainer.Options.adam(epochs, 64, 2e-3, 0),
        MonteCarlo.rng(seed), (e, o) -> {
      if (log != null) {
        log.epochDone(e, o);
      }
      if (extra != null) {
        extra.epochDone(e, o);
      }
    });
  }

  /*
   * ## 1. Three decoders for the same digits
   * The decoder network outputs numbers; the likelihood p(x|z) says what they mean. The pixels of
   * the digits are counts 0…16; the encoder always reads x = count/16 ∈ [0, 1].
   * - **Bernoulli**: outputs logits l, ρ = sigmoid(l), and
   *   −log p(x|z) = −Σ_d [x_d log ρ_d + (1 − x_d) log(1 − ρ_d)], the binary cross-entropy. For grey
   *   values it is a loss that works, not a normalised distribution over [0, 1].
   * - **Gaussian** with fixed variance s²: −log p(x|z) = ‖x − x̂‖²/(2s²) + (D/2) log(2πs²), the
   *   squared error plus a constant. A density: this "loss" can be negative.
   * - **Categorical**: 17 logits per pixel, one softmax over the counts 0…16, and
   *   −log p(x|z) = −Σ_d log softmax(l_d)[count_d]: a true probability of the exact image.
   * The three numbers are in different units (a density over [0, 1]⁶⁴ against a probability over
   * 17⁶⁴ images), so −ELBO cannot rank them; the squared error of the mean reconstruction can.
   * Each model trains until its validation −ELBO stops improving for 10 epochs and keeps its best
   * epoch: the sharp categorical decoder overfits 1,000 images within a few dozen epochs.
   */
  Vae threeDecoders() {
    Chapter.section("1. Bernoulli, Gaussian and categorical decoders, the loss of each written "
        + "out");
    String[] specs = {"bernoulli", "gaussian:0.1", "categorical:17"};
    int epochs = opt.pick(100, 5);
    Dataset shownFrom = Dataset.digits(digits.test, Likelihood.parse("bernoulli"))
        .head(12);
    List<BufferedImage> rows = new ArrayList<>(List.of(ImageGrid.of(shownFrom.input().a, 8, 12,
        8)));
    List<String> captions = new ArrayList<>(List.of("test images"));
    Vae last = null;
    for (int k = 0; k < specs.length; k++) {
      Vae vae = new Vae(config(specs[k]), MonteCarlo.rng(opt.seed)).training(1, 1);
      Dataset train = Dataset.digits(digits.train, vae.likelihood());
      Dataset val = Dataset.digits(digits.valid, vae.likelihood());
      Dataset test = Dataset.digits(digits.test, vae.likelihood());
      // early stopping on the validation −ELBO (patience 10): the sharp categorical decoder
      // overfits 1,000 images fast
      Trainer.History h = Trainer.fit(vae, train, val, Trainer.Options.adam(epochs, 64, 2e-3, 10),
          MonteCarlo.rng(opt.seed + 1),
          new EpochLog(vae.likelihood().toString(), Math.max(1, epochs / 4), 1));
      System.out.printf("%s: keeping epoch %d of %d (best validation −ELBO %s)%n", vae.likelihood(),
          h.bestEpoch(),
          h.epochs().size(), Fmt.num(h.best().val().negElbo()));
      Terms t = vae.evaluate(test, 10, MonteCarlo.rng(opt.seed + 2));
      // the mean image at z = μ, in [0, 1]
      double[][] xHat = vae.decodeMean(vae.encode(test.input()).mu());
      double scale = vae.likelihood() instanceof CategoricalLikelihood ? 16 : 1;
      double mse = 0;
      for (int i = 0; i < test.size(); i++) {
        for (int d = 0; d < 64; d++) {
          double diff = test.input().a[i][d] - xHat[i][d] / scale;
          mse += diff * diff / test.size();
        }
      }
      System.out.printf("%-22s test −ELBO %s (recon %s + KL %s) | ‖x − x̂‖² per image %s%n",
          vae.likelihood(),
          Fmt.num(t.negElbo()), Fmt.num(t.recon()), Fmt.num(t.kl()), Fmt.num(mse));
      checkLossWrittenOut(vae, test);
      double[][] shown = new double[12][];
      for (int i = 0; i < 12; i++) {
        shown[i] = Arrays.stream(xHat[i]).map(v -> v / scale).toArray();
      }
      rows.add(ImageGrid.of(shown, 8, 12, 8));
      captions.add(vae.likelihood() + ": reconstruction at z = μ, ‖x − x̂‖² " + Fmt.num(mse));
      last = vae;
    }
    Figures.saveImage(Panels.column(captions, rows), "07_decoders");
    return last;
  }

  /** The library's log p(x|z) against the formula, on the first test image at z = μ. */
  private void checkLossWrittenOut(Vae vae, Dataset test) {
    double[] x = test.target().a[0];
    double[] out = vae.decode(vae.encode(test.input().rows(new int[] {0})).mu()).a[0];
    double byHand = 0;
    String formula;
    Likelihood lik = vae.likelihood();
    if (lik instanceof BernoulliLikelihood) {
      formula = "−Σ[x log ρ + (1−x) log(1−ρ)]";
      for (int d = 0; d < 64; d++) {
        double rho = BernoulliLikelihood.sigmoid(out[d]);
        byHand += -(x[d] * Math.log(rho) + (1 - x[d]) * Math.log(1 - rho));
      }
    } else if (lik instanceof CategoricalLikelihood cat) {
      formula = "−Σ log softmax(l_d)[x_d]";
      for (int d = 0; d < 64; d++) {
        byHand += -Math.log(cat.probabilities(out, d)[(int) x[d]]);
      }
    } else {
      double s = 0.1;
      formula = "‖x−x̂‖²/(2s²) + 32 log(2πs²)";
      double sq = 0;
      for (int d = 0; d < 64; d++) {
        sq += (x[d] - out[d]) * (x[d] - out[d]);
      }
      byHand = sq / (2 * s * s) + 32 * Math.log(2 * Math.PI * s * s);
    }
    checks.close("EL-3", lik + " −log p(x|z)", -lik.logProb(x, out, null), formula, byHand, 1e-9);
  }

  /*
   * ## 2. The reconstruction term is an expected *log*-likelihood (LS-7, erratum of note 004 eq.
   * (12))
   * Note 004 eq. (12) writes the reconstruction term as ∫ Q(z|x) P(x|z) dz, the probability of
   * getting x back. The ELBO has ∫ Q(z|x) **log** P(x|z) dz. The two are different numbers, and
   * not just by a log: by Jensen's inequality log E_q[p(x|z)] ≥ E_q[log p(x|z)], with a gap that
   * grows with how much p(x|z) varies over z. With the categorical decoder p(x|z) is a true
   * probability of the exact 64-pixel image, so both can be computed for one test image.
   */
  void logOfTheLikelihood(Vae vae) {
    Chapter.section("2. E_q[log p(x|z)], not E_q[p(x|z)] (LS-7)");
    Dataset one = Dataset.digits(digits.test, vae.likelihood()).head(1);
    int k = opt.pick(20_000, 4_000);
    Jensen j = jensen(vae, one, k, opt.seed + 3);
    Estimate expLog = j.expectedLog();
    double logMean = j.logOfMean();
    double logMeanSe = j.logOfMeanSe();
    System.out.printf("one test image, %d codes z ~ q(z|x):%n  E_q[log p(x|z)] = %s ± %s nats  "
        + "(the ELBO's term)%n"
        + "  E_q[p(x|z)]     = %s   (the note's), log of it %s ± %s%n", k, Fmt.num(expLog.mean()),
        Fmt.num(expLog.se()),
        Fmt.sci(Math.exp(logMean)), Fmt.num(logMean), Fmt.num(logMeanSe));
    double gap = j.gap();
    double se = j.gapSe();
    checks.that("LS-7",
        String.format("log E_q[p(x|z)] %s − E_q[log p(x|z)] %s = %s ± %s > 4 SE: the two terms "
        + "differ (Jensen)",
        Fmt.num(logMean), Fmt.num(expLog.mean()), Fmt.num(gap), Fmt.num(se)), gap > 4 * se);
  }

  /**
   * E_q[log p(x|z)] with its SE, and log E_q[p(x|z)] with its SE (delta method), from the same K
   * codes.
   */
  record Jensen(Estimate expectedLog, double logOfMean, double logOfMeanSe) {
    double gap() {
      return logOfMean - expectedLog.mean();
    }

    double gapSe() {
      return Math.hypot(expectedLog.se(), logOfMeanSe);
    }
  }

  static Jensen jensen(Vae vae, Dataset one, int k, long seed) {
    DiagGaussianBatch q = vae.encode(one.input()).q();
    // z_k = μ + σ ⊙ ε_k,  ε_k ~ N(0, I)      [K][latent]
    double[][] z = q.reparameterize(q.drawEps(k, MonteCarlo.rng(seed)));
    Matrix out = vae.decode(Matrix.wrap(z));
    double[] logP = new double[k];
    for (int s = 0; s < k; s++) {
      logP[s] = vae.likelihood().logProb(one.target().a[0], out.a[s], null);
    }
    // E_q[log p(x|z)] ≈ (1/K) Σ log p(x|z_k)
    Estimate expLog = MonteCarlo.of(logP);
    // log E_q[p(x|z)] ≈ log (1/K) Σ p(x|z_k), in log space; its SE by the delta method: SE(p̄)/p̄
    double logMean = LogSumExp.of(logP) - Math.log(k);
    double[] ratio = Arrays.stream(logP).map(l -> Math.exp(l - logMean)).toArray();
    return new Jensen(expLog, logMean, MonteCarlo.of(ratio).se());
  }

  /*
   * ## 3. The trade-off constant c (LS-4)
   * Note 002 takes p(x|z) = N(f(z), cI). Then −log p(x|z) = ‖x − f(z)‖²/(2c) + const, and the loss
   * per image is
   *
   *     loss = C · E_q‖x − f(z)‖² + KL(q(z|x) ‖ N(0, I)),   C = 1/(2c).
   *
   * Small c trusts the pixels: reconstruction is expensive, codes are precise and far from the
   * prior. Large c tolerates error: the KL term wins. In the language of compression the KL is the
   * **rate** (nats the code spends on the image) and E_q‖x − f(z)‖² the **distortion**. We train
   * at five values of c, each 2–3× the last, and measure both on the test images: the rate should
   * fall and the distortion rise at every step. The distortion comes from the test recon term,
   * E_q‖x − f(z)‖² = 2c (recon − 32 log(2πc)).
   */
  Sweep theTradeOffConstant() {
    Chapter.section("3. Larger c: lower rate (KL), higher distortion (LS-4)");
    Sweep sweep = sweep(digits, opt.pick(100, 20), opt.seed + 4, true);
    for (int i = 0; i < C.length; i++) {
      System.out.printf("c = %-6s C = 1/(2c) = %-7s rate (KL) %s nats | distortion E‖x − f(z)‖² "
          + "%s%n", cs(C[i]),
          Fmt.num(1 / (2 * C[i])), Fmt.num(sweep.rate()[i]), Fmt.num(sweep.distortion()[i]));
    }
    StringBuilder r = new StringBuilder();
    StringBuilder d = new StringBuilder();
    for (int i = 0; i < C.length; i++) {
      r.append(i == 0 ? "" : " > ").append(Fmt.num(sweep.rate()[i]));
      d.append(i == 0 ? "" : " < ").append(Fmt.num(sweep.distortion()[i]));
    }
    // each step's change, paired over the 447 test images, must exceed 4 SE (CLAIMS.md, LS-4)
    double rateZ = leastStepZ(sweep.rateByImage(), -1);
    double distortionZ = leastStepZ(sweep.distortionByImage(), +1);
    checks.that("LS-4", "rate falls at every step as c grows: " + r + "; least fall "
        + Fmt.num(rateZ) + " SE > 4 (paired over test images)", rateZ > 4);
    checks.that("LS-4", "distortion rises at every step as c grows: " + d + "; least rise "
        + Fmt.num(distortionZ) + " SE > 4 (paired over test images)", distortionZ > 4);
    XYChart chart = Figures.xy("LS-4: as c grows the rate falls and the distortion rises",
        "rate: KL(q(z|x) ‖ p(z)), nats per image",
        "distortion: E‖x − f(z)‖² per image");
    chart.getStyler().setMarkerSize(8);
    chart.getStyler().setLegendVisible(false);
    chart.addSeries("test images", sweep.rate(), sweep.distortion());
    double xMax = 1.15 * Arrays.stream(sweep.rate()).max().orElseThrow();
    double yRange = Arrays.stream(sweep.distortion()).max()
        .orElseThrow() - Arrays.stream(sweep.distortion()).min().orElseThrow();
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(xMax);
    chart.getStyler().setAnnotationTextFont(new java.awt.Font(java.awt.Font.SANS_SERIF,
        java.awt.Font.PLAIN, 13));
    for (int i = 0; i < C.length; i++) {
      // each point's label just above and right of it, in data units
      chart.addAnnotation(new org.knowm.xchart.AnnotationText("c = " + cs(C[i]), sweep.rate()[i]
          + 0.05 * xMax,
          sweep.distortion()[i] + 0.05 * yRange, false));
    }
    List<BufferedImage> strips = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    captions.add("test images");
    strips.add(ImageGrid.of(sweep.shown(), 8, 10, 5));
    for (int i = 0; i < C.length; i++) {
      captions.add(String.format("c = %s: rate %s, distortion %s", cs(C[i]),
          Fmt.num(sweep.rate()[i]), Fmt.num(sweep.distortion()[i])));
      strips.add(ImageGrid.of(sweep.reconstructions()[i], 8, 10, 5));
    }
    Figures.saveImage(Panels.row(List.of("", "reconstructions at z = μ"),
        List.of(Panels.image(chart), Panels.column(captions, strips))), "07_rate_distortion");
    return sweep;
  }

  /**
   * Rate, distortion, ten reconstructions and the training history at every c, and the collapse
   * run.
   */
  record Sweep(double[] rate, double[] distortion, double[][][] reconstructions, double[][] shown,
      List<double[]> meanSigma, List<Trainer.History> histories, Collapse collapse,
      double[][] rateByImage, double[][] distortionByImage) {}

  /**
   * The large-c run: its KL, and each test image's reconstruction against the mean training image.
   */
  record Collapse(double kl, double[] toMean, double[] toOwn, double[] dataToMean) {}

  static Sweep sweep(Digits digits, int epochs, long seed, boolean print) {
    int n = C.length;
    double[] rate = new double[n];
    double[] distortion = new double[n];
    double[][] rateByImage = new double[n][];       // [c][test image]
    double[][] distortionByImage = new double[n][];
    double[][][] recon = new double[n][][];
    List<double[]> sigma = new ArrayList<>();
    List<Trainer.History> histories = new ArrayList<>();
    Dataset shownData = null;
    Collapse collapse = null;
    for (int i = 0; i <= n; i++) {
      double c = i < n ? C[i] : C_COLLAPSE;
      // p(x|z) = N(f(z), cI): the Gaussian decoder with standard deviation √c
      Vae vae = new Vae(config("gaussian:" + Math.sqrt(c)), MonteCarlo.rng(seed)).training(1, 1);
      Dataset train = Dataset.digits(digits.train, vae.likelihood());
      Dataset test = Dataset.digits(digits.test, vae.likelihood());
      shownData = test.head(10);
      double[] meanSigma = new double[epochs];
      Trainer.History h = fit(vae, train, epochs, seed + 1, print ? "c=" + cs(c) : null, (e, o) -> {
        // mean σ of q(z|x) over the test images after each epoch
        Vae.Encoding q = vae.encode(test.input());
        meanSigma[e.epoch() - 1] = Arrays.stream(q.logVar().a).flatMapToDouble(Arrays::stream)
            .map(lv -> Math.exp(0.5 * lv)).average().orElseThrow();
      });
      Terms t = vae.evaluate(test, 10, MonteCarlo.rng(seed + 2));
      double[][] xHat = vae.decodeMean(vae.encode(test.input()).mu());
      if (i < n) {
        rate[i] = t.kl();
        // recon = E‖x − f(z)‖²/(2c) + 32 log(2πc)  ⇒  E‖x − f(z)‖² = 2c (recon − 32 log(2πc))
        distortion[i] = 2 * c * (t.recon() - 32 * Math.log(2 * Math.PI * c));
        recon[i] = Arrays.copyOf(xHat, 10);
        // per test image, for the paired LS-4 check: KL(q(z|x) ‖ p(z)) in closed form, and
        // ‖x − f(z)‖² averaged over 10 codes z ~ q(z|x)
        DiagGaussianBatch q = vae.encode(test.input()).q();
        rateByImage[i] = q.klToStandardNormal();
        distortionByImage[i] = distortions(vae, q, test.input(), 10, MonteCarlo.rng(seed + 3));
        sigma.add(meanSigma);
        histories.add(h);
      } else {
        double[] mean = train.input().sumRows().scale(1.0 / train.size()).a[0];
        double[] toMean = new double[test.size()];
        double[] toOwn = new double[test.size()];
        double[] dataToMean = new double[test.size()];
        for (int j = 0; j < test.size(); j++) {
          toMean[j] = dist(xHat[j], mean);
          toOwn[j] = dist(xHat[j], test.input().a[j]);
          dataToMean[j] = dist(test.input().a[j], mean);
        }
        collapse = new Collapse(t.kl(), toMean, toOwn, dataToMean);
      }
    }
    return new Sweep(rate, distortion, recon, shownData.input().a, sigma, histories, collapse,
        rateByImage, distortionByImage);
  }

  /** (1/L) Σ_l ‖x_i − f(z_il)‖² with z_il ~ q(z|x_i), for every image i  [images]. */
  static double[] distortions(Vae vae, DiagGaussianBatch q, Matrix x, int l,
      java.util.SplittableRandom rng) {
    double[][] fz = vae.decodeMean(Matrix.wrap(q.reparameterize(q.drawEps(l, rng))));
    double[] d = new double[x.rows];
    for (int r = 0; r < fz.length; r++) {
      for (int j = 0; j < x.cols; j++) {
        double e = x.a[r / l][j] - fz[r][j];
        d[r / l] += e * e / l;
      }
    }
    return d;
  }

  /**
   * The least, over the steps c_{k−1} → c_k, of the mean paired per-image change (sign · (v_k −
   * v_{k−1})) in units of its SE over the images: > 4 means every step moves the claimed way.
   */
  static double leastStepZ(double[][] byImage, int sign) {
    double least = Double.POSITIVE_INFINITY;
    for (int k = 1; k < byImage.length; k++) {
      double[] change = new double[byImage[k].length];
      for (int j = 0; j < change.length; j++) {
        change[j] = sign * (byImage[k][j] - byImage[k - 1][j]);
      }
      Estimate e = MonteCarlo.of(change);
      least = Math.min(least, e.mean() / e.se());
    }
    return least;
  }

  /*
   * ## 4. Posterior collapse (LS-5)
   * Push c far up (c = 10: a pixel error of 1 costs 0.05 nats) and the KL term wins outright.
   * KL(q(z|x) ‖ p(z)) = 0 means q(z|x) = p(z) for every image: the code is the same noise whatever
   * x was, so it carries no information about x. The decoder then cannot do better than one image
   * for every input, and under squared error the best single image is the mean of the data.
   * Two checks, each without a tolerance to tune: the average KL bounds the information z carries
   * about x, I(x; z) ≤ E_x KL, and below log 2 nats z cannot even tell two images apart; and every
   * test image's reconstruction lies nearer to the mean training image than to the image itself.
   */
  void posteriorCollapse(Sweep sweep) {
    Chapter.section("4. Very large c: KL → 0 and every reconstruction is the mean image (LS-5)");
    Collapse c = sweep.collapse();
    double toMean = mean(c.toMean());
    double dataToMean = mean(c.dataToMean());
    System.out.printf("c = %s: KL %s nats per image | ‖x̂ − mean image‖ %s against ‖x − mean "
        + "image‖ %s for the data%n",
        cs(C_COLLAPSE), Fmt.sci(c.kl()), Fmt.num(toMean), Fmt.num(dataToMean));
    checks.that("LS-5",
        String.format("KL %s nats < log 2 = %s: z carries less than one bit about x",
        Fmt.sci(c.kl()),
        Fmt.num(Math.log(2))), c.kl() < Math.log(2));
    int nearer = 0;
    for (int j = 0; j < c.toMean().length; j++) {
      nearer += c.toMean()[j] < c.toOwn()[j] ? 1 : 0;
    }
    checks.that("LS-5",
        String.format("reconstructions fall to the mean image: nearer to it (mean distance %s) "
        + "than to their own input (%s) for %d of %d test images",
        Fmt.num(toMean), Fmt.num(mean(c.toOwn())), nearer, c.toMean().length), nearer == c.toMean()
        .length);
  }

  /*
   * ## 5. Noise against reconstruction over training
   * Note 004 pictures training as a contest: while the decoder is poor, the encoder lowers the
   * noise σ (the KL rises) so the reconstruction can improve; once the decoder is good, σ rises
   * again (the KL falls) and the reconstruction gets harder, "like a GAN". The figure shows the two
   * loss terms of the c = 0.01 run over its epochs, and the mean σ of q(z|x) over the test images
   * after every epoch, for every c of the sweep.
   *
   * What it shows, honestly: half of the story, once. In the first few epochs σ drops steeply and
   * the KL shoots up while the reconstruction falls; after that σ climbs back slowly (strongly for
   * c ≥ 0.03, barely at c = 0.01) and the KL drifts down from its peak, while the reconstruction
   * keeps improving. That is one dip and a slow recovery, not a back-and-forth: smoothed over
   * blocks of epochs, σ hardly changes direction; the many raw reversals are minibatch jitter. And
   * it is not a game between two players: encoder and decoder descend **one** loss together
   * (chapter 05, EL-6); the two terms pull against each other, which is a trade-off (section 3),
   * not an adversary. Nothing here is checked, because the note states no number to check.
   */
  void noiseAndTheTwoTerms(Sweep sweep) {
    Chapter.section("5. Mean σ and the two loss terms over training (the note's 'adversarial' "
        + "picture)");
    int pick = 0; // c = 0.01: the Gaussian decoder of section 1 (σ = 0.1)
    Trainer.History h = sweep.histories().get(pick);
    double[] sigma = sweep.meanSigma().get(pick);
    int epochs = sigma.length;
    double[] ep = new double[epochs];
    double[] recon = new double[epochs];
    double[] kl = new double[epochs];
    for (int e = 0; e < epochs; e++) {
      ep[e] = e + 1;
      recon[e] = h.epochs().get(e).train().recon();
      kl[e] = h.epochs().get(e).train().kl();
    }
    int opposite = 0;
    for (int e = 1; e < epochs; e++) {
      opposite += Math.signum(recon[e] - recon[e - 1]) != Math.signum(kl[e] - kl[e - 1]) ? 1 : 0;
    }
    int klPeak = argMax(kl);
    System.out.printf("c = %s: recon %s → %s; KL %s → peak %s at epoch %d → %s; opposite "
        + "directions in %d of %d epoch-to-epoch steps%n",
        cs(C[pick]), Fmt.num(recon[0]), Fmt.num(recon[epochs - 1]), Fmt.num(kl[0]),
        Fmt.num(kl[klPeak]), klPeak + 1,
        Fmt.num(kl[epochs - 1]), opposite, epochs - 1);
    int window = Math.max(1, epochs / 10);
    for (int i = 0; i < C.length; i++) {
      double[] s = sweep.meanSigma().get(i);
      int low = argMax(negate(s));
      // direction changes of σ smoothed over a window of epochs: minibatch jitter averages out, a
      // real cycle would not
      System.out.printf("c = %-5s mean σ %s (epoch 1) → lowest %s (epoch %d) → %s (epoch %d); "
          + "direction changes: %d raw, %d smoothed over %d epochs%n",
          cs(C[i]), Fmt.num(s[0]), Fmt.num(s[low]), low + 1, Fmt.num(s[epochs - 1]), epochs,
          turns(s), turns(blockMeans(s, window)), window);
    }
    XYChart terms = Figures.xy("Training at c = " + cs(C[pick]) + ": the two terms of the loss",
        "epoch", "reconstruction, nats per image");
    terms.getStyler().setMarkerSize(0);
    terms.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    terms.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
    terms.setYAxisGroupTitle(1, "KL, nats per image");
    // the first epoch's reconstruction is far above the rest: start the axis at epoch 2's value
    terms.getStyler().setYAxisMax(0, Math.max(recon[Math.min(1, epochs - 1)], recon[epochs - 1]
        + 1));
    terms.addSeries("reconstruction −E_q[log p(x|z)] (left axis)", ep, recon);
    terms.addSeries("KL(q(z|x) ‖ p(z)) (right axis)", ep, kl).setYAxisGroup(1);
    XYChart noise = Figures.xy("Mean σ of q(z|x) over the test images, per c", "epoch", "mean σ");
    noise.getStyler().setMarkerSize(0);
    noise.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    noise.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
    for (int i = 0; i < C.length; i++) {
      noise.addSeries("c = " + cs(C[i]), ep, sweep.meanSigma().get(i));
    }
    Figures.saveImage(Panels.row(List.of("the KL rises fast while the reconstruction falls, "
        + "peaks, then drifts down",
        "σ dips in the first epochs, then climbs back: one dip, no cycles"),
        List.of(Panels.image(terms), Panels.image(noise))), "07_noise_dynamics");
  }

  /*
   * ## Summary
   * - Bernoulli, Gaussian and categorical decoders are three likelihoods for the same network;
   *   their losses are the cross-entropy, the scaled squared error plus a constant, and a softmax
   *   cross-entropy per pixel, in units that cannot be compared with each other.
   * - The reconstruction term is E_q[log p(x|z)], not E_q[p(x|z)] (LS-7).
   * - The constant c (C = 1/(2c)) moves the model along a rate–distortion curve (LS-4); far enough
   *   out the code carries nothing and every image decodes to the mean image (LS-5).
   *
   * ## Exercises
   * 1. Add c = 1 and c = 3 to the sweep. Where does the rate reach zero?
   * 2. Replace the fixed σ by a learned one (`gaussian:learned`). Which c does the model pick?
   * 3. Make the collapse run's latent 2-D and plot μ(x) for the test images. What does it look
   *    like?
   */

  private static int argMax(double[] a) {
    int best = 0;
    for (int i = 1; i < a.length; i++) {
      best = a[i] > a[best] ? i : best;
    }
    return best;
  }

  /** How often the sequence changes direction (a rise followed by a fall or the reverse). */
  private static int turns(double[] a) {
    int n = 0;
    for (int i = 2; i < a.length; i++) {
      n += Math.signum(a[i] - a[i - 1]) * Math.signum(a[i - 1] - a[i - 2]) < 0 ? 1 : 0;
    }
    return n;
  }

  /** Means of consecutive blocks of w values. */
  private static double[] blockMeans(double[] a, int w) {
    double[] m = new double[a.length / w];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < w; j++) {
        m[i] += a[i * w + j] / w;
      }
    }
    return m;
  }

  /** 0.003 rather than 0.003000. */
  static String cs(double c) {
    return java.math.BigDecimal.valueOf(c).stripTrailingZeros().toPlainString();
  }

  private static double[] negate(double[] a) {
    return Arrays.stream(a).map(v -> -v).toArray();
  }

  private static double dist(double[] a, double[] b) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      s += (a[d] - b[d]) * (a[d] - b[d]);
    }
    return Math.sqrt(s);
  }

  static double mean(double[] a) {
    return Arrays.stream(a).average().orElseThrow();
  }
}
