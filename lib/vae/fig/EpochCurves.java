package vae.fig;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * Curves over training epochs, the legend below the plot: two quantities of different scales on
 * a left and a right axis (the two terms of a loss), or one line per setting. Chapter 07.
 */
public final class EpochCurves {
  private EpochCurves() {}

  /**
   * {@code left} against the left axis (its top clipped at {@code leftMax}, NaN for none) and
   * {@code right} against the right one.
   *
   * @throws IllegalArgumentException if the curves' lengths differ from x's
   */
  public static XYChart twoAxes(String title, String xLabel, double[] x, String leftAxis,
      String leftName, double[] left, double leftMax, String rightAxis, String rightName,
      double[] right) {
    if (left.length != x.length || right.length != x.length) {
      throw new IllegalArgumentException("both curves need " + x.length + " values, got "
          + left.length + " and " + right.length);
    }
    XYChart chart = Figures.xy(title, xLabel, leftAxis);
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    chart.setYAxisGroupTitle(1, rightAxis);
    if (!Double.isNaN(leftMax)) {
      chart.getStyler().setYAxisMax(0, leftMax);
    }
    chart.addSeries(leftName, x, left);
    chart.addSeries(rightName, x, right).setYAxisGroup(1);
    return chart;
  }

  /**
   * One line per row of {@code ys} over x, named {@code names}, the legend in a row.
   *
   * @throws IllegalArgumentException if there are not as many names as rows
   */
  public static XYChart lines(String title, String xLabel, String yLabel, double[] x,
      String[] names, double[][] ys) {
    if (names.length != ys.length) {
      throw new IllegalArgumentException(names.length + " names for " + ys.length + " lines");
    }
    XYChart chart = Figures.xy(title, xLabel, yLabel);
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    for (int i = 0; i < ys.length; i++) {
      chart.addSeries(names[i], x, ys[i]);
    }
    return chart;
  }
}
