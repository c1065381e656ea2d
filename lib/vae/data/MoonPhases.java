package vae.data;

import java.util.SplittableRandom;
import vae.nn.Matrix;

/**
 * Procedural images of the Moon at phase φ ∈ [0, 2π): a sphere lit by a distant sun, seen from
 * Earth. φ = 0 is new moon (dark), π/2 first quarter (right half lit), π full moon, 3π/2 last
 * quarter. The generating factor is known, and {@link #measure} reads it back from any image
 * (a decoded one included). Notes 002 and 004 talk of "full moon" and "half moon"; chapter 06.
 */
public final class MoonPhases {
  /**
   * How far, in radii, a rendered moon's lit centroid may miss {@link Measurement#moonOffset()}
   * when the radius is known (one radius per set) and φ ∈ [0.6, 2π − 0.6]: the worst over that
   * range is 0.007 at 16×16, radius 6 (MoonPhasesTest), so 0.02 leaves a factor of about 3. An
   * image that misses by more is no moon of any phase.
   */
  public static final double OFFSET_TOLERANCE = 0.02;

  /** Image side in pixels. */
  public final int size;
  /** Smallest and largest disc radius, in pixels. */
  public final double minRadius;
  public final double maxRadius;

  /**
   * Images of {@code size}×{@code size} with radii drawn from [minRadius, maxRadius].
   *
   * @throws IllegalArgumentException if the radii are not positive or do not fit in the image
   */
  public MoonPhases(int size, double minRadius, double maxRadius) {
    if (size < 4 || !(minRadius > 0) || !(maxRadius >= minRadius) || maxRadius > size / 2.0) {
      throw new IllegalArgumentException("need size ≥ 4 and 0 < minRadius ≤ maxRadius ≤ size/2, got size="
          + size + ", radii " + minRadius + "…" + maxRadius);
    }
    this.size = size;
    this.minRadius = minRadius;
    this.maxRadius = maxRadius;
  }

  /** A data set: images [n][size²] in [0, 1], with the phases and radii that made them. */
  public record Sample(Matrix images, double[] phases, double[] radii) {}

  /** {@code n} images with phase uniform on [0, 2π) and radius uniform on [minRadius, maxRadius]. */
  public Sample sample(int n, SplittableRandom rng) {
    Matrix x = new Matrix(n, size * size);
    double[] phi = new double[n];
    double[] rad = new double[n];
    for (int i = 0; i < n; i++) {
      phi[i] = 2 * Math.PI * rng.nextDouble();
      rad[i] = minRadius + (maxRadius - minRadius) * rng.nextDouble();
      x.a[i] = render(phi[i], rad[i]);
    }
    return new Sample(x, phi, rad);
  }

  /**
   * One image [size²], row-major, 4×4 supersampled at the edges. A point (u, v) of the unit disc
   * is the sphere point n = (u, v, √(1 − u² − v²)) facing the viewer; with the sun in direction
   * s = (sin φ, 0, −cos φ) it is lit when n·s &gt; 0.
   */
  public double[] render(double phase, double radius) {
    double[] img = new double[size * size];
    double c = size / 2.0;
    double sx = Math.sin(phase);
    double sz = -Math.cos(phase);
    for (int row = 0; row < size; row++) {
      for (int col = 0; col < size; col++) {
        double lit = 0;
        for (int a = 0; a < 4; a++) {
          for (int b = 0; b < 4; b++) {
            double u = (col + (b + 0.5) / 4 - c) / radius;
            double v = (c - row - (a + 0.5) / 4) / radius;
            double r2 = u * u + v * v;
            // lit where the surface normal n faces the sun: n·s = u·sin φ − √(1−r²)·cos φ > 0
            if (r2 <= 1 && u * sx + Math.sqrt(1 - r2) * sz > 0) {
              lit++;
            }
          }
        }
        img[row * size + col] = lit / 16;
      }
    }
    return img;
  }

  /**
   * What {@link #measure} reads from an image: the phase, the lit fraction f of the disc, the
   * radius, the brightness of the light Σp²/Σp (≈ 1 for a lit region of white pixels, ½ for a disc
   * of grey ones) and the lit centroid's offset right of centre, in radii.
   */
  public record Measurement(double phase, double litFraction, double radius, double brightness,
      double offset) {
    /**
     * The offset a real moon of this lit fraction has: the lit region's centroid lies
     * 4(1 + cos φ)/(3π) = 8(1 − f)/(3π) radii from the centre, on the lit side (its x-moment is
     * ⅔ sin²φ and its area π(1 − cos φ)/2). A disc dimmed evenly has f = ½ but offset 0.
     */
    public double moonOffset() {
      return 8 * (1 - litFraction) / (3 * Math.PI);
    }

    /** | |offset| − moonOffset() |: how far the light sits from where a moon of this f has it. */
    public double moonMiss() {
      return Math.abs(Math.abs(offset) - moonOffset());
    }

    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "φ %.3f, lit fraction %.3f, brightness %.3f, "
          + "light's offset %.3f (a moon's %.3f)", phase, litFraction, brightness, offset,
          moonOffset());
    }
  }

  /** The measured phase of each image [n][size²]. */
  public double[] phases(double[][] images) {
    double[] phi = new double[images.length];
    for (int i = 0; i < phi.length; i++) {
      phi[i] = measure(images[i]).phase();
    }
    return phi;
  }

  /**
   * Reads the phase back from an image: the radius (when the set's radius varies) from the lit
   * region's height, since the terminator always runs pole to pole; the lit fraction
   * f = Σ pixels / (π r²) = (1 − cos φ)/2, and the side from the lit centroid (right of centre ⇒
   * waxing, φ &lt; π). So φ = arccos(1 − 2f), or 2π minus it when the light is on the left.
   * Pixels are clipped to [0, 1] first.
   *
   * @throws IllegalArgumentException if the image does not have size² pixels
   */
  public Measurement measure(double[] img) {
    if (img.length != size * size) {
      throw new IllegalArgumentException("image has " + img.length + " pixels, expected "
          + size * size + " (" + size + "×" + size + ")");
    }
    double c = size / 2.0;
    double mass = 0;
    double squares = 0;
    double mx = 0;
    double height = 0;
    for (int row = 0; row < size; row++) {
      double rowMax = 0;
      for (int col = 0; col < size; col++) {
        double p = Math.max(0, Math.min(1, img[row * size + col]));
        mass += p;
        squares += p * p;
        mx += p * (col + 0.5 - c);
        rowMax = Math.max(rowMax, p);
      }
      height += rowMax; // a row the lit region crosses counts 1, a partly covered polar row less
    }
    if (mass < 0.5) {
      return new Measurement(0, 0, Double.NaN, 0, 0); // nothing lit: new moon
    }
    double radius = minRadius == maxRadius ? minRadius : height / 2;
    // f = lit area / disc area
    double f = Math.min(1, mass / (Math.PI * radius * radius));
    double phi = Math.acos(1 - 2 * f);
    return new Measurement(mx >= 0 ? phi : 2 * Math.PI - phi, f, radius, squares / mass,
        mx / mass / radius);
  }

  @Override
  public String toString() {
    return "MoonPhases[" + size + "×" + size + ", radius " + minRadius + "…" + maxRadius + ", φ ∈ [0, 2π)]";
  }
}
