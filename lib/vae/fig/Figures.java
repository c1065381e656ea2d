package vae.fig;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.chartpart.IChart;
import org.knowm.xchart.style.Styler;
import vae.io.AtomicFile;
import vae.book.FigureFolder;
import vae.io.Project;

/**
 * Figures one way: build an XChart chart with the project's style, save it as {@code NN_name.png}
 * and a byte-stable {@code .svg} ({@link StableSvg}) in this run's figure folder (full run:
 * {@code figures/}; {@code --quick}: {@code out/figures/}; or {@code --figures DIR}), headless and
 * atomically (temp file, then rename), and say where.
 * The only class besides its siblings in {@code vae.fig} that touches XChart. Introduced in chapter 02.
 */
public final class Figures {
  /** Default figure size in pixels. */
  public static final int WIDTH = 800;
  public static final int HEIGHT = 520;

  private Figures() {}

  /** An empty line chart with a title that states the claim and labelled axes (with units). */
  public static XYChart xy(String title, String xLabel, String yLabel) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    style(chart.getStyler());
    chart.getStyler().setMarkerSize(4);
    return chart;
  }

  /** An empty line chart of a chosen size in pixels (a square one for a geometric picture). */
  public static XYChart xy(String title, String xLabel, String yLabel, int width, int height) {
    XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    style(chart.getStyler());
    chart.getStyler().setMarkerSize(4);
    return chart;
  }

  /**
   * {@code n} x values from lo to hi for drawing a smooth curve: evenly spaced, plus one extra point
   * in the first interval. XChart 4 puts the ticks of evenly spaced x data at data values (labels
   * like −5.0551); uneven spacing gives round ticks (−6, −5, …) again.
   *
   * @throws IllegalArgumentException if n &lt; 2 or lo ≥ hi
   */
  public static double[] curveX(double lo, double hi, int n) {
    if (n < 2 || !(lo < hi)) {
      throw new IllegalArgumentException("need n ≥ 2 and lo < hi, got n=" + n + " on [" + lo + ", " + hi + "]");
    }
    double[] x = new double[n + 1];
    for (int i = 0; i < n; i++) {
      x[i == 0 ? 0 : i + 1] = lo + (hi - lo) * i / (n - 1);
    }
    x[1] = x[0] + (x[2] - x[0]) / 3;
    return x;
  }

  /** The project's look: white background, light grid, legend inside, readable fonts. */
  public static void style(Styler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(false);
    s.setLegendPosition(Styler.LegendPosition.InsideNE);
    s.setLegendBorderColor(new Color(220, 220, 220));
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    s.setAntiAlias(true);
    if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
      a.setPlotGridLinesColor(new Color(230, 230, 230));
      a.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      a.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }
  }

  /**
   * Saves {@code chart} as {@code NN_name.png} (150 dpi) and {@code .svg} in this run's figure
   * folder ({@link FigureFolder}), prints {@code figure: <where the PNG went>} and returns that
   * path.
   *
   * @throws IllegalArgumentException if name is not of the form {@code NN_words}
   */
  public static Path save(IChart chart, String name) {
    Path dir = dir(name);
    AtomicFile.write(dir.resolve(name + ".png"),
        out -> ChartEncoder.saveChart(chart, out, "png"));
    byte[] svg = StableSvg.of(chart);
    AtomicFile.write(dir.resolve(name + ".svg"), out -> out.write(svg));
    return announce(dir.resolve(name + ".png"),
        chart instanceof Chart<?, ?> c ? c.getTitle() : null);
  }

  /**
   * Saves a {@link Diagram} as a crisp {@code .png} (drawn at twice the size) and a vector
   * {@code .svg}; prints and returns the PNG's path as {@link #save} does.
   */
  public static Path saveDiagram(Diagram d, String name) {
    Path dir = dir(name);
    BufferedImage image = new BufferedImage(2 * d.width(), 2 * d.height(),
        BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.scale(2, 2);
    d.paint(g);
    g.dispose();
    AtomicFile.write(dir.resolve(name + ".png"), out -> ImageIO.write(image, "png", out));
    de.erichseifert.vectorgraphics2d.VectorGraphics2D v =
        new de.erichseifert.vectorgraphics2d.VectorGraphics2D();
    d.paint(v);
    byte[] svg = StableSvg.of(v, d.width(), d.height());
    AtomicFile.write(dir.resolve(name + ".svg"), out -> out.write(svg));
    return announce(dir.resolve(name + ".png"), d.title());
  }

  /**
   * Saves a raster image (an image grid) as {@code .png} and as an {@code .svg} that embeds it;
   * prints and returns the PNG's path as {@link #save} does.
   */
  public static Path saveImage(BufferedImage image, String name) {
    Path dir = dir(name);
    AtomicFile.write(dir.resolve(name + ".png"), out -> ImageIO.write(image, "png", out));
    byte[] svg = StableSvg.of(image);
    AtomicFile.write(dir.resolve(name + ".svg"), out -> out.write(svg));
    return announce(dir.resolve(name + ".png"), null);
  }

  /**
   * Prints {@code figure: PATH} (relative to the project root when inside it): the one place that
   * tells the reader where a figure went, and how {@code ./jbang render} places it on the page.
   * Under render (system property {@code vae.render}) also {@code [figure] NAME.png TITLE}, so the
   * page can caption the figure with its chart's title.
   */
  private static Path announce(Path png, String title) {
    System.out.println("figure: " + Project.shown(png));
    if (Boolean.getBoolean("vae.render") && title != null && !title.isBlank()) {
      System.out.println("[figure] " + png.getFileName() + " " + title.replaceAll("\\s+", " "));
    }
    System.out.flush();
    return png;
  }

  private static Path dir(String name) {
    if (!name.matches("\\d\\d_[a-z0-9_]+")) {
      throw new IllegalArgumentException("figure name must look like 02_kl_fits (chapter number, "
          + "underscore, lower-case words), got '" + name + "'");
    }
    Path dir = FigureFolder.current();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the figures folder " + dir + ": " + e.getMessage(), e);
    }
    return dir;
  }
}
