package vae.fig;

import java.awt.Color;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntFunction;
import org.knowm.xchart.XYChart;
import vae.prob.Histogram;

/** Histograms of draws beside the densities they should follow, on one chart (chapter 04). */
public final class Histograms {
  private Histograms() {}

  /**
   * Draws to histogram in {@code color} (null: the next categorical colour) and, unless
   * {@code density} is null, the density they should follow, dashed in a darker shade.
   */
  public record Sample(String name, double[] draws, Color color, String densityName,
      DoubleUnaryOperator density) {
    /** A sample in the next categorical colour with the density it should follow. */
    public Sample(String name, double[] draws, String densityName, DoubleUnaryOperator density) {
      this(name, draws, null, densityName, density);
    }
  }

  /**
   * Each sample's histogram over [lo, hi] in {@code bins} bins, with its density curve.
   *
   * @throws IllegalArgumentException if lo ≥ hi or bins &lt; 1
   */
  public static XYChart of(String title, String xLabel, double lo, double hi, int bins,
      Sample... samples) {
    if (!(lo < hi) || bins < 1) {
      throw new IllegalArgumentException("need lo < hi and bins ≥ 1, got [" + lo + ", " + hi
          + "] in " + bins + " bins");
    }
    XYChart chart = Figures.xy(title, xLabel, "density");
    chart.getStyler().setYAxisDecimalPattern("0.0#"); // 0.08, not .08
    Color[] next = Palette.categorical();
    for (int i = 0; i < samples.length; i++) {
      Sample s = samples[i];
      Color c = s.color() == null ? next[i % next.length] : s.color();
      Layers.stairs(chart, s.name(), Histogram.of(s.draws(), lo, hi, bins), c);
      if (s.density() != null) { // from just inside lo: some densities are undefined at 0
        Layers.curve(chart, s.densityName(), lo + (hi - lo) / 8000, hi, s.density(),
            c.darker().darker());
      }
    }
    return chart;
  }

  /**
   * Row d of {@code draws} ({@code [K][n]}) as a histogram named "histogram of names[d]" beside
   * its density {@code density.apply(d)}, "density of names[d]", in the categorical colours; the
   * legend top left when {@code legendLeft}.
   *
   * @throws IllegalArgumentException if draws and names differ in number
   */
  public static XYChart against(String title, String xLabel, double lo, double hi, int bins,
      String[] names, double[][] draws, IntFunction<DoubleUnaryOperator> density,
      boolean legendLeft) {
    if (draws.length != names.length) {
      throw new IllegalArgumentException("one name per row of draws, got " + draws.length
          + " rows and " + names.length + " names");
    }
    Sample[] s = new Sample[draws.length];
    for (int d = 0; d < s.length; d++) {
      s[d] = new Sample("histogram of " + names[d], draws[d], "density of " + names[d],
          density.apply(d));
    }
    XYChart chart = of(title, xLabel, lo, hi, bins, s);
    if (legendLeft) {
      chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    }
    return chart;
  }
}
