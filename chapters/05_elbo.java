///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Ch.5 — The ELBO: exact on a tractable model, then a VAE trained to beat the reference
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Chapter 5 — The ELBO: exact on a tractable model, then a VAE trained to beat the reference
 * Exact on a model we can solve by hand, then a VAE on real digits trained to published numbers.
 *
 * **This chapter verifies:** EL-1 … EL-13
 * **Run:** `./jbang chapters/05_elbo.java [--quick] [--seed N] [--data digits|mnist] …`
 * **Figures:** `figures/05_graphical_model.png`, `05_encoder_diagram.png`,
 * `05_decoder_diagram.png`, `05_vae_diagram.png`, `figures/05_lgm_iw_bound.png`,
 * `figures/05_training_curves.png`, `figures/05_reconstructions.png`,
 * `figures/05_prior_samples.png`, `figures/05_iw_vs_k.png`, and with `--latent 2`:
 * `figures/05_latent_scatter.png`, `figures/05_manifold.png`
 *
 * Each claim in one line (its source, tests and tolerance are in `CLAIMS.md`):
 * - **EL-1** — log p(x) = ELBO + KL(q‖p(z|x)): a lower bound, exact when q is the posterior
 * - **EL-2** — ELBO = E_q[log p(x|z)] − KL(q(z|x) ‖ p(z))
 * - **EL-3** — −log p(x|z) is the BCE (Bernoulli) or a scaled squared error + constant (Gaussian)
 * - **EL-4** — Erratum: the Gaussian likelihood has a minus sign in its exponent and a normaliser
 * - **EL-5** — Erratum: the loss's KL term is to the prior p(z), not to the posterior p(z|x)
 * - **EL-6** — Erratum: encoder and decoder are trained together on one loss, not in turns
 * - **EL-7** — One sample of z per image (L = 1) is enough when minibatches are large
 * - **EL-8** — Hand-written backprop gradients equal finite differences
 * - **EL-9** — The importance-weighted bound lies above the ELBO and rises with K toward log p(x)
 * - **EL-10** — For continuous data the loss −log p(x|z) can be negative: densities exceed 1
 * - **EL-11** — The VAE's own log-weights are exact: at q = p(z|x) each one equals log p(x)
 * - **EL-12** — The VAE's mean log-weight is its ELBO: recon − closed-form KL, in expectation
 * - **EL-13** — The VAE's importance-weighted bound converges to log p(x) as K grows
 * - **REF** — Not a claim of the notes: the trained VAE meets the PyTorch-reference targets
 */
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.distribution.NormalDistribution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Experiment;
import vae.book.ExperimentOptions;
import vae.book.ExperimentTraining;
import vae.book.Fmt;
import vae.data.Digits;
import vae.fig.BoundVsK;
import vae.fig.DecoderPictures;
import vae.fig.Figures;
import vae.fig.Schematics;
import vae.fig.TrainingCurves;
import vae.model.BernoulliLikelihood;
import vae.model.CategoricalLikelihood;
import vae.model.Cooperation;
import vae.model.Dataset;
import vae.model.GaussianLikelihood;
import vae.model.LinearGaussianModel;
import vae.model.LogWeightChecks;
import vae.model.SamplesPerImage;
import vae.model.Vae;
import vae.model.VaeGradCheck;
import vae.nn.GradCheck;
import vae.prob.DiagGaussian;
import vae.prob.Estimate;
import vae.prob.ImportanceCurve;
import vae.prob.MonteCarlo;
import vae.prob.MvGaussian;

@Command(name = "05_elbo", mixinStandardHelpOptions = true,
    description = "Chapter 5 — The ELBO: exact on a tractable model, then a VAE trained to beat "
        + "the reference")
class Ch05Elbo implements Callable<Integer> {
  @Mixin ChapterOptions opt;
  @Mixin ExperimentOptions flags; // --data, --decoder, --latent, …, --save, --load

  private final Checks checks = new Checks();
  private final long start = System.nanoTime();
  private LinearGaussianModel model; // sections 1–2: the model, one data point x, an imperfect q
  private double[] x;
  private MvGaussian q;

  public static void main(String[] args) {
    System.exit(Chapter.run(new Ch05Elbo(), args));
  }

  @Override
  public Integer call() {
    Experiment run = flags.experiment(opt);
    identityOnALinearGaussianModel();
    importanceWeightedBound();
    theVaeCodeOnThisModel();
    theSignOfTheGaussianLikelihood();
    decoders();
    gradientsOfTheWholeVae();
    Vae vae = train(run);
    oneSampleIsEnough();
    ImportanceCurve eval = evaluate(run, vae);
    figPictures(run, vae);
    int exit = checks.summary();
    System.out.println(run.result(-eval.elbo().mean(), -eval.last().mean(), epochs,
        (System.nanoTime() - start) / 1e9));
    return exit;
  }

  /*
   * ## 1. The identity, exactly
   * For any distribution q(z|x) over the latent code,
   *
   *     log p(x) = ELBO(q) + KL(q(z|x) ‖ p(z|x)),   ELBO(q) = E_q[log p(x|z)] − KL(q(z|x) ‖ p(z)).
   *
   * It takes four lines. log p(x) does not depend on z, so it equals its own average over q; then
   * Bayes' rule p(x) = p(x, z)/p(z|x) inside, and multiply and divide by q(z|x):
   *
   *     log p(x) = E_q[log p(x)]
   *              = E_q[log p(x, z) − log p(z|x)]
   *              = E_q[log p(x, z) − log q(z|x)] + E_q[log q(z|x) − log p(z|x)]
   *              = ELBO(q) + KL(q(z|x) ‖ p(z|x)),
   *
   * and splitting log p(x, z) = log p(x|z) + log p(z) in the first term gives the second form of
   * the ELBO. A KL divergence is never negative, so the ELBO is a lower bound on the evidence
   * log p(x), touching it exactly when q is the true posterior. Jensen's inequality for the
   * concave log, E[log Y] ≤ log E[Y], gives the same bound in one line (note 001's route):
   * log p(x) = log E_q[p(x, z)/q(z|x)] ≥ E_q[log p(x, z)/q(z|x)] = ELBO. Jensen shows *that* it
   * is a bound; the identity shows by *how much*: the gap is exactly KL(q ‖ p(z|x)).
   *
   * For a neural decoder neither log p(x) nor p(z|x) can be computed, so we check the identity
   * where both can: a *linear-Gaussian* model, p(z) = N(0, I), p(x|z) = N(Wz + b, s²I). Then
   * p(x) = N(b, WWᵀ + s²I) and p(z|x) = N(m, S) with S = (I + WᵀW/s²)⁻¹, m = S Wᵀ(x − b)/s².
   * Every term is a closed form, so the identity must hold to rounding error. *Graded exercise
   * 5.2* — `model.elbo(x, q)` below is `LinearGaussianModel.elbo`, the first form of the ELBO
   * from two closed forms; in a student copy you write it.
   */
  void identityOnALinearGaussianModel() {
    Chapter.section("1. log p(x) = ELBO + KL(q ‖ posterior), exactly");
    SplittableRandom rng = opt.rng("identity");
    model = LinearGaussianModel.random(5, 2, 0.7, rng);
    x = model.sampleX(rng); // [5]
    MvGaussian posterior = model.posterior(x);
    // a deliberately imperfect q: the posterior mean moved, diagonal, the wrong widths
    double[] m = posterior.mu();
    q = MvGaussian.of(DiagGaussian.ofSigma(new double[] {m[0] + 0.3, m[1] - 0.2},
        new double[] {0.4, 0.9}));
    System.out.println(model + ",  x = " + Arrays.toString(
        Arrays.stream(x).map(v -> Math.round(v * 1000) / 1000.0).toArray()));
    double logPx = model.logMarginal(x);
    double elbo = model.elbo(x, q);
    double klPost = model.klToPosterior(x, q);
    System.out.printf("log p(x) %s = ELBO %s + KL(q‖p(z|x)) %s%n", Fmt.num(logPx), Fmt.num(elbo),
        Fmt.num(klPost));
    checks.close("EL-1", "log p(x)", logPx, "ELBO + KL(q‖p(z|x))", elbo + klPost, 1e-9);
    checks.close("EL-1", "log p(x)", logPx, "ELBO at q = p(z|x)", model.elbo(x, posterior), 1e-9);
    // the Monte Carlo ELBO: average log p(x, z) − log q(z|x) over z ~ q
    checks.mc("EL-1", "closed-form ELBO", elbo, "MC ELBO", MonteCarlo.estimate(
        opt.pick(200_000, 20_000), rng, r -> model.elboSample(x, q, r)));
    /*
     * The two usual forms of the ELBO are one number: "reconstruction minus KL to the prior" and
     * "expected log joint plus the entropy of q", E_q[log p(x, z)] + H(q). The second takes
     * E_q[log p(x, z)] as a Gauss–Hermite sum of the pointwise log p(x, z) (exact: it is
     * quadratic in z), so the two share no code.
     */
    checks.close("EL-2", "E[log p(x|z)] − KL(q‖p(z))", elbo, "E[log p(x,z)] (quadrature) + H(q)",
        model.elboJointPlusEntropy(x, q), 1e-9);
    /*
     * **Erratum (note 000).** The note writes the loss with KL to the *posterior* p(z|x), then
     * replaces that posterior by N(0, I) as if the two were interchangeable. The loss that can be
     * computed, and that training minimises, uses KL to the **prior**; KL to the posterior is the
     * gap log p(x) − ELBO printed above, a different number.
     */
    double klPrior = LinearGaussianModel.klToPrior(q);
    // the loss, −E[log p(x|z)] + KL(q‖p(z)), is −ELBO by definition: printed, not checked
    System.out.printf("loss = −E[log p(x|z)] + KL(q‖p(z)) = %s = −ELBO (the definition)%n",
        Fmt.num(-model.expectedLogLikelihood(x, q) + klPrior));
    checks.that("EL-5", String.format("KL(q‖p(z)) %s ≠ KL(q‖p(z|x)) %s (= log p(x) − ELBO)",
        Fmt.num(klPrior), Fmt.num(klPost)), Math.abs(klPrior - klPost) > 1e-3);
    Figures.saveDiagram(Schematics.graphicalModel(), "05_graphical_model"); // z → x, q: x → z
  }

  /*
   * ## 2. A tighter bound: importance weighting
   * Draw K codes from q and average the importance weights p(x, z_k)/q(z_k|x). Their mean is an
   * unbiased estimate of p(x), so by Jensen its log is on average *below* log p(x), but less so
   * as K grows: log (1/K) Σ_k p(x, z_k)/q(z_k|x) rises from the ELBO (K = 1) toward log p(x).
   * Section 8 uses it with K = 1,000 as the VAE's test log-likelihood. *Graded exercise 5.3* —
   * one draw of this bound is `LinearGaussianModel.importanceWeightedSample`; you write it.
   */
  void importanceWeightedBound() {
    Chapter.section("2. The importance-weighted bound rises with K toward log p(x)");
    double logPx = model.logMarginal(x);
    double elbo = model.elbo(x, q);
    int[] ks = {1, 3, 10, 30, 100, 300, 1000};
    int repeats = opt.pick(400, 30);
    SplittableRandom rng = opt.rng("importance-weighted bound");
    // log (1/K) Σ_k p(x, z_k)/q(z_k|x),  z_k ~ q — repeated to get a mean and its SE
    Estimate[] est = Arrays.stream(ks).mapToObj(k -> MonteCarlo.estimate(repeats, rng,
        r -> model.importanceWeightedSample(x, q, k, r))).toArray(Estimate[]::new);
    boolean rises = true; // no step down by more than 4 standard errors of the difference
    boolean below = true;
    for (int i = 0; i < ks.length; i++) {
      Estimate e = est[i];
      rises &= i == 0 || e.mean() > est[i - 1].mean() - 4 * Math.hypot(e.se(), est[i - 1].se());
      below &= e.mean() <= logPx + 4 * e.se();
      System.out.printf("K = %4d   bound %s ± %s%n", ks[i], Fmt.num(e.mean()), Fmt.num(e.se()));
    }
    Estimate top = est[ks.length - 1];
    checks.that("EL-9", String.format("ELBO %s < bound(K=1000) %s ± %s ≤ log p(x) %s (4 SE); no "
        + "step down beyond 4 SE", Fmt.num(elbo), Fmt.num(top.mean()), Fmt.num(top.se()),
        Fmt.num(logPx)), rises && below && top.mean() - 4 * top.se() > elbo);
    Figures.save(BoundVsK.of("EL-9: the importance-weighted bound rises with K toward log p(x)",
        "K (samples, log scale)", "bound (nats)", "bound ± 2 SE (" + repeats + " repeats)", ks,
        est, false, List.of("exact log p(x)", "exact ELBO"), logPx, elbo), "05_lgm_iw_bound");
  }

  /*
   * **The code behind the headline numbers, checked where the answer is known.** Section 8's
   * numbers come from `Vae`'s own importance weights. A VAE with no hidden layers, the decoder
   * z ↦ Wz + b and a Gaussian likelihood with σ = s *is* this model, and its linear encoder can
   * output the exact posterior mean (`LinearGaussianModel.asVae`). When WᵀW is diagonal, so is the
   * posterior: q(z|x) is then p(z|x), and every log-weight log p(x|z) + log p(z) − log q(z|x)
   * must equal log p(x), whatever z was drawn. With section 1's W the posterior is not diagonal
   * and q is only its best diagonal fit; then on average the mean log-weight is the closed-form
   * ELBO, and the bound's gap to log p(x) is KL(q ‖ p(z|x)) at K = 1 and shrinks like 1/K. Both
   * are compared on 200 points, point by point, so the SE comes from the differences' spread.
   */
  void theVaeCodeOnThisModel() {
    SplittableRandom rng = opt.rng("the VAE code on the linear-Gaussian model");
    double worst = LogWeightChecks.worstExactError(
        LinearGaussianModel.randomOrthogonal(5, 2, 0.7, rng), 20, 100, rng);
    checks.that("EL-11", String.format("q = p(z|x): all 20 × 100 log-weights of the VAE code equal "
        + "the exact log p(x): worst |Δ| %s ≤ 1e-9", Fmt.sci(worst)), worst <= 1e-9);
    LogWeightChecks.OnModel c = LogWeightChecks.onModel(model, 200, opt.pick(1000, 200), rng);
    checks.close("EL-12", "Σ_i KL in the VAE's loss", c.lossKl(),
        "Σ_i full-covariance KL(q_i ‖ p(z))", c.fullKl(), 1e-9);
    checks.mc("EL-12", "exact", 0, "mean_k log w_ik − closed-form ELBO(x_i)", c.elboGap());
    for (int j = 0; j < c.ks().length; j++) {
      System.out.printf("K = %4d   log p(x) − bound %s ± %s%n", c.ks()[j],
          Fmt.num(c.gap()[j].mean()), Fmt.num(c.gap()[j].se()));
    }
    checks.mc("EL-13", "mean KL(q ‖ p(z|x)), exact", c.posteriorKl(), "gap at K = 1", c.gap()[0]);
    checks.mc("EL-13", "limit", 0, "gap at K = " + c.ks()[c.ks().length - 1],
        c.gap()[c.ks().length - 1]);
  }

  /*
   * ## 3. The sign of the Gaussian likelihood
   * **Erratum (note 000).** The note writes the decoder's density as exp(+‖x − x̂‖²/2σ²) and says
   * log p is proportional to the squared error. A density must integrate to 1: with the plus sign
   * the integral diverges, and without the 1/√(2πσ²) normaliser it is not 1 either. Correct:
   * log p(x|z) = −‖x − x̂‖²/(2σ²) − (D/2) log(2πσ²); maximising it *minimises* the squared error.
   */
  void theSignOfTheGaussianLikelihood() {
    Chapter.section("3. A density integrates to 1 only with the minus sign");
    double xHat = 0.3;
    double sigma = 0.8;
    double norm = Math.sqrt(2 * Math.PI * sigma * sigma); // √(2πσ²)
    DoubleUnaryOperator kernel = v -> Math.exp(-(v - xHat) * (v - xHat) / (2 * sigma * sigma));
    // ∫ exp(−(x − x̂)²/2σ²)/√(2πσ²) dx over x̂ ± 15σ (the tails beyond are below 1e-49)
    double right = integral(v -> kernel.applyAsDouble(v) / norm, xHat, 15 * sigma, 1e-13);
    double noNorm = integral(kernel, xHat, 15 * sigma, 1e-13);
    StringBuilder wrong = new StringBuilder();
    double last = 0;
    boolean grows = true;
    for (int a : new int[] {2, 4, 6, 8}) {
      // the note's sign, ∫ exp(+(x − x̂)²/2σ²) dx over x̂ ± aσ (coarse: enough to see growth)
      double w = integral(v -> 1 / kernel.applyAsDouble(v), xHat, a * sigma, 1e-6);
      grows &= w > 10 * last;
      last = w;
      wrong.append(String.format(" ±%dσ: %s", a, Fmt.num(w)));
    }
    System.out.println("note's exp(+…) integrated over growing ranges:" + wrong
        + "\nwithout the normaliser: " + Fmt.num(noNorm) + " = √(2πσ²) = " + Fmt.num(norm));
    checks.close("EL-4", "∫ N(x; x̂, σ²) dx (minus sign)", right, "required", 1, 1e-9);
    checks.that("EL-4", "with the note's plus sign the integral grows without bound ("
        + wrong.toString().trim() + ")", grows);
  }

  /** ∫ f over c ± h by adaptive Gauss–Legendre quadrature (commons-math), to tolerance tol. */
  private static double integral(DoubleUnaryOperator f, double c, double h, double tol) {
    return new IterativeLegendreGaussIntegrator(16, tol, tol)
        .integrate(1_000_000, f::applyAsDouble, c - h, c + h);
  }

  /*
   * ## 4. The decoders
   * The decoder network outputs numbers; a likelihood turns them into a distribution over images.
   * - **Bernoulli** (pixels in [0, 1]): logits l, p_d = sigmoid(l_d), and −log p(x|z) is exactly
   *   the binary cross-entropy Σ −[x_d log p_d + (1 − x_d) log(1 − p_d)].
   * - **Gaussian** with a fixed σ = s: −log p(x|z) = ‖x − x̂‖²/(2s²) + (D/2) log(2πs²), a squared
   *   error plus a constant; with a learned variance the network also outputs log σ² per pixel.
   * - **Categorical**: the digits are integers 0…16, so each pixel gets its own softmax over 17
   *   values; −log p(x|z) sums the cross-entropy of each observed value.
   * Each is checked against its density written out here, or computed by commons-math.
   */
  void decoders() {
    Chapter.section("4. Three decoders, each checked against its density");
    SplittableRandom rng = opt.rng("decoders");
    int pixels = 64;
    double[] logits = MonteCarlo.gaussians(pixels, 2, rng);
    double[] xBin = IntStream.range(0, pixels).mapToDouble(d -> rng.nextDouble() < 0.4 ? 1 : 0)
        .toArray();
    // BCE = Σ_d −[x_d log p_d + (1 − x_d) log(1 − p_d)],  p_d = sigmoid(l_d)
    double bce = IntStream.range(0, pixels).mapToDouble(d -> -xBin[d] * Math.log(
        BernoulliLikelihood.sigmoid(logits[d])) - (1 - xBin[d]) * Math.log(1
        - BernoulliLikelihood.sigmoid(logits[d]))).sum();
    checks.close("EL-3", "Bernoulli −log p(x|z)", -new BernoulliLikelihood().logProb(xBin, logits,
        null), "binary cross-entropy", bce, 1e-9);
    double s = 0.25;
    double[] xHat = MonteCarlo.gaussians(pixels, 0.5, rng);
    double[] xReal = MonteCarlo.gaussians(pixels, 0.5, rng);
    double gaussLoss = -GaussianLikelihood.fixed(s).logProb(xReal, xHat, null);
    // ‖x − x̂‖²/(2s²) + (D/2) log(2πs²)
    double sq = IntStream.range(0, pixels).mapToDouble(d -> Math.pow(xReal[d] - xHat[d], 2)).sum();
    checks.close("EL-3", "Gaussian −log p(x|z)", gaussLoss, "‖x−x̂‖²/(2s²) + (D/2)log(2πs²)",
        sq / (2 * s * s) + pixels / 2.0 * Math.log(2 * Math.PI * s * s), 1e-9);
    checks.close("EL-3", "Gaussian −log p(x|z)", gaussLoss, "−Σ log N(x_d; x̂_d, s²) (commons-math)",
        -IntStream.range(0, pixels).mapToDouble(d -> new NormalDistribution(xHat[d], s)
            .logDensity(xReal[d])).sum(), 1e-9);
    CategoricalLikelihood categorical = new CategoricalLikelihood(17);
    double[] catLogits = MonteCarlo.gaussians(pixels * 17, 2, rng);
    double[] digit = IntStream.range(0, pixels).mapToDouble(d -> rng.nextInt(17)).toArray();
    // Σ_d −log softmax(l_d)[x_d], from the probabilities
    double crossEntropy = -IntStream.range(0, pixels).mapToDouble(d -> Math.log(
        categorical.probabilities(catLogits, d)[(int) digit[d]])).sum();
    checks.close("EL-3", "categorical −log p(x|z)", -categorical.logProb(digit, catLogits, null),
        "Σ_d −log softmax(l_d)[x_d]", crossEntropy, 1e-9);
    /*
     * For continuous data the "loss" is a negative log-*density*, and a density can exceed 1: a
     * narrow Gaussian (σ = 0.05) centred near the data has p(x|z) far above 1 per pixel, and the
     * loss is negative. Nothing is wrong; only differences of such losses mean anything.
     */
    double negLoss = -GaussianLikelihood.fixed(0.05).logProb(new double[] {0.50, 0.20, 0.90},
        new double[] {0.52, 0.18, 0.91}, null);
    checks.that("EL-10", "Gaussian decoder σ = 0.05, ‖x − x̂‖ = 0.03: −log p(x|z) = "
        + Fmt.num(negLoss) + " < 0", negLoss < 0);
  }

  /*
   * ## 5. Trust the gradients first
   * Training follows the gradient of −ELBO through the decoder, the reparameterized sample
   * z = μ + σ ⊙ ε and the encoder. Before trusting it, compare it with central finite differences
   * (L(θ + h) − L(θ − h))/2h on a small VAE, with ε fixed so the loss is a deterministic function
   * of the weights, for each decoder of section 4 (each has its own backward pass; the table is
   * the categorical one). *Graded exercise 5.1* — every layer's backward pass here is
   * `Dense.backward` (∂L/∂W, ∂L/∂b, ∂L/∂x); in a student copy you write it, and this check grades it.
   */
  void gradientsOfTheWholeVae() {
    Chapter.section("5. Backprop through the whole VAE equals finite differences");
    SplittableRandom rng = opt.rng("gradients");
    var pixels = VaeGradCheck.pixels(rng); // 3 images of 8 pixels, levels 0…4: a small loss
    StringBuilder worstOf = new StringBuilder();
    double worst = 0;
    for (String lik : VaeGradCheck.LIKELIHOODS) {
      VaeGradCheck.Result r = VaeGradCheck.check(lik, pixels, rng, opt.seed("gradients: ε"));
      if (worstOf.length() == 0) {
        System.out.println(r.config() + "\n" + GradCheck.header());
        r.rows().forEach(System.out::println);
      }
      worst = Math.max(worst, r.worst()); // a NaN anywhere stays NaN and fails the check
      worstOf.append((worstOf.length() == 0 ? "" : ", ") + lik + " " + Fmt.sci(r.worst()));
    }
    checks.that("EL-8", String.format("VAE 8→6→2, every decoder: worst relative error %s < %s",
        worstOf, Fmt.sci(GradCheck.TOLERANCE)), worst < GradCheck.TOLERANCE);
  }

  private int epochs; // how many epochs the headline model trained (0 if loaded)

  /*
   * ## 6. Training a VAE
   * The encoder maps an image to (μ, log σ²); z = μ + σ ⊙ ε; the decoder maps z to 17 logits per
   * pixel. Why log σ², when note 000 writes σ? A network's output is any real number and σ must
   * be positive: σ = exp(½ log σ²) is valid for every output with no clipping, the KL's log σ²
   * term becomes linear in the output, and tiny and large spreads are equally easy to reach. The
   * loss of one image is the negative ELBO,
   *
   *     −ELBO = −E_q[log p(x|z)] + KL(q(z|x) ‖ N(0, I)),
   *
   * the first term from one sample of z, the second in closed form (chapter 02). **Both networks
   * follow the gradient of this one number, in the same step**: backprop fills the gradients of
   * encoder and decoder, and one Adam step updates all of them.
   *
   * **Erratum (note 000).** The note trains encoder and decoder in turn, one frozen while the
   * other learns, "like a GAN". A GAN alternates because its two networks pursue *opposite*
   * objectives; a VAE's two *cooperate* on one bound, differentiable in both at once through the
   * reparameterization. We split each step's update into its encoder and decoder parts and
   * evaluate the one bound (ε fixed) with only one part applied. In the first 64 steps of our
   * training both networks move in every step, and summed over them each part raises the bound
   * (one step's encoder part is often too small to see above the noise). On a small VAE taking
   * whole-data gradient steps, each network's step raises the bound, the other's objective too,
   * in every step; on the smallest GAN (a point against a linear discriminator) each player's
   * step *lowers* the other's objective. The check fails if training froze a network (the note's
   * scheme) or pushed one against the bound. It does not show that alternating steps reach a
   * worse bound: that is coordinate ascent on one objective, cooperative too, only slower.
   *
   * Three details, all about generalising from 1,000 images: early stopping (20 epochs without a
   * better validation bound; the best epoch is kept); after every Adam step θ ← θ − lr·λ·θ with
   * λ = 0.6 (decoupled weight decay, as in AdamW); and we evaluate a running average of the
   * iterates, θ̄ ← 0.995·θ̄ + 0.005·θ (Polyak averaging). None changes the model or the bound.
   */
  Vae train(Experiment run) {
    Chapter.section("6. Training encoder and decoder jointly on one bound");
    System.out.println(run.splits()); // MNIST: no validation split; the test loss is watched
    if (run.loaded() != null) {
      System.out.println("loaded " + run.load() + ": " + run.loaded() + " (no training, so no "
          + "EL-6 check)");
      return run.loaded();
    }
    SplittableRandom rng = Experiment.trainingRng(opt.seed); // the headline model's stream
    Vae vae = run.newVae(rng);
    System.out.println(vae + "\n" + run.plan());
    double before = vae.evaluate(run.val(), rng).negElbo();
    // Trainer.fit on −ELBO, one line per epoch; the first 64 steps split by network
    ExperimentTraining t = ExperimentTraining.fit(run, vae, rng, opt.seed("EL-6 probe"), 64);
    double after = t.watchedNegElbo();
    System.out.println(t.summary() + ": " + run.watched() + " −ELBO " + Fmt.num(after));
    checks.that("EL-6", String.format("one loss, one optimiser over encoder + decoder (%d "
        + "parameters): %s −ELBO %s → %s", vae.parameterCount(), run.watched(), Fmt.num(before),
        Fmt.num(after)), after < before - 1);
    int n = t.effects().size();
    long both = t.bothMoved();
    double enc = t.encoderRise();
    double dec = t.decoderRise();
    SplittableRandom coop = opt.rng("cooperation");
    Vae small = SamplesPerImage.small(coop);
    Cooperation c = Cooperation.measure(small, Dataset.digits(Digits.load().train,
        small.likelihood()), 32, coop, opt.seed("cooperation: probe"));
    System.out.printf("our training, first %d steps: the encoder's parts raised the bound by %s "
        + "nats in all, the decoder's by %s%n%s%n", n, Fmt.num(enc), Fmt.num(dec),
        c.table(0, 1, 2, 4, 8, 16, 31));
    checks.that("EL-6", String.format("training moved both networks in %d/%d steps (summed rise: "
        + "encoder %s, decoder %s); whole-data steps: each network's step raised the one bound in "
        + "%d/32; Dirac-GAN: each player's step lowered the other's objective in %d/32", both, n,
        Fmt.num(enc), Fmt.num(dec), c.helped(), c.hurt()),
        both == n && enc > 0 && dec > 0 && c.helped() == 32 && c.hurt() == 32);
    run.saveIfAsked(vae).ifPresent(System.out::println);
    epochs = t.history().epochs().size();
    figTraining(run, t);
    return vae;
  }

  /** The networks drawn, and per epoch the reconstruction term with the KL stacked on it. */
  private void figTraining(Experiment run, ExperimentTraining t) {
    Figures.saveDiagram(Schematics.encoder(), "05_encoder_diagram");
    Figures.saveDiagram(Schematics.decoder(), "05_decoder_diagram");
    Figures.saveDiagram(Schematics.vae(), "05_vae_diagram");
    Figures.save(TrainingCurves.of("Training: −ELBO = reconstruction + KL falls for train and "
        + run.watched(), run.watched(), t.history().curves()), "05_training_curves");
  }

  /*
   * ## 7. One sample of z per image is enough
   * The reconstruction term is estimated from L samples of z per image, so at fixed weights the
   * gradient's variance falls like 1/L: we measure tr Cov[∇] over repeated ε on one minibatch for
   * L = 1, 5, 25 (the mean of ½‖g_a − g_b‖² over independent pairs, with its SE) and check that
   * Var(L = 1)/Var(L) is L. But a minibatch of M images already averages M draws, so extra samples
   * buy little: a small VAE trained from the same initial weights with L = 1 and L = 5 ends at
   * the same bound, up to what a change of seed does (three seeds; the tolerance is 4 SE of the
   * difference of the two means). Paired by seed, L = 5 is often a little ahead (printed): the
   * extra samples help, by less than the seed changes the result.
   */
  void oneSampleIsEnough() {
    Chapter.section("7. L = 1 against L = 5 after the same number of steps");
    int seeds = 3;
    int epochs = opt.pick(20, 4);
    // 2 × 3 small VAEs trained, then tr Cov[∇] at the first one's weights, 16 validation images
    SamplesPerImage e = SamplesPerImage.run(Digits.load(), seeds, epochs, opt.pick(100, 50),
        opt::rng);
    for (int s = 0; s < seeds; s++) {
      System.out.printf("run %d: validation −ELBO after %d steps: L = 1 %.2f, L = 5 %.2f%n",
          s + 1, epochs * 16, e.bound()[0][s], e.bound()[1][s]);
    }
    StringBuilder ratios = new StringBuilder();
    boolean falls = true;
    for (int j = 0; j < e.ls().length; j++) {
      System.out.printf("L = %2d: tr Cov[∇] %s ± %s%n", e.ls()[j], Fmt.num(e.noise()[j].mean()),
          Fmt.num(e.noise()[j].se()));
      Estimate r = e.ratio(j); // Var(1)/Var(L), SE by the delta method
      falls &= Math.abs(r.mean() - e.ls()[j]) <= 4 * r.se();
      ratios.append(j == 0 ? "" : String.format("%sL = %d: %s ± %s", j == 1 ? "" : ", ",
          e.ls()[j], Fmt.num(r.mean()), Fmt.num(r.se())));
    }
    checks.that("EL-7", "gradient variance falls like 1/L: Var(L = 1)/Var(L) for " + ratios
        + " (4 SE)", falls);
    // the difference of the mean bounds over seeds, with the SE of two independent means
    Estimate one = e.mean(0);
    Estimate five = e.mean(1);
    double diff = Math.abs(one.mean() - five.mean());
    double se = Math.hypot(one.se(), five.se());
    System.out.printf("paired over seeds (same initial weights): L = 1 − L = 5 = %s ± %s%n",
        Fmt.num(e.paired().mean()), Fmt.num(e.paired().se()));
    checks.that("EL-7", String.format("−ELBO over %d seeds, L = 1 %s ± %s vs L = 5 %s ± %s: "
        + "|Δ| %s ≤ 4 SE = %s", seeds, Fmt.num(one.mean()), Fmt.num(one.se()),
        Fmt.num(five.mean()), Fmt.num(five.se()), Fmt.num(diff), Fmt.num(4 * se)), diff <= 4 * se);
  }

  /*
   * ## 8. The test bound and the test log-likelihood
   * On the test images we report two numbers in nats per image: the **ELBO**, the bound the model
   * was trained on, and the **log-likelihood** log p(x), estimated by importance sampling
   * (section 2) with K = 1,000 codes from q(z|x) per image, averaged in log space (log-sum-exp,
   * so nothing underflows): log p(x) ≈ log (1/K) Σ_k p(x|z_k) p(z_k)/q(z_k|x). The same 1,000
   * log-weights give the ELBO (their plain mean) and the bound for every smaller K (their first
   * K), so the curve against K costs nothing extra. It should rise with K (EL-9).
   */
  ImportanceCurve evaluate(Experiment run, Vae vae) {
    Chapter.section("8. Test −ELBO and test log-likelihood by importance sampling (K = " + run.k()
        + ")");
    // MNIST: the K-sample pass on the first 1,000 test images (all 10,000 would take 10× longer)
    Dataset test = run.mnist() ? run.test().head(1000) : run.test();
    long t0 = System.nanoTime();
    // log w_ik = log p(x_i|z_k) + log p(z_k) − log q(z_k|x_i),  z_k ~ q(z|x_i)    [images][K]
    double[][] logW = vae.logImportanceWeights(test, run.k(), Experiment.testRng(opt.seed));
    System.out.printf("%d test images × %d samples through the decoder in %.1f s%n", test.size(),
        run.k(), (System.nanoTime() - t0) / 1e9);
    // ELBO_i ≈ (1/K) Σ_k log w_ik;   log p(x_i) ≈ log (1/K) Σ_{k ≤ K} w_ik, for each K ≤ run.k()
    ImportanceCurve curve = ImportanceCurve.of(logW, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000,
        5000);
    Estimate elbo = curve.elbo();
    Estimate nll = curve.last();
    System.out.printf("test −ELBO %.2f ± %.2f | test NLL (IS, K = %d) %.2f ± %.2f nats per image%n",
        -elbo.mean(), elbo.se(), run.k(), -nll.mean(), nll.se());
    int[] ks = curve.ks();
    StringBuilder steps = new StringBuilder("K=1 " + Fmt.num(-curve.bound()[0].mean()));
    IntStream.range(1, ks.length).filter(j -> ks[j] == 10 || ks[j] == 100 || ks[j] == 1000)
        .forEach(j -> steps.append(" → K=" + ks[j] + " " + Fmt.num(-curve.bound()[j].mean())));
    Estimate gain = curve.gain(); // paired over images: the rise from K = 1 to the largest K
    checks.that("EL-9", String.format("test NLL bound %s; K=1 → K=%d gains %s ± %s nats (paired), "
        + "no step back beyond 4 SE", steps, ks[ks.length - 1], Fmt.num(gain.mean()),
        Fmt.num(gain.se())), curve.rises() && gain.mean() > 4 * gain.se());
    theHeadlineEstimatorOnTheTrainedVae(vae, test);
    if (run.reference()) { // Tomczak, Deep Generative Modeling, VAE example (PyTorch, Adamax,
      // patience 20), mean of 3 seeds
      checks.that("REF", String.format("test NLL (IS, K=1000) %.2f ≤ 92.5 target (PyTorch "
          + "reference 93.5)", -nll.mean()), -nll.mean() <= 92.5);
      checks.that("REF", String.format("test −ELBO %.2f ≤ 96.0 target (PyTorch reference 96.9)",
          -elbo.mean()), -elbo.mean() <= 96.0);
    } else {
      System.out.println("(the comparison with the PyTorch reference applies to the default full "
          + "run only)");
    }
    Figures.save(BoundVsK.of("EL-9: the importance-sampled NLL bound tightens as K grows (test "
        + "set)", "K, samples per image (log scale)", "nats per image", "−log p̂(x), mean ± 2 SE "
        + "over images", ks, curve.bound(), true, List.of("−ELBO"), -elbo.mean()), "05_iw_vs_k");
    return curve;
  }

  /*
   * Section 2's checks where log p(x) is unknown. **(a)** On a few test images, the mean
   * log-weight against the ELBO with the KL in closed form and the reconstruction term from the
   * *same* codes: they differ by the mean of log p(z) − log q(z|x) plus the closed-form KL, zero in
   * expectation. **(b)** Importance sampling converges to log p(x) from *any* proposal that covers
   * the posterior: proposals with q's spread widened by 1.2 and by 1.5 are two estimators of one
   * log p(x), so at large K they must agree. An error in the weights' densities that depends on σ
   * would pull them apart.
   */
  void theHeadlineEstimatorOnTheTrainedVae(Vae vae, Dataset test) {
    SplittableRandom rng = opt.rng("the estimator on the trained VAE");
    Dataset few = test.head(opt.pick(50, 20));
    checks.mc("EL-12", "exact", 0, few.size() + " test images: mean log w − (recon − KL)",
        LogWeightChecks.elboGap(vae, few, opt.pick(200, 50), rng));
    Dataset some = test.head(opt.pick(100, 30));
    int k = opt.pick(1000, 300);
    LogWeightChecks.Proposals p = LogWeightChecks.proposals(vae, some, k, rng);
    System.out.printf("%d test images, K = %d: widened ×1.2 %s, ×1.5 %s, q itself %s nats; q is "
        + "%s ± %s short of ×1.2%n", some.size(), k, Fmt.num(MonteCarlo.of(p.wide12()).mean()),
        Fmt.num(MonteCarlo.of(p.wide15()).mean()), Fmt.num(MonteCarlo.of(p.own()).mean()),
        Fmt.num(p.qShort().mean()), Fmt.num(p.qShort().se()));
    checks.mc("EL-13", "one limit", 0, "bound(×1.5) − bound(×1.2), paired", p.apart());
  }

  /*
   * ## 9. Pictures
   * Reconstructions (a data row over its reconstruction, decoded at z = μ), new images decoded
   * from z ~ N(0, I), each latent dimension traversed, and with `--latent 2` the test set's codes
   * and the decoded latent plane (z = (Φ⁻¹(u), Φ⁻¹(v)) on an even grid of u, v in (0, 1)).
   */
  void figPictures(Experiment run, Vae vae) {
    Chapter.section("9. Reconstructions, samples from the prior, the latent space");
    new DecoderPictures(in -> vae.encode(in).mu(), vae::decodeMean, vae.config().latent(),
        run.pixelMax(), run.side()).save("05", run.test().input(), run.test().target().a,
        run.test().labels(), opt.rng("pictures"));
  }

  /*
   * ## Summary
   * - On a model with known answers, log p(x) = ELBO + KL(q ‖ p(z|x)) holds to rounding error;
   *   the ELBO is a lower bound, tight exactly at the true posterior, and the importance-weighted
   *   bound closes most of the gap as K grows.
   * - Three errata of note 000 are corrected with numbers: the Gaussian likelihood carries a minus
   *   sign and a normaliser, the loss uses KL to the prior (not the posterior), and encoder and
   *   decoder are trained together on one objective, not in turns.
   * - The likelihood decides what "reconstruction error" means: binary cross-entropy, scaled
   *   squared error plus a constant, or a per-pixel softmax; for densities the loss may be < 0.
   * - A VAE written from scratch in plain Java, trained with Adam, early-stopped on the validation
   *   bound, and evaluated with 1,000 importance samples per test image, beats the PyTorch
   *   reference on the same data, split, architecture and likelihood. The default run (seed 42;
   *   `--init he`, the digits default; `--init pytorch` gives nn.Linear's initialisation, the
   *   `--data mnist` default) printed test −ELBO 95.59 and test NLL 92.14 nats (reference 96.9
   *   and 93.5), early-stopped after 64 epochs (best: 44), in 29.7 s on two idle cores (about
   *   half of it the 447 × 1,000-sample importance pass). Seeds 7 and 1 gave 95.78 / 92.22 and
   *   95.59 / 92.37: mean of three seeds 95.65 / 92.24.
   *
   * ## Questions
   * - Q1. Set `--beta 0` and then `--beta 4`: how do the reconstruction and KL terms of the
   *   curves move? (Chapter 06 measures this trade-off.)
   * - Q2. Train with `--latent 2` and look at `figures/05_manifold.png`: which digits share borders?
   * - Q3. In section 1, give q the true posterior's mean but a diagonal covariance. The gap
   *   log p(x) − ELBO is then the price of the mean-field assumption; compute it.
   * - Q4. Run `--samples 5` with a quarter of the epochs: is the time or the bound better spent?
   * - Q5. Replace the categorical decoder by `--decoder bernoulli` (pixels scaled to [0, 1]). Why
   *   are the two likelihoods' numbers not comparable?
   */
}
