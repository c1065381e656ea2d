///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Ch.3 — Monte Carlo: averages of random draws converge, at the rate 1/√N
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Chapter 3 — Monte Carlo: averages of random draws converge, at the rate 1/√N
 * An expectation you cannot integrate is an average you can sample, and its error bar shrinks like
 * 1/√N.
 *
 * **This chapter verifies:** MC-1, MC-2, MC-3, MC-4, MC-20, MC-21, MC-22, ER-1, ER-2, ER-3
 *
 * **Run:** `./jbang chapters/03_monte_carlo.java [--quick] [--seed N]` (alias `./jbang mc`)
 *
 * **Figures:** `figures/03_darts.png`, `figures/03_running_pi.png`, `figures/03_error_rate.png`,
 * `figures/03_variance_vs_l.png`, `figures/03_coverage.png`, `figures/03_why_q.png`,
 * `figures/03_infinite_mixture.png` (+ `.svg`)
 *
 * Each claim in one line (its source, tests and tolerance are in `CLAIMS.md`):
 * - **MC-1** — Four times the fraction of random darts inside the quarter disc estimates π
 * - **MC-2** — A Monte Carlo mean converges, its error shrinking like 1/√N
 * - **MC-3** — The L-sample estimate of E_q[log p(x|z)] is unbiased, with variance ∝ 1/L
 * - **MC-4** — The interval mean ± 1.96 SE covers the true value about 95 % of the time
 * - **MC-20** — Averaging p(x|z) over prior draws is unbiased but fails far out and in high M
 * - **MC-21** — Importance sampling from a q near the posterior keeps p(x)'s relative error small
 * - **MC-22** — p(x) = ∫ p(x|z) p(z) dz is an infinite mixture of the Gaussians p(x|z)
 * - **ER-1** — Erratum: p(x|z) = N(f(z), cI) is a Gaussian, not a standard Gaussian
 * - **ER-2** — Erratum: p(h|x) and p(x|h) are different densities, linked by Bayes' rule
 * - **ER-3** — Erratum: reconstruction loss + KL is the loss −ELBO, not the ELBO
 *
 * The VAE's loss holds an expectation, E_q[log p(x|z)], that no one can integrate once the decoder
 * is a network, so the VAE averages over sampled codes z. We earn that move on examples with known
 * answers: such averages are unbiased, with an error the samples themselves predict (the SE).
 */
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Fmt;
import vae.fig.Estimators;
import vae.fig.Figures;
import vae.model.LinearGaussianModel;
import vae.model.MarginalEstimators;
import vae.model.MarginalEstimators.Comparison;
import vae.prob.DiagGaussian;
import vae.prob.ErrorScaling;
import vae.prob.Estimate;
import vae.prob.Gaussian1D;
import vae.prob.MonteCarlo;
import vae.prob.MvGaussian;
import vae.prob.Quadrature;

@Command(name = "03_monte_carlo", mixinStandardHelpOptions = true,
    description = "Chapter 3 — Monte Carlo: averages of random draws converge, at the rate 1/√N")
class Ch03MonteCarlo implements Callable<Integer> {
  @Mixin ChapterOptions opt;
  private final Checks checks = new Checks();

  public static void main(String[] args) {
    System.exit(Chapter.run(new Ch03MonteCarlo(), args));
  }

  @Override
  public Integer call() {
    darts();
    rate();
    reconstructionTerm();
    coverage();
    whyQ();
    infiniteMixture();
    summary();
    return checks.summary();
  }

  /*
   * ## 1. Darts and π
   * Throw darts uniformly at the unit square: the quarter disc x² + y² ≤ 1 covers π/4 of it, so
   * each dart's f = 4·1{inside} has expectation π. The estimate is the mean of n values of f, its
   * standard error s/√n with s their standard deviation: no knowledge of π needed.
   *
   * *Graded exercise 3.1* — `MonteCarlo.estimate(n, rng, draw)` below draws n values and returns
   * their mean and standard error in one pass; in a student copy you write it.
   */
  static boolean inside(double x, double y) { // the quarter disc x² + y² ≤ 1
    return x * x + y * y <= 1;
  }

  static double dart(SplittableRandom rng) { // f = 4·1{inside}, (x, y) uniform: E[f] = π
    return inside(rng.nextDouble(), rng.nextDouble()) ? 4 : 0;
  }

  void darts() {
    Chapter.section("1. Darts and π  (MC-1)");
    int n = opt.pick(1_000_000, 100_000);
    // π ≈ (1/n) Σ 4·1{x_i² + y_i² ≤ 1}
    Estimate pi = MonteCarlo.estimate(n, opt.rng("darts"), Ch03MonteCarlo::dart);
    checks.mc("MC-1", "π", Math.PI, String.format("4·fraction inside, %,d darts", n), pi);
    figDarts(n);
  }

  private void figDarts(int n) { // the same darts again: the first 3,000, and the running mean
    SplittableRandom rng = opt.rng("darts");
    double[][] xy = IntStream.range(0, n).mapToObj(i -> new double[] {rng.nextDouble(),
        rng.nextDouble()}).toArray(double[][]::new);
    Figures.save(Estimators.darts(String.format("MC-1: 4 × fraction of darts inside ≈ π (first "
        + "3,000 of %,d)", n), Arrays.copyOf(xy, 3000), d -> inside(d[0], d[1])), "03_darts");
    Figures.save(Estimators.running("MC-1: the running estimate closes in on π; its ±2·SE band "
        + "narrows like 1/√N", "4 × fraction inside", Arrays.stream(xy).mapToDouble(d ->
        inside(d[0], d[1]) ? 4 : 0).toArray(), Math.PI, "π"), "03_running_pi");
  }

  /*
   * ## 2. The law of large numbers and the 1/√N rate
   * The mean of N draws converges to the expectation (the law of large numbers). How fast? Its
   * variance is Var[f]/N, so its RMS error is σ_f/√N, a line of slope −½ on log–log axes. We
   * measure the RMS error of π̂ over many runs at each N, over five or six decades; fit the slope.
   */
  void rate() {
    Chapter.section("2. The law of large numbers and the 1/√N rate  (MC-2)");
    SplittableRandom rng = opt.rng("rate");
    int runs = opt.pick(200, 60);
    double[] ns = IntStream.rangeClosed(0, opt.pick(12, 10)) // N = 10^(k/2): 1 … 10^6 (10^5)
        .mapToDouble(k -> Math.round(Math.pow(10, k / 2.0))).toArray();
    // RMS error = √( (1/runs) Σ_r (π̂_N,r − π)² ) at each N, from fresh runs
    Estimate[] rms = Arrays.stream(ns).mapToObj(n -> ErrorScaling.rmsError((long) n, runs, rng,
        Ch03MonteCarlo::dart, Math.PI)).toArray(Estimate[]::new);
    double sigmaF = 4 * Math.sqrt(Math.PI / 4 * (1 - Math.PI / 4)); // 4·√(p(1 − p)), p = π/4
    double[] exact = Arrays.stream(ns).map(n -> sigmaF / Math.sqrt(n)).toArray();
    ErrorScaling.Slope slope = ErrorScaling.logLogSlope(ns, rms);
    // the points are independent (fresh runs at each N); SE(ln RMS_k) = SE_k/RMS_k, propagated
    double slopeSe = ErrorScaling.logLogSlopeSe(ns, rms);
    System.out.printf("RMS error %s at N = 1 … %s at N = %,.0f (exact %s … %s), %d runs per N;%n"
        + "fitted log–log slope %.4f ± %.4f (from the points' SEs; the fit's residual SE %.4f)%n",
        Fmt.num(rms[0].mean()), Fmt.num(rms[ns.length - 1].mean()), ns[ns.length - 1],
        Fmt.num(exact[0]), Fmt.num(exact[ns.length - 1]), runs, slope.slope(), slopeSe, slope.se());
    checks.mc("MC-2", "1/√N rate", -0.5, "fitted slope",
        new Estimate(slope.slope(), slopeSe, ns.length));
    figRate(ns, rms, exact, slope.slope(), runs);
  }

  private void figRate(double[] ns, Estimate[] rms, double[] exact, double slope, int runs) {
    Figures.save(Estimators.rate(String.format("MC-2: Monte Carlo error falls like 1/√N (fitted "
        + "slope %.3f)", slope), "number of samples N (log scale)", "RMS error of the estimate of "
        + "π (log scale)", ns, rms, "RMS error over " + runs + " runs, ±2·SE", exact,
        "σ_f/√N (slope −½, exact)"), "03_error_rate");
  }

  /*
   * ## 3. The VAE's reconstruction term with L samples
   * In a VAE the encoder gives q(z|x) = N(μ, diag σ²) and the decoder a density p(x|z); the
   * reconstruction term E_q[log p(x|z)] is estimated by (1/L) Σ_l log p(x|z⁽ˡ⁾), z⁽ˡ⁾ ~ q. With the
   * decoder p(x|z) = N(x; z, s²I) it has a closed form: log p(x|z) = −(D/2) log(2πs²) −
   * ‖x − z‖²/(2s²), E_q‖x − z‖² = Σ_d [(x_d − μ_d)² + σ_d²] and Var‖x − z‖² = Σ_d (4 a_d² σ_d² +
   * 2 σ_d⁴), a = x − μ; so one sample has variance Var₁ = that / (4 s⁴), and L samples Var₁/L.
   *
   * *Graded exercise 3.2* — `MonteCarlo.of(values)`, the mean and standard error of values already
   * drawn, summarises the repeated estimates below; in a student copy you write it.
   */
  static final double[] X = {1.0, -0.5, 2.0, 0.4};     // one data point x        [D]
  static final double[] MU = {0.5, -1.0, 1.5, 0.0};    // encoder mean μ          [D]
  static final double[] SIGMA = {0.8, 0.5, 1.2, 0.3};  // encoder std dev σ      [D]
  static final double S = 0.7;                          // decoder std dev s
  static final DiagGaussian Q = DiagGaussian.ofSigma(MU, SIGMA); // q(z|x)
  static final LinearGaussianModel DECODER = new LinearGaussianModel( // p(x|z) = N(x; z, s²I)
      new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}, new double[4], S);

  static double logLikelihood(double[] z) { // log p(x|z) = log N(x; z, s²I)
    return DECODER.logLikelihood(X, z);
  }

  static double exactReconstruction() { // the closed form above (chapter 05's, for W = I, b = 0)
    return DECODER.expectedLogLikelihood(X, MvGaussian.of(Q));
  }

  static double exactSingleSampleVariance() { // Σ_d (4 a_d² σ_d² + 2 σ_d⁴) / (4 s⁴), a = x − μ
    return IntStream.range(0, X.length).mapToDouble(d -> 4 * Math.pow((X[d] - MU[d]) * SIGMA[d], 2)
        + 2 * Math.pow(SIGMA[d], 4)).sum() / (4 * Math.pow(S, 4));
  }

  static double reconstructionEstimate(int l, SplittableRandom rng) { // (1/L) Σ_l log p(x|z⁽ˡ⁾)
    return IntStream.range(0, l).mapToDouble(i -> logLikelihood(Q.sample(rng))).sum() / l;
  }

  void reconstructionTerm() {
    Chapter.section("3. The reconstruction term with L samples  (MC-3)");
    SplittableRandom rng = opt.rng("reconstruction");
    double exact = exactReconstruction();
    double var1 = exactSingleSampleVariance();
    int repeats = opt.pick(400, 150);
    double[] ls = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
    System.out.printf("     L  %-22s  variance (MC)           Var₁/L (exact)%n",
        "mean of " + repeats + " estimates");
    double[][] est = new double[ls.length][]; // [L][repeat]: the L-sample estimates
    Estimate[] vars = new Estimate[ls.length]; // mean (est − exact)²: unbiased for the variance
    for (int j = 0; j < ls.length; j++) {
      int l = (int) ls[j];
      est[j] = IntStream.range(0, repeats).mapToDouble(r -> reconstructionEstimate(l, rng))
          .toArray();
      Estimate mean = MonteCarlo.of(est[j]);
      vars[j] = MonteCarlo.varianceAbout(est[j], exact);
      System.out.printf("%6d  %-22s  %-22s  %s%n", l, Fmt.num(mean.mean()) + " ± "
          + Fmt.num(mean.se()), Fmt.num(vars[j].mean()) + " ± " + Fmt.num(vars[j].se()),
          Fmt.num(var1 / l));
    }
    checks.mc("MC-3", "closed form", exact, "L = 1 estimates", MonteCarlo.of(est[0]));
    checks.mc("MC-3", "closed form", exact, "L = 1024 estimates",
        MonteCarlo.of(est[ls.length - 1]));
    // L·Var[estimate_L] = Var₁ for every L if the variance is ∝ 1/L: pool L·(est − exact)²
    double[] pooled = IntStream.range(0, ls.length).boxed().flatMapToDouble(j -> Arrays.stream(
        est[j]).map(e -> ls[j] * (e - exact) * (e - exact))).toArray();
    checks.mc("MC-3", "Var₁ exact", var1, "L·(est − exact)² pooled over L", MonteCarlo.of(pooled));
    figVarianceVsL(ls, vars, var1, repeats);
  }

  private void figVarianceVsL(double[] ls, Estimate[] vars, double var1, int repeats) {
    Figures.save(Estimators.rate("MC-3: the L-sample estimate's variance is Var₁/L", "samples per "
        + "estimate L (log scale)", "variance of the estimate of E_q[log p(x|z)] (log scale)", ls,
        vars, "variance over " + repeats + " repeats, ±2·SE",
        Arrays.stream(ls).map(l -> var1 / l).toArray(), "Var₁/L (exact)"), "03_variance_vs_l");
  }

  /*
   * ## 4. Does the error bar mean what it says?
   * An SE is useful only if mean ± 1.96·SE covers the truth 95% of the time. We rerun section 3's
   * experiment (n = 400 samples) 2,000 times and count the intervals that contain the closed form:
   * the count's binomial SE is about 0.005, so [0.93, 0.97] is ±4 SE. The "1.96" rests on the CLT
   * and log p(x|z) is skewed: at n = 100 the interval covers only about 94.0% (40,000 trials, seed
   * 7), too close to the edge; at n = 400 94.7%, at n = 1,000 95.1%.
   */
  static final int EXPERIMENTS = 2000;
  static final int SAMPLES_PER_EXPERIMENT = 400;

  static Estimate[] experiments(int experiments, int n, SplittableRandom rng) { // n draws each
    return IntStream.range(0, experiments).mapToObj(e -> MonteCarlo.estimate(n, rng,
        r -> logLikelihood(Q.sample(r)))).toArray(Estimate[]::new);
  }

  void coverage() {
    Chapter.section("4. Coverage of the 95% interval  (MC-4)");
    Estimate[] est = experiments(EXPERIMENTS, SAMPLES_PER_EXPERIMENT, opt.rng("coverage"));
    double rate = ErrorScaling.coverage(est, exactReconstruction()); // share that contain it
    checks.that("MC-4", String.format("mean ± 1.96·SE (n = %d) covered the truth in %.1f%% of %,d "
        + "experiments (binomial SE %.1f%%) | required [93%%, 97%%]", SAMPLES_PER_EXPERIMENT,
        100 * rate, EXPERIMENTS, 100 * Math.sqrt(0.95 * 0.05 / EXPERIMENTS)),
        rate >= 0.93 && rate <= 0.97);
    figCoverage(Arrays.copyOf(est, 100), rate);
  }

  private void figCoverage(Estimate[] first, double rate) {
    Figures.save(Estimators.coverage(String.format("MC-4: about 95%% of intervals cover the truth "
        + "(%.1f%% of %,d)", 100 * rate, EXPERIMENTS), String.format("experiment (the first %d "
        + "of %,d)", first.length, EXPERIMENTS), "estimate of E_q[log p(x|z)] ± 1.96·SE", first,
        exactReconstruction()), "03_coverage");
  }

  /*
   * ## 5. Why the VAE needs q: estimating p(x) by sampling z
   * p(x) = E_{z~p(z)}[p(x|z)], so averaging p(x|z) over prior draws is unbiased; but (note 003)
   * for a given x almost every prior z explains x badly and the few that explain it well are
   * rarely drawn. Importance sampling draws z from a q(z|x) near the posterior and reweights:
   * p(x) = E_q[p(x, z)/q(z)]. On chapter 05's linear-Gaussian model both weights have exact
   * relative variances ρ = Var[w]/p(x)², so N draws give relative error √(ρ/N); we also measure
   * it. Our q, the posterior N(m, S) widened to N(m, 1.5·S), has ρ = (1.5/√2)^M − 1 for any x.
   * Where prior sampling collapses its *measured* error sits far below the exact one, near 1: the
   * rare huge weights that carry p(x) never turn up, and an effective sample size (Σw)²/Σw² of 1
   * or 2 in 1,000 is the only warning. ER-3: note 001 calls recon loss −E_q[log p(x|z)] + KL the
   * ELBO; it is the *loss* −ELBO, above −log p(x); the ELBO is below log p(x) by KL(q ‖ p(z|x)).
   */
  static final double WIDEN = 1.5;          // q = N(m, 1.5·S)
  static final int DRAWS = 1000;            // draws per estimate of p(x)
  static final int[] LATENT = {1, 4, 16};   // latent dimensions M; data dimension 20, s = 0.5

  void whyQ() {
    Chapter.section("5. Why q: estimating p(x) from the prior or from q  (MC-20, MC-21, ER-3)");
    SplittableRandom rng = opt.rng("why q");
    int n = opt.pick(100_000, 20_000);
    LinearGaussianModel[] g = Arrays.stream(LATENT).mapToObj(m -> LinearGaussianModel
        .randomOrthogonal(20, m, 0.5, opt.rng("why q: model, M = " + m))) // orthogonal columns
        .toArray(LinearGaussianModel[]::new); // M = 1, 4, 16
    double[] x0 = MarginalEstimators.pointOut(g[0], 0); // x at p(x)'s centre
    double[] r0 = MarginalEstimators.ratios(MarginalEstimators.priorLogWeights(g[0], x0, n, rng),
        g[0].logMarginal(x0)); // w/p(x), w = p(x|z), z ~ p(z)
    checks.mc("MC-20", "E[w]/p(x) = 1", 1, "prior draws, M = 1, central x", MonteCarlo.of(r0));
    checks.mc("MC-20", "ρ exact", MarginalEstimators.priorRelativeVariance(g[0], x0),
        "(w/p(x) − 1)² averaged", MonteCarlo.varianceAbout(r0, 1));
    double[] x5 = MarginalEstimators.pointOut(g[2], 5); // 5 standard deviations out along w₁
    MvGaussian q = MarginalEstimators.widenedPosterior(g[2], x5, WIDEN);
    double[] r5 = MarginalEstimators.ratios(MarginalEstimators.importanceLogWeights(g[2], x5, q, n,
        rng), g[2].logMarginal(x5)); // w/p(x), w = p(x, z)/q(z), z ~ q
    checks.mc("MC-21", "E[w]/p(x) = 1", 1, "draws from q, M = 16, x 5 sd out", MonteCarlo.of(r5));
    checks.mc("MC-21", "ρ exact", MarginalEstimators.widenedRelativeVariance(WIDEN, 16),
        "(w/p(x) − 1)² averaged", MonteCarlo.varianceAbout(r5, 1));
    double[] ts = {0, 1, 2, 3, 4, 5};
    int repeats = opt.pick(100, 30);
    Comparison[][] table = new Comparison[LATENT.length][ts.length];
    System.out.printf("relative error of p̂(x), N = %,d (exact √(ρ/N) | RMS over %d repeats | mean "
        + "ESS):%n  M   t  z ~ p(z)                         z ~ q = N(m, 1.5·S)%n", DRAWS, repeats);
    for (int a = 0; a < LATENT.length; a++) {
      for (int j = 0; j < ts.length; j++) {
        Comparison r = table[a][j] = MarginalEstimators.compare(g[a],
            MarginalEstimators.pointOut(g[a], ts[j]), WIDEN, DRAWS, repeats, rng);
        System.out.printf("%3d %3.0f  %-9s | %-9s | ESS %-6.1f  %-9s | %-9s | ESS %.0f%n",
            LATENT[a], ts[j], Fmt.num(r.priorExact()), Fmt.num(r.priorMeasured()), r.priorEss(),
            Fmt.num(r.qExact()), Fmt.num(r.qMeasured()), r.qEss());
      }
    }
    Comparison m1 = table[0][5];  // M = 1, 5 sd out
    Comparison m16 = table[2][1]; // M = 16, 1 sd out
    checks.that("MC-20", String.format("the prior's exact relative error at N = %,d: %s (M = 1, "
        + "5 sd out), %s (M = 16, 1 sd out), mean ESS %.1f and %.1f | required > 1 and ESS < 1 %%",
        DRAWS, Fmt.num(m1.priorExact()), Fmt.num(m16.priorExact()), m1.priorEss(), m16.priorEss()),
        m1.priorExact() > 1 && m16.priorExact() > 1 && m1.priorEss() < 10 && m16.priorEss() < 10);
    double worstQ = Arrays.stream(table).flatMap(Arrays::stream)
        .mapToDouble(Comparison::qMeasured).max().orElseThrow();
    checks.that("MC-21", String.format("q's measured relative error at N = %,d is at most %s over "
        + "all M and x | required < 0.1", DRAWS, Fmt.num(worstQ)), worstQ < 0.1);
    // ER-3: recon loss + KL is the loss −ELBO (≥ −log p(x)), not the ELBO (≤ log p(x))
    double loss = -g[2].expectedLogLikelihood(x5, q) + LinearGaussianModel.klToPrior(q);
    double logP = g[2].logMarginal(x5);
    checks.that("ER-3", String.format("recon loss + KL = %s exceeds log p(x) = %s: no lower "
        + "bound on it", Fmt.num(loss), Fmt.num(logP)), loss > logP);
    checks.close("ER-3", "−(recon loss + KL) + KL(q ‖ p(z|x))", -loss + g[2].klToPosterior(x5, q),
        "log p(x) (exact marginal)", logP, 1e-9);
    figWhyQ(ts, table);
  }

  private void figWhyQ(double[] ts, Comparison[][] table) { // {prior exact, measured, q measured}
    double[][][] rows = Arrays.stream(table).map(t -> Arrays.stream(t).map(c -> new double[] {
        c.priorExact(), c.priorMeasured(), c.qMeasured()}).toArray(double[][]::new))
        .toArray(double[][][]::new);
    Figures.save(Estimators.relativeErrors("MC-20, MC-21: prior sampling fails far out and in "
        + "high M; q does not", ts, LATENT, rows), "03_why_q");
  }

  /*
   * ## 6. p(x) is an infinite mixture of Gaussians
   * Note 001 reads p(x) = ∫ p(x|z) p(z) dz as a mixture: each code z adds a Gaussian p(x|z) =
   * N(x; f(z), s²) with weight p(z). For f(z) = wz + b in 1-D, p(x) = N(b, w² + s²) exactly; the
   * mixture (1/K) Σ_k N(x; f(z_k), s²) over prior draws estimates it, quadrature over z computes it
   * to rounding; with a neural f the sum can take any shape. Note 002 calls p(x|z) a *standard*
   * Gaussian while giving it mean f(z) and covariance cI (ER-1): a standard one would make every
   * x ~ N(0, 1), ignoring z. Note 000 calls p(h|X) and p(X|h) essentially the same (ER-2); Bayes'
   * rule p(h|x) = p(x|h) p(h)/p(x) links them, but one is a density over h, the other over x: over
   * h, p(x|h) integrates to 1/|w|.
   */
  static final LinearGaussianModel MIX = new LinearGaussianModel(new double[][] {{1.5}},
      new double[] {0.5}, 0.4); // w = 1.5, b = 0.5, s = 0.4

  static double likelihood(double x, double z) { // p(x|z) = N(x; wz + b, s²)
    return Math.exp(MIX.logLikelihood(new double[] {x}, new double[] {z}));
  }

  static double marginal(double x) { // the exact p(x) = N(x; b, w² + s²)
    return Math.exp(MIX.logMarginal(new double[] {x}));
  }

  void infiniteMixture() {
    Chapter.section("6. p(x) is an infinite mixture  (MC-22, ER-1, ER-2)");
    SplittableRandom rng = opt.rng("mixture");
    int n = opt.pick(100_000, 20_000);
    double[] codes = MonteCarlo.gaussians(n, 1, rng); // z_k ~ p(z)
    for (double x : new double[] {-3, -1, 0.5, 2, 4}) {
      checks.mc("MC-22", String.format("N(%s; b, w² + s²)", Fmt.num(x)), marginal(x), "mixture "
          + "over prior codes", MonteCarlo.of(Arrays.stream(codes).map(z -> likelihood(x, z))
          .toArray()));
    }
    double worst = IntStream.rangeClosed(0, 44).mapToDouble(i -> -5 + 0.25 * i) // x = −5 … 6
        .map(x -> Math.abs(Quadrature.expect(Gaussian1D.STANDARD, z -> likelihood(x, z))
            - marginal(x))).max().orElseThrow();
    checks.close("MC-22", "max over 45 x of |∫ p(x|z)p(z)dz (quadrature) − N(x; b, w² + s²)|",
        worst, "0", 0, 1e-9);
    // ER-1: data drawn through x ~ N(wz + b, s²) have variance w² + s², not the 1 of N(0, 1)
    double[] drawn = IntStream.range(0, n).mapToDouble(i -> MIX.sampleX(rng)[0]).toArray();
    Estimate mean = MonteCarlo.of(drawn);
    Estimate var = MonteCarlo.varianceAbout(drawn, 0.5);
    checks.mc("ER-1", "w² + s²", 1.5 * 1.5 + 0.4 * 0.4, "variance of drawn x about b", var);
    checks.that("ER-1", String.format("a standard Gaussian p(x|z) would give mean 0, variance 1: "
        + "measured %s and %s, %.0f and %.0f SE away", Fmt.num(mean.mean()), Fmt.num(var.mean()),
        mean.zScore(0), var.zScore(1)), mean.zScore(0) > 4 && var.zScore(1) > 4);
    // ER-2: over h, p(h|x) integrates to 1 and p(x|h) to 1/|w|; Bayes' rule links them
    double[] x1 = {2};
    MvGaussian post = MIX.posterior(x1);
    checks.close("ER-2", "∫ p(h|x) dh", Quadrature.integrate(h -> Math.exp(post.logDensity(
        new double[] {h})), -12, 12, 48), "1", 1, 1e-9);
    checks.close("ER-2", "∫ p(x|h) dh", Quadrature.integrate(h -> likelihood(x1[0], h), -12, 12,
        48), "1/|w| (not 1)", 1 / 1.5, 1e-9);
    double[] h = {0.7};
    checks.close("ER-2", "log p(h|x) (posterior formula)", post.logDensity(h), "log p(x|h) + "
        + "log p(h) − log p(x) (Bayes)", MIX.logJoint(x1, h) - MIX.logMarginal(x1), 1e-12);
    figMixture();
  }

  private void figMixture() { // 7 and 50 codes at the prior's equal-mass quantiles
    Figures.save(Estimators.mixture("MC-22: p(x) = ∫ p(x|z) p(z) dz, a mixture of Gaussians "
        + "N(x; wz + b, s²)", -5, 6, Ch03MonteCarlo::likelihood, Ch03MonteCarlo::marginal, 7, 50),
        "03_infinite_mixture");
  }

  /*
   * ## Summary (printed below) and questions
   * Q1. Estimate π with darts in the cube: the unit ball covers π/6 of [0,1]³. Is the error larger
   *     or smaller than in 2-D for the same N? Compute σ_f for both and compare.
   * Q2. In section 4, use n = 5 instead of 400. Coverage drops well below 95%: why? (Hints: the SE
   *     itself is estimated — look up Student's t; and the draws are skewed.)
   * Q3. Make the decoder's s smaller in section 3. Var₁ grows like 1/s⁴: what does that say about
   *     training a VAE with a very confident decoder and L = 1?
   */
  void summary() {
    Chapter.section("Summary");
    System.out.println("""
        A Monte Carlo mean is unbiased, its SE honest and falling like 1/√N; the L-sample term has
        variance Var₁/L, so VAEs train with L = 1 and let the minibatch average. p(x) needs z from a
        q near the posterior, the reason for an encoder. Questions: see the end of the source.""");
  }
}
