package vae.fig;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;

/**
 * Per-unit KL (a line, units sorted by falling KL) and activity (markers), on a log axis, for one
 * or more models, with the activity threshold dashed. Chapter 08.
 */
public final class UnitUsage {
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728),
      new Color(0x2ca02c)};

  private UnitUsage() {}

  /**
   * The chart; values below 1e-6 are drawn at 1e-6 (the log axis has no 0).
   *
   * @throws IllegalArgumentException if the lists differ in length or hold more than 3 models
   */
  public static XYChart of(String title, List<String> names, List<double[]> kl,
      List<double[]> activity, double threshold) {
    if (names.size() != kl.size() || kl.size() != activity.size() || names.size() > 3) {
      throw new IllegalArgumentException("need ≤ 3 models with a name, KLs and activities each");
    }
    XYChart chart = Figures.xy(title, "latent unit, by falling KL",
        "nats (KL) · variance (A_u), log scale");
    chart.getStyler().setYAxisLogarithmic(true);
    int widest = 1;
    for (int m = 0; m < names.size(); m++) {
      double[] k = kl.get(m);
      double[] a = activity.get(m);
      Integer[] order = IntStream.range(0, k.length).boxed()
          .sorted((p, q) -> Double.compare(k[q], k[p])).toArray(Integer[]::new);
      double[] x = IntStream.rangeClosed(1, k.length).asDoubleStream().toArray();
      Layers.line(chart, "KL_u, " + names.get(m), x,
          Arrays.stream(order).mapToDouble(d -> Math.max(1e-6, k[d])).toArray(), COLORS[m]);
      Layers.points(chart, "A_u, " + names.get(m), x,
          Arrays.stream(order).mapToDouble(d -> Math.max(1e-6, a[d])).toArray(), null, COLORS[m]);
      widest = Math.max(widest, k.length);
    }
    Layers.dashed(chart, "threshold " + threshold, new double[] {1, widest},
        new double[] {threshold, threshold}, Color.GRAY);
    return chart;
  }
}
