package vae.fig;

import java.awt.Color;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;
import vae.prob.Histogram;

/** Histograms of draws beside the densities they should follow, on one chart (chapter 04). */
public final class Histograms {
  private Histograms() {}

  /**
   * Draws to histogram in {@code color} and, unless {@code density} is null, the density they
   * should follow, dashed in a darker shade.
   */
  public record Sample(String name, double[] draws, Color color, String densityName,
      DoubleUnaryOperator density) {}

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
    for (Sample s : samples) {
      Layers.stairs(chart, s.name(), Histogram.of(s.draws(), lo, hi, bins), s.color());
      if (s.density() != null) { // from just inside lo: some densities are undefined at 0
        Layers.curve(chart, s.densityName(), lo + (hi - lo) / 8000, hi, s.density(),
            s.color().darker().darker());
      }
    }
    return chart;
  }
}
