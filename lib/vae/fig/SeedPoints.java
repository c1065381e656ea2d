package vae.fig;

import java.awt.Color;
import org.knowm.xchart.XYChart;

/**
 * One value per group and seed as markers, a series per seed, each seed nudged sideways so that
 * equal values stay visible (active units per training loss, say). Chapter 08.
 */
public final class SeedPoints {
  private SeedPoints() {}

  /**
   * values[g][s] is group g's value at seed s, drawn at x = g + 1 (a null group leaves a gap).
   *
   * @throws IllegalArgumentException if no group has values
   */
  public static XYChart of(String title, String xLabel, String yLabel, double[][] values,
      long firstSeed) {
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
      Layers.points(chart, "seed " + (firstSeed + s), x, y, null,
          Color.getHSBColor(hue, 0.8f, 0.75f));
    }
    return chart;
  }
}
