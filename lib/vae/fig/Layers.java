package vae.fig;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;
import vae.prob.Histogram;

/**
 * Layers for an XY chart beyond plain lines: a shaded band between two curves (an interval around
 * an estimate), a histogram drawn as stairs, an exact curve y = f(x), dashed reference lines and
 * markers with error bars. Introduced in chapter 03.
 */
public final class Layers {
  private Layers() {}

  /**
   * Shades the region between {@code lo} and {@code hi} over {@code x}.
   *
   * @throws IllegalArgumentException if the three arrays differ in length or are shorter than 2
   */
  public static XYSeries band(XYChart chart, String name, double[] x, double[] lo, double[] hi, Color fill) {
    if (x.length < 2 || lo.length != x.length || hi.length != x.length) {
      throw new IllegalArgumentException("a band needs x, lo, hi of one length ≥ 2, got " + x.length
          + ", " + lo.length + ", " + hi.length);
    }
    int n = x.length;
    double[] px = new double[2 * n];
    double[] py = new double[2 * n];
    for (int i = 0; i < n; i++) { // along the top, then back along the bottom: one closed polygon
      px[i] = x[i];
      py[i] = hi[i];
      px[2 * n - 1 - i] = x[i];
      py[2 * n - 1 - i] = lo[i];
    }
    XYSeries s = chart.addSeries(name, px, py);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
    s.setMarker(SeriesMarkers.NONE);
    s.setFillColor(fill);
    s.setLineColor(fill);
    return s;
  }

  /** Draws a histogram's densities as stairs (the outline of its bars). */
  public static XYSeries stairs(XYChart chart, String name, Histogram h, Color color) {
    double[] e = h.edges();
    double[] d = h.density();
    double[] px = new double[2 * d.length + 2];
    double[] py = new double[px.length];
    px[0] = e[0];
    for (int i = 0; i < d.length; i++) {
      px[2 * i + 1] = e[i];
      py[2 * i + 1] = d[i];
      px[2 * i + 2] = e[i + 1];
      py[2 * i + 2] = d[i];
    }
    px[px.length - 1] = e[e.length - 1];
    XYSeries s = line(chart, name, px, py, color);
    s.setLineWidth(1.2f);
    return s;
  }

  /** A solid line without markers. */
  public static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
    return s;
  }

  /** A dashed line without markers: an exact value or a reference rate. */
  public static XYSeries dashed(XYChart chart, String name, double[] x, double[] y, Color color) {
    XYSeries s = line(chart, name, x, y, color);
    s.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
        new float[] {6f, 4f}, 0f));
    return s;
  }

  /**
   * Draws an exact curve y = f(x) for x from lo to hi, dashed, on {@link Figures#curveX} (spaced
   * evenly in log x when the chart's x axis is logarithmic).
   *
   * @throws IllegalArgumentException if lo ≥ hi, or lo ≤ 0 on a log axis
   */
  public static XYSeries curve(XYChart chart, String name, double lo, double hi, DoubleUnaryOperator f,
      Color color) {
    boolean log = chart.getStyler().isXAxisLogarithmic();
    if (!(lo < hi) || (log && !(lo > 0))) {
      throw new IllegalArgumentException("curve needs lo < hi (and lo > 0 on a log axis), got lo=" + lo
          + ", hi=" + hi);
    }
    double[] x = Figures.curveX(lo, hi, 400);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      if (log) { // the same grid, spaced evenly in log x
        x[i] = lo * Math.pow(hi / lo, (x[i] - lo) / (hi - lo));
      }
      y[i] = f.applyAsDouble(x[i]);
    }
    return dashed(chart, name, x, y, color);
  }

  /** Markers only, no connecting line; optional symmetric error bars ({@code null} for none). */
  public static XYSeries points(XYChart chart, String name, double[] x, double[] y, double[] errorBars,
      Color color) {
    XYSeries s = errorBars == null ? chart.addSeries(name, x, y) : chart.addSeries(name, x, y, errorBars);
    s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setMarkerColor(color);
    s.setLineColor(color);
    return s;
  }
}
