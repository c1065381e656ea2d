package vae.fig;

import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;

/**
 * A mean per group drawn as a dot with an error bar (± 1 SE, say), in the project's style: dots,
 * not bars, because the axis does not start at 0 (a bar's length would then mislead). Chapter 09.
 */
public final class Bars {
  private Bars() {}

  /**
   * One dot per name at height {@code values[g]} with error bar {@code errors[g]}; the y axis
   * starts at {@code yMin} (an axis of numbers near 90 starting at 0 hides their differences).
   *
   * @throws IllegalArgumentException if the lengths differ or there is no group
   */
  public static CategoryChart of(String title, String yLabel, List<String> names,
      double[] values, double[] errors, double yMin) {
    if (names.isEmpty() || names.size() != values.length || values.length != errors.length) {
      throw new IllegalArgumentException("need one value and one error per name, got "
          + names.size() + ", " + values.length + ", " + errors.length);
    }
    CategoryChart chart = new CategoryChartBuilder().width(Figures.WIDTH).height(Figures.HEIGHT)
        .title(title).xAxisTitle("prior").yAxisTitle(yLabel).build();
    Figures.style(chart.getStyler());
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(12);
    chart.getStyler().setYAxisMin(yMin);
    chart.getStyler().setSeriesColors(new java.awt.Color[] {Palette.BLUE});
    chart.addSeries("mean over seeds", names, Arrays.stream(values).boxed().toList(),
        Arrays.stream(errors).boxed().toList());
    return chart;
  }
}
