package vae.prob;

/**
 * Whether a quantity moves the same way at every step of a sweep, measured on the same items
 * at every step (test images, say): each step's change is paired over the items, and its mean is
 * read in units of its standard error over them. Chapter 07 (LS-4).
 */
public final class PairedSteps {
  private PairedSteps() {}

  /**
   * The least, over the steps k−1 → k, of the mean paired change sign · (v[k][i] − v[k−1][i])
   * over the items i, in units of its SE: above 4, every step moves the claimed way.
   *
   * @throws IllegalArgumentException if there are fewer than two steps' values or two items
   */
  public static double leastZ(double[][] byItem, int sign) {
    if (byItem.length < 2 || byItem[0].length < 2) {
      throw new IllegalArgumentException("need values at ≥ 2 steps for ≥ 2 items, got "
          + byItem.length + " steps");
    }
    double least = Double.POSITIVE_INFINITY;
    for (int k = 1; k < byItem.length; k++) {
      double[] change = new double[byItem[k].length];
      for (int i = 0; i < change.length; i++) {
        change[i] = sign * (byItem[k][i] - byItem[k - 1][i]);
      }
      Estimate e = MonteCarlo.of(change);
      least = Math.min(least, e.mean() / e.se());
    }
    return least;
  }
}
