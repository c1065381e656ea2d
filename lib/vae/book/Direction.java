package vae.book;

import vae.prob.Estimate;
import vae.prob.MonteCarlo;

/**
 * A claimed direction, measured as differences paired by seed. Supported when the mean exceeds
 * 4 SE; otherwise the verdict says so with the numbers, and what the data do support is only that
 * the claim is not contradicted (mean ≥ −4 SE). It never calls "supported" a direction the data
 * do not show. Chapter 08.
 *
 * @param supported whether the mean difference exceeds 4 SE
 * @param line the CHECK line's text
 * @param ok what the CHECK verifies: supported, or else not contradicted
 */
public record Direction(boolean supported, String line, boolean ok) {
  /**
   * The verdict on {@code diffs} (positive = the claimed direction), in {@code unit}.
   *
   * @throws IllegalArgumentException if there are fewer than two differences
   */
  public static Direction of(String what, double[] diffs, String unit) {
    if (diffs.length < 2) {
      throw new IllegalArgumentException("need ≥ 2 paired differences, got " + diffs.length);
    }
    Estimate e = MonteCarlo.of(diffs);
    String d = String.format("%s: %s ± %s %s over %d replicates", what, Fmt.num(e.mean()),
        Fmt.num(e.se()), unit, diffs.length);
    if (e.mean() > 4 * e.se()) {
      return new Direction(true, d + " > 4 SE: supported", true);
    }
    return new Direction(false, d + ": NOT SUPPORTED HERE (< 4 SE); checked only: not "
        + "contradicted (≥ −4 SE)", e.mean() >= -4 * e.se());
  }

  /**
   * A paired difference printed without a verdict, for numbers that are not claims:
   * {@code what: mean ± SE unit over n replicates (z SE)}.
   *
   * @throws IllegalArgumentException if there are fewer than two differences
   */
  public static String measured(String what, double[] diffs, String unit) {
    if (diffs.length < 2) {
      throw new IllegalArgumentException("need ≥ 2 paired differences, got " + diffs.length);
    }
    Estimate e = MonteCarlo.of(diffs);
    return String.format(java.util.Locale.ROOT, "%s: %s ± %s %s over %d replicates (%.1f SE)",
        what, Fmt.num(e.mean()), Fmt.num(e.se()), unit, diffs.length, e.mean() / e.se());
  }
}
