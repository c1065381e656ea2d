package vae.fig;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import vae.nn.Matrix;

/**
 * Small grayscale images (digits, reconstructions, samples) laid out in a grid, ready for
 * {@link Figures#saveImage}: ink is dark on white, each pixel drawn as a {@code scale}×{@code scale}
 * block, cells separated by a thin light line. Introduced in chapter 05.
 */
public final class ImageGrid {
  private static final Color GAP = new Color(200, 200, 200);

  private ImageGrid() {}

  /**
   * Draws {@code images} (row-major {@code side}×{@code side}, values in [0, 1], 1 = full ink)
   * left to right in rows of {@code columns}.
   *
   * @throws IllegalArgumentException if an image does not have side² values, or a size is not positive
   */
  public static BufferedImage of(double[][] images, int side, int columns, int scale) {
    if (side <= 0 || columns <= 0 || scale <= 0 || images.length == 0) {
      throw new IllegalArgumentException("need images, and positive side, columns and scale; got "
          + images.length + " images, side=" + side + ", columns=" + columns + ", scale=" + scale);
    }
    int rows = (images.length + columns - 1) / columns;
    int cell = side * scale + 1;
    BufferedImage img = new BufferedImage(columns * cell + 1, rows * cell + 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(GAP);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    for (int n = 0; n < images.length; n++) {
      if (images[n].length != side * side) {
        throw new IllegalArgumentException("image " + n + " has " + images[n].length + " values, expected "
            + side * side + " (" + side + "×" + side + ")");
      }
      int x0 = (n % columns) * cell + 1;
      int y0 = (n / columns) * cell + 1;
      for (int p = 0; p < side * side; p++) {
        double v = Math.max(0, Math.min(1, images[n][p]));
        int level = (int) Math.round(255 * (1 - v));
        g.setColor(new Color(level, level, level));
        g.fillRect(x0 + (p % side) * scale, y0 + (p / side) * scale, scale, scale);
      }
    }
    g.dispose();
    return img;
  }

  /** The same grid with values scaled from [0, max] to [0, 1] (e.g. max = 16 for the digits' counts). */
  public static BufferedImage of(double[][] images, double max, int side, int columns, int scale) {
    double[][] scaled = new double[images.length][];
    for (int n = 0; n < images.length; n++) {
      scaled[n] = new double[images[n].length];
      for (int p = 0; p < images[n].length; p++) {
        scaled[n][p] = images[n][p] / max;
      }
    }
    return of(scaled, side, columns, scale);
  }

  /** The rows of {@code images} [n][side²] as a grid (additive overload, chapter 01). */
  public static BufferedImage of(Matrix images, int side, int columns, int scale) {
    return of(images.a, side, columns, scale);
  }

  /**
   * {@code grid} on a white canvas with a bold title above (the claim) and an optional caption
   * below (axes, units). Added for chapter 01.
   */
  public static BufferedImage titled(BufferedImage grid, String title, String caption) {
    Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    Font captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics tm = pg.getFontMetrics(titleFont);
    FontMetrics cm = pg.getFontMetrics(captionFont);
    pg.dispose();
    int margin = 16;
    int width = Math.max(grid.getWidth(), Math.max(tm.stringWidth(title),
        caption == null ? 0 : cm.stringWidth(caption))) + 2 * margin;
    int top = margin + tm.getHeight() + 8;
    int bottom = caption == null ? margin : cm.getHeight() + 2 * margin - 4;
    BufferedImage out = new BufferedImage(width, top + grid.getHeight() + bottom, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, out.getWidth(), out.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(titleFont);
    g.drawString(title, (width - tm.stringWidth(title)) / 2, margin + tm.getAscent());
    g.drawImage(grid, (width - grid.getWidth()) / 2, top, null);
    if (caption != null) {
      g.setFont(captionFont);
      g.setColor(new Color(60, 60, 60));
      g.drawString(caption, (width - cm.stringWidth(caption)) / 2, top + grid.getHeight() + margin + cm.getAscent() - 6);
    }
    g.dispose();
    return out;
  }
}
