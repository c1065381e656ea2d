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
 * `figures/03_infinite_mixture.png` (each also as `.svg`)
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
 * The VAE's loss contains an expectation over the encoder's distribution, E_q[log p(x|z)], that no
 * one can integrate in closed form once the decoder is a neural network. The VAE replaces it by an
 * average over L sampled codes z. This chapter earns that move: it shows on examples with known
 * answers that such averages are right on average (unbiased), that their error is predictable from
 * the samples themselves (the standard error), and how fast that error shrinks.
 */
import java.awt.Color;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Fmt;
import vae.book.Progress;
import vae.fig.Figures;
import vae.fig.Palette;
import vae.fig.Estimators;
import vae.fig.Layers;
import vae.model.LinearGaussianModel;
import vae.model.MarginalEstimators;
import vae.model.MarginalEstimators.Comparison;
import vae.prob.DiagGaussian;
import vae.prob.ErrorScaling;
import vae.prob.Estimate;
import vae.prob.MonteCarlo;
import vae.prob.MvGaussian;
import vae.prob.Quadrature;
import vae.prob.Gaussian1D;

@Command(name = "03_monte_carlo", mixinStandardHelpOptions = true,
    description = "Chapter 3 — Monte Carlo: averages of random draws converge, at the rate 1/√N")
class Ch03MonteCarlo implements Callable<Integer> {
  @Mixin ChapterOptions opt;
  private final Checks checks = new Checks();

  static final Color BLUE = Palette.BLUE;
  static final Color ORANGE = Palette.ORANGE;
  static final Color RED = Palette.RED;

  public static void main(String[] args) {
    System.exit(Chapter.run(new Ch03MonteCarlo(), args));
  }

  @Override
  public Integer call() {
    SplittableRandom root = MonteCarlo.rng(opt.seed);
    darts(root.split());
    rate(root.split());
    reconstructionTerm(root.split());
    coverage(root.split());
    whyQ(root.split());
    infiniteMixture(root.split());
    summary();
    return checks.summary();
  }

  /*
   * ## 1. Darts and π
   * Throw darts uniformly at the unit square. The quarter disc x² + y² ≤ 1 covers π/4 of it, so the
   * indicator "the dart landed inside" has expectation π/4, and 4 × (fraction inside) estimates π.
   * Each dart contributes f = 4·1{inside}; the estimate is the mean of f and its standard error is
   * s/√n, with s the standard deviation of the same n values of f — no knowledge of π needed.
   */

  /** 1 when (x, y) lies in the quarter disc x² + y² ≤ 1. */
  static boolean inside(double x, double y) {
    return x * x + y * y <= 1;
  }

  /** One dart: f = 4·1{inside}, so E[f] = π. */
  static double dart(SplittableRandom rng) {
    double x = rng.nextDouble();
    double y = rng.nextDouble();
    return inside(x, y) ? 4 : 0;
  }

  void darts(SplittableRandom rng) {
    Chapter.section("1. Darts and π  (MC-1)");
    int n = opt.pick(1_000_000, 100_000);
    int shown = 3000;
    double[] f = new double[n];
    double[][] in = new double[2][shown];
    double[][] out = new double[2][shown];
    int nIn = 0;
    int nOut = 0;
    for (int i = 0; i < n; i++) {
      double x = rng.nextDouble();
      double y = rng.nextDouble();
      f[i] = inside(x, y) ? 4 : 0;
      if (i < shown && f[i] > 0) {
        in[0][nIn] = x;
        in[1][nIn++] = y;
      } else if (i < shown) {
        out[0][nOut] = x;
        out[1][nOut++] = y;
      }
    }
    // π ≈ (1/n) Σ 4·1{x_i² + y_i² ≤ 1}
    Estimate pi = MonteCarlo.of(f);
    System.out.printf("%,d darts: π ≈ %s ± %s (SE)%n", n, Fmt.num(pi.mean()), Fmt.num(pi.se()));
    checks.mc("MC-1", "π", Math.PI, "4·fraction inside", pi);

    XYChart board = Figures.xy(String.format("MC-1: 4 × fraction of darts inside ≈ π (first %,d "
        + "of %,d)",
        shown, n), "x", "y", 640, 660);
    Layers.points(board, "inside  x² + y² ≤ 1", java.util.Arrays.copyOf(in[0], nIn),
        java.util.Arrays.copyOf(in[1], nIn), null, BLUE);
    Layers.points(board, "outside", java.util.Arrays.copyOf(out[0], nOut),
        java.util.Arrays.copyOf(out[1], nOut), null, ORANGE);
    double[][] arc = new double[2][101];
    for (int k = 0; k <= 100; k++) {
      arc[0][k] = Math.cos(Math.PI / 2 * k / 100);
      arc[1][k] = Math.sin(Math.PI / 2 * k / 100);
    }
    Layers.line(board, "x² + y² = 1", arc[0], arc[1], Color.BLACK);
    board.getStyler().setMarkerSize(3);
    board.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    board.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    board.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
    Figures.save(board, "03_darts");

    // The running estimate after N darts, with its own ±2·SE band, at ~200 log-spaced N.
    int points = 200;
    double[][] run = new double[4][points];
    double sum = 0;
    int next = 0;
    for (int i = 1; i <= n && next < points; i++) {
      sum += f[i - 1];
      if (i >= (int) Math.round(10 * Math.pow(n / 10.0, next / (points - 1.0)))) {
        double p = sum / 4 / i;
        double se = 4 * Math.sqrt(p * (1 - p) / i); // SE of 4·p̂: 4·√(p̂(1 − p̂)/N)
        run[0][next] = i;
        run[1][next] = sum / i;
        run[2][next] = sum / i - 2 * se;
        run[3][next++] = sum / i + 2 * se;
      }
    }
    XYChart running = Figures.xy("MC-1: the running estimate closes in on π; its ±2·SE band "
        + "narrows like 1/√N",
        "number of darts N (log scale)", "estimate of π");
    running.getStyler().setXAxisLogarithmic(true);
    Layers.band(running, "±2·SE (from the same darts)", run[0], run[2], run[3],
        Palette.translucent(Palette.BLUE, 60));
    Layers.line(running, "4 × fraction inside", run[0], run[1], BLUE);
    Layers.dashed(running, "π", new double[] {run[0][0], n}, new double[] {Math.PI, Math.PI},
        Color.BLACK);
    Figures.save(running, "03_running_pi");
  }

  /*
   * ## 2. The law of large numbers and the 1/√N rate
   * The law of large numbers says the mean of N independent draws converges to the expectation. How
   * fast? The mean's variance is Var[f]/N, so its root-mean-square error is σ_f/√N for every N:
   * a straight line of slope −½ on log–log axes. We measure the RMS error of the dart estimate of π
   * over many independent runs at each N, across six decades, and fit the slope. Each point's
   * relative uncertainty is about 1/√(2·runs), so the fitted slope is known to ±0.01 or better.
   */
  void rate(SplittableRandom rng) {
    Chapter.section("2. The law of large numbers and the 1/√N rate  (MC-2)");
    int maxHalfDecades = opt.pick(12, 10); // N = 10^(k/2): 1 … 10^6 (quick: 1 … 10^5)
    int runs = opt.pick(200, 60);
    double[] ns = new double[maxHalfDecades + 1];
    double[] rms = new double[ns.length];
    double[] bars = new double[ns.length];
    Progress progress = new Progress(ns.length);
    for (int k = 0; k < ns.length; k++) {
      ns[k] = Math.round(Math.pow(10, k / 2.0));
      // RMS error = √( (1/runs) Σ_r (π̂_N,r − π)² )
      Estimate e = ErrorScaling.rmsError((long) ns[k], runs, rng, Ch03MonteCarlo::dart, Math.PI);
      rms[k] = e.mean();
      bars[k] = 2 * e.se();
      if (ns[k] >= 1e4) {
        progress.step("N", k + 1, String.format("N = %,.0f | RMS error %s ± %s", ns[k],
            Fmt.num(e.mean()), Fmt.num(e.se())));
      }
    }
    // σ_f for f = 4·1{inside}: 4·√(p(1 − p)), p = π/4
    double p = Math.PI / 4;
    double sigmaF = 4 * Math.sqrt(p * (1 - p));
    System.out.printf("%8s  %-18s  %s%n", "N", "RMS error (MC)", "σ_f/√N (exact)");
    for (int k = 0; k < ns.length; k += 2) {
      System.out.printf("%8.0f  %-18s  %s%n", ns[k], Fmt.num(rms[k]) + " ± " + Fmt.num(bars[k] / 2),
          Fmt.num(sigmaF / Math.sqrt(ns[k])));
    }
    ErrorScaling.Slope slope = ErrorScaling.logLogSlope(ns, rms);
    // the points are independent (fresh runs at each N); SE(ln RMS_k) = SE_k/RMS_k, propagated
    double[] se = java.util.Arrays.stream(bars).map(b -> b / 2).toArray();
    double slopeSe = ErrorScaling.logLogSlopeSe(ns, rms, se);
    System.out.printf("fitted log–log slope %.4f ± %.4f (from the points' SEs; the fit's residual "
        + "SE %.4f), %d runs per N, N = 1 … %,.0f (%d decades)%n", slope.slope(), slopeSe,
        slope.se(), runs, ns[ns.length - 1], maxHalfDecades / 2);
    checks.mc("MC-2", "1/√N rate", -0.5, "fitted slope",
        new Estimate(slope.slope(), slopeSe, ns.length));

    XYChart chart = Figures.xy(String.format("MC-2: Monte Carlo error falls like 1/√N (fitted "
        + "slope %.3f)",
        slope.slope()), "number of samples N (log scale)",
        "RMS error of the estimate of π (log scale)");
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    double[] exactLine = new double[ns.length];
    for (int k = 0; k < ns.length; k++) {
      exactLine[k] = sigmaF / Math.sqrt(ns[k]);
    }
    Layers.dashed(chart, "σ_f/√N (slope −½, exact)", ns, exactLine, Color.BLACK);
    Layers.points(chart, "RMS error over " + runs + " runs, ±2·SE", ns, rms, bars, BLUE);
    Figures.save(chart, "03_error_rate");
  }

  /*
   * ## 3. The VAE's reconstruction term with L samples
   * In a VAE the encoder gives q(z|x) = N(μ, diag σ²) and the decoder a density p(x|z). The
   * reconstruction term E_q[log p(x|z)] is estimated by (1/L) Σ_l log p(x|z⁽ˡ⁾) with z⁽ˡ⁾ ~ q.
   * To check that estimator we pick a decoder whose term has a closed form: p(x|z) = N(x; z, s²I).
   * Then log p(x|z) = −(D/2) log(2πs²) − ‖x − z‖²/(2s²), and with z = μ + σ ⊙ ε,
   * E_q‖x − z‖² = Σ_d [(x_d − μ_d)² + σ_d²]. The single-sample variance is also exact:
   * Var‖x − z‖² = Σ_d (4 a_d² σ_d² + 2 σ_d⁴) with a = x − μ, so Var₁ = that / (4 s⁴), and the
   * L-sample average should have variance Var₁/L.
   */
  static final double[] X = {1.0, -0.5, 2.0, 0.4};     // one data point x        [D]
  static final double[] MU = {0.5, -1.0, 1.5, 0.0};    // encoder mean μ          [D]
  static final double[] SIGMA = {0.8, 0.5, 1.2, 0.3};  // encoder std dev σ      [D]
  static final double S = 0.7;                          // decoder std dev s

  /** log p(x|z) = log N(x; z, s²I): a Gaussian decoder whose mean is z itself. */
  static double logLikelihood(double[] z) {
    double[] logVar = new double[z.length];
    java.util.Arrays.fill(logVar, Math.log(S * S));
    return new DiagGaussian(z, logVar).logDensity(X);
  }

  /** E_q[log p(x|z)] = −(D/2) log(2πs²) − Σ_d [(x_d − μ_d)² + σ_d²] / (2s²). */
  static double exactReconstruction() {
    double sq = 0;
    for (int d = 0; d < X.length; d++) {
      sq += (X[d] - MU[d]) * (X[d] - MU[d]) + SIGMA[d] * SIGMA[d];
    }
    return -X.length / 2.0 * Math.log(2 * Math.PI * S * S) - sq / (2 * S * S);
  }

  /** Var_q[log p(x|z)] = Σ_d (4 a_d² σ_d² + 2 σ_d⁴) / (4 s⁴),  a = x − μ. */
  static double exactSingleSampleVariance() {
    double v = 0;
    for (int d = 0; d < X.length; d++) {
      double a = X[d] - MU[d];
      v += 4 * a * a * SIGMA[d] * SIGMA[d] + 2 * Math.pow(SIGMA[d], 4);
    }
    return v / (4 * Math.pow(S, 4));
  }

  /** One L-sample estimate (1/L) Σ_l log p(x|z⁽ˡ⁾), z⁽ˡ⁾ ~ q = N(μ, diag σ²). */
  static double reconstructionEstimate(int l, SplittableRandom rng) {
    DiagGaussian q = DiagGaussian.ofSigma(MU, SIGMA);
    double sum = 0;
    for (int i = 0; i < l; i++) {
      sum += logLikelihood(q.sample(rng));
    }
    return sum / l;
  }

  void reconstructionTerm(SplittableRandom rng) {
    Chapter.section("3. The reconstruction term with L samples  (MC-3)");
    double exact = exactReconstruction();
    double var1 = exactSingleSampleVariance();
    int repeats = opt.pick(400, 150);
    int[] ls = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};
    System.out.printf("q = %s, x = %s, s = %s%nE_q[log p(x|z)] = %s (closed form), Var₁ = %s%n",
        DiagGaussian.ofSigma(MU, SIGMA), java.util.Arrays.toString(X), S, Fmt.num(exact),
        Fmt.num(var1));
    System.out.printf("%6s  %-22s  %-22s  %s%n", "L", "mean of " + repeats + " estimates",
        "variance (MC)", "Var₁/L (exact)");
    double[] lx = new double[ls.length];
    double[] variance = new double[ls.length];
    double[] bars = new double[ls.length];
    double[] scaled = new double[ls.length * repeats]; // L·(estimate − exact)², all L pooled
    Estimate first = null;
    Estimate last = null;
    for (int j = 0; j < ls.length; j++) {
      double[] est = new double[repeats];
      double[] sqDev = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        est[r] = reconstructionEstimate(ls[j], rng);
        sqDev[r] = (est[r] - exact) * (est[r] - exact);
        scaled[j * repeats + r] = ls[j] * sqDev[r];
      }
      Estimate mean = MonteCarlo.of(est);
      Estimate var = MonteCarlo.of(sqDev); // around the exact mean: unbiased for the variance
      first = j == 0 ? mean : first;
      last = mean;
      lx[j] = ls[j];
      variance[j] = var.mean();
      bars[j] = 2 * var.se();
      System.out.printf("%6d  %-22s  %-22s  %s%n", ls[j], Fmt.num(mean.mean()) + " ± "
          + Fmt.num(mean.se()),
          Fmt.num(var.mean()) + " ± " + Fmt.num(var.se()), Fmt.num(var1 / ls[j]));
    }
    checks.mc("MC-3", "closed form", exact, "L = 1 estimates", first);
    checks.mc("MC-3", "closed form", exact, "L = 1024 estimates", last);
    // L·Var[estimate_L] = Var₁ for every L if the variance is ∝ 1/L
    checks.mc("MC-3", "Var₁ exact", var1, "L·(est − exact)² pooled over L", MonteCarlo.of(scaled));
    ErrorScaling.Slope slope = ErrorScaling.logLogSlope(lx, variance);
    System.out.printf("fitted slope of log variance vs log L: %.3f ± %.3f (1/L means −1)%n",
        slope.slope(), slope.se());

    XYChart chart = Figures.xy("MC-3: the L-sample estimate's variance is Var₁/L",
        "samples per estimate L (log scale)",
        "variance of the estimate of E_q[log p(x|z)] (log scale)");
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    double[] exactLine = new double[ls.length];
    for (int j = 0; j < ls.length; j++) {
      exactLine[j] = var1 / ls[j];
    }
    Layers.dashed(chart, "Var₁/L (exact)", lx, exactLine, Color.BLACK);
    Layers.points(chart, "variance over " + repeats + " repeats, ±2·SE", lx, variance, bars, BLUE);
    Figures.save(chart, "03_variance_vs_l");
  }

  /*
   * ## 4. Does the error bar mean what it says?
   * A standard error is only useful if mean ± 1.96·SE really covers the truth 95% of the time. We
   * rerun the experiment of section 3 — estimate E_q[log p(x|z)] from n = 400 samples — 2,000
   * times with fresh randomness and count how often the interval contains the closed form. With
   * 2,000 trials the count has a binomial standard error of about 0.005, so [0.93, 0.97] is ±4 SE
   * around 0.95.
   *
   * The "1.96" rests on the central limit theorem, which is only approximate at finite n. The draws
   * of log p(x|z) are skewed (a sum of squared normals), and with n = 100 the interval covers only
   * about 94.0% (40,000 trials, seed 7) — close, but then a 2,000-trial check near its lower edge
   * fails at a few seeds in a hundred. At n = 400 the coverage is 94.7%, at n = 1,000 95.1%.
   */
  static final int EXPERIMENTS = 2000;
  static final int SAMPLES_PER_EXPERIMENT = 400;


  /**
   * The fraction of {@code experiments} 95% intervals, each from n draws, that contain the exact
   * value.
   */
  static double coverage(int experiments, int n, SplittableRandom rng, Estimate[] keep) {
    DiagGaussian q = DiagGaussian.ofSigma(MU, SIGMA);
    double exact = exactReconstruction();
    int covered = 0;
    for (int e = 0; e < experiments; e++) {
      Estimate est = MonteCarlo.estimate(n, rng, r -> logLikelihood(q.sample(r)));
      double[] ci = est.interval95();
      covered += ci[0] <= exact && exact <= ci[1] ? 1 : 0;
      if (e < keep.length) {
        keep[e] = est;
      }
    }
    return covered / (double) experiments;
  }

  void coverage(SplittableRandom rng) {
    Chapter.section("4. Coverage of the 95% interval  (MC-4)");
    int experiments = EXPERIMENTS;
    int n = SAMPLES_PER_EXPERIMENT;
    Estimate[] shown = new Estimate[100];
    double rate = coverage(experiments, n, rng, shown);
    double binomialSe = Math.sqrt(0.95 * 0.05 / experiments);
    checks.that("MC-4", String.format("mean ± 1.96·SE (n = %d) covered the truth in %.1f%% of %,d "
        + "experiments (binomial SE %.1f%%) | required [93%%, 97%%]", n, 100 * rate, experiments,
        100 * binomialSe),
        rate >= 0.93 && rate <= 0.97);

    double exact = exactReconstruction();
    double[][] hit = new double[3][shown.length];
    double[][] miss = new double[3][shown.length];
    int h = 0;
    int m = 0;
    for (int e = 0; e < shown.length; e++) {
      double[][] into = Math.abs(shown[e].mean() - exact) <= 1.96 * shown[e].se() ? hit : miss;
      int k = into == hit ? h++ : m++;
      into[0][k] = e + 1;
      into[1][k] = shown[e].mean();
      into[2][k] = 1.96 * shown[e].se();
    }
    XYChart chart = Figures.xy(String.format("MC-4: about 95%% of intervals cover the truth "
        + "(%.1f%% of %,d)",
        100 * rate, experiments), String.format("experiment (the first 100 of %,d)", experiments),
        "estimate of E_q[log p(x|z)] ± 1.96·SE");
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
    Layers.dashed(chart, "exact " + Fmt.num(exact), new double[] {0, shown.length + 1},
        new double[] {exact, exact}, Color.BLACK);
    Layers.points(chart, "covers (" + h + ")", java.util.Arrays.copyOf(hit[0], h),
        java.util.Arrays.copyOf(hit[1], h), java.util.Arrays.copyOf(hit[2], h), BLUE);
    if (m > 0) {
      Layers.points(chart, "misses (" + m + ")", java.util.Arrays.copyOf(miss[0], m),
          java.util.Arrays.copyOf(miss[1], m), java.util.Arrays.copyOf(miss[2], m), RED);
    }
    Figures.save(chart, "03_coverage");
  }

  /*
   * ## 5. Why the VAE needs q: estimating p(x) by sampling z
   * p(x) = ∫ p(x|z) p(z) dz = E_{z~p(z)}[p(x|z)], so averaging p(x|z) over prior draws estimates it
   * without bias. Note 003 explains why that fails in practice: for a given x almost every z from
   * the prior explains x badly, and the few that explain it well are rarely drawn. Importance
   * sampling draws z from a q(z|x) near the posterior instead and reweights: p(x) = E_q[p(x,
   * z)/q(z)]. On the linear-Gaussian model of chapter 05 both weights have exact relative variances
   * ρ = Var[w]/p(x)² (`MarginalEstimators`), so an estimate from N draws has relative error √(ρ/N)
   * — computed, and also measured by repeating the estimate. Here q is the posterior N(m, S)
   * widened to N(m, 1.5·S): an encoder that is close, not exact, with ρ = (1.5/√2)^M − 1 whatever x
   * is. Where prior sampling collapses, its *measured* error sits far below the exact one, near 1:
   * in a hundred repeats the rare huge weights that carry p(x) never turn up, every estimate is far
   * too small, and the samples' own spread cannot tell. The effective sample size (Σw)²/Σw² of 1 or
   * 2 out of 1,000 is the warning sign a practitioner can see.
   *
   * The same q shows a sign slip of note 001 (ER-3): it adds the KL term to the reconstruction
   * loss −E_q[log p(x|z)] and calls the sum the ELBO. That sum is the *loss*, −ELBO, and it lies
   * above −log p(x); the ELBO is its negative and lies below log p(x), short by KL(q ‖ p(z|x)).
   */
  static final double WIDEN = 1.5;          // q = N(m, 1.5·S)
  static final int DRAWS = 1000;            // draws per estimate of p(x)
  static final int[] LATENT = {1, 4, 16};   // latent dimensions M; data dimension 20, noise s = 0.5

  /** A linear-Gaussian model and one point x. */
  record Setting(LinearGaussianModel model, double[] x) {}

  /** The model with M latent dimensions and x at t marginal standard deviations from its centre. */
  static Setting modelAndPoint(int m, double t, long seed) {
    LinearGaussianModel g = LinearGaussianModel.randomOrthogonal(20, m, 0.5,
        MonteCarlo.rng(seed + m));
    double[] b = g.decode(new double[m]);
    double[] e1 = new double[m];
    e1[0] = 1;
    double[] w1 = g.decode(e1); // b + w₁
    double len = 0;
    for (int i = 0; i < b.length; i++) {
      len += (w1[i] - b[i]) * (w1[i] - b[i]);
    }
    double sd = Math.sqrt(len + 0.25); // p(x)'s standard deviation along w₁: √(‖w₁‖² + s²)
    double[] x = b.clone();
    for (int i = 0; i < x.length; i++) {
      x[i] += t * sd * (w1[i] - b[i]) / Math.sqrt(len);
    }
    return new Setting(g, x);
  }

  void whyQ(SplittableRandom rng) {
    Chapter.section("5. Why q: estimating p(x) from the prior or from q  (MC-20, MC-21, ER-3)");
    int n = opt.pick(100_000, 20_000);
    Setting near = modelAndPoint(1, 0, opt.seed);
    LinearGaussianModel g1 = near.model();
    double[] x0 = near.x();
    double lp0 = g1.logMarginal(x0);
    double[] r0 = MarginalEstimators.ratios(
        MarginalEstimators.priorLogWeights(g1, x0, n, rng), lp0);
    checks.mc("MC-20", "E[w]/p(x) = 1", 1, "prior draws, M = 1, x at the centre",
        MonteCarlo.of(r0));
    checks.mc("MC-20", "ρ exact", MarginalEstimators.priorRelativeVariance(g1, x0),
        "(w/p(x) − 1)² averaged", MonteCarlo.of(MarginalEstimators.squaredDeviations(r0)));
    Setting far = modelAndPoint(16, 5, opt.seed);
    LinearGaussianModel g16 = far.model();
    double[] x5 = far.x();
    MvGaussian q = MarginalEstimators.widenedPosterior(g16, x5, WIDEN);
    double[] r5 = MarginalEstimators.ratios(
        MarginalEstimators.importanceLogWeights(g16, x5, q, n, rng),
        g16.logMarginal(x5));
    checks.mc("MC-21", "E[w]/p(x) = 1", 1, "draws from q, M = 16, x 5 sd out", MonteCarlo.of(r5));
    checks.mc("MC-21", "ρ exact", MarginalEstimators.widenedRelativeVariance(WIDEN, 16),
        "(w/p(x) − 1)² averaged", MonteCarlo.of(MarginalEstimators.squaredDeviations(r5)));

    // relative error of an N = 1,000 estimate: exact √(ρ/N), and measured over repeats
    double[] ts = {0, 1, 2, 3, 4, 5};
    int repeats = opt.pick(100, 30);
    Comparison[][] table = new Comparison[LATENT.length][ts.length];
    System.out.printf("relative error of p̂(x) from N = %,d draws (exact √(ρ/N) | measured RMS over"
        + " %d repeats | mean ESS):%n%3s %3s  %-32s %s%n", DRAWS, repeats, "M", "t",
        "z ~ p(z)", "z ~ q = N(m, 1.5·S)");
    for (int a = 0; a < LATENT.length; a++) {
      for (int j = 0; j < ts.length; j++) {
        Setting s = modelAndPoint(LATENT[a], ts[j], opt.seed);
        Comparison r = MarginalEstimators.compare(s.model(), s.x(), WIDEN, DRAWS, repeats, rng);
        table[a][j] = r;
        System.out.printf("%3d %3.0f  %-9s | %-9s | ESS %-6.1f  %-9s | %-9s | ESS %.0f%n",
            LATENT[a], ts[j], Fmt.num(r.priorExact()), Fmt.num(r.priorMeasured()), r.priorEss(),
            Fmt.num(r.qExact()), Fmt.num(r.qMeasured()), r.qEss());
      }
    }
    double[] farPrior = {table[0][5].priorExact(), table[2][1].priorExact()};
    double[] farEss = {table[0][5].priorEss(), table[2][1].priorEss()};
    checks.that("MC-20", String.format("the prior's exact relative error at N = %,d: %s (M = 1, "
        + "5 sd out), %s (M = 16, 1 sd out), mean ESS %.1f and %.1f of %,d | required > 1 and ESS "
        + "< 1 %%", DRAWS, Fmt.num(farPrior[0]), Fmt.num(farPrior[1]), farEss[0], farEss[1],
        DRAWS), farPrior[0] > 1 && farPrior[1] > 1 && Math.max(farEss[0], farEss[1]) < 10);
    double worstQ = Arrays.stream(table).flatMap(Arrays::stream)
        .mapToDouble(Comparison::qMeasured).max().orElseThrow();
    checks.that("MC-21", String.format("q's measured relative error at N = %,d is at most %s over "
        + "all M and x | required < 0.1", DRAWS, Fmt.num(worstQ)), worstQ < 0.1);

    // ER-3: recon loss + KL is the loss −ELBO (≥ −log p(x)), not the ELBO (≤ log p(x))
    double reconLoss = -g16.expectedLogLikelihood(x5, q);
    double kl = LinearGaussianModel.klToPrior(q);
    double logP = g16.logMarginal(x5);
    checks.that("ER-3", String.format("recon loss + KL = %s exceeds log p(x) = %s: no lower "
        + "bound on it", Fmt.num(reconLoss + kl), Fmt.num(logP)), reconLoss + kl > logP);
    checks.close("ER-3", "−(recon loss + KL) + KL(q ‖ p(z|x))",
        -(reconLoss + kl) + g16.klToPosterior(x5, q), "log p(x) (exact marginal)", logP, 1e-9);
    figWhyQ(ts, table);
  }

  void figWhyQ(double[] ts, Comparison[][] table) {
    double[][][] rows = new double[LATENT.length][3][];
    for (int a = 0; a < LATENT.length; a++) {
      Comparison[] t = table[a];
      rows[a][0] = Arrays.stream(t).mapToDouble(Comparison::priorExact).toArray();
      rows[a][1] = Arrays.stream(t).mapToDouble(Comparison::priorMeasured).toArray();
      rows[a][2] = Arrays.stream(t).mapToDouble(Comparison::qMeasured).toArray();
    }
    Figures.save(Estimators.relativeErrors("MC-20, MC-21: prior sampling fails far out and in "
        + "high M; q does not", ts, LATENT, rows), "03_why_q");
  }

  /*
   * ## 6. p(x) is an infinite mixture of Gaussians
   * Note 001 reads p(x) = ∫ p(x|z) p(z) dz as a mixture: each code z contributes a Gaussian
   * p(x|z) = N(x; f(z), s²) with weight p(z), and a finite set of codes gives a weighted sum of
   * Gaussians. On a 1-D model, f(z) = wz + b, the marginal is N(b, w² + s²) exactly; the
   * mixture (1/K) Σ_k N(x; f(z_k), s²) over prior draws z_k is its Monte Carlo estimate, and
   * quadrature over z computes it to rounding. With a neural f the components move along a
   * curve and the sum can take any shape: that is why a VAE's p(x) can fit complicated data with
   * Gaussian pieces.
   *
   * Two errata sit here. Note 002 calls p(x|z) a *standard* Gaussian while giving it mean f(z) and
   * covariance cI (ER-1): a standard one would make every x ~ N(0, 1), ignoring z and the decoder.
   * Note 000 says p(h|X) and p(X|h) are essentially the same thing (ER-2): Bayes' rule links them,
   * p(h|x) = p(x|h) p(h)/p(x), but one is a density over h and the other over x — as a function of
   * h, p(x|h) integrates to 1/|w|, not 1.
   */
  static final LinearGaussianModel MIX = new LinearGaussianModel(new double[][] {{1.5}},
      new double[] {0.5}, 0.4);

  /** The mixture density (1/K) Σ_k N(x; wz_k + b, s²) at x, for the codes z_k. */
  static double mixture(double x, double[] codes) {
    double sum = 0;
    for (double z : codes) {
      sum += Math.exp(MIX.logLikelihood(new double[] {x}, new double[] {z}));
    }
    return sum / codes.length;
  }

  void infiniteMixture(SplittableRandom rng) {
    Chapter.section("6. p(x) is an infinite mixture  (MC-22, ER-1, ER-2)");
    double[] xs = {-3, -1, 0.5, 2, 4};
    double[] codes = MonteCarlo.gaussians(opt.pick(100_000, 20_000), 1, rng);
    for (double x : xs) {
      double exact = Math.exp(MIX.logMarginal(new double[] {x}));
      double[] terms = new double[codes.length];
      for (int k = 0; k < codes.length; k++) {
        terms[k] = Math.exp(MIX.logLikelihood(new double[] {x}, new double[] {codes[k]}));
      }
      checks.mc("MC-22", String.format("N(%s; b, w² + s²)", Fmt.num(x)), exact,
          "mixture over prior codes", MonteCarlo.of(terms));
    }
    double worst = 0;
    for (double x = -5; x <= 6; x += 0.25) {
      double xx = x;
      double byZ = Quadrature.expect(Gaussian1D.STANDARD,
          z -> Math.exp(MIX.logLikelihood(new double[] {xx}, new double[] {z})));
      worst = Math.max(worst, Math.abs(byZ - Math.exp(MIX.logMarginal(new double[] {x}))));
    }
    checks.close("MC-22", "max over 45 x of |∫ p(x|z)p(z)dz (quadrature) − N(x; b, w² + s²)|",
        worst, "0", 0, 1e-9);

    // ER-1: data drawn through x ~ N(wz + b, s²) have variance w² + s², not the 1 of N(0, 1)
    double[] drawn = new double[codes.length];
    for (int k = 0; k < codes.length; k++) {
      drawn[k] = 1.5 * codes[k] + 0.5 + 0.4 * rng.nextGaussian();
    }
    Estimate mean = MonteCarlo.of(drawn);
    double[] sq = new double[drawn.length];
    for (int k = 0; k < drawn.length; k++) {
      sq[k] = (drawn[k] - 0.5) * (drawn[k] - 0.5);
    }
    Estimate var = MonteCarlo.of(sq);
    checks.mc("ER-1", "w² + s²", 1.5 * 1.5 + 0.4 * 0.4, "variance of drawn x about b", var);
    checks.that("ER-1", String.format("a standard Gaussian p(x|z) would give x mean 0 and variance"
        + " 1: measured mean %s, variance %s, %.0f and %.0f SE away", Fmt.num(mean.mean()),
        Fmt.num(var.mean()), Math.abs(mean.mean()) / mean.se(),
        Math.abs(var.mean() - 1) / var.se()),
        Math.abs(mean.mean()) > 4 * mean.se() && Math.abs(var.mean() - 1) > 4 * var.se());

    // ER-2: over h, p(h|x) integrates to 1 and p(x|h) to 1/|w|; Bayes' rule links them
    double[] x1 = {2};
    MvGaussian post = MIX.posterior(x1);
    double overPost = Quadrature.integrate(h -> Math.exp(post.logDensity(new double[] {h})),
        -12, 12, 48);
    double overLik = Quadrature.integrate(h -> Math.exp(MIX.logLikelihood(x1, new double[] {h})),
        -12, 12, 48);
    checks.close("ER-2", "∫ p(h|x) dh", overPost, "1", 1, 1e-9);
    checks.close("ER-2", "∫ p(x|h) dh", overLik, "1/|w| (not 1)", 1 / 1.5, 1e-9);
    double h = 0.7;
    checks.close("ER-2", "log p(h|x) (posterior formula)", post.logDensity(new double[] {h}),
        "log p(x|h) + log p(h) − log p(x) (Bayes)", MIX.logJoint(x1, new double[] {h})
            - MIX.logMarginal(x1), 1e-12);
    figMixture();
  }

  void figMixture() {
    double[] xs = Figures.curveX(-5, 6, 300);
    NormalDistribution phi = new NormalDistribution(0, 1);
    double[] seven = IntStream.range(0, 7) // codes at the prior's quantiles: equal weights 1/7
        .mapToDouble(i -> phi.inverseCumulativeProbability((i + 0.5) / 7)).toArray();
    double[] fifty = IntStream.range(0, 50)
        .mapToDouble(i -> phi.inverseCumulativeProbability((i + 0.5) / 50)).toArray();
    double[][] parts = Arrays.stream(seven).mapToObj(z -> Arrays.stream(xs)
        .map(x -> mixture(x, new double[] {z}) / 7).toArray()).toArray(double[][]::new);
    Figures.save(Estimators.mixture("MC-22: p(x) = ∫ p(x|z) p(z) dz, a mixture of Gaussians "
        + "N(x; wz + b, s²)", xs, parts, Arrays.stream(xs).map(x -> mixture(x, seven)).toArray(),
        Arrays.stream(xs).map(x -> mixture(x, fifty)).toArray(),
        Arrays.stream(xs).map(x -> Math.exp(MIX.logMarginal(new double[] {x}))).toArray(), 50),
        "03_infinite_mixture");
  }

  /*
   * ## Summary
   * - A Monte Carlo estimate is a sample mean; its standard error s/√n comes from the same samples.
   * - Its RMS error is σ_f/√N: a hundred times more samples buy one more correct digit.
   * - The VAE's reconstruction term estimated with L samples is unbiased for every L, even L = 1;
   *   larger L only lowers the variance, as Var₁/L. That is why VAEs train with L = 1: averaging
   *   over a minibatch of M data points lowers the variance of the gradient just as well.
   * - The 95% interval mean ± 1.96·SE is honest: it covers the truth about 95% of the time.
   * - p(x) = E_{p(z)}[p(x|z)] is an average too, but sampling z from the prior is hopeless away
   *   from the data or in many latent dimensions; drawing z from a q near the posterior is what
   *   keeps it accurate — the reason a VAE has an encoder. p(x) itself is a mixture of Gaussians.
   *
   * ## Exercises
   * 1. Estimate π with darts in the cube: the unit ball covers π/6 of [0,1]³. Is the error larger
   *    or smaller than in 2-D for the same N? Compute σ_f for both and compare.
   * 2. In section 4, use n = 5 instead of 400. Coverage drops well below 95%: why? (Hints: the SE
   *    itself is estimated — look up Student's t; and the draws are skewed.)
   * 3. Make the decoder's s smaller in section 3. Var₁ grows like 1/s⁴: what does that say about
   *    training a VAE with a very confident decoder and L = 1?
   */
  void summary() {
    Chapter.section("Summary");
    System.out.println("""
        The Monte Carlo mean is unbiased, its standard error comes from the same samples, its error
        falls like 1/√N, the VAE's L-sample reconstruction term has variance Var₁/L, and the 95%
        interval covers the truth about 95% of the time. Estimating p(x) needs z from a q near the
        posterior, not from the prior. Exercises: see the end of the source.""");
  }
}
