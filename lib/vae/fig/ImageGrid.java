package vae.fig;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

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
}
