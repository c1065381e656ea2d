package vae.fig;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;

/**
 * A trade-off curve (rate against distortion, say): one marker per setting of the trade-off, each labelled just above and
 * to the right of its point, the rate axis starting at 0; beside it, if wanted, example images
 * and their reconstructions at every setting. Chapter 07.
 */
public final class TradeoffCurve {
  private TradeoffCurve() {}

  /**
   * Points (rate[i], distortion[i]) labelled labels[i].
   *
   * @throws IllegalArgumentException if the three arrays differ in length or are empty
   */
  public static XYChart of(String title, String xLabel, String yLabel, double[] rate,
      double[] distortion, String[] labels) {
    if (rate.length == 0 || rate.length != distortion.length || rate.length != labels.length) {
      throw new IllegalArgumentException("need as many rates, distortions and labels (≥ 1), got "
          + rate.length + ", " + distortion.length + ", " + labels.length);
    }
    XYChart chart = Figures.xy(title, xLabel, yLabel);
    chart.getStyler().setMarkerSize(8);
    chart.getStyler().setLegendVisible(false);
    chart.addSeries("points", rate, distortion);
    double xMax = 1.15 * Arrays.stream(rate).max().orElseThrow();
    double yRange = Arrays.stream(distortion).max().orElseThrow()
        - Arrays.stream(distortion).min().orElseThrow();
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(xMax);
    chart.getStyler().setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int i = 0; i < rate.length; i++) {
      chart.addAnnotation(new AnnotationText(labels[i], rate[i] + 0.05 * xMax,
          distortion[i] + 0.05 * yRange, false));
    }
    return chart;
  }

  /**
   * The curve of {@link #of}, and beside it a column: the images {@code shown} on top, then under
   * each caption the reconstructions at that setting (8×8 images, {@code columns} per row).
   *
   * @throws IllegalArgumentException if captions and reconstructions differ in number
   */
  public static BufferedImage withExamples(XYChart curve, String columnTitle, double[][] shown,
      List<String> captions, List<double[][]> reconstructions, int columns) {
    if (captions.size() != reconstructions.size()) {
      throw new IllegalArgumentException(captions.size() + " captions for "
          + reconstructions.size() + " sets of reconstructions");
    }
    List<BufferedImage> strips = new ArrayList<>(List.of(ImageGrid.of(shown, 8, columns, 5)));
    List<String> all = new ArrayList<>(List.of("test images"));
    for (int i = 0; i < captions.size(); i++) {
      all.add(captions.get(i));
      strips.add(ImageGrid.of(reconstructions.get(i), 8, columns, 5));
    }
    return Panels.row(List.of("", columnTitle),
        List.of(Panels.image(curve), Panels.column(all, strips)));
  }
}
