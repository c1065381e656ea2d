package vae.fig;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A 2-D density as filled contours, the regions holding given shares of its mass, over the
 * circles of N(0, I) that hold the same shares. Chapter 06 (LS-6: the pooled codes q(z)).
 */
public final class DensityMap {
  private static final int WIDTH = 860;
  private static final int HEIGHT = 640;

  private DensityMap() {}

  /**
   * Draws log q = {@code logDensity} at the centres of an n×n grid over [−lim, lim]²; the band of
   * masses[k] is {log q ≥ levels[k]} (masses ascending, levels descending). N(0, I) holds the
   * share m inside the circle of radius √(−2 ln(1 − m)).
   *
   * @throws IllegalArgumentException if n &lt; 2, or masses and levels differ in number, are not
   *     in (0, 1) ascending, or the levels do not descend
   */
  public static XYChart of(String title, double lim, int n, ToDoubleFunction<double[]> logDensity,
      double[] masses, double[] levels) {
    if (n < 2 || !(lim > 0)) {
      throw new IllegalArgumentException("need a grid of n ≥ 2 over lim > 0, got n=" + n
          + ", lim=" + lim);
    }
    if (masses.length != levels.length) {
      throw new IllegalArgumentException(masses.length + " shares for " + levels.length
          + " levels");
    }
    for (int k = 0; k < masses.length; k++) {
      if (!(masses[k] > 0 && masses[k] < 1) || k > 0 && !(masses[k] > masses[k - 1]
          && levels[k] <= levels[k - 1])) {
        throw new IllegalArgumentException("shares must rise in (0, 1) and levels fall, got "
            + "share " + masses[k] + " at level " + levels[k]);
      }
    }
    XYChart chart = Figures.xy(title, "z₁", "z₂", WIDTH, HEIGHT);
    chart.getStyler().setXAxisMin(-lim).setXAxisMax(lim).setYAxisMin(-lim).setYAxisMax(lim);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize((int) Math.ceil((HEIGHT - 90.0) / n) + 1);
    double[][] v = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        v[i][j] = logDensity.applyAsDouble(new double[] {centre(i, n, lim), centre(j, n, lim)});
      }
    }
    for (int k = masses.length - 1; k >= 0; k--) { // outer band first
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (v[i][j] >= levels[k] && (k == 0 || v[i][j] < levels[k - 1])) {
            xs.add(centre(i, n, lim));
            ys.add(centre(j, n, lim));
          }
        }
      }
      if (xs.isEmpty()) {
        continue;
      }
      XYSeries band = chart.addSeries(String.format("q(z), densest %.0f%%", 100 * masses[k]),
          xs, ys);
      band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      band.setMarker(SeriesMarkers.SQUARE);
      band.setMarkerColor(tint(Palette.BLUE, 0.25 + 0.75 * (masses.length - 1 - k)
          / Math.max(1, masses.length - 1)));
    }
    int steps = 120;
    for (int k = 0; k < masses.length; k++) {
      double r = Math.sqrt(-2 * Math.log(1 - masses[k]));
      double[] x = new double[steps + 1];
      double[] y = new double[steps + 1];
      for (int t = 0; t <= steps; t++) {
        x[t] = r * Math.cos(2 * Math.PI * t / steps);
        y[t] = r * Math.sin(2 * Math.PI * t / steps);
      }
      XYSeries circle = chart.addSeries(String.format("N(0, I), %.0f%% (r = %.2f)",
          100 * masses[k], r), x, y);
      circle.setMarker(SeriesMarkers.NONE);
      circle.setLineColor(Palette.WARNING);
      circle.setLineStyle(SeriesLines.DASH_DASH);
    }
    return chart;
  }

  /** The centre of cell i of n across [−lim, lim]. */
  private static double centre(int i, int n, double lim) {
    return -lim + (i + 0.5) * 2 * lim / n;
  }

  /** {@code c} mixed with white, opaque: share {@code t} of c (so touching squares leave no seam). */
  private static Color tint(Color c, double t) {
    return new Color((int) Math.round(255 - t * (255 - c.getRed())),
        (int) Math.round(255 - t * (255 - c.getGreen())),
        (int) Math.round(255 - t * (255 - c.getBlue())));
  }
}
