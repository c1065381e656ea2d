package vae.fig;

import java.awt.image.BufferedImage;
import java.util.function.Function;
import org.apache.commons.math3.distribution.NormalDistribution;
import vae.nn.Matrix;

/**
 * The learned manifold of a 2-D latent space (Kingma &amp; Welling, fig. 4): codes
 * z = (Φ⁻¹(u), Φ⁻¹(v)) on an even n×n grid of u, v in (0, 1), so each cell covers equal prior
 * mass, decoded and drawn as an image grid (z₁ grows to the right, z₂ upwards). Chapter 05.
 */
public final class Manifold {
  private Manifold() {}

  /**
   * The n² codes, row by row from the top: z = (Φ⁻¹((c + ½)/n), Φ⁻¹(1 − (r + ½)/n)).
   *
   * @throws IllegalArgumentException if n &lt; 1
   */
  public static Matrix codes(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("need a grid of n ≥ 1 codes per side, got n=" + n);
    }
    NormalDistribution phi = new NormalDistribution(0, 1);
    Matrix grid = new Matrix(n * n, 2);
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        grid.a[r * n + c][0] = phi.inverseCumulativeProbability((c + 0.5) / n);
        grid.a[r * n + c][1] = phi.inverseCumulativeProbability(1 - (r + 0.5) / n);
      }
    }
    return grid;
  }

  /**
   * {@code decode} applied to the n×n codes, drawn with pixel values scaled from [0, max].
   *
   * @throws IllegalArgumentException if n &lt; 1 or the image sizes do not fit (see {@link ImageGrid})
   */
  public static BufferedImage of(int n, Function<Matrix, double[][]> decode, double max, int side,
      int scale) {
    return ImageGrid.of(decode.apply(codes(n)), max, side, n, scale);
  }
}
