package vae.fig;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * A 2-D density as a shaded square (white where it is ~0, deep blue at its maximum) with points
 * drawn over it, coloured by label: the pooled codes over a learned prior. Chapter 09.
 */
public final class ShadedDensity {
  /** Side of the square in pixels. */
  public static final int SIDE = 420;

  private ShadedDensity() {}

  /**
   * {@code density[i][j]} on the cell centred at x = lo + (i + ½)·h, y = lo + (j + ½)·h with
   * h = (hi − lo)/n, and {@code points[r] = (x, y)} with digit {@code labels[r]} (null: grey).
   *
   * @throws IllegalArgumentException if the grid is not square or lo ≥ hi
   */
  public static BufferedImage of(double[][] density, double lo, double hi, double[][] points,
      int[] labels) {
    int n = density.length;
    if (n == 0 || density[0].length != n || !(lo < hi)) {
      throw new IllegalArgumentException("need a square grid on lo < hi, got " + n + " rows on ["
          + lo + ", " + hi + "]");
    }
    double max = 0;
    for (double[] row : density) {
      for (double v : row) {
        max = Math.max(max, v);
      }
    }
    BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
    Color deep = Palette.BLUE;
    for (int px = 0; px < SIDE; px++) {
      for (int py = 0; py < SIDE; py++) {
        int i = px * n / SIDE;
        int j = (SIDE - 1 - py) * n / SIDE; // y grows upwards
        double t = max > 0 ? Math.sqrt(density[i][j] / max) : 0; // √ shows the tails
        img.setRGB(px, py, new Color(mix(255, deep.getRed(), t), mix(255, deep.getGreen(), t),
            mix(255, deep.getBlue(), t)).getRGB());
      }
    }
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    Color[] colours = Palette.categorical();
    for (int r = 0; r < points.length; r++) {
      double x = (points[r][0] - lo) / (hi - lo) * SIDE;
      double y = SIDE - (points[r][1] - lo) / (hi - lo) * SIDE;
      g.setColor(labels == null ? Palette.GREY : colours[labels[r] % colours.length]);
      g.fillOval((int) Math.round(x) - 2, (int) Math.round(y) - 2, 5, 5);
    }
    g.setColor(Palette.GREY);
    g.drawRect(0, 0, SIDE - 1, SIDE - 1);
    g.dispose();
    return img;
  }

  private static int mix(int a, int b, double t) {
    return (int) Math.round(a + (b - a) * Math.min(1, Math.max(0, t)));
  }
}
