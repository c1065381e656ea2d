package vae.fig;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Encoded Gaussians N(μ, diag σ²) in 2-D as 1σ ellipses, one colour per digit. Chapter 06. */
public final class Ellipses {
  private Ellipses() {}

  /**
   * A chart over [−lim, lim]² with the outline μ_d ± σ_d (d = 1, 2), σ_d = exp(½ logVar_d), of
   * every row, coloured by {@code labels[i]} ∈ 0…9 from {@link Palette#categorical()}.
   *
   * @throws IllegalArgumentException if the arrays differ in length or a row is not 2-D
   */
  public static XYChart of(String title, double[][] mu, double[][] logVar, int[] labels,
      double lim) {
    if (mu.length != logVar.length || mu.length != labels.length) {
      throw new IllegalArgumentException("need as many μ, log σ² and labels, got " + mu.length
          + ", " + logVar.length + ", " + labels.length);
    }
    XYChart chart = Figures.xy(title, "z₁", "z₂");
    chart.getStyler().setXAxisMin(-lim).setXAxisMax(lim).setYAxisMin(-lim).setYAxisMax(lim);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(0);
    int steps = 24;
    for (int digit = 0; digit < 10; digit++) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] != digit) {
          continue;
        }
        if (mu[i].length != 2 || logVar[i].length != 2) {
          throw new IllegalArgumentException("row " + i + " is not 2-D: project the codes first");
        }
        for (int t = 0; t <= steps; t++) {
          double a = 2 * Math.PI * t / steps;
          xs.add(mu[i][0] + Math.exp(0.5 * logVar[i][0]) * Math.cos(a));
          ys.add(mu[i][1] + Math.exp(0.5 * logVar[i][1]) * Math.sin(a));
        }
        xs.add(Double.NaN); // a gap: the next ellipse is a separate outline
        ys.add(Double.NaN);
      }
      if (!xs.isEmpty()) {
        XYSeries s = chart.addSeries("digit " + digit, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(Palette.categorical()[digit]);
      }
    }
    return chart;
  }
}
