package vae.fig;

import java.awt.Color;
import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import vae.book.Fmt;
import vae.prob.Estimate;

/**
 * Charts of Monte Carlo estimators (chapters 03 and 04): darts, a running mean, error against
 * sample size, interval coverage, why q exists, p(x) as a mixture, two gradient estimators.
 */
public final class Estimators {
  private Estimators() {}

  /**
   * Relative error against the distance of x from the data's centre, one colour per latent
   * dimension: points[a][j] = {prior exact, prior measured, q measured} at distances[j].
   */
  public static XYChart relativeErrors(String title, double[] distances, int[] latent,
      double[][][] points) {
    XYChart chart = Figures.xy(title, "distance of x from the data's centre (standard deviations"
        + " of p(x))", "relative error of p̂(x), N = 1,000 (log scale)", 1000, 560);
    chart.getStyler().setYAxisLogarithmic(true).setMarkerSize(7);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    Color[] colors = {Palette.BLUE, Palette.ORANGE, Palette.RED, Palette.GREEN};
    for (int a = 0; a < latent.length; a++) {
      Color c = colors[a % colors.length];
      double[][] rows = new double[3][distances.length]; // rows[k][j] = points[a][j][k]
      for (int j = 0; j < distances.length; j++) {
        for (int k = 0; k < 3; k++) {
          rows[k][j] = points[a][j][k];
        }
      }
      Layers.line(chart, "prior, M = " + latent[a] + " (exact)", distances, rows[0], c);
      Layers.points(chart, "prior, M = " + latent[a] + " (measured)", distances, rows[1], null,
          c);
      Layers.dashed(chart, "q, M = " + latent[a] + " (measured)", distances, rows[2], c);
    }
    return chart;
  }

  /**
   * p(x) = ∫ p(x|z) p(z) dz as a mixture over x in [lo, hi]: the components p(x|z_k)/K for K codes
   * z_k at the standard normal prior's equal-mass quantiles (grey, one legend entry), their sum,
   * the same sum with {@code finer} codes, and the exact density.
   *
   * @throws IllegalArgumentException if k or finer is below 1
   */
  public static XYChart mixture(String title, double lo, double hi,
      DoubleBinaryOperator likelihood, DoubleUnaryOperator exact, int k, int finer) {
    if (k < 1 || finer < 1) {
      throw new IllegalArgumentException("need k ≥ 1 and finer ≥ 1 codes, got " + k + ", " + finer);
    }
    double[] xs = Figures.curveX(lo, hi, 300);
    XYChart chart = Figures.xy(title, "x", "density");
    double[] codes = quantileCodes(k);
    for (int i = 0; i < k; i++) {
      double z = codes[i];
      String name = i == 0 ? "p(x|z_k)/" + k + ", z_k at the prior's " + k + " quantiles"
          : "z_" + (i + 1);
      Layers.line(chart, name, xs, Arrays.stream(xs).map(x -> likelihood.applyAsDouble(x, z) / k)
          .toArray(), Palette.GREY).setShowInLegend(i == 0);
    }
    Layers.line(chart, "their sum: a " + k + "-component mixture", xs,
        mixture(xs, likelihood, codes), Palette.BLUE);
    Layers.line(chart, "the same with " + finer + " components", xs,
        mixture(xs, likelihood, quantileCodes(finer)), Palette.ORANGE);
    Layers.dashed(chart, "exact p(x) = N(b, w² + s²)", xs, Arrays.stream(xs).map(exact).toArray(),
        Color.BLACK);
    return chart;
  }

  /** k codes at the equal-mass quantiles Φ⁻¹((i + ½)/k) of N(0, 1). */
  private static double[] quantileCodes(int k) {
    NormalDistribution phi = new NormalDistribution(null, 0, 1);
    return IntStream.range(0, k).mapToDouble(i -> phi.inverseCumulativeProbability((i + 0.5) / k))
        .toArray();
  }

  /** (1/K) Σ_k p(x|z_k) at every x. */
  private static double[] mixture(double[] xs, DoubleBinaryOperator likelihood, double[] codes) {
    return Arrays.stream(xs).map(x -> Arrays.stream(codes)
        .map(z -> likelihood.applyAsDouble(x, z)).average().orElseThrow()).toArray();
  }

  /**
   * The unit square with the darts {@code points} ([n][2]) that are {@code inside} the quarter
   * disc in blue, the others in orange, and the arc x² + y² = 1.
   */
  public static XYChart darts(String title, double[][] points, Predicate<double[]> inside) {
    XYChart chart = Figures.xy(title, "x", "y", 640, 660);
    for (boolean in : new boolean[] {true, false}) {
      double[][] p = Arrays.stream(points).filter(d -> inside.test(d) == in)
          .toArray(double[][]::new);
      Layers.points(chart, in ? "inside  x² + y² ≤ 1" : "outside",
          Arrays.stream(p).mapToDouble(d -> d[0]).toArray(),
          Arrays.stream(p).mapToDouble(d -> d[1]).toArray(), null,
          in ? Palette.BLUE : Palette.ORANGE);
    }
    double[] t = Figures.curveX(0, Math.PI / 2, 100);
    Layers.line(chart, "x² + y² = 1", Arrays.stream(t).map(Math::cos).toArray(),
        Arrays.stream(t).map(Math::sin).toArray(), Color.BLACK);
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    return chart;
  }

  /**
   * The running mean of f after N values, at about 200 log-spaced N from 10, with a ±2·SE band
   * (SE s/√N from the same N values) and the exact value dashed; N on a log axis.
   *
   * @throws IllegalArgumentException if f has fewer than 20 values
   */
  public static XYChart running(String title, String yLabel, double[] f, double exact,
      String exactName) {
    if (f.length < 20) {
      throw new IllegalArgumentException("a running mean needs ≥ 20 values, got " + f.length);
    }
    int points = 200;
    double[][] run = new double[4][points]; // N, mean, mean − 2 SE, mean + 2 SE
    double sum = 0;
    double sumSq = 0;
    int next = 0;
    for (int i = 1; i <= f.length && next < points; i++) {
      sum += f[i - 1];
      sumSq += f[i - 1] * f[i - 1];
      if (i >= (int) Math.round(10 * Math.pow(f.length / 10.0, next / (points - 1.0)))) {
        double mean = sum / i;
        double se = Math.sqrt(Math.max(0, sumSq / i - mean * mean) / (i - 1));
        run[0][next] = i;
        run[1][next] = mean;
        run[2][next] = mean - 2 * se;
        run[3][next++] = mean + 2 * se;
      }
    }
    int m = next;
    double[][] r = Arrays.stream(run).map(a -> Arrays.copyOf(a, m)).toArray(double[][]::new);
    XYChart chart = Figures.xy(title, "number of draws N (log scale)", yLabel);
    chart.getStyler().setXAxisLogarithmic(true);
    Layers.band(chart, "±2·SE (from the same draws)", r[0], r[2], r[3],
        Palette.translucent(Palette.BLUE, 60));
    Layers.line(chart, "running mean", r[0], r[1], Palette.BLUE);
    Layers.dashed(chart, exactName, new double[] {r[0][0], f.length},
        new double[] {exact, exact}, Color.BLACK);
    return chart;
  }

  /**
   * Measured estimates with ±2·SE bars (blue markers) against exact values (dashed), both axes
   * logarithmic: an error or a variance against the sample size.
   */
  public static XYChart rate(String title, String xLabel, String yLabel, double[] x,
      Estimate[] measured, String measuredName, double[] exact, String exactName) {
    XYChart chart = Figures.xy(title, xLabel, yLabel);
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    Layers.dashed(chart, exactName, x, exact, Color.BLACK);
    Layers.points(chart, measuredName, x, Arrays.stream(measured).mapToDouble(Estimate::mean)
        .toArray(), Arrays.stream(measured).mapToDouble(e -> 2 * e.se()).toArray(), Palette.BLUE);
    return chart;
  }

  /**
   * Intervals mean ± 1.96·SE, one per experiment (x = 1, 2, …): those that contain the exact
   * value in blue, those that miss it in red, the exact value dashed.
   */
  public static XYChart coverage(String title, String xLabel, String yLabel,
      Estimate[] intervals, double exact) {
    XYChart chart = Figures.xy(title, xLabel, yLabel);
    chart.getStyler().setErrorBarsColorSeriesColor(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    Layers.dashed(chart, "exact " + Fmt.num(exact),
        new double[] {0, intervals.length + 1}, new double[] {exact, exact}, Color.BLACK);
    for (boolean covers : new boolean[] {true, false}) {
      double[][] p = new double[3][intervals.length];
      int k = 0;
      for (int e = 0; e < intervals.length; e++) {
        double[] ci = intervals[e].interval95();
        if ((ci[0] <= exact && exact <= ci[1]) == covers) {
          p[0][k] = e + 1;
          p[1][k] = intervals[e].mean();
          p[2][k++] = 1.96 * intervals[e].se();
        }
      }
      if (k > 0) {
        Layers.points(chart, (covers ? "covers (" : "misses (") + k + ")", Arrays.copyOf(p[0], k),
            Arrays.copyOf(p[1], k), Arrays.copyOf(p[2], k), covers ? Palette.BLUE : Palette.RED);
      }
    }
    return chart;
  }

  /**
   * One-draw variances of two gradient estimators against x (dimension or σ), log–log: measured
   * markers ({@code variances[k]} = {pathwise, score} at x[k]) on the exact curves, pathwise in
   * blue, score function in red; the legend top left or bottom right; x on a log scale.
   */
  public static XYChart gradientVariances(String title, String xLabel, double[] x,
      Estimate[][] variances, DoubleUnaryOperator exactPathwise, DoubleUnaryOperator exactScore,
      boolean legendTopLeft) {
    Styler.LegendPosition legend = legendTopLeft ? Styler.LegendPosition.InsideNW
        : Styler.LegendPosition.InsideSE;
    double[] pathwise = Arrays.stream(variances).mapToDouble(v -> v[0].mean()).toArray();
    double[] score = Arrays.stream(variances).mapToDouble(v -> v[1].mean()).toArray();
    XYChart chart = Figures.xy(title, xLabel + " (log scale)",
        "variance of a one-draw estimate of ∂/∂μ_1 (log scale)");
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setLegendPosition(legend);
    double lo = x[0];
    double hi = x[x.length - 1];
    Layers.curve(chart, "pathwise, exact 4σ²", lo, hi, exactPathwise, Palette.BLUE);
    Layers.points(chart, "pathwise (MC)", x, pathwise, null, Palette.BLUE);
    Layers.curve(chart, "score function, exact", lo, hi, exactScore, Palette.RED);
    Layers.points(chart, "score function (MC)", x, score, null, Palette.RED);
    return chart;
  }
}
