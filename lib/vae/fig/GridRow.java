package vae.fig;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Image grids side by side, each under its caption, the row under a title. Chapter 06. */
public final class GridRow {
  private GridRow() {}

  /**
   * The first {@code count} images of each group [g][n][side²] (values in [0, 1], 1 = ink) as a
   * grid of {@code columns}, at {@code scale} screen pixels per image pixel.
   *
   * @throws IllegalArgumentException if captions and groups differ in number, or as
   *     {@link ImageGrid#of(double[][], int, int, int)}
   */
  public static BufferedImage of(String title, List<String> captions, double[][][] groups,
      int count, int side, int columns, int scale) {
    if (captions.size() != groups.length) {
      throw new IllegalArgumentException(captions.size() + " captions for " + groups.length
          + " groups of images");
    }
    List<BufferedImage> grids = new ArrayList<>();
    for (double[][] g : groups) {
      grids.add(ImageGrid.of(Arrays.copyOf(g, Math.min(count, g.length)), side, columns, scale));
    }
    return Panels.column(List.of(title), List.of(Panels.row(captions, grids)));
  }
}
