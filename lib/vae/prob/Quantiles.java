package vae.prob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** Medians: of a sample, and of y within equal-width bins of x (a trend line through a cloud). Chapter 01. */
public final class Quantiles {
  private Quantiles() {}

  /** Bin centres and the median of y in each non-empty bin. */
  public record Binned(double[] centres, double[] medians) {}

  /**
   * The sample median (mean of the two middle values for an even count).
   *
   * @throws IllegalArgumentException if v is empty
   */
  public static double median(double[] v) {
    if (v.length == 0) {
      throw new IllegalArgumentException("the median of no values is undefined");
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }

  /**
   * Medians of y in {@code bins} equal-width bins of x over [min x, max x]; empty bins are skipped.
   *
   * @throws IllegalArgumentException if x and y differ in length, are empty, or bins &lt; 1
   */
  public static Binned binnedMedians(double[] x, double[] y, int bins) {
    if (x.length != y.length || x.length == 0 || bins < 1) {
      throw new IllegalArgumentException("need x and y of one positive length and bins ≥ 1, got "
          + x.length + ", " + y.length + ", bins=" + bins);
    }
    double lo = Arrays.stream(x).min().getAsDouble();
    double hi = Arrays.stream(x).max().getAsDouble();
    double w = (hi - lo) / bins;
    List<double[]> out = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      final int bin = b;
      double[] ys = IntStream.range(0, x.length)
          .filter(i -> Math.min(bins - 1, w == 0 ? 0 : (int) ((x[i] - lo) / w)) == bin)
          .mapToDouble(i -> y[i]).toArray();
      if (ys.length > 0) {
        out.add(new double[] {lo + (b + 0.5) * w, median(ys)});
      }
    }
    return new Binned(out.stream().mapToDouble(p -> p[0]).toArray(), out.stream().mapToDouble(p -> p[1]).toArray());
  }
}
