package vae.fig;

import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/** Empirical distribution functions, one curve per named sample. Chapter 06 (LS-2). */
public final class Cdf {
  private Cdf() {}

  /**
   * A chart of F(x) = (number of values ≤ x)/n for each sample, in the order given.
   *
   * @throws IllegalArgumentException if names and samples differ in number or a sample is empty
   */
  public static XYChart of(String title, String xLabel, String[] names, double[][] samples) {
    if (names.length != samples.length) {
      throw new IllegalArgumentException(names.length + " names for " + samples.length
          + " samples");
    }
    XYChart chart = Figures.xy(title, xLabel, "fraction of values ≤ x");
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    for (int k = 0; k < names.length; k++) {
      if (samples[k].length == 0) {
        throw new IllegalArgumentException("sample '" + names[k] + "' is empty");
      }
      double[] x = samples[k].clone();
      Arrays.sort(x);
      double[] y = new double[x.length];
      Arrays.setAll(y, i -> (i + 1.0) / x.length);
      chart.addSeries(names[k], x, y);
    }
    return chart;
  }
}
