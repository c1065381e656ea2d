package vae.prob;

/**
 * How a sequence of values moves, such as a quantity measured after every training epoch: where
 * it peaks or bottoms out, how often it changes direction, and its means over blocks of steps
 * (which average out step-to-step jitter). Chapter 07.
 */
public final class Trajectory {
  private Trajectory() {}

  /**
   * The index of the largest value (the first, on a tie).
   *
   * @throws IllegalArgumentException if {@code a} is empty
   */
  public static int argMax(double[] a) {
    nonEmpty(a);
    int best = 0;
    for (int i = 1; i < a.length; i++) {
      best = a[i] > a[best] ? i : best;
    }
    return best;
  }

  /**
   * The index of the smallest value (the first, on a tie).
   *
   * @throws IllegalArgumentException if {@code a} is empty
   */
  public static int argMin(double[] a) {
    nonEmpty(a);
    int best = 0;
    for (int i = 1; i < a.length; i++) {
      best = a[i] < a[best] ? i : best;
    }
    return best;
  }

  /** How often the sequence changes direction: a rise followed by a fall, or the reverse. */
  public static int turns(double[] a) {
    int n = 0;
    for (int i = 2; i < a.length; i++) {
      n += Math.signum(a[i] - a[i - 1]) * Math.signum(a[i - 1] - a[i - 2]) < 0 ? 1 : 0;
    }
    return n;
  }

  /**
   * At how many steps i−1 → i the two sequences do not move the same way (one rises while the
   * other falls or stays).
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  public static int opposedSteps(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("sequences of " + a.length + " and " + b.length
          + " values cannot be compared step by step");
    }
    int n = 0;
    for (int i = 1; i < a.length; i++) {
      n += Math.signum(a[i] - a[i - 1]) != Math.signum(b[i] - b[i - 1]) ? 1 : 0;
    }
    return n;
  }

  /**
   * The means of consecutive blocks of {@code w} values (a last, incomplete block is dropped).
   *
   * @throws IllegalArgumentException if {@code w < 1}
   */
  public static double[] blockMeans(double[] a, int w) {
    if (w < 1) {
      throw new IllegalArgumentException("a block holds at least one value, got w = " + w);
    }
    double[] m = new double[a.length / w];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < w; j++) {
        m[i] += a[i * w + j] / w;
      }
    }
    return m;
  }

  private static void nonEmpty(double[] a) {
    if (a.length == 0) {
      throw new IllegalArgumentException("an empty sequence has no extreme value");
    }
  }
}
