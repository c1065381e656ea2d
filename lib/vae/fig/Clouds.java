package vae.fig;

import java.awt.Color;
import java.util.Arrays;
import org.knowm.xchart.XYChart;

/** Clouds of 2-D points on a square chart, each cloud one translucent colour (chapter 04). */
public final class Clouds {
  private Clouds() {}

  /**
   * The first {@code shown} points of each cloud ([n][2]) in a square window [−r, r]², named
   * {@code names[c]} and drawn in {@code colors[c]}.
   *
   * @throws IllegalArgumentException if the clouds, names and colours differ in number
   */
  public static XYChart of(String title, double r, int shown, double[][][] clouds,
      String[] names, Color[] colors) {
    if (clouds.length != names.length || clouds.length != colors.length) {
      throw new IllegalArgumentException("one name and colour per cloud, got " + clouds.length
          + " clouds, " + names.length + " names, " + colors.length + " colours");
    }
    XYChart chart = Figures.xy(title, "first coordinate", "second coordinate", 640, 660);
    for (int c = 0; c < clouds.length; c++) {
      Layers.points(chart, names[c],
          Arrays.stream(clouds[c]).limit(shown).mapToDouble(p -> p[0]).toArray(),
          Arrays.stream(clouds[c]).limit(shown).mapToDouble(p -> p[1]).toArray(), null, colors[c]);
    }
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setXAxisMin(-r).setXAxisMax(r).setYAxisMin(-r).setYAxisMax(r);
    return chart;
  }
}
