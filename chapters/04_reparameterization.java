///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Ch.4 — Reparameterization: z = μ + σ ⊙ ε samples q and lets gradients through
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Chapter 4 — Reparameterization: z = μ + σ ⊙ ε samples q and lets gradients through
 * Write the random code as z = μ + σ ⊙ ε with ε ~ N(0, I): same distribution, and now the
 * gradient reaches μ and σ.
 *
 * **This chapter verifies:** RP-1, RP-2, RP-3, RP-4 (an erratum in note 002), RP-20, RP-21
 *
 * **Run:** `./jbang chapters/04_reparameterization.java [--quick] [--seed N]` (alias `reparam`)
 *
 * **Figures:** `figures/04_sampling_graphs.png`, `figures/04_reparam_histogram.png`,
 * `figures/04_variance_vs_dim.png`, `figures/04_variance_vs_sigma.png`,
 * `figures/04_erratum_scale.png`, `figures/04_ring.png`, `figures/04_inverse_cdf.png` (each also as
 * `.svg`)
 *
 * Each claim in one line (its source, tests and tolerance are in `CLAIMS.md`):
 * - **RP-1** — z = μ + σ ⊙ ε with ε ~ N(0, I) is distributed as N(μ, diag σ²)
 * - **RP-2** — The pathwise gradient E[f′(μ + σε)·(1, ε)] is unbiased; a raw sample has none
 * - **RP-3** — The score-function gradient is unbiased too, but its variance is far larger
 * - **RP-4** — Erratum: the noise must be scaled by σ, not by the variance σ²
 * - **RP-20** — A fixed function of N(0, I) noise, g(z) = z/10 + z/‖z‖, makes a ring
 * - **RP-21** — x = F⁻¹(Φ(ε)) with ε ~ N(0, 1) has exactly the distribution F, for any F
 *
 * Chapter 3 estimated the VAE's reconstruction term E_q[log p(x|z)] by averaging over sampled
 * codes z. Training needs more: the gradient of that expectation with respect to the encoder's
 * outputs μ and σ. A sample drawn "from q" is just a number — nothing connects it to μ and σ. The
 * trick is to draw the randomness first, ε ~ N(0, I), and build z from it by a differentiable
 * formula. This chapter checks that the formula samples the right distribution, that the resulting
 * gradient estimate is unbiased, how it compares with the other classic estimator, and corrects a
 * slip in one of the source notes.
 */
import java.awt.Color;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Fmt;
import vae.fig.Figures;
import vae.fig.Schematics;
import vae.fig.Layers;
import vae.fig.Palette;
import vae.prob.DiagGaussian;
import vae.prob.Estimate;
import vae.prob.FiniteDifferences;
import vae.prob.Gaussian1D;
import vae.prob.GradientEstimators;
import vae.prob.GradientEstimators.Gradient;
import vae.prob.GradientEstimators.Kind;
import vae.prob.Histogram;
import vae.prob.MonteCarlo;
import vae.prob.TestFunction;
import vae.prob.Quadrature;

@Command(name = "04_reparameterization", mixinStandardHelpOptions = true,
    description = "Chapter 4 — Reparameterization: z = μ + σ ⊙ ε samples q and lets gradients "
        + "through")
class Ch04Reparameterization implements Callable<Integer> {
  @Mixin ChapterOptions opt;
  private final Checks checks = new Checks();

  static final Color[] PALETTE = {Palette.BLUE, Palette.ORANGE, Palette.GREEN};
  static final Color RED = Palette.RED;

  /** The significance level of every Kolmogorov–Smirnov test in this chapter. */
  static final double KS_ALPHA = 1e-3;

  public static void main(String[] args) {
    System.exit(Chapter.run(new Ch04Reparameterization(), args));
  }

  @Override
  public Integer call() {
    SplittableRandom root = MonteCarlo.rng(opt.seed);
    sameDistribution(root.split());
    blockedGradient(root.split());
    pathwise(root.split());
    scoreFunction(root.split());
    erratum(root.split());
    anyDistribution(root.split());
    summary();
    return checks.summary();
  }

  /*
   * ## 1. Same distribution, different recipe
   * If ε ~ N(0, 1) then μ + σε has mean μ and variance σ²: shifting moves the mean, scaling by σ
   * multiplies the variance by σ². A normal variable stays normal under both, so
   * z = μ + σ ⊙ ε ~ N(μ, diag σ²); read backwards, (z − μ)/σ ~ N(0, 1). We check the first two
   * moments of every coordinate (4·SE) and the whole shape with a Kolmogorov–Smirnov test of the
   * standardised draws against N(0, 1) (level α = 0.001, at the printed seed).
   * (Note 003 says the trick samples from P(X|z); what it samples is the code z from Q(z|X),
   * with Q's mean and standard deviation — a naming slip listed with the errata in CLAIMS.md.)
   */
  static final double[] MU = {1.0, -2.0, 0.5};
  static final double[] SIGMA = {0.5, 2.0, 1.2};

  /** n draws z = μ + σ ⊙ ε from q, as {@code [D][n]} (one row per coordinate). */
  static double[][] draws(DiagGaussian q, int n, SplittableRandom rng) {
    double[][] z = new double[q.dim()][n];
    for (int i = 0; i < n; i++) {
      double[] zi = q.sample(rng); // z = μ + σ ⊙ ε, ε ~ N(0, I)
      for (int d = 0; d < zi.length; d++) {
        z[d][i] = zi[d];
      }
    }
    return z;
  }

  /**
   * Mean of (z − μ)² over the draws: the variance estimate around the known mean μ, with its SE.
   */
  static Estimate spread(double[] z, double mu) {
    return MonteCarlo.of(java.util.Arrays.stream(z).map(v -> (v - mu) * (v - mu)).toArray());
  }

  /** The KS p-value of (z − μ)/σ against N(0, 1), all coordinates pooled. */
  static double ksPValue(double[][] z, double[] mu, double[] sigma) {
    int n = z[0].length;
    double[] std = new double[z.length * n];
    for (int d = 0; d < z.length; d++) {
      for (int i = 0; i < n; i++) {
        std[d * n + i] = (z[d][i] - mu[d]) / sigma[d];
      }
    }
    return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(0, 1), std);
  }

  void sameDistribution(SplittableRandom rng) {
    Chapter.section("1. z = μ + σ ⊙ ε has the distribution N(μ, diag σ²)  (RP-1)");
    DiagGaussian q = DiagGaussian.ofSigma(MU, SIGMA);
    int n = opt.pick(100_000, 20_000);
    double[][] z = draws(q, n, rng);
    System.out.printf("q = %s, %,d draws%n", q, n);
    for (int d = 0; d < MU.length; d++) {
      checks.mc("RP-1", "μ_" + (d + 1), MU[d], "mean of z_" + (d + 1), MonteCarlo.of(z[d]));
      checks.mc("RP-1", "σ_" + (d + 1) + "²", SIGMA[d] * SIGMA[d], "mean of (z − μ)²",
          spread(z[d], MU[d]));
    }
    double p = ksPValue(z, MU, SIGMA);
    checks.that("RP-1",
        String.format("KS test of (z − μ)/σ against N(0, 1), %,d values: p = %s > α = %s",
        MU.length * n, Fmt.num(p), Fmt.num(KS_ALPHA)), p > KS_ALPHA);

    XYChart chart = Figures.xy("RP-1: histograms of z = μ + σ·ε match the densities N(μ_d, σ_d²)",
        "z_d", "density");
    for (int d = 0; d < MU.length; d++) {
      String label = String.format(java.util.Locale.ROOT, "N(%.1f, %.1f²)", MU[d], SIGMA[d]);
      Layers.stairs(chart, "histogram of z_" + (d + 1), Histogram.of(z[d], -8, 6, 140), PALETTE[d]);
      Layers.curve(chart, "density " + label, -8, 6, new Gaussian1D(MU[d], SIGMA[d])::density,
          PALETTE[d].darker().darker());
    }
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    Figures.save(chart, "04_reparam_histogram");
  }

  /*
   * ## 2. Why a sample blocks the gradient
   * Take f(z) = z² and q = N(μ, σ²). The gradient we want is ∂/∂μ E_q[f(z)] = ∂/∂μ (μ² + σ²) = 2μ.
   * A sampler hands back a number z; the number itself carries no derivative. The honest black-box
   * attempt is a finite difference: sample once at μ + h, once at μ − h, and divide. With fresh
   * noise in each call the two samples differ by a random amount of order σ, so the quotient's
   * spread grows like 1/h — the smaller the step, the worse. Holding ε fixed and writing
   * z = μ + σε instead, the difference is only due to μ, and the quotient is the derivative along
   * that path: as h → 0 it becomes f'(z)·∂z/∂μ = f'(z).
   */
  void blockedGradient(SplittableRandom rng) {
    Chapter.section("2. Why sampling blocks the gradient  (RP-2)");
    // the two computation graphs: a direct draw (no path back to μ, σ) and z = μ + σ ⊙ ε
    Figures.saveDiagram(Schematics.sampling(), "04_sampling_graphs");
    double mu = 0.7;
    double sigma = 1.3;
    int n = opt.pick(100_000, 20_000);
    System.out.printf("f(z) = z², q = N(%s, %s²): exact ∂/∂μ E[f] = 2μ = %s; %,d finite "
        + "differences%n",
        mu, sigma, Fmt.num(2 * mu), n);
    System.out.printf("%8s  %-26s  %s%n", "h", "fresh noise each side",
        "same ε both sides (z = μ + σε)");
    Estimate fresh = null;
    Estimate shared = null;
    for (double h : new double[] {1e-1, 1e-2, 1e-3}) {
      // [f(z⁺) − f(z⁻)] / 2h with z± drawn independently from N(μ ± h, σ²)
      fresh = MonteCarlo.estimate(n, rng, r -> (sq(mu + h + sigma * r.nextGaussian())
          - sq(mu - h + sigma * r.nextGaussian())) / (2 * h));
      // [f(μ + h + σε) − f(μ − h + σε)] / 2h with one ε
      shared = MonteCarlo.estimate(n, rng, r -> {
        double eps = r.nextGaussian();
        return (sq(mu + h + sigma * eps) - sq(mu - h + sigma * eps)) / (2 * h);
      });
      System.out.printf("%8s  %-26s  %s%n", Fmt.num(h), fresh, shared);
    }
    checks.that("RP-2",
        String.format("at h = 0.001 fresh noise gives SE %s, the same ε SE %s: %s× larger",
        Fmt.num(fresh.se()), Fmt.num(shared.se()), Fmt.num(fresh.se() / shared.se())),
        fresh.se() > 100 * shared.se());
  }

  static double sq(double z) {
    return z * z;
  }

  /*
   * ## 3. The pathwise (reparameterization) gradient
   * With z = μ + σε the expectation is over ε, whose distribution does not depend on (μ, σ), so
   * the gradient moves inside: ∇_{μ,σ} E[f(μ + σε)] = E[f'(μ + σε) · (1, ε)]. Each draw of ε gives
   * an unbiased estimate. We test three functions at μ = 0.7, σ = 1.3 against exact gradients:
   * - f = z²: E = μ² + σ², so ∇ = (2μ, 2σ);
   * - f = sin z: E = sin μ · e^{−σ²/2}, so ∇ = (cos μ · e^{−σ²/2}, −σ sin μ · e^{−σ²/2});
   * - a fixed tanh network 1 → 3 → 1, whose E has no closed form: the exact gradient is the central
   *   difference (h = 1e-5) of E computed by Gauss–Legendre quadrature, itself checked on sin.
   */
  static final double GRAD_MU = 0.7;
  static final double GRAD_SIGMA = 1.3;
  static final double[] W = {1.5, -0.8, 2.0};
  static final double[] B = {0.3, 0.5, -1.0};
  static final double[] V = {0.9, -1.2, 0.6};

  /** The three test functions, each with its derivative. */
  static TestFunction[] objectives() {
    return new TestFunction[] {
        new TestFunction("z²", z -> z * z, z -> 2 * z),
        new TestFunction("sin z", Math::sin, Math::cos),
        // φ(z) = Σ_j v_j tanh(w_j z + b_j),  φ'(z) = Σ_j v_j w_j (1 − tanh²(w_j z + b_j))
        new TestFunction("tanh net 1→3→1", z -> {
          double s = 0;
          for (int j = 0; j < W.length; j++) {
            s += V[j] * Math.tanh(W[j] * z + B[j]);
          }
          return s;
        }, z -> {
          double s = 0;
          for (int j = 0; j < W.length; j++) {
            double t = Math.tanh(W[j] * z + B[j]);
            s += V[j] * W[j] * (1 - t * t);
          }
          return s;
        })};
  }

  /**
   * The exact gradient (∂/∂μ, ∂/∂σ) of E_{N(μ,σ²)}[f]: closed forms for z² and sin z, quadrature
   * otherwise.
   */
  static double[] exactGradient(TestFunction f, double mu, double sigma) {
    double damp = Math.exp(-sigma * sigma / 2);
    return switch (f.name()) {
      case "z²" -> new double[] {2 * mu, 2 * sigma};
      case "sin z" -> new double[] {Math.cos(mu) * damp, -sigma * Math.sin(mu) * damp};
      default -> quadratureGradient(f, mu, sigma);
    };
  }

  /**
   * ∂E/∂μ and ∂E/∂σ by central differences (h = 1e-5) of E = ∫ N(z; μ, σ²) f(z) dz by quadrature.
   */
  static double[] quadratureGradient(TestFunction f, double mu, double sigma) {
    return FiniteDifferences.gradient(t -> Quadrature.expect(new Gaussian1D(t[0], t[1]), f.phi()),
        new double[] {mu, sigma}, 1e-5);
  }

  /** Checks one estimator on every test function at (GRAD_MU, GRAD_SIGMA): two CHECK lines each. */
  void checkUnbiased(String id, Kind kind, int n, SplittableRandom rng) {
    DiagGaussian q = DiagGaussian.ofSigma(new double[] {GRAD_MU}, new double[] {GRAD_SIGMA});
    for (TestFunction f : objectives()) {
      double[] exact = exactGradient(f, GRAD_MU, GRAD_SIGMA);
      Gradient g = GradientEstimators.estimate(kind, f, q, n, rng);
      checks.mc(id, "∂μ E[" + f.name() + "]", exact[0], kind.name().toLowerCase(), g.dMu()[0]);
      checks.mc(id, "∂σ E[" + f.name() + "]", exact[1], kind.name().toLowerCase(), g.dSigma()[0]);
    }
  }

  void pathwise(SplittableRandom rng) {
    Chapter.section("3. The pathwise gradient E[f'(μ + σε)·(1, ε)]  (RP-2)");
    TestFunction sin = objectives()[1];
    double[] closed = exactGradient(sin, GRAD_MU, GRAD_SIGMA);
    double[] quad = quadratureGradient(sin, GRAD_MU, GRAD_SIGMA);
    checks.close("RP-2", "sin: ∂μ closed form", closed[0], "quadrature", quad[0], 1e-8);
    checks.close("RP-2", "sin: ∂σ closed form", closed[1], "quadrature", quad[1], 1e-8);
    int n = opt.pick(200_000, 20_000);
    System.out.printf("μ = %s, σ = %s, %,d draws of ε per gradient%n", GRAD_MU, GRAD_SIGMA, n);
    checkUnbiased("RP-2", Kind.PATHWISE, n, rng);
  }

  /*
   * ## 4. The score-function (REINFORCE) estimator
   * The other classic route differentiates the density instead of f: ∇ E_q[f(z)] = ∫ f(z) ∇q(z) dz
   * = E_q[f(z) ∇ log q(z)], with ∂ log q/∂μ = ε/σ and ∂ log q/∂σ = (ε² − 1)/σ. It needs no
   * derivative of f — it works for a discrete decoder or a black box — and it is unbiased too. But
   * it multiplies the whole value f(z) by a noisy weight, so every part of f that does not depend
   * on the coordinate being differentiated adds noise. Its noise is not always larger — for a
   * bounded f such as sin z at σ = 1.3 its standard error below even comes out smaller — but it is
   * in the regimes a VAE lives in: many latent dimensions and small σ. For f(z) = Σ_d z_d² with μ_d
   * = 0.7 the one-draw variances of ∂/∂μ₁ are exact: pathwise 4σ²; score [μ⁴ + 18μ²σ² + 15σ⁴ +
   * 2m(μ² + 3σ²) + v + m²]/σ² − 4μ² with m = (D − 1)(μ² + σ²) and v = (D − 1)(4μ²σ² + 2σ⁴) the mean
   * and variance of the other D − 1 terms.
   */
  static final double VAR_MU = 0.7;

  /** Exact one-draw variance of the score-function estimate of ∂/∂μ₁ E[Σ_d z_d²]. */
  static double exactScoreVariance(double dim, double sigma) {
    double m2 = VAR_MU * VAR_MU;
    double s2 = sigma * sigma;
    double mean = (dim - 1) * (m2 + s2);
    double var = (dim - 1) * (4 * m2 * s2 + 2 * s2 * s2);
    return (m2 * m2 + 18 * m2 * s2 + 15 * s2 * s2 + 2 * mean * (m2 + 3 * s2) + var
        + mean * mean) / s2
        - 4 * m2;
  }

  /** One-draw variances of ∂/∂μ₁ for both estimators, {pathwise, score}, each with its SE. */
  static Estimate[] variances(int dim, double sigma, int n, SplittableRandom rng) {
    double[] mu = new double[dim];
    double[] sig = new double[dim];
    java.util.Arrays.fill(mu, VAR_MU);
    java.util.Arrays.fill(sig, sigma);
    DiagGaussian q = DiagGaussian.ofSigma(mu, sig);
    TestFunction f = objectives()[0];
    return new Estimate[] {oneDrawVariance(Kind.PATHWISE, f, q, n, rng),
        oneDrawVariance(Kind.SCORE, f, q, n, rng)};
  }

  /** s² of n one-draw estimates g_i of ∂/∂μ₁: the mean of (n/(n − 1))(g_i − ḡ)², SE from them. */
  static Estimate oneDrawVariance(Kind kind, TestFunction f, DiagGaussian q, int n,
      SplittableRandom rng) {
    double[] g = new double[n];
    double[] eps = new double[q.dim()];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < eps.length; d++) {
        eps[d] = rng.nextGaussian();
      }
      g[i] = GradientEstimators.draw(kind, f, q, eps)[0][0];
    }
    double mean = java.util.Arrays.stream(g).average().orElseThrow();
    double bessel = n / (n - 1.0);
    return MonteCarlo.of(java.util.Arrays.stream(g).map(v -> bessel * (v - mean) * (v - mean))
        .toArray());
  }

  void scoreFunction(SplittableRandom rng) {
    Chapter.section("4. The score-function estimator: unbiased, far noisier  (RP-3)");
    checkUnbiased("RP-3", Kind.SCORE, opt.pick(200_000, 20_000), rng);
    // 20,000 draws in --quick too: at 5,000 the SE of the score variance (a cubic in ε, so its SE
    // rests on E[ε¹²]) is itself too noisy for the 4·SE rule (RP-3 in CLAIMS.md)
    int n = 20_000;
    System.out.printf("one-draw variance of ∂/∂μ₁ E[Σ z_d²], μ_d = %s, %,d draws each%n", VAR_MU,
        n);
    System.out.printf("%5s %6s  %-12s %-12s %-14s %s%n", "D", "σ", "pathwise", "score",
        "score exact", "ratio");
    double[][] byDim = sweep(new double[] {1, 2, 4, 8, 16, 32, 64}, true, n, rng);
    double[][] bySigma = sweep(new double[] {0.05, 0.1, 0.2, 0.5, 1.0, 2.0}, false, n, rng);
    // R = v_score/v_path from independent draws: SE(R) = R·√((SE_s/v_s)² + (SE_p/v_p)²) (delta)
    double minRatio = Double.POSITIVE_INFINITY;
    double minZ = Double.POSITIVE_INFINITY;
    for (double[][] rows : new double[][][] {byDim, bySigma}) {
      for (int k = 0; k < rows[0].length; k++) {
        double ratio = rows[2][k] / rows[1][k];
        double se = ratio * Math.hypot(rows[4][k] / rows[2][k], rows[3][k] / rows[1][k]);
        minRatio = Math.min(minRatio, ratio);
        minZ = Math.min(minZ, (ratio - 1) / se);
      }
    }
    checks.that("RP-3", String.format("score/pathwise variance ratio − 1 > 4 SE at all 13 points "
        + "(least %s SE); ratios from %s up to %s (D = 64) and %s (σ = 0.05)", Fmt.num(minZ),
        Fmt.num(minRatio), Fmt.num(byDim[2][6] / byDim[1][6]),
        Fmt.num(bySigma[2][0] / bySigma[1][0])), minZ > 4);
    varianceChart("RP-3: the score estimator's variance grows with dimension; pathwise stays flat",
        "latent dimension D (log scale)", byDim, d -> 4.0, d -> exactScoreVariance(d, 1.0),
        Styler.LegendPosition.InsideNW, "04_variance_vs_dim");
    varianceChart("RP-3: as σ shrinks the score estimator's variance explodes (D = 1)",
        "encoder standard deviation σ (log scale)", bySigma, s -> 4 * s * s,
        s -> exactScoreVariance(1, s),
        Styler.LegendPosition.InsideSE, "04_variance_vs_sigma");
  }

  /**
   * Rows {x, pathwise variance, score variance, their SEs} over dimensions x = D (σ = 1) or over
   * x = σ (D = 1).
   */
  static double[][] sweep(double[] xs, boolean overDim, int n, SplittableRandom rng) {
    double[][] rows = {xs, new double[xs.length], new double[xs.length], new double[xs.length],
        new double[xs.length]};
    for (int k = 0; k < xs.length; k++) {
      int dim = overDim ? (int) xs[k] : 1;
      double sigma = overDim ? 1.0 : xs[k];
      Estimate[] v = variances(dim, sigma, n, rng);
      rows[1][k] = v[0].mean();
      rows[2][k] = v[1].mean();
      rows[3][k] = v[0].se();
      rows[4][k] = v[1].se();
      System.out.printf("%5d %6s  %-12s %-12s %-14s %s%n", dim, Fmt.num(sigma), Fmt.num(rows[1][k]),
          Fmt.num(rows[2][k]), Fmt.num(exactScoreVariance(dim, sigma)),
          Fmt.num(rows[2][k] / rows[1][k]));
    }
    return rows;
  }

  /** Log–log chart of both estimators' variances: MC markers on the exact curves. */
  static void varianceChart(String title, String xLabel, double[][] rows,
      DoubleUnaryOperator exactPathwise,
      DoubleUnaryOperator exactScore, Styler.LegendPosition legend, String name) {
    XYChart chart = Figures.xy(title, xLabel,
        "variance of a one-draw estimate of ∂/∂μ_1 (log scale)");
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setLegendPosition(legend);
    double lo = rows[0][0];
    double hi = rows[0][rows[0].length - 1];
    Layers.curve(chart, "pathwise, exact 4σ²", lo, hi, exactPathwise, PALETTE[0]);
    Layers.points(chart, "pathwise (MC)", rows[0], rows[1], null, PALETTE[0]);
    Layers.curve(chart, "score function, exact", lo, hi, exactScore, RED);
    Layers.points(chart, "score function (MC)", rows[0], rows[2], null, RED);
    Figures.save(chart, name);
  }

  /*
   * ## 5. Erratum: scale by the standard deviation, not the covariance
   * Note 002 writes the trick as z = h(x)ζ + g(x), ζ ~ N(0, 1), with g(x) the mean and h(x) the
   * **covariance**. Scaling ε by a number c multiplies the variance by c², so scaling by the
   * variance σ² gives variance σ⁴ — right only when σ = 1, which is why the slip is easy to miss.
   * The scale must be the standard deviation σ = √(σ²); for a full covariance Σ, a matrix square
   * root such as the Cholesky factor L with LLᵀ = Σ (then Cov[Lε] = LLᵀ = Σ, while Cov[Σε] = Σ²).
   * The note also calls ζ a single real number; it must be a vector with one independent
   * component per latent dimension — one shared ζ would put every sample on a line z = g + hζ.
   */
  void erratum(SplittableRandom rng) {
    Chapter.section("5. Erratum in note 002: z = h(x)ζ + g(x) needs h = σ, not σ²  (RP-4)");
    double mu = 1.0;
    double sigma = 2.0;
    int n = opt.pick(100_000, 20_000);
    // z = μ + σε (right) and z = μ + σ²ε (note 002: a Gaussian whose scale is the variance)
    double[] zRight = draws(DiagGaussian.ofSigma(new double[] {mu}, new double[] {sigma}), n,
        rng)[0];
    double[] zNote = draws(DiagGaussian.ofSigma(new double[] {mu}, new double[] {sigma * sigma}), n,
        rng)[0];
    Estimate right = spread(zRight, mu);
    Estimate wrong = spread(zNote, mu);
    checks.mc("RP-4", "σ² (target)", sigma * sigma, "Var[μ + σε]", right);
    checks.mc("RP-4", "σ⁴ (not σ²)", Math.pow(sigma, 4), "Var[μ + σ²ε]", wrong);
    double ksDistance = new KolmogorovSmirnovTest().kolmogorovSmirnovStatistic(
        new NormalDistribution(mu, sigma), zNote); // largest gap between the two CDFs
    checks.that("RP-4",
    String.format("the note's z = μ + σ²ε has variance %s, %s SE away from σ² = %s; "
        + "KS distance to N(μ, σ²) %s (p < 1e-9)", Fmt.num(wrong.mean()),
        Fmt.num(wrong.zScore(sigma * sigma)),
        Fmt.num(sigma * sigma), Fmt.num(ksDistance)), wrong.zScore(sigma * sigma) > 4
        && ksPValue(new double[][] {zNote}, new double[] {mu}, new double[] {sigma}) < 1e-9);

    // Full covariance Σ: z = μ + Lε with LLᵀ = Σ (Cholesky), against the note's z = μ + Σε.
    double[][] cov = {{2.0, 0.9}, {0.9, 1.0}};
    double[][] l = new CholeskyDecomposition(new Array2DRowRealMatrix(cov)).getL().getData();
    double[][] prod = new double[2][n]; // z₁z₂ products (μ = 0) for Cov[z₁, z₂]
    for (int i = 0; i < n; i++) {
      double e1 = rng.nextGaussian();
      double e2 = rng.nextGaussian();
      prod[0][i] = (l[0][0] * e1) * (l[1][0] * e1 + l[1][1] * e2);
      prod[1][i] = (cov[0][0] * e1 + cov[0][1] * e2) * (cov[1][0] * e1 + cov[1][1] * e2);
    }
    checks.mc("RP-4", "Σ₁₂", cov[0][1], "Cov[Lε]₁₂ (Cholesky)", MonteCarlo.of(prod[0]));
    double sigmaSquared12 = cov[0][0] * cov[0][1] + cov[0][1] * cov[1][1];
    checks.mc("RP-4", "(Σ²)₁₂ (not Σ₁₂)", sigmaSquared12, "Cov[Σε]₁₂", MonteCarlo.of(prod[1]));
    XYChart chart = Figures.xy("RP-4: scaling ε by the variance σ² (note 002) gives the wrong "
        + "spread",
        "z", "density");
    Layers.stairs(chart, "z = μ + σ·ε (right)", Histogram.of(zRight, -15, 17, 128), PALETTE[0]);
    Layers.stairs(chart, "z = μ + σ²·ε (note 002)", Histogram.of(zNote, -15, 17, 128), RED);
    Layers.curve(chart, "target N(1, 2²)", -15, 17, new Gaussian1D(mu, sigma)::density,
        Color.BLACK);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    Figures.save(chart, "04_erratum_scale");
  }

  /*
   * ## 6. Normal noise through a function makes any distribution
   * The trick works because the randomness can be drawn first and shaped afterwards. Notes 003
   * and 004 make the point general: a fixed function of standard normal noise can produce
   * distributions that look nothing like a Gaussian, which is why a VAE may take its prior to be
   * N(0, I) and leave the shaping to the decoder. Two examples, each checked against a target
   * stated independently of the sampler:
   * - in 2-D, g(z) = z/10 + z/‖z‖ sends z ~ N(0, I) onto a ring: ‖g(z)‖ = 1 + ‖z‖/10 with ‖z‖
   *   Rayleigh-distributed (P(‖z‖ ≤ r) = 1 − e^{−r²/2}) and the angle uniform, so the radius has
   *   CDF 1 − exp(−50 (r − 1)²) for r ≥ 1 and mean 1 + √(π/2)/10;
   * - in 1-D, u = Φ(ε) is uniform on (0, 1) and x = F⁻¹(u) then has CDF F exactly, for any target
   *   F (inverse-transform sampling): exponential, gamma and beta targets below.
   */
  /** The ring map g(z) = z/10 + z/‖z‖ of notes 003 and 004. */
  static double[] ring(double[] z) {
    double norm = Math.hypot(z[0], z[1]);
    return new double[] {z[0] / 10 + z[0] / norm, z[1] / 10 + z[1] / norm};
  }

  /** The targets of the inverse-CDF sampler. */
  static final RealDistribution[] TARGETS = {new ExponentialDistribution(null, 1),
      new GammaDistribution(null, 3, 1), new BetaDistribution(null, 2, 5)};
  static final String[] TARGET_NAMES = {"Exponential(1)", "Gamma(3, 1)", "Beta(2, 5)"};

  /** x = F⁻¹(Φ(ε)), ε ~ N(0, 1): one draw from the target F. */
  static double inverseCdf(RealDistribution target, SplittableRandom rng) {
    return target.inverseCumulativeProbability(STANDARD.cumulativeProbability(rng.nextGaussian()));
  }

  static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

  void anyDistribution(SplittableRandom rng) {
    Chapter.section("6. Normal noise through a function makes any distribution  (RP-20, RP-21)");
    int n = opt.pick(100_000, 20_000);
    double[][] y = new double[2][n];
    double[][] z = new double[2][n];
    double[] radius = new double[n];
    double[] radiusCdf = new double[n];
    double[] angle = new double[n];
    for (int i = 0; i < n; i++) {
      double[] zi = {rng.nextGaussian(), rng.nextGaussian()};
      double[] yi = ring(zi);
      z[0][i] = zi[0];
      z[1][i] = zi[1];
      y[0][i] = yi[0];
      y[1][i] = yi[1];
      radius[i] = Math.hypot(yi[0], yi[1]);
      radiusCdf[i] = 1 - Math.exp(-50 * (radius[i] - 1) * (radius[i] - 1)); // target CDF of r
      angle[i] = Math.atan2(yi[1], yi[0]);
    }
    checks.mc("RP-20", "1 + √(π/2)/10", 1 + Math.sqrt(Math.PI / 2) / 10, "mean radius of g(z)",
        MonteCarlo.of(radius));
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    double pRadius = ks.kolmogorovSmirnovTest(new UniformRealDistribution(null, 0, 1), radiusCdf);
    double pAngle = ks.kolmogorovSmirnovTest(new UniformRealDistribution(null, -Math.PI, Math.PI),
        angle);
    checks.that("RP-20", String.format("KS tests of the ring, %,d points: radius against 1 + "
        + "Rayleigh/10 p = %s, angle against uniform p = %s | both > α = %s", n, Fmt.num(pRadius),
        Fmt.num(pAngle), Fmt.num(KS_ALPHA)), pRadius > KS_ALPHA && pAngle > KS_ALPHA);

    double[][] x = new double[TARGETS.length][n];
    for (int t = 0; t < TARGETS.length; t++) {
      for (int i = 0; i < n; i++) {
        x[t][i] = inverseCdf(TARGETS[t], rng);
      }
      checks.mc("RP-21", "mean of " + TARGET_NAMES[t], TARGETS[t].getNumericalMean(),
          "mean of F⁻¹(Φ(ε))", MonteCarlo.of(x[t]));
      double p = ks.kolmogorovSmirnovTest(TARGETS[t], x[t]);
      // a wrong target: the KS distance D must exceed the α = 1e-9 critical value √(ln(2/α)/2n)
      double dWrong = ks.kolmogorovSmirnovStatistic(TARGETS[(t + 1) % TARGETS.length], x[t]);
      double critical = Math.sqrt(Math.log(2 / 1e-9) / (2 * n));
      checks.that("RP-21", String.format("KS test of F⁻¹(Φ(ε)) against %s: p = %s > α = %s; "
          + "against %s (wrong) D = %s > %s (α = 1e-9)", TARGET_NAMES[t], Fmt.num(p),
          Fmt.num(KS_ALPHA), TARGET_NAMES[(t + 1) % TARGETS.length], Fmt.num(dWrong),
          Fmt.num(critical)), p > KS_ALPHA && dWrong > critical);
    }
    figRing(z, y);
    figInverseCdf(x);
  }

  void figRing(double[][] z, double[][] y) {
    int shown = 3000;
    XYChart chart = Figures.xy("RP-20: g(z) = z/10 + z/‖z‖ turns N(0, I) into a ring",
        "first coordinate", "second coordinate", 640, 660);
    Layers.points(chart, "z ~ N(0, I)", Arrays.copyOf(z[0], shown), Arrays.copyOf(z[1], shown),
        null, Palette.translucent(Palette.GREY, 90));
    Layers.points(chart, "g(z)", Arrays.copyOf(y[0], shown), Arrays.copyOf(y[1], shown), null,
        Palette.translucent(Palette.BLUE, 150));
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setXAxisMin(-3.5).setXAxisMax(3.5).setYAxisMin(-3.5).setYAxisMax(3.5);
    Figures.save(chart, "04_ring");
  }

  void figInverseCdf(double[][] x) {
    XYChart chart = Figures.xy("RP-21: x = F⁻¹(Φ(ε)) with ε ~ N(0, 1) has exactly the target F",
        "x", "density");
    Color[] colors = {Palette.BLUE, Palette.ORANGE, Palette.GREEN};
    for (int t = 0; t < TARGETS.length; t++) {
      RealDistribution f = TARGETS[t];
      Layers.stairs(chart, "histogram of F⁻¹(Φ(ε)), " + TARGET_NAMES[t],
          Histogram.of(x[t], 0, 8, 160), colors[t]);
      Layers.curve(chart, "density of " + TARGET_NAMES[t], 0.001, 8, f::density,
          colors[t].darker().darker());
    }
    chart.getStyler().setYAxisMax(3.0);
    Figures.save(chart, "04_inverse_cdf");
  }

  /*
   * ## Summary
   * - z = μ + σ ⊙ ε, ε ~ N(0, I), samples exactly N(μ, diag σ²).
   * - A sample drawn directly has no derivative; written as z = μ + σε it does, and
   *   E[f'(z)·(1, ε)] is an unbiased estimate of ∇_{μ,σ} E[f(z)].
   * - The score-function estimator is unbiased too, but its variance grows with the dimension and
   *   explodes as σ → 0; the pathwise one needs f to be differentiable and stays tame.
   * - Scale ε by the standard deviation (a square root of the covariance), one ε per dimension.
   * - More generally, a fixed function of normal noise can produce a ring, or any 1-D target
   *   exactly (x = F⁻¹(Φ(ε))): the decoder, not the prior, gives the data its shape.
   *
   * ## Exercises
   * 1. Subtract a baseline b = E[f] from f in the score estimator (f(z) − b)∇log q. Is it still
   *    unbiased? How much does the variance at D = 64 drop?
   * 2. Compare the two estimators' variances for f = sin z in one dimension at σ = 2. Which wins,
   *    why can a bounded f favour the score function, and what happens for Σ_d sin z_d as D grows?
   * 3. For q = Bernoulli(p) there is no z = g(p, ε) with a useful derivative. Which estimator still
   *    works?
   */
  void summary() {
    Chapter.section("Summary");
    System.out.println("""
        z = μ + σ ⊙ ε samples N(μ, diag σ²); written that way the gradient reaches μ and σ, and the
        pathwise estimate is unbiased with a modest variance. The score-function estimate is
        unbiased too but far noisier. Note 002's h(x) must be the standard deviation, not the
        covariance.
        Exercises: see the end of the source.""");
  }
}
