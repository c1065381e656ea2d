package vae.fig;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of moon images, lit in white on a black sky, each row under its caption. Chapter 06. */
public final class MoonStrips {
  private MoonStrips() {}

  /**
   * One row per strip (images [k][side²] with 1 = lit), each under its caption, at
   * {@code scale} screen pixels per image pixel.
   *
   * @throws IllegalArgumentException if captions and strips differ in number, or as
   *     {@link ImageGrid#of(double[][], int, int, int)}
   */
  public static BufferedImage of(List<String> captions, List<double[][]> strips, int side,
      int scale) {
    List<BufferedImage> rows = new ArrayList<>();
    for (double[][] strip : strips) {
      double[][] ink = Arrays.stream(strip).map(img -> Arrays.stream(img).map(v -> 1 - v)
          .toArray()).toArray(double[][]::new); // ImageGrid draws 1 as ink: invert the light
      rows.add(ImageGrid.of(ink, side, strip.length, scale));
    }
    return Panels.column(captions, rows);
  }
}
