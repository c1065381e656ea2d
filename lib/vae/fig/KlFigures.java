package vae.fig;

import java.awt.Color;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import vae.book.Fmt;
import vae.prob.Estimate;
import vae.prob.Gaussian1D;
import vae.prob.GaussianMixture1D;
import vae.prob.KlMonteCarlo;
import vae.prob.MvGaussian;

/**
 * The charts of chapter 02 (KL divergence): forward and reverse fits to a two-bump density, the
 * Gaussian KL's closed form against Monte Carlo, and Monte Carlo closing in on a closed form.
 */
public final class KlFigures {
  private KlFigures() {}

  /** KL-3: a two-bump density p and its Gaussian fits argmin KL(p‖q) and argmin KL(q‖p). */
  public static XYChart fits(GaussianMixture1D p, Gaussian1D forward, Gaussian1D reverse) {
    XYChart chart = Figures.xy("KL-3: forward KL(p‖q) covers both bumps, reverse KL(q‖p) picks "
        + "one", "x (arbitrary units)", "density");
    double[] x = Figures.curveX(-6, 7, 260);
    Layers.line(chart, "target p: two-bump mixture", x, of(x, p::density), Color.DARK_GRAY)
        .setLineWidth(3.5f);
    Layers.line(chart, "forward fit: argmin KL(p‖q) = " + forward, x, of(x, forward::density),
        Palette.BLUE);
    Layers.line(chart, "reverse fit: argmin KL(q‖p) = " + reverse, x, of(x, reverse::density),
        Palette.RED);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    return chart;
  }

  /**
   * KL-4: the closed form KL(N(μ, σ²) ‖ N(0, 1)) over σ, one line per μ, with Monte Carlo
   * estimates (n draws each, ± 2 SE) at six values of σ on top.
   */
  public static XYChart gaussianKl(long n, SplittableRandom rng) {
    XYChart chart = Figures.xy("KL-4: KL(N(μ,σ²)‖N(0,1)) = ½(μ²+σ²−log σ²−1) is 0 only at μ=0, σ=1",
        "σ (standard deviation of q)", "KL (nats)");
    double[] mus = {0, 0.5, 1, 1.5};
    double[] dots = {0.25, 0.5, 1, 1.5, 2, 2.5};
    double[] sigmas = Figures.curveX(0.15, 3, 200);
    Color[] colors = {Palette.BLUE, Palette.ORANGE, Palette.GREEN, Palette.RED};
    for (int m = 0; m < mus.length; m++) {
      double mu = mus[m];
      Layers.line(chart, "μ = " + mu, sigmas, of(sigmas,
          s -> new Gaussian1D(mu, s).klToStandardNormal()), colors[m]);
    }
    for (int m = 0; m < mus.length; m++) {
      double[] mc = new double[dots.length];
      double[] bar = new double[dots.length];
      for (int j = 0; j < dots.length; j++) {
        Estimate e = KlMonteCarlo.estimate(new Gaussian1D(mus[m], dots[j]), Gaussian1D.STANDARD,
            n, rng);
        mc[j] = e.mean();
        bar[j] = 2 * e.se();
      }
      Layers.points(chart, m == 0 ? "Monte Carlo ± 2 SE" : "MC, μ = " + mus[m], dots, mc, bar,
          colors[m]).setShowInLegend(m == 0);
    }
    chart.getStyler().setYAxisMax(4.0).setLegendPosition(LegendPosition.InsideN);
    return chart;
  }

  /**
   * KL-6: Monte Carlo estimates of KL(N₀‖N₁) ± 2 SE from fresh samples at {@code points} sample
   * sizes from 10 to 10^maxExp, evenly in log n, against the closed form.
   *
   * @throws IllegalArgumentException if points &lt; 2 or maxExp &lt; 1
   */
  public static XYChart convergence(MvGaussian n0, MvGaussian n1, int points, int maxExp,
      SplittableRandom rng) {
    if (points < 2 || maxExp < 1) {
      throw new IllegalArgumentException("need ≥ 2 points up to 10^maxExp with maxExp ≥ 1, got "
          + points + " points and maxExp " + maxExp);
    }
    double[] ns = new double[points];
    double[] mean = new double[points];
    double[] hi = new double[points];
    double[] lo = new double[points];
    for (int i = 0; i < points; i++) {
      ns[i] = Math.round(Math.pow(10, 1 + i * (maxExp - 1.0) / (points - 1)));
      Estimate e = KlMonteCarlo.estimate(n0, n1, (long) ns[i], rng);
      mean[i] = e.mean();
      hi[i] = e.mean() + 2 * e.se();
      lo[i] = e.mean() - 2 * e.se();
    }
    XYChart chart = Figures.xy("KL-6: Monte Carlo KL(N₀‖N₁) (k = " + n0.dim() + ") and its ±2 SE "
        + "band close in on the closed form", "number of samples n (log scale)", "KL (nats)");
    double exact = n0.klTo(n1);
    Layers.line(chart, "closed form " + Fmt.num(exact), new double[] {ns[0], ns[points - 1]},
        new double[] {exact, exact}, Color.DARK_GRAY).setLineWidth(2.5f);
    Layers.line(chart, "Monte Carlo estimate", ns, mean, Palette.BLUE)
        .setMarker(SeriesMarkers.CIRCLE).setMarkerColor(Palette.BLUE);
    Layers.dashed(chart, "estimate ± 2 SE", ns, hi, Color.GRAY);
    Layers.dashed(chart, "estimate − 2 SE", ns, lo, Color.GRAY).setShowInLegend(false);
    chart.getStyler().setXAxisLogarithmic(true);
    return chart;
  }

  /** f at each x. */
  private static double[] of(double[] x, DoubleUnaryOperator f) {
    return Arrays.stream(x).map(f).toArray();
  }
}
