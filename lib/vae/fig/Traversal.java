package vae.fig;

import java.awt.image.BufferedImage;
import java.util.function.Function;
import vae.nn.Matrix;

/**
 * What each latent dimension means: one row per dimension d, decoding codes whose d-th entry
 * sweeps evenly from −reach to +reach while the others stay at 0 (the prior's mean). Chapter 05.
 */
public final class Traversal {
  private Traversal() {}

  /**
   * The latent·n codes, row d holding z = t·e_d for n values of t from −reach to +reach.
   *
   * @throws IllegalArgumentException if latent &lt; 1, n &lt; 2 or reach ≤ 0
   */
  public static Matrix codes(int latent, int n, double reach) {
    if (latent < 1 || n < 2 || !(reach > 0)) {
      throw new IllegalArgumentException("need latent ≥ 1, n ≥ 2 steps and reach > 0, got latent="
          + latent + ", n=" + n + ", reach=" + reach);
    }
    Matrix z = new Matrix(latent * n, latent);
    for (int d = 0; d < latent; d++) {
      for (int c = 0; c < n; c++) {
        z.a[d * n + c][d] = -reach + 2 * reach * c / (n - 1);
      }
    }
    return z;
  }

  /**
   * {@code decode} applied to the codes, drawn as a grid with one row per latent dimension.
   *
   * @throws IllegalArgumentException as {@link #codes} and {@link ImageGrid#of}
   */
  public static BufferedImage of(int latent, int n, double reach,
      Function<Matrix, double[][]> decode, double max, int side, int scale) {
    return ImageGrid.of(decode.apply(codes(latent, n, reach)), max, side, n, scale);
  }
}
