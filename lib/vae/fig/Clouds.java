package vae.fig;

import java.awt.Color;
import java.util.Arrays;
import org.knowm.xchart.XYChart;

/** Clouds of 2-D points on a square chart, each cloud one translucent colour (chapter 04). */
public final class Clouds {
  private Clouds() {}

  /**
   * The first {@code shown} points of each cloud ([n][2]) in the square window [−r, r]², named
   * {@code names[c]}: the first cloud in grey (the noise), the others in the categorical colours.
   *
   * @throws IllegalArgumentException if the clouds and names differ in number
   */
  public static XYChart of(String title, double r, int shown, String[] names,
      double[][]... clouds) {
    if (clouds.length != names.length) {
      throw new IllegalArgumentException("one name per cloud, got " + clouds.length
          + " clouds and " + names.length + " names");
    }
    XYChart chart = Figures.xy(title, "first coordinate", "second coordinate", 640, 660);
    Color[] colors = Palette.categorical();
    for (int c = 0; c < clouds.length; c++) {
      Color color = c == 0 ? Palette.translucent(Palette.GREY, 90)
          : Palette.translucent(colors[(c - 1) % colors.length], 150);
      Layers.points(chart, names[c],
          Arrays.stream(clouds[c]).limit(shown).mapToDouble(p -> p[0]).toArray(),
          Arrays.stream(clouds[c]).limit(shown).mapToDouble(p -> p[1]).toArray(), null, color);
    }
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setXAxisMin(-r).setXAxisMax(r).setYAxisMin(-r).setYAxisMax(r);
    return chart;
  }
}
