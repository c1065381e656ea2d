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
import static vae.model.RateDistortion.squaredError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.DoubleStream;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Fmt;
import vae.data.Digits;
import vae.fig.EpochCurves;
import vae.fig.Figures;
import vae.fig.ImageGrid;
import vae.fig.Panels;
import vae.fig.TradeoffCurve;
import vae.model.BernoulliLikelihood;
import vae.model.CategoricalLikelihood;
import vae.model.Collapse;
import vae.model.Dataset;
import vae.model.EpochLog;
import vae.model.Likelihood;
import vae.model.RateDistortion;
import vae.model.SigmaTrace;
import vae.model.Terms;
import vae.model.Trainer;
import vae.model.Vae;
import vae.nn.Activation;
import vae.nn.Matrix;
import vae.prob.DiagGaussianBatch;
import vae.prob.JensenGap;
import vae.prob.MonteCarlo;
import vae.prob.PairedSteps;
import vae.prob.Trajectory;

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
    logOfTheLikelihood(threeDecoders()); // section 1's last model: the categorical one
    List<Run> sweep = theTradeOffConstant();
    posteriorCollapse(sweep.get(sweep.size() - 1));
    noiseAndTheTwoTerms(sweep.subList(0, C.length));
    int exit = checks.summary();
    System.out.printf(Locale.ROOT, "RESULT chapter=07 wall_s=%.1f%n",
        (System.nanoTime() - start) / 1e9);
    return exit;
  }

  /** Every model of the chapter: 64 → 128 → 128 → 8 latent units, LeakyReLU. */
  static Vae.Config config(String likelihood) {
    return new Vae.Config(64, new int[] {128, 128}, 8, Activation.Kind.LEAKY_RELU, likelihood);
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
    Chapter.section("1. Bernoulli, Gaussian and categorical decoders: each loss written out");
    int epochs = opt.pick(100, 5);
    List<double[][]> shown = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    Vae vae = null;
    for (String spec : new String[] {"bernoulli", "gaussian:0.1", "categorical:17"}) {
      // the same initial weights and minibatches for the three
      vae = new Vae(config(spec), opt.rng("decoders/init"));
      Dataset train = Dataset.digits(digits.train, vae.likelihood());
      Dataset test = Dataset.digits(digits.test, vae.likelihood());
      Trainer.History h = Trainer.fit(vae, train, Dataset.digits(digits.valid, vae.likelihood()),
          Trainer.Options.adam(epochs, 64, 2e-3, 10), opt.rng("decoders/training"),
          new EpochLog(vae.likelihood().toString(), Math.max(1, epochs / 4), 1));
      System.out.printf("%s: keeping epoch %d of %d (best validation −ELBO %s)%n",
          vae.likelihood(), h.bestEpoch(), h.epochs().size(), Fmt.num(h.best().val().negElbo()));
      Terms t = vae.evaluate(test, 10, opt.rng("decoders/evaluation"));
      // the mean image at z = μ, on the encoder's scale [0, 1] (the categorical one is in counts)
      double scale = vae.likelihood() instanceof CategoricalLikelihood ? 16 : 1;
      double[][] xHat = Arrays.stream(vae.decodeMean(vae.encode(test.input()).mu()))
          .map(r -> Arrays.stream(r).map(v -> v / scale).toArray()).toArray(double[][]::new);
      double mse = IntStream.range(0, test.size()).mapToDouble(i -> squaredError(
          test.input().a[i], xHat[i])).average().orElseThrow();
      System.out.printf("%-22s test −ELBO %s (recon %s + KL %s) | ‖x − x̂‖² per image %s%n",
          vae.likelihood(), Fmt.num(t.negElbo()), Fmt.num(t.recon()), Fmt.num(t.kl()),
          Fmt.num(mse));
      checkLossWrittenOut(vae, test);
      shown.add(Arrays.copyOf(xHat, 12));
      captions.add(vae.likelihood() + ": reconstruction at z = μ, ‖x − x̂‖² " + Fmt.num(mse));
    }
    figDecoders(shown, captions);
    return vae;
  }

  /** The library's log p(x|z) against the formula, on the first test image at z = μ. */
  private void checkLossWrittenOut(Vae vae, Dataset test) {
    double[] x = test.target().a[0];
    double[] out = vae.decode(vae.encode(test.input().rows(new int[] {0})).mu()).a[0];
    Likelihood lik = vae.likelihood();
    double byHand = 0;
    String formula;
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
      byHand = squaredError(x, out) / (2 * s * s) + 32 * Math.log(2 * Math.PI * s * s);
    }
    checks.close("EL-3", lik + " −log p(x|z)", -lik.logProb(x, out, null), formula, byHand, 1e-9);
  }

  private void figDecoders(List<double[][]> reconstructions, List<String> captions) {
    Matrix input = Dataset.digits(digits.test, Likelihood.parse("bernoulli")).head(12).input();
    Figures.saveImage(Panels.column(Stream.concat(Stream.of("test images"), captions.stream())
        .toList(), Stream.concat(Stream.<double[][]>of(input.a), reconstructions.stream())
        .map(r -> ImageGrid.of(r, 8, 12, 8)).toList()), "07_decoders");
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
    JensenGap j = jensen(vae, one, k, opt.rng("jensen"));
    var expLog = j.meanOfLogs();
    System.out.printf("one test image, %d codes z ~ q(z|x):%n"
        + "  E_q[log p(x|z)] = %s ± %s nats  (the ELBO's term)%n"
        + "  E_q[p(x|z)]     = %s   (the note's), log of it %s ± %s%n", k, Fmt.num(expLog.mean()),
        Fmt.num(expLog.se()), Fmt.sci(Math.exp(j.logOfMean())), Fmt.num(j.logOfMean()),
        Fmt.num(j.logOfMeanSe()));
    checks.that("LS-7", String.format("log E_q[p(x|z)] %s − E_q[log p(x|z)] %s = %s ± %s > 4 SE: "
        + "the two terms differ (Jensen)", Fmt.num(j.logOfMean()), Fmt.num(expLog.mean()),
        Fmt.num(j.gap()), Fmt.num(j.gapSe())), j.gap() > 4 * j.gapSe());
  }

  /** E_q[log p(x|z)] and log E_q[p(x|z)], each with its SE, from the same K codes z ~ q. */
  static JensenGap jensen(Vae vae, Dataset one, int k, SplittableRandom rng) {
    DiagGaussianBatch q = vae.encode(one.input()).q();
    // z_k = μ + σ ⊙ ε_k,  ε_k ~ N(0, I)      [K][latent]
    Matrix out = vae.decode(Matrix.wrap(q.reparameterize(q.drawEps(k, rng))));
    double[] logP = new double[k];
    for (int s = 0; s < k; s++) {
      logP[s] = vae.likelihood().logProb(one.target().a[0], out.a[s], null);
    }
    // E_q[log p(x|z)] ≈ (1/K) Σ log p(x|z_k);  log E_q[p(x|z)] ≈ log (1/K) Σ p(x|z_k), computed
    // in log space, its SE by the delta method: SE(p̄)/p̄
    return JensenGap.of(logP);
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
  List<Run> theTradeOffConstant() {
    Chapter.section("3. Larger c: lower rate (KL), higher distortion (LS-4)");
    List<Run> all = sweep(digits, opt.pick(100, 20), opt, true);
    List<Run> sweep = all.subList(0, C.length);
    for (Run run : sweep) {
      System.out.printf("c = %-6s C = 1/(2c) = %-7s rate (KL) %s nats | distortion E‖x − f(z)‖² "
          + "%s%n", cs(run.c()), Fmt.num(1 / (2 * run.c())), Fmt.num(run.rate()),
          Fmt.num(run.distortion()));
    }
    String r = sweep.stream().map(x -> Fmt.num(x.rate())).collect(Collectors.joining(" > "));
    String d = sweep.stream().map(x -> Fmt.num(x.distortion())).collect(Collectors.joining(" < "));
    // each step's change, paired over the 447 test images, must exceed 4 SE (CLAIMS.md, LS-4)
    double rateZ = PairedSteps.leastZ(sweep.stream().map(x -> x.byImage().rate())
        .toArray(double[][]::new), -1);
    double distortionZ = PairedSteps.leastZ(sweep.stream().map(x -> x.byImage().distortion())
        .toArray(double[][]::new), +1);
    checks.that("LS-4", "rate falls at every step as c grows: " + r + "; least fall "
        + Fmt.num(rateZ) + " SE > 4 (paired over test images)", rateZ > 4);
    checks.that("LS-4", "distortion rises at every step as c grows: " + d + "; least rise "
        + Fmt.num(distortionZ) + " SE > 4 (paired over test images)", distortionZ > 4);
    figRateDistortion(sweep);
    return all;
  }

  /** One model of the sweep, trained at c: its test terms, per-image costs and σ per epoch. */
  record Run(double c, Vae vae, Terms test, RateDistortion byImage, double[] meanSigma,
      Trainer.History history) {
    double rate() {
      return test.kl();
    }

    /** recon = E‖x − f(z)‖²/(2c) + 32 log(2πc)  ⇒  E‖x − f(z)‖² = 2c (recon − 32 log(2πc)). */
    double distortion() {
      return 2 * c * (test.recon() - 32 * Math.log(2 * Math.PI * c));
    }
  }

  /** One model per c of {@link #C}, then one at {@link #C_COLLAPSE}; print: progress lines. */
  static List<Run> sweep(Digits digits, int epochs, ChapterOptions opt, boolean print) {
    List<Run> runs = new ArrayList<>();
    for (double c : DoubleStream.concat(Arrays.stream(C), DoubleStream.of(C_COLLAPSE)).toArray()) {
      // p(x|z) = N(f(z), cI): the Gaussian decoder with standard deviation √c; the same initial
      // weights and minibatches at every c
      Vae vae = new Vae(config("gaussian:" + Math.sqrt(c)), opt.rng("tradeoff/init"));
      Dataset train = Dataset.digits(digits.train, vae.likelihood());
      Dataset test = Dataset.digits(digits.test, vae.likelihood());
      SigmaTrace sigma = new SigmaTrace(vae, test,
          print ? new EpochLog("c=" + cs(c), Math.max(1, epochs / 4), 1) : null);
      Trainer.History h = Trainer.fit(vae, train, null, Trainer.Options.adam(epochs, 64, 2e-3, 0),
          opt.rng("tradeoff/training"), sigma);
      // per test image, for the paired LS-4 check: KL(q(z|x) ‖ p(z)) in closed form, and
      // ‖x − f(z)‖² averaged over 10 codes z ~ q(z|x)
      runs.add(new Run(c, vae, vae.evaluate(test, 10, opt.rng("tradeoff/evaluation")),
          RateDistortion.of(vae, test, 10, opt.rng("tradeoff/distortion")), sigma.values(), h));
    }
    return runs;
  }

  private void figRateDistortion(List<Run> sweep) {
    Matrix shown = Dataset.digits(digits.test, sweep.get(0).vae().likelihood()).head(10).input();
    XYChart curve = TradeoffCurve.of("LS-4: as c grows the rate falls and the distortion rises",
        "rate: KL(q(z|x) ‖ p(z)), nats per image", "distortion: E‖x − f(z)‖² per image",
        sweep.stream().mapToDouble(Run::rate).toArray(),
        sweep.stream().mapToDouble(Run::distortion).toArray(),
        sweep.stream().map(r -> "c = " + cs(r.c())).toArray(String[]::new));
    Figures.saveImage(TradeoffCurve.withExamples(curve, "reconstructions at z = μ", shown.a,
        sweep.stream().map(r -> String.format("c = %s: rate %s, distortion %s", cs(r.c()),
            Fmt.num(r.rate()), Fmt.num(r.distortion()))).toList(),
        sweep.stream().map(r -> r.vae().decodeMean(r.vae().encode(shown).mu())).toList(), 10),
        "07_rate_distortion");
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
  void posteriorCollapse(Run run) {
    Chapter.section("4. Very large c: KL → 0 and every reconstruction is the mean image (LS-5)");
    Likelihood lik = run.vae().likelihood();
    Collapse c = Collapse.of(run.vae(), Dataset.digits(digits.train, lik),
        Dataset.digits(digits.test, lik), run.rate());
    double toMean = MonteCarlo.of(c.toMean()).mean();
    System.out.printf("c = %s: KL %s nats per image | ‖x̂ − mean image‖ %s against ‖x − mean "
        + "image‖ %s for the data%n", cs(run.c()), Fmt.sci(c.kl()), Fmt.num(toMean),
        Fmt.num(MonteCarlo.of(c.dataToMean()).mean()));
    checks.that("LS-5", String.format("KL %s nats < log 2 = %s: z carries less than one bit "
        + "about x", Fmt.sci(c.kl()), Fmt.num(Math.log(2))), c.kl() < Math.log(2));
    int nearer = c.nearerToMean();
    checks.that("LS-5", String.format("reconstructions fall to the mean image: nearer to it (mean "
        + "distance %s) than to their own input (%s) for %d of %d test images", Fmt.num(toMean),
        Fmt.num(MonteCarlo.of(c.toOwn()).mean()), nearer, c.toMean().length),
        nearer == c.toMean().length);
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
  void noiseAndTheTwoTerms(List<Run> sweep) {
    Chapter.section("5. Mean σ and the loss terms in training (the note's 'adversarial' picture)");
    int pick = 0; // c = 0.01: the Gaussian decoder of section 1 (σ = 0.1)
    List<Trainer.Epoch> h = sweep.get(pick).history().epochs();
    double[] recon = h.stream().mapToDouble(e -> e.train().recon()).toArray();
    double[] kl = h.stream().mapToDouble(e -> e.train().kl()).toArray();
    int epochs = recon.length;
    int klPeak = Trajectory.argMax(kl);
    System.out.printf("c = %s: recon %s → %s; KL %s → peak %s at epoch %d → %s; opposite "
        + "directions in %d of %d epoch-to-epoch steps%n", cs(C[pick]), Fmt.num(recon[0]),
        Fmt.num(recon[epochs - 1]), Fmt.num(kl[0]), Fmt.num(kl[klPeak]), klPeak + 1,
        Fmt.num(kl[epochs - 1]), Trajectory.opposedSteps(recon, kl), epochs - 1);
    // direction changes of σ smoothed over a window of epochs: minibatch jitter averages out, a
    // real cycle would not
    int window = Math.max(1, epochs / 10);
    for (Run run : sweep) {
      double[] s = run.meanSigma();
      int low = Trajectory.argMin(s);
      System.out.printf("c = %-5s mean σ %s (epoch 1) → lowest %s (epoch %d) → %s (epoch %d); "
          + "direction changes: %d raw, %d smoothed over %d epochs%n", cs(run.c()), Fmt.num(s[0]),
          Fmt.num(s[low]), low + 1, Fmt.num(s[epochs - 1]), epochs, Trajectory.turns(s),
          Trajectory.turns(Trajectory.blockMeans(s, window)), window);
    }
    figNoiseDynamics(sweep, recon, kl, C[pick]);
  }

  private void figNoiseDynamics(List<Run> sweep, double[] recon, double[] kl, double c) {
    double[] ep = IntStream.rangeClosed(1, recon.length).asDoubleStream().toArray();
    // the first epoch's reconstruction is far above the rest: start the axis at epoch 2's value
    double top = Math.max(recon[Math.min(1, recon.length - 1)], recon[recon.length - 1] + 1);
    Figures.saveImage(Panels.row(List.of("the KL rises fast while the reconstruction falls, "
        + "peaks, then drifts down", "σ dips in the first epochs, then climbs back: one dip, no "
        + "cycles"), List.of(
        Panels.image(EpochCurves.twoAxes("Training at c = " + cs(c) + ": the two terms of the "
            + "loss", "epoch", ep, "reconstruction, nats per image", "reconstruction "
            + "−E_q[log p(x|z)] (left axis)", recon, top, "KL, nats per image",
            "KL(q(z|x) ‖ p(z)) (right axis)", kl)),
        Panels.image(EpochCurves.lines("Mean σ of q(z|x) over the test images, per c", "epoch",
            "mean σ", ep, sweep.stream().map(r -> "c = " + cs(r.c())).toArray(String[]::new),
            sweep.stream().map(Run::meanSigma).toArray(double[][]::new))))), "07_noise_dynamics");
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
   * ## Questions
   * Q1. Add c = 1 and c = 3 to the sweep. Where does the rate reach zero?
   * Q2. Replace the fixed σ by a learned one (`gaussian:learned`). Which c does the model pick?
   * Q3. Make the collapse run's latent 2-D and plot μ(x) for the test images. What does it look
   *     like?
   */

  /** 0.003 rather than 0.003000. */
  static String cs(double c) {
    return java.math.BigDecimal.valueOf(c).stripTrailingZeros().toPlainString();
  }
}
