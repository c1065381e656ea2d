package vae.fig;

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/** Charts of estimators and mixtures for chapter 03: why q exists, and p(x) as a mixture. */
public final class Estimators {
  private Estimators() {}

  /**
   * Relative error against the distance of x from the data's centre, one colour per latent
   * dimension: rows[a] = {prior exact, prior measured, q measured}, each over the distances.
   */
  public static XYChart relativeErrors(String title, double[] distances, int[] latent,
      double[][][] rows) {
    XYChart chart = Figures.xy(title, "distance of x from the data's centre (standard deviations"
        + " of p(x))", "relative error of p̂(x), N = 1,000 (log scale)", 1000, 560);
    chart.getStyler().setYAxisLogarithmic(true).setMarkerSize(7);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    Color[] colors = {Palette.BLUE, Palette.ORANGE, Palette.RED, Palette.GREEN};
    for (int a = 0; a < latent.length; a++) {
      Color c = colors[a % colors.length];
      Layers.line(chart, "prior, M = " + latent[a] + " (exact)", distances, rows[a][0], c);
      Layers.points(chart, "prior, M = " + latent[a] + " (measured)", distances, rows[a][1], null,
          c);
      Layers.dashed(chart, "q, M = " + latent[a] + " (measured)", distances, rows[a][2], c);
    }
    return chart;
  }

  /**
   * A mixture drawn as its weighted components (grey, one legend entry), their sum, a finer sum
   * and the exact density, all over xs.
   */
  public static XYChart mixture(String title, double[] xs, double[][] components, double[] sum,
      double[] finer, double[] exact, int finerCount) {
    XYChart chart = Figures.xy(title, "x", "density");
    for (int i = 0; i < components.length; i++) {
      String name = i == 0 ? "p(x|z_k)/" + components.length + ", z_k at the prior's "
          + components.length + " quantiles" : "z_" + (i + 1);
      Layers.line(chart, name, xs, components[i], Palette.GREY).setShowInLegend(i == 0);
    }
    Layers.line(chart, "their sum: a " + components.length + "-component mixture", xs, sum,
        Palette.BLUE);
    Layers.line(chart, "the same with " + finerCount + " components", xs, finer, Palette.ORANGE);
    Layers.dashed(chart, "exact p(x) = N(b, w² + s²)", xs, exact, Color.BLACK);
    return chart;
  }
}
