package vae.fig;

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Scatter plots of points coloured by class (2-D codes by digit). Chapter 01; chapters 06–07. */
public final class Scatter {
  /** Ten distinguishable colours (Tableau 10), one per digit. */
  /** The categorical colours, digit d in PALETTE[d] (from {@link Palette}). */
  public static final Color[] PALETTE = Palette.categorical();

  private Scatter() {}

  /**
   * A scatter chart of points (x[i], y[i]) with one coloured series per label 0…k−1, named
   * {@code names[label]}.
   *
   * @throws IllegalArgumentException if the arrays differ in length or a label has no name
   */
  public static XYChart byLabel(String title, String xLabel, String yLabel, double[] x, double[] y,
      int[] labels, String[] names) {
    if (x.length != y.length || x.length != labels.length) {
      throw new IllegalArgumentException("x, y and labels must have the same length, got " + x.length
          + ", " + y.length + ", " + labels.length);
    }
    for (int l : labels) {
      if (l < 0 || l >= names.length) {
        throw new IllegalArgumentException("label " + l + " has no name (names for 0…" + (names.length - 1) + ")");
      }
    }
    XYChart chart = Figures.xy(title, xLabel, yLabel);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    for (int k = 0; k < names.length; k++) {
      final int label = k;
      int n = (int) java.util.Arrays.stream(labels).filter(l -> l == label).count();
      if (n == 0) {
        continue;
      }
      double[] xs = new double[n];
      double[] ys = new double[n];
      for (int i = 0, j = 0; i < labels.length; i++) {
        if (labels[i] == k) {
          xs[j] = x[i];
          ys[j++] = y[i];
        }
      }
      XYSeries s = chart.addSeries(names[k], xs, ys);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(PALETTE[k % PALETTE.length]);
    }
    return chart;
  }

  /**
   * Points [n][2] (e.g. 2-D codes μ(x)) coloured by digit 0…9, named "digit 0" … "digit 9" (added
   * for chapter 05).
   *
   * @throws IllegalArgumentException as {@link #byLabel}, or if a point is not 2-D
   */
  public static XYChart byDigit(String title, String xLabel, String yLabel, double[][] points,
      int[] digits) {
    if (java.util.Arrays.stream(points).anyMatch(p -> p.length != 2)) {
      throw new IllegalArgumentException("byDigit draws 2-D points; project them to two columns first");
    }
    String[] names = java.util.stream.IntStream.range(0, 10).mapToObj(d -> "digit " + d)
        .toArray(String[]::new);
    return byLabel(title, xLabel, yLabel, java.util.Arrays.stream(points).mapToDouble(p -> p[0]).toArray(),
        java.util.Arrays.stream(points).mapToDouble(p -> p[1]).toArray(), digits, names);
  }
}
