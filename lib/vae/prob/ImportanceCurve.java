package vae.prob;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The importance-weighted bound for every K at once, from K_max log-weights per item:
 * log p̂_K(x_i) = log (1/K) Σ_{k ≤ K} w_ik (the first K weights), with the ELBO as their plain
 * mean, and paired comparisons between successive K over the same items. Introduced in chapter 05.
 *
 * @param ks the K values, rising
 * @param perItem log p̂_K(x_i) for each K, [ks][items]
 * @param bound the mean of {@code perItem[j]} over items, with its standard error
 * @param elbo the mean over items of (1/K_max) Σ_k log w_ik
 */
public record ImportanceCurve(int[] ks, double[][] perItem, Estimate[] bound, Estimate elbo) {
  /**
   * The curve at those of {@code candidates} that are ≤ K_max (the row length of {@code logW}).
   *
   * @throws IllegalArgumentException if logW is empty or ragged, or no candidate is ≤ K_max
   */
  public static ImportanceCurve of(double[][] logW, int... candidates) {
    if (logW.length == 0 || Arrays.stream(logW).anyMatch(w -> w.length != logW[0].length)) {
      throw new IllegalArgumentException("need one row of K log-weights per item, all of one "
          + "length; got " + logW.length + " rows");
    }
    int[] ks = IntStream.of(candidates).filter(k -> k >= 1 && k <= logW[0].length).toArray();
    if (ks.length == 0) {
      throw new IllegalArgumentException("no K in " + Arrays.toString(candidates) + " is between "
          + "1 and the " + logW[0].length + " log-weights per item");
    }
    double[][] perItem = new double[ks.length][logW.length];
    Estimate[] bound = new Estimate[ks.length];
    for (int j = 0; j < ks.length; j++) {
      for (int i = 0; i < logW.length; i++) {
        perItem[j][i] = LogSumExp.of(logW[i], 0, ks[j]) - Math.log(ks[j]);
      }
      bound[j] = MonteCarlo.of(perItem[j]);
    }
    Estimate elbo = MonteCarlo.of(
        Arrays.stream(logW).mapToDouble(w -> Arrays.stream(w).average().orElseThrow()).toArray());
    return new ImportanceCurve(ks, perItem, bound, elbo);
  }

  /** The bound at the largest K: the log-likelihood estimate. */
  public Estimate last() {
    return bound[ks.length - 1];
  }

  /** The rise from K_{j−1} to K_j, paired over items. */
  public Estimate rise(int j) {
    return paired(j - 1, j);
  }

  /** The gain from the smallest to the largest K, paired over items. */
  public Estimate gain() {
    return paired(0, ks.length - 1);
  }

  /** True if no step from one K to the next falls by more than 4 standard errors (paired). */
  public boolean rises() {
    return IntStream.range(1, ks.length).allMatch(j -> rise(j).mean() > -4 * rise(j).se());
  }

  private Estimate paired(int a, int b) {
    double[] d = new double[perItem[b].length];
    for (int i = 0; i < d.length; i++) {
      d[i] = perItem[b][i] - perItem[a][i];
    }
    return MonteCarlo.of(d);
  }

  @Override
  public String toString() {
    return "ImportanceCurve[" + perItem[0].length + " items, K = " + Arrays.toString(ks)
        + ", bound at K=" + ks[ks.length - 1] + " " + last() + "]";
  }
}
