package vae.prob;

/**
 * Samples binned into equal-width bins over [lo, hi), scaled as a density (count / (n · width)) so
 * it can be drawn against a probability density (chapter 04). Samples outside the range count in
 * n but in no bin.
 */
public record Histogram(double lo, double hi, long[] counts, long total) {
  /**
   * Bins {@code xs} into {@code bins} equal bins over [lo, hi).
   *
   * @throws IllegalArgumentException if bins &lt; 1, lo ≥ hi, or xs is empty
   */
  public static Histogram of(double[] xs, double lo, double hi, int bins) {
    if (bins < 1 || !(lo < hi) || xs.length == 0) {
      throw new IllegalArgumentException("need bins ≥ 1, lo < hi and some samples, got bins=" + bins
          + ", lo=" + lo + ", hi=" + hi + ", " + xs.length + " samples");
    }
    long[] counts = new long[bins];
    double width = (hi - lo) / bins;
    for (double x : xs) {
      int b = (int) Math.floor((x - lo) / width);
      if (x >= lo && b >= 0 && b < bins) {
        counts[b]++;
      }
    }
    return new Histogram(lo, hi, counts, xs.length);
  }

  public double binWidth() {
    return (hi - lo) / counts.length;
  }

  /** The bin edges lo, lo + w, …, hi (one more than the bins). */
  public double[] edges() {
    double[] e = new double[counts.length + 1];
    for (int i = 0; i < e.length; i++) {
      e[i] = lo + i * binWidth();
    }
    return e;
  }

  /** count / (n · width) per bin: integrates to the fraction of samples inside [lo, hi). */
  public double[] density() {
    double[] d = new double[counts.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = counts[i] / (total * binWidth());
    }
    return d;
  }

  @Override
  public String toString() {
    return "Histogram[" + counts.length + " bins over [" + lo + ", " + hi + "), n=" + total + "]";
  }
}
