package vae.fig;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.internal.chartpart.IChart;

/**
 * SVG bytes that depend only on what was drawn, so the same seed gives the same file.
 * VectorGraphics2D names each clip path {@code clip} + the clip shape's {@code hashCode()}, and a
 * clip set under a rotation becomes a {@code Path2D}, whose hash is its identity hash: a new number
 * every run. Here the clip ids are renumbered {@code clip1}, {@code clip2}, … in order of first
 * appearance.
 */
public final class StableSvg {
  private static final Pattern CLIP_ID = Pattern.compile("(id=\"|url\\(#)clip(-?\\d+)");

  private StableSvg() {}

  /** The chart as SVG (XChart through VectorGraphics2D), clip ids renumbered. */
  public static byte[] of(IChart chart) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartEncoder.saveChart(chart, out, "svg");
    } catch (IOException e) {
      throw new UncheckedIOException("could not draw the chart as SVG: " + e.getMessage(), e);
    }
    return renumber(out.toByteArray());
  }

  /** A raster image as an SVG that embeds it (as PNG), at the image's size. */
  public static byte[] of(BufferedImage image) {
    VectorGraphics2D g = new VectorGraphics2D();
    g.drawImage(image, 0, 0, null);
    return of(g, image.getWidth(), image.getHeight());
  }

  /** What was drawn on {@code g}, as an SVG page of {@code width} × {@code height}. */
  public static byte[] of(VectorGraphics2D g, double width, double height) {
    return renumber(raw(g, width, height));
  }

  /** VectorGraphics2D's own SVG of {@code g}, ids as it makes them (for the tests). */
  public static byte[] raw(VectorGraphics2D g, double width, double height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new SVGProcessor().getDocument(g.getCommands(), new PageSize(width, height)).writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write SVG: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /** {@code svg} with every {@code clip<hash>} id and reference renamed {@code clip1}, … */
  public static byte[] renumber(byte[] svg) {
    Matcher m = CLIP_ID.matcher(new String(svg, StandardCharsets.UTF_8));
    Map<String, Integer> ids = new HashMap<>();
    StringBuilder out = new StringBuilder(svg.length);
    while (m.find()) {
      int n = ids.computeIfAbsent(m.group(2), k -> ids.size() + 1);
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "clip" + n));
    }
    m.appendTail(out);
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
