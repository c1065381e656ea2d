package vae.fig;

import java.awt.Color;
import org.knowm.xchart.XYChart;

/**
 * PCA as a projection (note 002's picture, chapter 01): a 2-D point cloud, the principal line
 * through its mean, and a segment from each point to its orthogonal projection on the line.
 */
public final class Projection {
  private Projection() {}

  /**
   * The chart for points (x[i], y[i]), the line through {@code mean} along the unit vector
   * {@code dir}; segments are drawn for the first {@code segments} points.
   *
   * @throws IllegalArgumentException if x and y differ in length or dir is not a unit vector
   */
  public static XYChart chart(String title, double[] x, double[] y, double[] mean, double[] dir,
      int segments) {
    if (x.length != y.length || Math.abs(Math.hypot(dir[0], dir[1]) - 1) > 1e-9) {
      throw new IllegalArgumentException("need x, y of one length and a unit direction, got "
          + x.length + ", " + y.length + " and |dir| = " + Math.hypot(dir[0], dir[1]));
    }
    XYChart chart = Figures.xy(title, "x₁", "x₂", 700, 680);
    double reach = 0;
    double[][] proj = new double[2][x.length];
    for (int i = 0; i < x.length; i++) {
      double t = (x[i] - mean[0]) * dir[0] + (y[i] - mean[1]) * dir[1]; // the 1-number code
      proj[0][i] = mean[0] + t * dir[0];
      proj[1][i] = mean[1] + t * dir[1];
      reach = Math.max(reach, Math.abs(t));
    }
    for (int i = 0; i < Math.min(segments, x.length); i++) {
      Layers.line(chart, i == 0 ? "distance to the line (what the code loses)" : "s" + i,
          new double[] {x[i], proj[0][i]}, new double[] {y[i], proj[1][i]},
          Palette.translucent(Palette.GREY, 160)).setShowInLegend(i == 0);
    }
    Layers.line(chart, "principal line (1st eigenvector through the mean)",
        new double[] {mean[0] - reach * dir[0], mean[0] + reach * dir[0]},
        new double[] {mean[1] - reach * dir[1], mean[1] + reach * dir[1]}, Color.BLACK);
    Layers.points(chart, "data points", x, y, null, Palette.BLUE);
    Layers.points(chart, "their projections (decoded codes)", proj[0], proj[1], null,
        Palette.ORANGE);
    double lim = Math.ceil(reach + 0.5);
    chart.getStyler().setXAxisMin(mean[0] - lim).setXAxisMax(mean[0] + lim)
        .setYAxisMin(mean[1] - lim).setYAxisMax(mean[1] + lim);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    return chart;
  }
}
