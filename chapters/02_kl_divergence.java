///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Ch.2 — KL divergence: closed forms agree with Monte Carlo
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Chapter 2 — KL divergence: closed forms agree with Monte Carlo
 * From surprise to the KL term of the VAE loss, each formula checked two independent ways.
 *
 * **This chapter verifies:** INF-1, INF-2, KL-1 … KL-8, ER-5
 * **Run:** `./jbang chapters/02_kl_divergence.java [--quick] [--seed N] [--no-figures]`
 * **Figures:** `figures/02_kl_fits.png`, `figures/02_kl_gaussian.png`,
 * `figures/02_kl_mc_convergence.png` (each also as `.svg`)
 *
 * Each claim in one line (its source, tests and tolerance are in `CLAIMS.md`):
 * - **INF-1** — Self-information −log p falls as p grows, is 0 at p = 1, adds over p·q
 * - **INF-2** — Entropy is the mean surprise, and cross-entropy = entropy + KL
 * - **KL-1** — KL(P‖Q) ≥ 0, and it is 0 only when P = Q
 * - **KL-2** — Gibbs: the entropy H(P) never exceeds the cross-entropy H(P, Q)
 * - **KL-3** — KL is not symmetric; forward fits cover the mass, reverse fits pick a mode
 * - **KL-4** — KL(N(μ,σ²)‖N(0,1)) = ½(μ² + σ² − log σ² − 1), built from three integrals
 * - **KL-5** — For diagonal Gaussians the KL to N(0, I) is the sum of the 1-D closed forms
 * - **KL-6** — KL between two full-covariance Gaussians: the trace/quadratic/log-det formula
 * - **KL-7** — Chain rule: a joint KL = the marginal KL + the mean conditional KL
 * - **KL-8** — KL(P_data‖P_θ) and −E_data log P_θ differ by a constant: same gradient in θ
 * - **ER-5** — Erratum: −E_q log p(x|z) and KL(P_data‖P_θ) need not share their gradient in θ
 *
 * All logarithms are natural, so information is measured in nats (1 bit = log 2 ≈ 0.693 nats).
 */
import java.awt.Color;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Fmt;
import vae.fig.Figures;
import vae.fig.Palette;
import vae.prob.DiagGaussian;
import vae.prob.Discrete;
import vae.prob.Estimate;
import vae.prob.FiniteDifferences;
import vae.prob.Gaussian1D;
import vae.prob.GaussianMixture1D;
import vae.prob.JointTable;
import vae.prob.KlFit;
import vae.prob.KlMonteCarlo;
import vae.prob.MonteCarlo;
import vae.prob.MvGaussian;
import vae.prob.Quadrature;

@Command(name = "02_kl_divergence", mixinStandardHelpOptions = true,
    description = "Chapter 2 — KL divergence: closed forms agree with Monte Carlo")
class Ch02KlDivergence implements Callable<Integer> {
  @Mixin ChapterOptions opt;

  @Option(names = "--no-figures", description = "skip the figures: the CHECK lines alone")
  void noFigures(boolean off) { figures = !off; }
  boolean figures = true;


  private final Checks checks = new Checks();
  private SplittableRandom rng;       // every number a CHECK line prints
  private SplittableRandom figureRng; // the figures' own draws, so drawing them changes no CHECK

  public static void main(String[] args) {
    System.exit(Chapter.run(new Ch02KlDivergence(), args));
  }

  @Override
  public Integer call() {
    rng = MonteCarlo.rng(opt.seed);
    figureRng = rng.split();
    if (!figures) {
      System.out.println("no figures");
    }
    selfInformation();
    entropyAndCrossEntropy();
    klIsNonNegative();
    gibbsInequality();
    klIsNotSymmetric();
    gaussianKlThroughThreeIntegrals();
    diagonalGaussians();
    fullCovarianceGaussians();
    chainRule();
    gradientEquivalence();
    return checks.summary();
  }

  /*
   * ## 1. Self-information
   * How surprised should we be by an event of probability p? We want a number I(p) that (i) grows
   * as p shrinks, (ii) is zero for a certain event, and (iii) adds up over independent events,
   * whose probabilities multiply. The logarithm turns products into sums: I(p) = −log p has all
   * three properties, and up to the base of the logarithm it is the only continuous function that
   * does.
   */
  void selfInformation() {
    Chapter.section("1. Self-information I(p) = −log p");
    System.out.printf("I(1/2) = %s nats = 1 bit; I(1/1024) = %s nats = 10 bits%n",
        Fmt.num(Discrete.selfInformation(0.5)), Fmt.num(Discrete.selfInformation(1.0 / 1024)));
    int n = 10_000;
    int outOfOrder = 0;
    Worst worst = new Worst();
    for (int i = 0; i < n; i++) {
      double p = 1 - rng.nextDouble(); // in (0, 1]
      double q = 1 - rng.nextDouble();
      // p < q  ⇒  I(p) > I(q)
      if (p != q && (p < q) != (Discrete.selfInformation(p) > Discrete.selfInformation(q))) {
        outOfOrder++;
      }
      // I(p·q) = I(p) + I(q)
      worst.see(Discrete.selfInformation(p * q), Discrete.selfInformation(p)
          + Discrete.selfInformation(q));
    }
    checks.that("INF-1", "decreasing: " + outOfOrder + " of " + n + " random pairs out of order",
        outOfOrder == 0);
    checks.close("INF-1", "I(1)", Discrete.selfInformation(1), "certain event", 0, 0);
    checks.close("INF-1", "worst of " + n + ": I(pq)", worst.a, "I(p)+I(q)", worst.b, 1e-12);
  }

  /*
   * ## 2. Entropy and cross-entropy
   * The entropy H(P) = E_P[−log P(X)] = −Σ P(x) log P(x) is the average surprise when outcomes
   * really come from P. If we *believe* Q while outcomes come from P, the average surprise is the
   * cross-entropy H(P, Q) = −Σ P(x) log Q(x). What the wrong belief costs is the difference, the
   * KL divergence: H(P, Q) = H(P) + KL(P‖Q), where KL(P‖Q) = Σ P(x) log(P(x)/Q(x)).
   * Since H(P) is an expectation, Monte Carlo estimates it too: draw X ~ P and average −log P(X).
   */
  void entropyAndCrossEntropy() {
    Chapter.section("2. Entropy H(P) and cross-entropy H(P, Q)");
    Discrete p = Discrete.random(6, rng);
    System.out.println("P = " + p);
    // H(P) = E_P[−log P(X)] ≈ (1/n) Σ −log P(x_i),  x_i ~ P
    Estimate h = MonteCarlo.estimate(opt.pick(400_000, 40_000), rng,
        r -> -Math.log(p.p(p.sample(r))));
    checks.mc("INF-2", "H(P)", p.entropy(), "MC mean of −log P(X)", h);
    Worst worst = new Worst();
    for (int i = 0; i < 10_000; i++) {
      Discrete a = Discrete.random(6, rng);
      Discrete b = Discrete.random(6, rng);
      // H(P, Q) = H(P) + KL(P‖Q)
      worst.see(a.crossEntropy(b), a.entropy() + a.klTo(b));
    }
    checks.close("INF-2", "worst of 10000: H(P,Q)", worst.a, "H(P)+KL(P‖Q)", worst.b, 1e-12);
  }

  /*
   * ## 3. KL is never negative
   * The proof needs one fact: ln t ≤ t − 1 for every t > 0 (the line t − 1 touches the concave
   * curve ln t at t = 1 and lies above it everywhere else). Put t = Q(x)/P(x) for each x with
   * P(x) > 0:
   *
   *     −KL(P‖Q) = Σ P(x) ln(Q(x)/P(x)) ≤ Σ P(x) (Q(x)/P(x) − 1) = Σ Q(x) − 1 ≤ 0.
   *
   * Equality needs ln t = t − 1 at every x, that is t = 1: Q(x) = P(x) everywhere. So KL(P‖Q) ≥ 0,
   * with 0 only at P = Q. Near P it grows like the squared distance, as the ε rows below show.
   */
  void klIsNonNegative() {
    Chapter.section("3. KL(P‖Q) ≥ 0, with equality iff P = Q");
    int n = opt.pick(200_000, 20_000);
    double minKl = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      minKl = Math.min(minKl, Discrete.random(5, rng).klTo(Discrete.random(5, rng)));
    }
    checks.that("KL-1", "min KL(P‖Q) over " + n + " random pairs on 5 outcomes = " + Fmt.num(minKl)
        + " > 0", minKl > 0);
    Discrete p = Discrete.random(5, rng);
    checks.close("KL-1", "KL(P‖P)", p.klTo(p), "equality case", 0, 0);
    for (double eps : new double[] {1e-1, 1e-2, 1e-3}) {
      // Q_ε = (1 − ε) P + ε · uniform
      double[] q = p.probs();
      for (int i = 0; i < q.length; i++) {
        q[i] = (1 - eps) * q[i] + eps / q.length;
      }
      double kl = p.klTo(Discrete.normalized(q));
      System.out.printf("ε = %-8s KL(P‖Q_ε) = %-8s KL/ε² = %s%n", Fmt.sci(eps), Fmt.sci(kl),
          Fmt.num(kl / (eps * eps)));
    }
  }

  /*
   * ## 4. Gibbs' inequality
   * Since H(P, Q) − H(P) = KL(P‖Q) ≥ 0, the cross-entropy is never below the entropy: no belief Q
   * predicts outcomes drawn from P better, on average, than P itself. This is why minimising a
   * classifier's cross-entropy pushes its predictions Q toward the true P.
   */
  void gibbsInequality() {
    Chapter.section("4. Gibbs' inequality H(P) ≤ H(P, Q)");
    int n = opt.pick(200_000, 20_000);
    double minGap = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      Discrete p = Discrete.random(5, rng);
      minGap = Math.min(minGap, p.crossEntropy(Discrete.random(5, rng)) - p.entropy());
    }
    checks.that("KL-2", "min H(P,Q) − H(P) over " + n + " random pairs = " + Fmt.num(minGap)
        + " ≥ 0", minGap >= 0);
  }

  /*
   * ## 5. KL is not symmetric
   * KL(P‖Q) weighs the log-ratio by P, KL(Q‖P) by Q, so in general they differ. It matters when we
   * fit. Approximate a two-bump mixture p by one Gaussian q:
   * - the *forward* KL(p‖q) punishes q for being small wherever p has mass, so q stretches over
   *   both bumps (mass-covering); over Gaussians its minimiser matches p's mean and variance;
   * - the *reverse* KL(q‖p), the direction the VAE uses for q(z|x), punishes q for putting mass
   *   where p has little, so q settles on one bump (mode-seeking). Each bump is a local minimum; we
   *   start from both and keep the lower.
   *
   * Both are minimised numerically (Nelder–Mead), each KL computed by quadrature.
   */
  void klIsNotSymmetric() {
    Chapter.section("5. KL(P‖Q) ≠ KL(Q‖P): forward and reverse fits");
    Discrete p = Discrete.of(0.80, 0.15, 0.05);
    Discrete q = Discrete.of(1.0 / 3, 1.0 / 3, 1.0 / 3);
    checks.that("KL-3", "P = " + p + ", Q = uniform: KL(P‖Q) = " + Fmt.num(p.klTo(q))
        + " ≠ KL(Q‖P) = "
        + Fmt.num(q.klTo(p)), Math.abs(p.klTo(q) - q.klTo(p)) > 1e-3);

    GaussianMixture1D mix = new GaussianMixture1D(new double[] {0.6, 0.4}, new Gaussian1D(-2, 0.7),
        new Gaussian1D(2.5, 0.9));
    Gaussian1D forward = KlFit.fitForward(mix, new Gaussian1D(0, 1));
    Gaussian1D left = KlFit.fitReverse(mix, new Gaussian1D(-1.5, 1));
    Gaussian1D right = KlFit.fitReverse(mix, new Gaussian1D(2, 1));
    Gaussian1D reverse = KlFit.reverseKl(mix, left) <= KlFit.reverseKl(mix, right) ? left : right;
    System.out.println("p = " + mix);
    for (Gaussian1D fit : new Gaussian1D[] {forward, left, right}) {
      System.out.printf("%s fit %s: KL(p‖q) = %s, KL(q‖p) = %s%n", fit == forward ? "forward"
          : "reverse", fit,
          Fmt.num(KlFit.forwardKl(mix, fit)), Fmt.num(KlFit.reverseKl(mix, fit)));
    }
    // argmin_q KL(p‖q) over Gaussians: μ_q = E_p[x], σ_q² = Var_p[x]  (moment matching; tolerance:
    // the optimiser's)
    checks.close("KL-3", "forward fit μ", forward.mu(), "mixture mean", mix.mean(), 1e-5);
    checks.close("KL-3", "forward fit σ²", forward.variance(), "mixture variance", mix.variance(),
        1e-5);
    Gaussian1D bump = mix.component(0);
    checks.that("KL-3", "reverse fit sits on one bump (μ " + Fmt.num(reverse.mu()) + " ≈ "
        + Fmt.num(bump.mu()) + ", σ "
        + Fmt.num(reverse.sigma()) + " ≈ " + Fmt.num(bump.sigma()) + "); forward fit spans both (σ "
        + Fmt.num(forward.sigma()) + ")", Math.abs(reverse.mu() - bump.mu()) < 0.2
        && reverse.sigma() < 1 && forward.sigma() > 2);
    if (figures) {
      XYChart chart = Figures.xy("KL-3: forward KL(p‖q) covers both bumps, reverse KL(q‖p) picks "
          + "one",
          "x (arbitrary units)", "density");
      double[] x = Figures.curveX(-6, 7, 260);
      line(chart, "target p: two-bump mixture", x, mix::density).setLineColor(Color.DARK_GRAY)
          .setLineWidth(3.5f);
      line(chart, "forward fit: argmin KL(p‖q) = " + forward, x, forward::density)
          .setLineColor(Palette.BLUE);
      line(chart, "reverse fit: argmin KL(q‖p) = " + reverse, x, reverse::density)
          .setLineColor(Palette.RED);
      chart.getStyler().setYAxisDecimalPattern("0.00");
      Figures.save(chart, "02_kl_fits");
    }
  }

  /*
   * ## 6. KL(N(μ, σ²) ‖ N(0, 1)) through three integrals
   * For q = N(μ, σ²) and p = N(0, 1) the normalisers 1/√(2πσ²) and 1/√(2π) leave
   *
   *     log q(x) − log p(x) = ½ [ −log σ² + x² − (x − μ)²/σ² ],
   *
   * so KL(q‖p) = ∫ q (log q − log p) splits into three integrals against q:
   * ∫ q·(−log σ²) = −log σ² (q integrates to one), ∫ q·x² = μ² + σ² (the second moment), and
   * ∫ q·(x − μ)²/σ² = 1 (the variance divided by itself). Hence
   *
   *     KL(N(μ, σ²) ‖ N(0, 1)) = ½ (μ² + σ² − log σ² − 1).
   *
   * Each integral is computed by quadrature and by Monte Carlo. Drawing x from q itself would make
   * the first one trivially exact (its integrand is constant), so the Monte Carlo draws from a
   * wider g = N(μ, (2σ)²) and weights each draw by q(x)/g(x): ∫ q f = E_g[(q/g) f].
   */
  void gaussianKlThroughThreeIntegrals() {
    Chapter.section("6. KL(N(μ,σ²) ‖ N(0,1)) = ½(μ² + σ² − log σ² − 1)");
    Gaussian1D q = new Gaussian1D(1.2, 0.5);
    Gaussian1D g = new Gaussian1D(q.mu(), 2 * q.sigma());
    double logVar = Math.log(q.variance());
    String[] names = {"∫q·(−log σ²)", "∫q·x²", "∫q·(x−μ)²/σ²"};
    double[] exact = {-logVar, q.mu() * q.mu() + q.variance(), 1};
    DoubleUnaryOperator[] f = {x -> -logVar, x -> x * x,
        x -> (x - q.mu()) * (x - q.mu()) / q.variance()};
    int n = opt.pick(1_000_000, 100_000);
    for (int i = 0; i < 3; i++) {
      DoubleUnaryOperator fi = f[i];
      checks.close("KL-4", names[i] + " exact", exact[i], "quadrature", Quadrature.expect(q, fi),
          1e-9);
      // ∫ q f = E_g[(q(x)/g(x)) f(x)],  x ~ g
      checks.mc("KL-4", names[i] + " exact", exact[i], "MC", MonteCarlo.estimate(n, rng, r -> {
        double x = g.sample(r);
        return Math.exp(q.logDensity(x) - g.logDensity(x)) * fi.applyAsDouble(x);
      }));
    }
    // ½ [∫q·(−log σ²) + ∫q·x² − ∫q·(x−μ)²/σ²]
    System.out.printf("½(%s + %s − %s) = %s%n", Fmt.num(exact[0]), Fmt.num(exact[1]),
        Fmt.num(exact[2]),
        Fmt.num(0.5 * (exact[0] + exact[1] - exact[2])));
    double kl = q.klToStandardNormal();
    checks.close("KL-4", "closed form", kl, "quadrature ∫q log(q/p)",
        Quadrature.expect(q, x -> q.logDensity(x) - Gaussian1D.STANDARD.logDensity(x)), 1e-9);
    checks.mc("KL-4", "closed form", kl, "MC", KlMonteCarlo.estimate(q, Gaussian1D.STANDARD, n,
        rng));
    if (figures) {
      figureGaussianKl();
    }
  }

  /** Figure: the closed form over σ for several μ, with Monte Carlo estimates (± 2 SE) on top. */
  private void figureGaussianKl() {
    XYChart chart = Figures.xy("KL-4: KL(N(μ,σ²)‖N(0,1)) = ½(μ²+σ²−log σ²−1) is 0 only at μ=0, σ=1",
        "σ (standard deviation of q)", "KL (nats)");
    double[] sigmas = Figures.curveX(0.15, 3, 200);
    double[] dots = {0.25, 0.5, 1, 1.5, 2, 2.5};
    double[] mus = {0, 0.5, 1, 1.5};
    Color[] colors = {Palette.BLUE, Palette.ORANGE, Palette.GREEN, Palette.RED};
    for (int m = 0; m < mus.length; m++) {
      double mu = mus[m];
      line(chart, "μ = " + mu, sigmas, s -> new Gaussian1D(mu, s).klToStandardNormal())
          .setLineColor(colors[m]);
    }
    for (int m = 0; m < mus.length; m++) {
      double mu = mus[m];
      double[] mc = new double[dots.length];
      double[] bar = new double[dots.length];
      for (int j = 0; j < dots.length; j++) {
        Estimate e = KlMonteCarlo.estimate(new Gaussian1D(mu, dots[j]), Gaussian1D.STANDARD,
            opt.pick(20_000, 2_000), figureRng);
        mc[j] = e.mean();
        bar[j] = 2 * e.se();
      }
      XYSeries s = chart.addSeries(m == 0 ? "Monte Carlo ± 2 SE" : "MC, μ = " + mu, dots, mc, bar);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setShowInLegend(m == 0);
      s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(colors[m]);
    }
    chart.getStyler().setYAxisMax(4.0).setLegendPosition(LegendPosition.InsideN);
    Figures.save(chart, "02_kl_gaussian");
  }

  /*
   * ## 7. Diagonal Gaussians: the VAE's KL term
   * The VAE's encoder outputs q(z|x) = N(μ, diag σ²) and the prior is p(z) = N(0, I). Both
   * densities factorise over the D coordinates, so the log-ratio is a sum over d, and so is its
   * expectation: the KL is the sum of D one-dimensional KLs from section 6,
   *
   *     KL = −½ Σ_d (log σ_d² + 1 − σ_d² − μ_d²).
   */
  void diagonalGaussians() {
    Chapter.section("7. KL(N(μ, diag σ²) ‖ N(0, I)) = −½ Σ_d (log σ_d² + 1 − σ_d² − μ_d²)");
    for (int dim : new int[] {1, 3, 10, 30}) {
      double[] mu = new double[dim];
      double[] logVar = new double[dim];
      for (int d = 0; d < dim; d++) {
        mu[d] = rng.nextGaussian();
        logVar[d] = 1.4 * (rng.nextDouble() - 0.5); // σ_d between e^−0.35 and e^0.35
      }
      DiagGaussian q = new DiagGaussian(mu, logVar);
      Estimate e = KlMonteCarlo.estimate(q, DiagGaussian.standard(dim), opt.pick(200_000, 20_000),
          rng);
      checks.mc("KL-5", "D=" + dim + " closed form", q.klToStandardNormal(), "MC", e);
    }
  }

  /*
   * ## 8. Two full-covariance Gaussians
   * For N₀ = N(μ₀, Σ₀) and N₁ = N(μ₁, Σ₁) in k dimensions, the expectation under N₀ of the
   * log-ratio needs E₀[(x − μ₁)ᵀΣ₁⁻¹(x − μ₁)] = tr(Σ₁⁻¹Σ₀) + (μ₁ − μ₀)ᵀΣ₁⁻¹(μ₁ − μ₀) and E₀[(x −
   * μ₀)ᵀΣ₀⁻¹(x − μ₀)] = k:
   *
   *     KL(N₀‖N₁) = ½ [tr(Σ₁⁻¹Σ₀) + (μ₁ − μ₀)ᵀΣ₁⁻¹(μ₁ − μ₀) − k + log(det Σ₁ / det Σ₀)].
   *
   * `MvGaussian` factorises Σ = L Lᵀ (Cholesky) once: log det Σ = 2 Σ log L_ii, and x = μ + Lε
   * samples. Sections 6 and 7 are the special cases μ₁ = 0, Σ₁ = I (with Σ₀ diagonal).
   */
  void fullCovarianceGaussians() {
    Chapter.section("8. KL between two full-covariance Gaussians, k = 1 … 5");
    MvGaussian n0 = null;
    MvGaussian n1 = null;
    for (int k = 1; k <= 5; k++) {
      n0 = MvGaussian.random(k, rng);
      n1 = MvGaussian.random(k, rng);
      Estimate e = KlMonteCarlo.estimate(n0, n1, opt.pick(200_000, 20_000), rng);
      checks.mc("KL-6", "k=" + k + " closed form", n0.klTo(n1), "MC", e);
    }
    if (figures) {
      figureConvergence(n0, n1);
    }
  }

  /**
   * Figure: estimates of KL(N₀‖N₁) at growing n, each from fresh samples, with their ± 2 SE band.
   */
  private void figureConvergence(MvGaussian n0, MvGaussian n1) {
    XYChart chart = Figures.xy("KL-6: Monte Carlo KL(N₀‖N₁) (k = 5) and its ±2 SE band close in "
        + "on the closed form",
        "number of samples n (log scale)", "KL (nats)");
    int points = opt.pick(16, 10);
    double[] ns = new double[points];
    double[] mean = new double[points];
    double[] lo = new double[points];
    double[] hi = new double[points];
    for (int i = 0; i < points; i++) {
      ns[i] = Math.round(Math.pow(10, 1 + i * (opt.quick ? 4.0
          : 5.0) / (points - 1))); // 10 … 10⁶ (10⁵ quick)
      Estimate e = KlMonteCarlo.estimate(n0, n1, (long) ns[i], figureRng);
      mean[i] = e.mean();
      lo[i] = e.mean() - 2 * e.se();
      hi[i] = e.mean() + 2 * e.se();
    }
    double exact = n0.klTo(n1);
    line(chart, "closed form " + Fmt.num(exact), new double[] {ns[0], ns[points - 1]}, n -> exact)
        .setLineColor(Color.DARK_GRAY).setLineWidth(2.5f);
    XYSeries estimates = chart.addSeries("Monte Carlo estimate", ns, mean);
    estimates.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(Palette.BLUE);
    estimates.setLineColor(Palette.BLUE);
    chart.addSeries("estimate ± 2 SE", ns, hi).setMarker(SeriesMarkers.NONE)
        .setLineStyle(SeriesLines.DASH_DASH)
        .setLineColor(Color.GRAY);
    chart.addSeries("estimate − 2 SE", ns, lo).setMarker(SeriesMarkers.NONE)
        .setLineStyle(SeriesLines.DASH_DASH)
        .setLineColor(Color.GRAY).setShowInLegend(false);
    chart.getStyler().setXAxisLogarithmic(true);
    Figures.save(chart, "02_kl_mc_convergence");
  }

  /*
   * ## 9. The chain rule
   * Note 000 splits the KL between two *joint* distributions. With p(x, z) = p(x) q(z|x) and any
   * r(x, z) = r(x) r(z|x), the log-ratio splits inside the expectation,
   *
   *     log [p(x) q(z|x) / r(x, z)] = log [p(x)/r(x)] + log [q(z|x)/r(z|x)],
   *
   * and averaging over p(x) q(z|x) gives KL(p q ‖ r) = KL(p(x)‖r(x)) + E_{p(x)}[KL(q(z|x)‖r(z|x))].
   * The second term is an *average over x*; note 000 writes it without the expectation.
   */
  void chainRule() {
    Chapter.section("9. Chain rule KL(p(x)q(z|x) ‖ r(x,z)) = KL(p‖r) + E_p[KL(q(z|x)‖r(z|x))]");
    Worst worst = new Worst();
    int tables = opt.pick(2_000, 200);
    for (int i = 0; i < tables; i++) {
      Discrete px = Discrete.random(4, rng);
      Discrete[] qzx = {Discrete.random(3, rng), Discrete.random(3, rng), Discrete.random(3, rng),
          Discrete.random(3, rng)};
      JointTable r = JointTable.random(4, 3, rng);
      // KL(p(x)‖r(x)) + Σ_x p(x) KL(q(z|x)‖r(z|x))
      double sum = px.klTo(r.marginalX());
      for (int x = 0; x < 4; x++) {
        sum += px.p(x) * qzx[x].klTo(r.conditionalZ(x));
      }
      worst.see(JointTable.of(px, qzx).klTo(r), sum);
    }
    checks.close("KL-7", "worst of " + tables + " 4×3 tables: joint KL", worst.a, "chain-rule sum",
        worst.b, 1e-12);
  }

  /*
   * ## 10. Same gradient: minimising KL(P_data‖P_θ) is maximising the likelihood
   * Note 000 breaks off here. Expanding the definition finishes the proof:
   *
   *     KL(P_data‖P_θ) = Σ P_data(x) log P_data(x) − Σ P_data(x) log P_θ(x)
   *                    = −H(P_data) − E_data[log P_θ(x)].
   *
   * The entropy of the data does not depend on θ, so ∇_θ KL(P_data‖P_θ) = −∇_θ E_data[log P_θ(x)]:
   * the two objectives differ by a constant and share every gradient and every minimiser. Expanding
   * the joint KL of section 9 the same way gives KL(P_data q ‖ p_θ(x, z)) =
   * E_data[KL(q(z|x)‖p_θ(z)) − E_q log p_θ(x|z)] − H(P_data): the VAE loss (with the prior p_θ(z),
   * not the posterior), again up to the constant H(P_data). Checked on a latent model P_θ(x) = Σ_z
   * softmax(θ)[x][z] with 4 × 2 cells: central differences of both sides at 5 random θ, and the
   * gradient by hand, ∂KL/∂θ_xz = s_xz (1 − P_data(x)/P_θ(x)) with s = softmax(θ).
   */
  void gradientEquivalence() {
    Chapter.section("10. ∇_θ KL(P_data‖P_θ) = −∇_θ E_data[log P_θ(x)]");
    Discrete data = Discrete.random(4, rng);
    Discrete[] q = {Discrete.random(2, rng), Discrete.random(2, rng), Discrete.random(2, rng),
        Discrete.random(2, rng)};
    ToDoubleFunction<double[]> kl = th -> data.klTo(JointTable.softmax(th, 4, 2).marginalX());
    // −E_data[log P_θ(x)] is the cross-entropy H(P_data, P_θ)
    ToDoubleFunction<double[]> nll = th -> data.crossEntropy(JointTable.softmax(th, 4, 2)
        .marginalX());
    Worst fdVsFd = new Worst();
    Worst fdVsExact = new Worst();
    Worst constant = new Worst();
    for (int trial = 0; trial < 5; trial++) {
      double[] theta = rng.doubles(8).map(u -> 4 * u - 2).toArray();
      double[] gKl = FiniteDifferences.gradient(kl, theta, 1e-5);
      double[] gNll = FiniteDifferences.gradient(nll, theta, 1e-5);
      JointTable model = JointTable.softmax(theta, 4, 2);
      Discrete prior = model.marginalZ();
      double vaeLoss = 0;
      for (int x = 0; x < 4; x++) {
        // VAE loss = E_data[KL(q(z|x)‖p_θ(z)) − E_q log p_θ(x|z)]
        vaeLoss += data.p(x) * q[x].klTo(prior);
        for (int z = 0; z < 2; z++) {
          fdVsFd.see(gKl[2 * x + z], gNll[2 * x + z]);
          fdVsExact.see(gKl[2 * x + z], model.p(x, z) * (1 - data.p(x) / model.marginalX().p(x)));
          vaeLoss -= data.p(x) * q[x].p(z) * Math.log(model.p(x, z) / prior.p(z));
        }
      }
      constant.see(vaeLoss - JointTable.of(data, q).klTo(model), data.entropy());
    }
    checks.close("KL-8", "worst of 40: ∂KL/∂θ (FD)", fdVsFd.a, "∂(−E log P_θ)/∂θ (FD)", fdVsFd.b,
        1e-6);
    checks.close("KL-8", "worst of 40: ∂KL/∂θ (FD)", fdVsExact.a, "by hand", fdVsExact.b, 1e-6);
    checks.close("KL-8", "worst of 5: VAE loss − KL(joint)", constant.a, "H(P_data)", constant.b,
        1e-12);
    literalGradientClaim(data, q);
  }

  /*
   * Note 000's unfinished proof aims at a different claim (ER-5): that the reconstruction term
   * −E_data E_q[log p_θ(x|z)] and KL(P_data‖P_θ) have equal θ-gradients. In general they do not:
   * on the same model with the encoder q above, the two gradients differ in every component. What
   * is true is KL-8 above, and Fisher's identity: when q is the model's exact posterior p_θ(z|x) at
   * the current θ, −∇_θ E_data E_q[log p_θ(x, z)] = ∇_θ KL(P_data‖P_θ) — the *joint*, not the
   * likelihood p_θ(x|z), whose prior p_θ(z) here moves with θ too.
   */
  void literalGradientClaim(Discrete data, Discrete[] q) {
    double[] theta = rng.doubles(8).map(u -> 4 * u - 2).toArray();
    JointTable at = JointTable.softmax(theta, 4, 2);
    Discrete[] post = new Discrete[4]; // p_θ(z|x) at this θ, then held fixed
    for (int x = 0; x < 4; x++) {
      post[x] = Discrete.normalized(at.p(x, 0), at.p(x, 1));
    }
    ToDoubleFunction<double[]> kl = th -> data.klTo(JointTable.softmax(th, 4, 2).marginalX());
    double[] gKl = FiniteDifferences.gradient(kl, theta, 1e-5);
    double[] gRecon = FiniteDifferences.gradient(th -> expectedLog(data, q, th, true), theta, 1e-5);
    double[] gJoint = FiniteDifferences.gradient(th -> expectedLog(data, post, th, false), theta,
        1e-5);
    Worst literal = new Worst();
    Worst fisher = new Worst();
    for (int i = 0; i < theta.length; i++) {
      literal.see(gKl[i], gRecon[i]);
      fisher.see(gKl[i], gJoint[i]);
    }
    double gap = Math.abs(literal.a - literal.b);
    checks.that("ER-5", String.format("worst of 8: ∂KL(P_data‖P_θ)/∂θ %s, ∂(−E_q log p_θ(x|z))/∂θ "
        + "%s | gap %s > 1e-3 (FD error ~1e-10)", Fmt.num(literal.a), Fmt.num(literal.b),
        Fmt.sci(gap)), gap > 1e-3);
    checks.close("ER-5", "worst of 8: ∂KL/∂θ (FD)", fisher.a, "∂(−E_post log p_θ(x, z))/∂θ (FD)",
        fisher.b, 1e-6);
  }

  /** −E_data E_q[log p_θ(x|z)] (likelihood) or −E_data E_q[log p_θ(x, z)] (joint). */
  static double expectedLog(Discrete data, Discrete[] q, double[] theta, boolean likelihood) {
    JointTable m = JointTable.softmax(theta, 4, 2);
    Discrete prior = m.marginalZ();
    double sum = 0;
    for (int x = 0; x < 4; x++) {
      for (int z = 0; z < 2; z++) {
        double log = Math.log(m.p(x, z)) - (likelihood ? Math.log(prior.p(z)) : 0);
        sum -= data.p(x) * q[x].p(z) * log;
      }
    }
    return sum;
  }

  /*
   * ## Summary
   * Surprise −log p leads to entropy, cross-entropy and their gap, the KL divergence, which is
   * never negative (ln t ≤ t − 1), vanishes only at P = Q, and depends on its direction. For
   * Gaussians it has closed forms, ½(μ² + σ² − log σ² − 1) per coordinate for the VAE's KL term and
   * a trace/log-det formula in general, each confirmed by quadrature and Monte Carlo. KL between
   * joints splits by the chain rule, and minimising KL(P_data‖P_θ) is maximum likelihood.
   *
   * ## Exercises
   * 1. Give the mixture of section 5 equal weights. Which bump does the reverse fit pick, and why?
   * 2. Derive KL(N(μ₀, σ₀²) ‖ N(μ₁, σ₁²)) from section 8 with k = 1 and compare with
   *    `Gaussian1D.klTo`.
   * 3. In section 6, draw from g = N(μ, (σ/2)²) instead. What happens to the standard errors, and
   *    why?
   */

  /** The pair (a, b) with the largest |a − b| seen so far: the worst case of an identity. */
  private static final class Worst {
    double a;
    double b;
    private boolean seen;

    void see(double a, double b) {
      double d = Math.abs(a - b);
      if (!seen || Double.isNaN(d) || d > Math.abs(this.a - this.b)) {
        this.a = a;
        this.b = b;
      }
      seen = true;
    }
  }

  private static XYSeries line(XYChart chart, String name, double[] x, DoubleUnaryOperator f) {
    XYSeries s = chart.addSeries(name, x, java.util.Arrays.stream(x).map(f).toArray());
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }
}
