package vae.prob;

/**
 * log Σ exp(aᵢ) without overflow: max + log Σ exp(aᵢ − max). The importance-sampled
 * log-likelihood (chapter 05) and the softmax of the categorical decoder rest on it.
 */
public final class LogSumExp {
  private LogSumExp() {}

  /** log Σᵢ exp(a[i]); −∞ for an empty array or when every term is −∞. */
  public static double of(double[] a) {
    return of(a, 0, a.length);
  }

  /** log Σ exp(a[i]) over i in [from, to). */
  public static double of(double[] a, int from, int to) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      max = Math.max(max, a[i]);
    }
    if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
      return max;
    }
    if (max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += Math.exp(a[i] - max);
    }
    return max + Math.log(sum);
  }

  /** log of the mean, log((1/n) Σ exp(a[i])): the importance-weighted bound from n log-weights. */
  public static double logMeanExp(double[] a) {
    if (a.length == 0) {
      throw new IllegalArgumentException("logMeanExp needs at least one value");
    }
    return of(a) - Math.log(a.length);
  }
}
