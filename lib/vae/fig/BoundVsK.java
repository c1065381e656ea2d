package vae.fig;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;
import vae.prob.Estimate;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * A bound estimated at several sample counts K: markers with error bars on a logarithmic K axis,
 * and dashed horizontal lines for exact levels (log p(x), the ELBO) across the same range.
 * Introduced in chapter 05 (the importance-weighted bound).
 */
public final class BoundVsK {
  private static final Color[] LEVELS = {Scatter.PALETTE[3], Scatter.PALETTE[7], Scatter.PALETTE[2]};

  private BoundVsK() {}

  /**
   * The chart with one series of estimates {@code mean ± halfWidth} at {@code k}, and a dashed
   * horizontal line at each of {@code levels} (named {@code levelNames}) from the smallest K to the
   * largest.
   *
   * @throws IllegalArgumentException if the arrays differ in length, are empty, or a K is not positive
   */
  public static XYChart of(String title, String xLabel, String yLabel, String name, double[] k,
      double[] mean, double[] halfWidth, List<String> levelNames, double... levels) {
    if (k.length == 0 || mean.length != k.length || halfWidth.length != k.length
        || levelNames.size() != levels.length || Arrays.stream(k).anyMatch(v -> !(v > 0))) {
      throw new IllegalArgumentException("need positive K values, one mean and half-width per K "
          + "and one name per level, got " + k.length + ", " + mean.length + ", "
          + halfWidth.length + ", " + levelNames.size() + " names for " + levels.length + " levels");
    }
    XYChart chart = Figures.xy(title, xLabel, yLabel);
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS); // clear of the points
    Layers.points(chart, name, k, mean, halfWidth, Scatter.PALETTE[0]);
    double[] ends = {Arrays.stream(k).min().getAsDouble(), Arrays.stream(k).max().getAsDouble()};
    for (int i = 0; i < levels.length; i++) {
      Layers.dashed(chart, levelNames.get(i), ends, new double[] {levels[i], levels[i]},
          LEVELS[i % LEVELS.length]);
    }
    return chart;
  }

  /**
   * The same chart from estimates: at each K, the estimate's mean ± 2 SE, negated if
   * {@code negate} (to plot −log p̂(x) in nats per image).
   *
   * @throws IllegalArgumentException if ks and estimates differ in length, or as {@link #of}
   */
  public static XYChart of(String title, String xLabel, String yLabel, String name, int[] ks,
      Estimate[] estimates, boolean negate, List<String> levelNames, double... levels) {
    if (ks.length != estimates.length) {
      throw new IllegalArgumentException("need one estimate per K, got " + ks.length + " K and "
          + estimates.length + " estimates");
    }
    return of(title, xLabel, yLabel, name, Arrays.stream(ks).asDoubleStream().toArray(),
        Arrays.stream(estimates).mapToDouble(e -> negate ? -e.mean() : e.mean()).toArray(),
        Arrays.stream(estimates).mapToDouble(e -> 2 * e.se()).toArray(), levelNames, levels);
  }
}
