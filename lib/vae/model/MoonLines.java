package vae.model;

import java.util.SplittableRandom;
import vae.data.MoonPhases;
import vae.nn.Matrix;

/**
 * The notes' moon experiments: data sets of generated moons ({@link MoonPhases}, 16×16, radius 6)
 * and the straight line of 9 codes a trained model decodes from the full moon's code (φ = π) to
 * the half moon's (φ = π/2), the midpoint in the middle. Chapter 06 (LS-3, LS-9, LS-10).
 */
public final class MoonLines {
  /** The moons: 16×16 images of radius 6. */
  public static final MoonPhases MOONS = new MoonPhases(16, 6, 6);
  /** Row 0 the full moon, row 1 the first-quarter half moon. */
  public static final Matrix ENDS = Matrix.of(MOONS.render(Math.PI, 6),
      MOONS.render(Math.PI / 2, 6));
  private static final int STEPS = 9;

  private MoonLines() {}

  /** A decoded line [9][256] and the distance ‖z_full − z_half‖ between its end codes. */
  public record Line(double[][] images, double gap) {
    /** The measured phase of each image on the line. */
    public double[] phases() {
      return MOONS.phases(images);
    }

    /** What {@link MoonPhases#measure} reads from the middle image. */
    public MoonPhases.Measurement midpoint() {
      return MOONS.measure(images[STEPS / 2]);
    }
  }

  /** The line a trained autoencoder decodes between its codes e(x). */
  public static Line of(Autoencoder ae) {
    return line(ae.encode(ENDS), ae::decodeMean);
  }

  /** The line a trained VAE decodes between its means μ(x). */
  public static Line of(Vae vae) {
    return line(vae.encode(ENDS).mu(), vae::decodeMean);
  }

  /**
   * {@code n} moons at random phases as a data set (input = target).
   *
   * @throws IllegalArgumentException if n &lt; 1
   */
  public static Dataset phases(int n, SplittableRandom rng) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least one moon, got n=" + n);
    }
    Matrix x = MOONS.sample(n, rng).images();
    return new Dataset("moons", x, x, null);
  }

  /** The full and the half moon only, 32 copies of each: one minibatch, many noise draws. */
  public static Dataset twoImages() {
    Matrix x = new Matrix(64, ENDS.cols);
    for (int r = 0; r < x.rows; r++) {
      x.a[r] = ENDS.a[r % 2].clone();
    }
    return new Dataset("two moons", x, x, null);
  }

  private static Line line(Matrix z, java.util.function.Function<Matrix, double[][]> decode) {
    double gap = 0;
    for (int d = 0; d < z.cols; d++) {
      gap += (z.a[0][d] - z.a[1][d]) * (z.a[0][d] - z.a[1][d]);
    }
    return new Line(decode.apply(LatentPaths.line(z, STEPS)), Math.sqrt(gap));
  }
}
