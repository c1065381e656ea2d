package vae.fig;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.IChart;

/**
 * Several pictures in one figure: image grids and charts side by side ({@link #row}) or stacked
 * ({@link #column}), each under its own caption, on white. The result goes to
 * {@link Figures#saveImage}. Introduced in chapter 06 (AE against VAE, β = 0 against β = 1).
 */
public final class Panels {
  private static final Font CAPTION = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  private static final int PAD = 12;

  private Panels() {}

  /** A chart drawn as a raster image, at its own width and height. */
  public static BufferedImage image(IChart chart) {
    return BitmapEncoder.getBufferedImage(chart);
  }

  /**
   * The images left to right, each with its caption above, tops aligned.
   *
   * @throws IllegalArgumentException if the numbers of captions and images differ or are zero
   */
  public static BufferedImage row(List<String> captions, List<BufferedImage> images) {
    return layout(captions, images, true);
  }

  /** The images top to bottom, each with its caption above, left-aligned. */
  public static BufferedImage column(List<String> captions, List<BufferedImage> images) {
    return layout(captions, images, false);
  }

  private static BufferedImage layout(List<String> captions, List<BufferedImage> images, boolean across) {
    if (images.isEmpty() || captions.size() != images.size()) {
      throw new IllegalArgumentException("need one caption per image, got " + captions.size() + " captions for "
          + images.size() + " images");
    }
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    FontMetrics fm = probe.createGraphics().getFontMetrics(CAPTION);
    int capH = fm.getHeight() + 4;
    int w = 0;
    int h = 0;
    for (int i = 0; i < images.size(); i++) {
      int cw = Math.max(images.get(i).getWidth(), fm.stringWidth(captions.get(i)));
      int ch = capH + images.get(i).getHeight();
      w = across ? w + cw + PAD : Math.max(w, cw);
      h = across ? Math.max(h, ch) : h + ch + PAD;
    }
    BufferedImage out = new BufferedImage(w + (across ? PAD : 2 * PAD), h + (across ? 2 * PAD : PAD), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setFont(CAPTION);
    int x = PAD;
    int y = PAD;
    for (int i = 0; i < images.size(); i++) {
      BufferedImage img = images.get(i);
      g.setColor(Color.DARK_GRAY);
      g.drawString(captions.get(i), x, y + fm.getAscent());
      g.drawImage(img, x, y + capH, null);
      int cw = Math.max(img.getWidth(), fm.stringWidth(captions.get(i)));
      if (across) {
        x += cw + PAD;
      } else {
        y += capH + img.getHeight() + PAD;
      }
    }
    g.dispose();
    return out;
  }

  @Override
  public String toString() {
    return "Panels[captioned images in a row or a column]";
  }
}
