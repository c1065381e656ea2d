package vae.data;

import java.util.SplittableRandom;
import vae.nn.Matrix;

/** Small seeded 2-D data sets for plots: points [n][2] with a class label each. Chapters 01 and 06. */
public final class Toy2d {
  private Toy2d() {}

  /** Points [n][2] and their labels. */
  public record Points(Matrix xy, int[] labels) {
    public int size() {
      return labels.length;
    }
  }

  /** Two interleaved half circles ("two moons") with Gaussian noise of standard deviation {@code noise}. */
  public static Points twoMoons(int n, double noise, SplittableRandom rng) {
    Points p = empty(n);
    for (int i = 0; i < n; i++) {
      int k = i % 2;
      double t = Math.PI * rng.nextDouble();
      // upper moon: (cos t, sin t); lower moon: (1 − cos t, ½ − sin t)
      p.xy.a[i][0] = (k == 0 ? Math.cos(t) : 1 - Math.cos(t)) + noise * rng.nextGaussian();
      p.xy.a[i][1] = (k == 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * rng.nextGaussian();
      p.labels[i] = k;
    }
    return p;
  }

  /** {@code k} Gaussian blobs of standard deviation {@code sigma} with centres evenly on a circle of radius 2. */
  public static Points blobs(int n, int k, double sigma, SplittableRandom rng) {
    if (k < 1) {
      throw new IllegalArgumentException("need at least one blob, got k=" + k);
    }
    Points p = empty(n);
    for (int i = 0; i < n; i++) {
      int c = i % k;
      double angle = 2 * Math.PI * c / k;
      p.xy.a[i][0] = 2 * Math.cos(angle) + sigma * rng.nextGaussian();
      p.xy.a[i][1] = 2 * Math.sin(angle) + sigma * rng.nextGaussian();
      p.labels[i] = c;
    }
    return p;
  }

  /** A correlated Gaussian cloud along a line: x = t·(cos θ, sin θ) + small noise (PCA's easy case). */
  public static Points line(int n, double angle, double noise, SplittableRandom rng) {
    Points p = empty(n);
    for (int i = 0; i < n; i++) {
      double t = rng.nextGaussian();
      p.xy.a[i][0] = t * Math.cos(angle) + noise * rng.nextGaussian();
      p.xy.a[i][1] = t * Math.sin(angle) + noise * rng.nextGaussian();
    }
    return p;
  }

  private static Points empty(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("need at least one point, got n=" + n);
    }
    return new Points(new Matrix(n, 2), new int[n]);
  }
}
