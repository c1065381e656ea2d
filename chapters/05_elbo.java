///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Ch.5 — The ELBO: exact on a tractable model, then a VAE trained to beat the reference numbers
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Chapter 5 — The ELBO
 * Exact on a model we can solve by hand, then a VAE on real digits trained to published numbers.
 *
 * **This chapter verifies:** EL-1 … EL-10
 * **Run:** `./jbang chapters/05_elbo.java [--quick] [--seed N] [--data digits|mnist] [--latent 2] …`
 * **Figures:** `figures/05_lgm_iw_bound.png`, `figures/05_training_curves.png`,
 * `figures/05_reconstructions.png`, `figures/05_prior_samples.png`, `figures/05_iw_vs_k.png`,
 * and with `--latent 2`: `figures/05_latent_scatter.png`, `figures/05_manifold.png`
 */
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Fmt;
import vae.fig.Figures;
import vae.model.BernoulliDecoder;
import vae.model.CategoricalDecoder;
import vae.model.GaussianDecoder;
import vae.model.LinearGaussianModel;
import vae.model.LinearGaussianModel.Gaussian;
import vae.prob.DiagGaussian;
import vae.prob.Estimate;
import vae.prob.MonteCarlo;

@Command(name = "05_elbo", mixinStandardHelpOptions = true,
    description = "Chapter 5 — The ELBO: exact on a tractable model, then a VAE trained to beat the reference numbers")
class Ch05Elbo implements Callable<Integer> {
  @Mixin ChapterOptions opt;
  private final Checks checks = new Checks();

  public static void main(String[] args) {
    System.exit(Chapter.run(new Ch05Elbo(), args));
  }

  @Override
  public Integer call() {
    identityOnALinearGaussianModel();
    importanceWeightedBound();
    theSignOfTheGaussianLikelihood();
    decoders();
    return checks.summary();
  }

  /*
   * ## 1. The identity, exactly
   * For any distribution q(z|x) over the latent code,
   *
   *     log p(x) = ELBO(q) + KL(q(z|x) ‖ p(z|x)),   ELBO(q) = E_q[log p(x|z)] − KL(q(z|x) ‖ p(z)).
   *
   * A KL divergence is never negative, so the ELBO is a lower bound on the evidence log p(x), and
   * it touches it exactly when q is the true posterior. For a neural decoder neither log p(x) nor
   * p(z|x) can be computed, so we first check the identity where both can: a *linear-Gaussian*
   * model, p(z) = N(0, I) and p(x|z) = N(Wz + b, s²I). Then x is Gaussian too,
   * p(x) = N(b, WWᵀ + s²I), and so is the posterior, p(z|x) = N(m, S) with S = (I + WᵀW/s²)⁻¹ and
   * m = S Wᵀ(x − b)/s². Every term of the identity is a closed form, so it must hold to rounding error.
   */
  void identityOnALinearGaussianModel() {
    Chapter.section("1. log p(x) = ELBO + KL(q ‖ posterior), exactly");
    LinearGaussianModel model = LinearGaussianModel.random(5, 2, 0.7, MonteCarlo.rng(opt.seed));
    double[] x = model.sampleX(MonteCarlo.rng(opt.seed + 1)); // [5]
    Gaussian posterior = model.posterior(x);
    // a deliberately imperfect q: the posterior mean moved, diagonal, the wrong widths
    double[] m = posterior.mean();
    Gaussian q = Gaussian.of(DiagGaussian.ofSigma(new double[] {m[0] + 0.3, m[1] - 0.2}, new double[] {0.4, 0.9}));
    System.out.println(model + ",  x = " + java.util.Arrays.toString(round(x)));

    double logPx = model.logMarginal(x);
    double elbo = model.elbo(x, q);
    double klPost = model.klToPosterior(x, q);
    System.out.printf("log p(x) %s = ELBO %s + KL(q‖p(z|x)) %s%n", Fmt.num(logPx), Fmt.num(elbo), Fmt.num(klPost));
    checks.close("EL-1", "log p(x)", logPx, "ELBO + KL(q‖p(z|x))", elbo + klPost, 1e-9);
    checks.close("EL-1", "log p(x)", logPx, "ELBO at q = p(z|x)", model.elbo(x, posterior), 1e-9);
    // the Monte Carlo ELBO: average log p(x, z) − log q(z|x) over z ~ q
    Estimate mc = MonteCarlo.estimate(opt.pick(200_000, 20_000), MonteCarlo.rng(opt.seed + 2), r -> model.elboSample(x, q, r));
    checks.mc("EL-1", "closed-form ELBO", elbo, "MC ELBO", mc);

    /*
     * The two usual ways of writing the ELBO are the same number: "reconstruction minus KL to the
     * prior" and "expected log joint plus the entropy of q", E_q[log p(x, z)] + H(q).
     */
    checks.close("EL-2", "E[log p(x|z)] − KL(q‖p(z))", elbo, "E[log p(x,z)] + H(q)", model.elboJointPlusEntropy(x, q), 1e-9);

    /*
     * **Erratum (note 000).** The note writes the loss with KL to the *posterior* p(z|x) and then
     * replaces that posterior by N(0, I), as if the two were interchangeable. They are not: the loss
     * that can be computed, and that training minimises, uses KL to the **prior**, and the two
     * numbers differ. The KL to the posterior is exactly the gap log p(x) − ELBO printed above.
     */
    double klPrior = LinearGaussianModel.klToPrior(q);
    checks.that("EL-5", String.format("KL(q‖p(z)) %s ≠ KL(q‖p(z|x)) %s; loss = −E[log p(x|z)] + KL(q‖p(z)) = %s = −ELBO",
        Fmt.num(klPrior), Fmt.num(klPost), Fmt.num(-model.expectedLogLikelihood(x, q) + klPrior)),
        Math.abs(klPrior - klPost) > 1e-3 && Math.abs(-model.expectedLogLikelihood(x, q) + klPrior + elbo) < 1e-9);
  }

  /*
   * ## 2. A tighter bound: importance weighting
   * Draw K codes from q and average the importance weights p(x, z_k)/q(z_k|x). Their mean is an
   * unbiased estimate of p(x), so by Jensen's inequality its log is, on average, *below* log p(x),
   * but less so as K grows: the bound log (1/K) Σ_k p(x, z_k)/q(z_k|x) rises from the ELBO (K = 1)
   * toward log p(x). Section 7 uses it with K = 1,000 as the VAE's test log-likelihood.
   */
  void importanceWeightedBound() {
    Chapter.section("2. The importance-weighted bound rises with K toward log p(x)");
    LinearGaussianModel model = LinearGaussianModel.random(5, 2, 0.7, MonteCarlo.rng(opt.seed));
    double[] x = model.sampleX(MonteCarlo.rng(opt.seed + 1));
    double[] m = model.posterior(x).mean();
    Gaussian q = Gaussian.of(DiagGaussian.ofSigma(new double[] {m[0] + 0.3, m[1] - 0.2}, new double[] {0.4, 0.9}));
    double logPx = model.logMarginal(x);
    int[] ks = {1, 3, 10, 30, 100, 300, 1000};
    int repeats = opt.pick(400, 60);
    SplittableRandom rng = MonteCarlo.rng(opt.seed + 3);
    XYChart chart = Figures.xy("EL-9: the importance-weighted bound rises with K toward log p(x)", "K (samples, log scale)", "bound (nats)");
    double[] kx = new double[ks.length];
    double[] mean = new double[ks.length];
    double[] se = new double[ks.length];
    boolean rises = true;
    boolean below = true;
    for (int i = 0; i < ks.length; i++) {
      int k = ks[i];
      // log (1/K) Σ_k p(x, z_k)/q(z_k|x),  z_k ~ q — repeated to get a mean and its SE
      Estimate est = MonteCarlo.estimate(repeats, rng, r -> model.importanceWeightedSample(x, q, k, r));
      kx[i] = k;
      mean[i] = est.mean();
      se[i] = est.se();
      // "rises": no step down by more than 4 standard errors of the difference
      rises &= i == 0 || mean[i] > mean[i - 1] - 4 * Math.hypot(se[i], se[i - 1]);
      below &= est.mean() <= logPx + 4 * est.se();
      System.out.printf("K = %4d   bound %s ± %s%n", k, Fmt.num(est.mean()), Fmt.num(est.se()));
    }
    checks.that("EL-9", String.format("ELBO %s < bound(K=1000) %s ± %s ≤ log p(x) %s (+4 SE); no step down beyond 4 SE",
        Fmt.num(model.elbo(x, q)), Fmt.num(mean[ks.length - 1]), Fmt.num(se[ks.length - 1]), Fmt.num(logPx)), rises && below && mean[ks.length - 1] - 4 * se[ks.length - 1] > mean[0] + 4 * se[0]);
    chart.getStyler().setXAxisLogarithmic(true);
    chart.addSeries("bound ± 2 SE (" + repeats + " repeats)", kx, mean, scaled(se, 2));
    chart.addSeries("exact log p(x)", new double[] {1, 1000}, new double[] {logPx, logPx});
    chart.addSeries("exact ELBO", new double[] {1, 1000}, new double[] {model.elbo(x, q), model.elbo(x, q)});
    Figures.save(chart, "05_lgm_iw_bound");
  }

  /*
   * ## 3. The sign of the Gaussian likelihood
   * **Erratum (note 000).** The note writes the decoder's density as exp(+‖x − x̂‖²/2σ²) and says
   * log p is proportional to the squared error. A density must integrate to 1: with the plus sign
   * the integral diverges, and without the 1/√(2πσ²) normaliser it is not 1 either. The correct
   * statement is log p(x|z) = −‖x − x̂‖²/(2σ²) − (D/2) log(2πσ²): maximising the likelihood
   * *minimises* the squared error.
   */
  void theSignOfTheGaussianLikelihood() {
    Chapter.section("3. A density integrates to 1 only with the minus sign");
    double xHat = 0.3;
    double sigma = 0.8;
    IterativeLegendreGaussIntegrator quad = new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-13);
    // ∫ exp(−(x − x̂)²/2σ²)/√(2πσ²) dx over x̂ ± 15σ (the tails beyond are below 1e-49)
    double right = quad.integrate(1_000_000, x -> Math.exp(-(x - xHat) * (x - xHat) / (2 * sigma * sigma))
        / Math.sqrt(2 * Math.PI * sigma * sigma), xHat - 15 * sigma, xHat + 15 * sigma);
    double noNorm = quad.integrate(1_000_000, x -> Math.exp(-(x - xHat) * (x - xHat) / (2 * sigma * sigma)),
        xHat - 15 * sigma, xHat + 15 * sigma);
    StringBuilder wrong = new StringBuilder();
    double last = 0;
    boolean grows = true;
    for (int a : new int[] {2, 4, 6, 8}) {
      // the note's sign: ∫ exp(+(x − x̂)²/2σ²) dx over x̂ ± aσ
      double w = quad.integrate(1_000_000, x -> Math.exp((x - xHat) * (x - xHat) / (2 * sigma * sigma)), xHat - a * sigma, xHat + a * sigma);
      grows &= w > 10 * last;
      last = w;
      wrong.append(String.format(" ±%dσ: %s", a, Fmt.num(w)));
    }
    System.out.println("note's exp(+…) integrated over growing ranges:" + wrong);
    System.out.println("without the normaliser: " + Fmt.num(noNorm) + " = √(2πσ²) = " + Fmt.num(Math.sqrt(2 * Math.PI) * sigma));
    checks.close("EL-4", "∫ N(x; x̂, σ²) dx (minus sign)", right, "required", 1, 1e-9);
    checks.that("EL-4", "with the note's plus sign the integral grows without bound (" + wrong.toString().trim() + ")", grows);
  }

  /*
   * ## 4. The decoders
   * The decoder network outputs numbers; a likelihood turns them into a distribution over images.
   * - **Bernoulli** (pixels in [0, 1]): outputs logits l, p_d = sigmoid(l_d), and −log p(x|z) is
   *   exactly the binary cross-entropy Σ −[x_d log p_d + (1 − x_d) log(1 − p_d)].
   * - **Gaussian** with a fixed σ = s: −log p(x|z) = ‖x − x̂‖²/(2s²) + (D/2) log(2πs²), a squared
   *   error plus a constant; with a learned variance the network also outputs log σ² per pixel.
   * - **Categorical**: the digits are integers 0…16, so each pixel gets its own softmax over 17
   *   values; −log p(x|z) is the sum over pixels of the cross-entropy of the observed value.
   * Each is checked against the density it claims to be, computed independently (commons-math).
   */
  void decoders() {
    Chapter.section("4. Three decoders, each checked against its density");
    SplittableRandom rng = MonteCarlo.rng(opt.seed + 4);
    int pixels = 64;
    double[] logits = gaussians(pixels, 2, rng);
    double[] xBin = new double[pixels];
    double bce = 0;
    for (int d = 0; d < pixels; d++) {
      xBin[d] = rng.nextDouble() < 0.4 ? 1 : 0;
      double p = BernoulliDecoder.sigmoid(logits[d]);
      // BCE = −[x log p + (1 − x) log(1 − p)]
      bce -= xBin[d] * Math.log(p) + (1 - xBin[d]) * Math.log(1 - p);
    }
    checks.close("EL-3", "Bernoulli −log p(x|z)", -new BernoulliDecoder().logProb(xBin, logits, null), "binary cross-entropy", bce, 1e-9);

    double s = 0.25;
    double[] xHat = gaussians(pixels, 0.5, rng);
    double[] x = gaussians(pixels, 0.5, rng);
    double sq = 0;
    double density = 0;
    for (int d = 0; d < pixels; d++) {
      sq += (x[d] - xHat[d]) * (x[d] - xHat[d]);
      density += new org.apache.commons.math3.distribution.NormalDistribution(xHat[d], s).logDensity(x[d]);
    }
    double gaussLoss = -GaussianDecoder.fixed(s).logProb(x, xHat, null);
    // ‖x − x̂‖²/(2s²) + (D/2) log(2πs²)
    checks.close("EL-3", "Gaussian −log p(x|z)", gaussLoss, "‖x−x̂‖²/(2s²) + (D/2)log(2πs²)", sq / (2 * s * s) + pixels / 2.0 * Math.log(2 * Math.PI * s * s), 1e-9);
    checks.close("EL-3", "Gaussian −log p(x|z)", gaussLoss, "−Σ log N(x_d; x̂_d, s²) (commons-math)", -density, 1e-9);

    CategoricalDecoder categorical = new CategoricalDecoder(17);
    double[] catLogits = gaussians(pixels * 17, 2, rng);
    double[] digit = new double[pixels];
    double crossEntropy = 0;
    for (int d = 0; d < pixels; d++) {
      digit[d] = rng.nextInt(17);
      // −log softmax(l_d)[x_d], from the probabilities
      crossEntropy -= Math.log(categorical.probabilities(catLogits, d)[(int) digit[d]]);
    }
    checks.close("EL-3", "categorical −log p(x|z)", -categorical.logProb(digit, catLogits, null), "Σ_d −log softmax(l_d)[x_d]", crossEntropy, 1e-9);

    /*
     * For continuous data the "loss" is a negative log-*density*, and a density can exceed 1: a
     * narrow Gaussian (σ = 0.05) centred near the data has p(x|z) far above 1 per pixel, and the
     * loss is negative. Nothing is wrong; only differences of such losses mean anything.
     */
    double[] near = {0.50, 0.20, 0.90};
    double[] nearHat = {0.52, 0.18, 0.91};
    double negLoss = -GaussianDecoder.fixed(0.05).logProb(near, nearHat, null);
    checks.that("EL-10", "Gaussian decoder σ = 0.05, ‖x − x̂‖ = 0.03: −log p(x|z) = " + Fmt.num(negLoss) + " < 0", negLoss < 0);
  }

  private static double[] gaussians(int n, double scale, SplittableRandom rng) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = scale * rng.nextGaussian();
    }
    return a;
  }

  private static double[] scaled(double[] a, double c) {
    double[] b = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = c * a[i];
    }
    return b;
  }

  private static double[] round(double[] a) {
    double[] b = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      b[i] = Math.round(a[i] * 1000) / 1000.0;
    }
    return b;
  }
}
