package vae.fig;

import java.awt.Color;
import org.knowm.xchart.XYChart;

/**
 * One value per group and replicate (a seed, or a seed stream): as markers, a series per
 * replicate, each nudged sideways so that equal values stay visible (active units per training
 * loss, say); or as one line per replicate over a shared x. Chapter 08.
 */
public final class SeedPoints {
  private SeedPoints() {}

  /**
   * values[g][s] is group g's value for replicate s, drawn at x = g + 1 (a null group leaves a
   * gap); series s is named {@code prefix + (s + 1)}.
   *
   * @throws IllegalArgumentException if no group has values
   */
  public static XYChart of(String title, String xLabel, String yLabel, double[][] values,
      String prefix) {
    XYChart chart = Figures.xy(title, xLabel, yLabel);
    int seeds = 0;
    for (double[] g : values) {
      seeds = g == null ? seeds : Math.max(seeds, g.length);
    }
    if (seeds == 0) {
      throw new IllegalArgumentException("no values to draw");
    }
    for (int s = 0; s < seeds; s++) {
      int n = 0;
      for (double[] g : values) {
        n += g != null && g.length > s ? 1 : 0;
      }
      double[] x = new double[n];
      double[] y = new double[n];
      int i = 0;
      for (int g = 0; g < values.length; g++) {
        if (values[g] != null && values[g].length > s) {
          x[i] = g + 1 + 0.3 * (s - (seeds - 1) / 2.0) / seeds;
          y[i++] = values[g][s];
        }
      }
      float hue = (float) s / seeds;
      Layers.points(chart, prefix + (s + 1), x, y, null,
          Color.getHSBColor(hue, 0.8f, 0.75f));
    }
    return chart;
  }

  /**
   * One line per replicate: values[s][j] at x[j] for replicate s, named {@code prefix + (s + 1)},
   * in shades of blue; the x axis logarithmic if {@code logX}.
   *
   * @throws IllegalArgumentException if a replicate's values do not match x in length
   */
  public static XYChart lines(String title, String xLabel, String yLabel, double[] x,
      double[][] values, boolean logX, String prefix) {
    XYChart chart = Figures.xy(title, xLabel, yLabel);
    chart.getStyler().setXAxisLogarithmic(logX);
    for (int s = 0; s < values.length; s++) {
      if (values[s].length != x.length) {
        throw new IllegalArgumentException("replicate " + (s + 1) + " has " + values[s].length
            + " values for " + x.length + " x");
      }
      Layers.line(chart, prefix + (s + 1), x, values[s], Palette.blueShade(s));
    }
    return chart;
  }
}
