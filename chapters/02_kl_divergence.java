///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Ch.2 — KL divergence: closed forms agree with Monte Carlo
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Chapter 2 — KL divergence: closed forms agree with Monte Carlo
 * From surprise to the KL term of the VAE loss, each formula checked two independent ways.
 *
 * **This chapter verifies:** INF-1, INF-2, KL-1 … KL-8, ER-5
 * **Graded exercises:** 2.1 (§7), 2.2 (§8)
 * **Run:** `./jbang chapters/02_kl_divergence.java [--quick] [--seed N] [--no-figures]`
 * **Figures** (`figures/*.png` and `.svg`): `02_kl_fits`, `02_kl_gaussian`, `02_kl_mc_convergence`
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
 */
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Fmt;
import vae.book.Worst;
import vae.fig.Figures;
import vae.fig.KlFigures;
import vae.prob.DiagGaussian;
import vae.prob.Discrete;
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
  @Option(names = "--no-figures", description = "the CHECK lines alone") boolean noFigures;
  private final Checks checks = new Checks();

  public static void main(String[] args) {
    System.exit(Chapter.run(new Ch02KlDivergence(), args));
  }

  @Override
  public Integer call() {
    // a named random stream per section; the figures have their own, so they change no CHECK
    selfInformation(opt.rng("self-information"));
    entropyAndCrossEntropy(opt.rng("entropy"));
    klIsNonNegative(opt.rng("non-negativity"));
    gibbsInequality(opt.rng("gibbs"));
    klIsNotSymmetric();
    gaussianKlThroughThreeIntegrals(opt.rng("three integrals"));
    diagonalGaussians(opt.rng("diagonal"));
    fullCovarianceGaussians(opt.rng("full covariance"));
    chainRule(opt.rng("chain rule"));
    gradientEquivalence(opt.rng("gradients"));
    return checks.summary();
  }

  /*
   * ## 1. Self-information
   * The surprise I(p) of an event of probability p should grow as p shrinks, be zero for a certain
   * event and add over independent events. I(p) = −log p does all three; up to the base, no other
   * continuous function does. Logarithms are natural: information in nats (1 bit ≈ 0.693 nats).
   */
  void selfInformation(SplittableRandom rng) {
    Chapter.section("1. Self-information I(p) = −log p");
    System.out.printf("I(1/2) = %s nats = 1 bit; I(1/1024) = %s nats = 10 bits%n",
        Fmt.num(Discrete.selfInformation(0.5)), Fmt.num(Discrete.selfInformation(1.0 / 1024)));
    int n = 10_000;
    int outOfOrder = 0;
    Worst worst = new Worst();
    DoubleUnaryOperator info = Discrete::selfInformation;
    for (int i = 0; i < n; i++) {
      double p = 1 - rng.nextDouble(); // in (0, 1]
      double q = 1 - rng.nextDouble();
      // p < q  ⇒  I(p) > I(q);   I(p·q) = I(p) + I(q)
      outOfOrder += p != q && (p < q) != (info.applyAsDouble(p) > info.applyAsDouble(q)) ? 1 : 0;
      worst.see(info.applyAsDouble(p * q), info.applyAsDouble(p) + info.applyAsDouble(q));
    }
    checks.that("INF-1", "decreasing: " + outOfOrder + " of " + n + " random pairs out of order",
        outOfOrder == 0);
    checks.close("INF-1", "I(1)", Discrete.selfInformation(1), "certain event", 0, 0);
    checks.close("INF-1", "worst of " + n + ": I(pq)", worst.a(), "I(p)+I(q)", worst.b(), 1e-12);
  }

  /*
   * ## 2. Entropy and cross-entropy
   * The entropy H(P) = E_P[−log P(X)] = −Σ P(x) log P(x) is the mean surprise of outcomes from P
   * (so Monte Carlo estimates it too). Believing Q instead gives the cross-entropy
   * H(P, Q) = −Σ P(x) log Q(x); the wrong belief costs H(P, Q) − H(P) = KL(P‖Q) = Σ P log(P/Q).
   */
  void entropyAndCrossEntropy(SplittableRandom rng) {
    Chapter.section("2. Entropy H(P) and cross-entropy H(P, Q)");
    Discrete p = Discrete.random(6, rng);
    System.out.println("P = " + p);
    // H(P) = E_P[−log P(X)] ≈ (1/n) Σ −log P(x_i),  x_i ~ P
    var h = MonteCarlo.estimate(opt.pick(400_000, 40_000), rng,
        r -> -Math.log(p.p(p.sample(r))));
    checks.mc("INF-2", "H(P)", p.entropy(), "MC mean of −log P(X)", h);
    Worst worst = new Worst();
    for (int i = 0; i < 10_000; i++) {
      Discrete a = Discrete.random(6, rng);
      Discrete b = Discrete.random(6, rng);
      worst.see(a.crossEntropy(b), a.entropy() + a.klTo(b)); // H(P, Q) = H(P) + KL(P‖Q)
    }
    checks.close("INF-2", "worst of 10000: H(P,Q)", worst.a(), "H(P)+KL(P‖Q)", worst.b(), 1e-12);
  }

  /*
   * ## 3. KL is never negative
   * One fact suffices: ln t ≤ t − 1 for t > 0 (the tangent of the concave ln t at t = 1). With
   * t = Q(x)/P(x) wherever P(x) > 0,
   *
   *     −KL(P‖Q) = Σ P(x) ln(Q(x)/P(x)) ≤ Σ P(x) (Q(x)/P(x) − 1) = Σ Q(x) − 1 ≤ 0,
   *
   * with equality only if t = 1 at every x: Q = P. Near P the KL grows like ε² (the rows below).
   */
  void klIsNonNegative(SplittableRandom rng) {
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
      double[] pr = p.probs(); // Q_ε = (1 − ε) P + ε · uniform
      double kl = p.klTo(Discrete.normalized(IntStream.range(0, pr.length)
          .mapToDouble(i -> (1 - eps) * pr[i] + eps / pr.length).toArray()));
      System.out.printf("ε = %-8s KL(P‖Q_ε) = %-8s KL/ε² = %s%n", Fmt.sci(eps), Fmt.sci(kl),
          Fmt.num(kl / (eps * eps)));
    }
  }

  /*
   * ## 4. Gibbs' inequality
   * H(P, Q) − H(P) = KL(P‖Q) ≥ 0: no belief Q predicts outcomes from P better than P itself.
   */
  void gibbsInequality(SplittableRandom rng) {
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
   * KL(P‖Q) weighs the log-ratio by P, KL(Q‖P) by Q. Fitting one Gaussian q to a two-bump p, the
   * *forward* KL(p‖q) punishes q for being small where p has mass: q covers both bumps (p's mean
   * and variance). The *reverse* KL(q‖p), the VAE's direction, punishes mass where p has little: q
   * sits on one bump (we start on each). Nelder–Mead fits, by quadrature; nothing here is random.
   */
  void klIsNotSymmetric() {
    Chapter.section("5. KL(P‖Q) ≠ KL(Q‖P): forward and reverse fits");
    Discrete p = Discrete.of(0.80, 0.15, 0.05);
    Discrete q = Discrete.of(1.0 / 3, 1.0 / 3, 1.0 / 3);
    checks.that("KL-3", "P = " + p + ", Q = uniform: KL(P‖Q) = " + Fmt.num(p.klTo(q))
        + " ≠ KL(Q‖P) = " + Fmt.num(q.klTo(p)), Math.abs(p.klTo(q) - q.klTo(p)) > 1e-3);
    GaussianMixture1D mix = new GaussianMixture1D(new double[] {0.6, 0.4}, new Gaussian1D(-2, 0.7),
        new Gaussian1D(2.5, 0.9));
    Gaussian1D forward = KlFit.fitForward(mix, new Gaussian1D(0, 1));
    Gaussian1D left = KlFit.fitReverse(mix, new Gaussian1D(-1.5, 1));
    Gaussian1D right = KlFit.fitReverse(mix, new Gaussian1D(2, 1));
    Gaussian1D reverse = KlFit.reverseKl(mix, left) <= KlFit.reverseKl(mix, right) ? left : right;
    System.out.println("p = " + mix);
    for (Gaussian1D fit : new Gaussian1D[] {forward, left, right}) {
      System.out.printf("%s fit %s: KL(p‖q) = %s, KL(q‖p) = %s%n", fit == forward ? "forward"
          : "reverse", fit, Fmt.num(KlFit.forwardKl(mix, fit)), Fmt.num(KlFit.reverseKl(mix, fit)));
    }
    // argmin_q KL(p‖q) over Gaussians: μ_q = E_p[x], σ_q² = Var_p[x] (tolerance: the optimiser's)
    checks.close("KL-3", "forward fit μ", forward.mu(), "mixture mean", mix.mean(), 1e-5);
    checks.close("KL-3", "forward fit σ²", forward.variance(), "mixture variance", mix.variance(),
        1e-5);
    Gaussian1D bump = mix.component(0);
    checks.that("KL-3", "reverse fit sits on one bump (μ " + Fmt.num(reverse.mu()) + " ≈ "
        + Fmt.num(bump.mu()) + ", σ " + Fmt.num(reverse.sigma()) + " ≈ " + Fmt.num(bump.sigma())
        + "); forward fit spans both (σ " + Fmt.num(forward.sigma()) + ")",
        Math.abs(reverse.mu() - bump.mu()) < 0.2 && reverse.sigma() < 1 && forward.sigma() > 2);
    if (!noFigures) {
      Figures.save(KlFigures.fits(mix, forward, reverse), "02_kl_fits");
    }
  }

  /*
   * ## 6. KL(N(μ, σ²) ‖ N(0, 1)) through three integrals
   * For q = N(μ, σ²) and p = N(0, 1), log q(x) − log p(x) = ½ [−log σ² + x² − (x − μ)²/σ²], so
   * KL(q‖p) = ∫ q (log q − log p) splits into three integrals against q: ∫ q·(−log σ²) = −log σ²
   * (q integrates to one), ∫ q·x² = μ² + σ² (the second moment), ∫ q·(x − μ)²/σ² = 1. Hence
   *
   *     KL(N(μ, σ²) ‖ N(0, 1)) = ½ (μ² + σ² − log σ² − 1),  the D = 1 case of section 7.
   *
   * Each integral by quadrature and by Monte Carlo; the draws come from a wider g = N(μ, (2σ)²),
   * weighted, ∫ q f = E_g[(q/g) f], since from q itself the constant integrand would be exact.
   */
  void gaussianKlThroughThreeIntegrals(SplittableRandom rng) {
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
    System.out.printf("½(%s + %s − %s) = %s%n", Fmt.num(exact[0]), Fmt.num(exact[1]),
        Fmt.num(exact[2]), Fmt.num(0.5 * (exact[0] + exact[1] - exact[2])));
    double kl = q.klToStandardNormal();
    checks.close("KL-4", "closed form", kl, "quadrature ∫q log(q/p)",
        Quadrature.expect(q, x -> q.logDensity(x) - Gaussian1D.STANDARD.logDensity(x)), 1e-9);
    checks.mc("KL-4", "closed form", kl, "MC",
        KlMonteCarlo.estimate(q, Gaussian1D.STANDARD, n, rng));
    if (!noFigures) { // the closed form over σ for several μ, Monte Carlo (± 2 SE) on top
      Figures.save(KlFigures.gaussianKl(opt.pick(20_000, 2_000), opt.rng("figure: KL-4")),
          "02_kl_gaussian");
    }
  }

  /*
   * ## 7. Diagonal Gaussians: the VAE's KL term
   * The VAE's encoder outputs q(z|x) = N(μ, diag σ²), the prior is p(z) = N(0, I); both factorise
   * over the D coordinates, so the KL is the sum of D one-dimensional KLs from section 6:
   * KL = −½ Σ_d (log σ_d² + 1 − σ_d² − μ_d²).
   *
   * *Graded exercise 2.1* — this closed form is `DiagGaussian.klToStandardNormal`, the one home of
   * the VAE's KL term (section 6 calls it with D = 1); in a student copy you write it.
   */
  void diagonalGaussians(SplittableRandom rng) {
    Chapter.section("7. KL(N(μ, diag σ²) ‖ N(0, I)) = −½ Σ_d (log σ_d² + 1 − σ_d² − μ_d²)");
    for (int dim : new int[] {1, 3, 10, 30}) {
      double[] mu = MonteCarlo.gaussians(dim, 1, rng);
      double[] logVar = rng.doubles(dim).map(u -> 1.4 * (u - 0.5)).toArray(); // σ in e^±0.35
      DiagGaussian q = new DiagGaussian(mu, logVar);
      var e = KlMonteCarlo.estimate(q, DiagGaussian.standard(dim), opt.pick(200_000, 20_000),
          rng);
      checks.mc("KL-5", "D=" + dim + " closed form", q.klToStandardNormal(), "MC", e);
    }
  }

  /*
   * ## 8. Two full-covariance Gaussians
   * For N₀ = N(μ₀, Σ₀), N₁ = N(μ₁, Σ₁) in k dimensions, E₀[(x − μ₁)ᵀΣ₁⁻¹(x − μ₁)] =
   * tr(Σ₁⁻¹Σ₀) + (μ₁ − μ₀)ᵀΣ₁⁻¹(μ₁ − μ₀) and E₀[(x − μ₀)ᵀΣ₀⁻¹(x − μ₀)] = k give
   *
   *     KL(N₀‖N₁) = ½ [tr(Σ₁⁻¹Σ₀) + (μ₁ − μ₀)ᵀΣ₁⁻¹(μ₁ − μ₀) − k + log(det Σ₁ / det Σ₀)]
   *
   * (`MvGaussian` factorises Σ = L Lᵀ once: log det Σ = 2 Σ log L_ii, samples x = μ + Lε).
   * Sections 6–7 are the case μ₁ = 0, Σ₁ = I; k = 1 gives two 1-D Gaussians,
   * KL(N(μ₀, σ₀²) ‖ N(μ₁, σ₁²)) = log(σ₁/σ₀) + (σ₀² + (μ₀ − μ₁)²)/(2σ₁²) − ½.
   *
   * *Graded exercise 2.2* — that 1-D closed form is `Gaussian1D.klTo`; in a student copy you write
   * it. It is checked against the matrix formula at k = 1, which shares no code with it.
   */
  void fullCovarianceGaussians(SplittableRandom rng) {
    Chapter.section("8. KL between two full-covariance Gaussians, k = 1 … 5");
    for (int k = 1; k <= 5; k++) {
      MvGaussian n0 = MvGaussian.random(k, rng);
      MvGaussian n1 = MvGaussian.random(k, rng);
      var e = KlMonteCarlo.estimate(n0, n1, opt.pick(200_000, 20_000), rng);
      checks.mc("KL-6", "k=" + k + " closed form", n0.klTo(n1), "MC", e);
      if (k == 1) { // the same pair as 1-D Gaussians N(μ, σ²), σ² = Σ₁₁
        checks.close("KL-6", "k=1 Gaussian1D.klTo", new Gaussian1D(n0.mu()[0],
            Math.sqrt(n0.cov()[0][0])).klTo(new Gaussian1D(n1.mu()[0], Math.sqrt(n1.cov()[0][0]))),
            "trace/log-det formula", n0.klTo(n1), 1e-12);
      }
    }
    if (!noFigures) { // a k = 5 pair of its own: MC at n = 10 … 10⁶ (10⁵ quick), ± 2 SE
      SplittableRandom fig = opt.rng("figure: KL-6");
      Figures.save(KlFigures.convergence(MvGaussian.random(5, fig), MvGaussian.random(5, fig),
          opt.pick(16, 10), opt.pick(6, 5), fig), "02_kl_mc_convergence");
    }
  }

  /*
   * ## 9. The chain rule
   * Note 000 splits a KL between joints: for p(x) q(z|x) and r(x) r(z|x) the log-ratio is the sum
   * of log [p(x)/r(x)] and log [q(z|x)/r(z|x)], so KL(p q ‖ r) = KL(p(x)‖r(x)) + E_{p(x)}[KL(q‖r)]
   * with q = q(z|x), r = r(z|x): an *average over x*, which note 000 drops.
   */
  void chainRule(SplittableRandom rng) {
    Chapter.section("9. Chain rule KL(p(x)q(z|x) ‖ r(x,z)) = KL(p‖r) + E_p[KL(q(z|x)‖r(z|x))]");
    Worst worst = new Worst();
    int tables = opt.pick(2_000, 200);
    for (int i = 0; i < tables; i++) {
      Discrete px = Discrete.random(4, rng);
      Discrete[] qzx = IntStream.range(0, 4).mapToObj(x -> Discrete.random(3, rng))
          .toArray(Discrete[]::new);
      JointTable r = JointTable.random(4, 3, rng);
      // KL(p(x)‖r(x)) + Σ_x p(x) KL(q(z|x)‖r(z|x))
      double sum = px.klTo(r.marginalX());
      for (int x = 0; x < 4; x++) {
        sum += px.p(x) * qzx[x].klTo(r.conditionalZ(x));
      }
      worst.see(JointTable.of(px, qzx).klTo(r), sum);
    }
    checks.close("KL-7", "worst of " + tables + " 4×3 tables: joint KL", worst.a(),
        "chain-rule sum", worst.b(), 1e-12);
  }

  /*
   * ## 10. Same gradient: minimising KL(P_data‖P_θ) is maximising the likelihood
   * Note 000 breaks off here. Expanding the definition finishes the proof:
   *
   *     KL(P_data‖P_θ) = Σ P_data(x) log P_data(x) − Σ P_data(x) log P_θ(x)
   *                    = −H(P_data) − E_data[log P_θ(x)].
   *
   * H(P_data) does not depend on θ, so both objectives share every gradient and minimiser. The
   * joint KL of section 9 expands the same way: KL(P_data q ‖ p_θ(x, z)) = E_data[KL(q(z|x)‖p_θ(z))
   * − E_q log p_θ(x|z)] − H(P_data), the VAE loss up to the same constant. We check on a latent
   * model P_θ(x) = Σ_z softmax(θ)[x][z], 4 × 2 cells, at 5 random θ: central differences of both
   * sides, and the gradient by hand, ∂KL/∂θ_xz = s_xz (1 − P_data(x)/P_θ(x)), s = softmax(θ).
   *
   * Note 000's unfinished proof aims elsewhere (ER-5): at equal θ-gradients for the reconstruction
   * term −E_data E_q[log p_θ(x|z)] and KL(P_data‖P_θ). With an encoder q they differ. What holds
   * is KL-8, and Fisher's identity: with q the exact posterior p_θ(z|x) at the current θ,
   * −∇_θ E_data E_q[log p_θ(x, z)] = ∇_θ KL(P_data‖P_θ): the *joint*, whose prior moves with θ.
   */
  void gradientEquivalence(SplittableRandom rng) {
    Chapter.section("10. ∇_θ KL(P_data‖P_θ) = −∇_θ E_data[log P_θ(x)]");
    Discrete data = Discrete.random(4, rng);
    Discrete[] q = IntStream.range(0, 4).mapToObj(x -> Discrete.random(2, rng))
        .toArray(Discrete[]::new);
    // KL(P_data‖P_θ), and −E_data[log P_θ(x)], the cross-entropy H(P_data, P_θ)
    ToDoubleFunction<double[]> kl = th -> data.klTo(JointTable.softmax(th, 4, 2).marginalX());
    ToDoubleFunction<double[]> nll = th -> data.crossEntropy(JointTable.softmax(th, 4, 2)
        .marginalX());
    Worst fdVsFd = new Worst();
    Worst fdVsExact = new Worst();
    Worst constant = new Worst();
    Worst literal = new Worst(); // ER-5: the likelihood term's gradient with the encoder q
    Worst fisher = new Worst(); // ER-5: the joint's with the posterior p_θ(z|x), held fixed
    for (int trial = 0; trial < 5; trial++) {
      double[] theta = rng.doubles(8).map(u -> 4 * u - 2).toArray();
      JointTable model = JointTable.softmax(theta, 4, 2);
      var post = IntStream.range(0, 4).mapToObj(model::conditionalZ).toArray(Discrete[]::new);
      double[] gKl = FiniteDifferences.gradient(kl, theta, 1e-5);
      double[] gNll = FiniteDifferences.gradient(nll, theta, 1e-5);
      double[] gRecon = FiniteDifferences.gradient(
          th -> JointTable.softmax(th, 4, 2).expectedNegLog(data, q, true), theta, 1e-5);
      double[] gJoint = FiniteDifferences.gradient(
          th -> JointTable.softmax(th, 4, 2).expectedNegLog(data, post, false), theta, 1e-5);
      for (int i = 0; i < 8; i++) { // θ_xz at i = 2x + z
        fdVsFd.see(gKl[i], gNll[i]);
        fdVsExact.see(gKl[i], model.p(i / 2, i % 2) * (1 - data.p(i / 2)
            / model.marginalX().p(i / 2)));
        literal.see(gKl[i], gRecon[i]);
        fisher.see(gKl[i], gJoint[i]);
      }
      // VAE loss = E_data[KL(q(z|x)‖p_θ(z))] − E_data E_q[log p_θ(x|z)]
      double vaeLoss = model.expectedNegLog(data, q, true);
      for (int x = 0; x < 4; x++) {
        vaeLoss += data.p(x) * q[x].klTo(model.marginalZ());
      }
      constant.see(vaeLoss - JointTable.of(data, q).klTo(model), data.entropy());
    }
    checks.close("KL-8", "worst of 40: ∂KL/∂θ (FD)", fdVsFd.a(), "∂(−E log P_θ)/∂θ (FD)",
        fdVsFd.b(), 1e-6);
    checks.close("KL-8", "worst of 40: ∂KL/∂θ (FD)", fdVsExact.a(), "by hand", fdVsExact.b(), 1e-6);
    checks.close("KL-8", "worst of 5: VAE loss − KL(joint)", constant.a(), "H(P_data)",
        constant.b(), 1e-12);
    double gap = Math.abs(literal.a() - literal.b());
    checks.that("ER-5", String.format("worst of 40: ∂KL(P_data‖P_θ)/∂θ %s, ∂(−E_q log p_θ(x|z))/∂θ"
        + " %s | gap %s > 1e-3 (FD error ~1e-10)", Fmt.num(literal.a()), Fmt.num(literal.b()),
        Fmt.sci(gap)), gap > 1e-3);
    checks.close("ER-5", "worst of 40: ∂KL/∂θ (FD)", fisher.a(),
        "∂(−E_post log p_θ(x, z))/∂θ (FD)", fisher.b(), 1e-6);
  }

  /*
   * ## Summary
   * Surprise leads to entropy, cross-entropy and their gap, the KL divergence: never negative, 0
   * only at P = Q, one-directional, closed-form for Gaussians; minimised, it is maximum likelihood.
   *
   * **Questions.** Q1. Give the mixture of section 5 equal weights: which bump does the reverse fit
   * pick, and why? Q2. Section 3's KL(P‖Q_ε)/ε² settles to a constant: expand log(1 + t) to second
   * order to find it. Q3. In section 6, draw from g = N(μ, (σ/2)²): what happens to the standard
   * errors, and why?
   */
}
