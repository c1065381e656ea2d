package vae.prob;

import java.util.Arrays;

/**
 * The two sides of Jensen's inequality for the logarithm, from the same draws: the mean of log
 * values, E[log p], and the log of the mean value, log E[p] ≥ E[log p], each with its standard
 * error; the second from log values in log space, its SE by the delta method, SE(p̄)/p̄.
 * Chapter 07 (LS-7).
 *
 * @param meanOfLogs E[log p] estimated as the mean of the log values, with its SE
 * @param logOfMean log E[p] estimated as log (1/K) Σ_k p_k
 * @param logOfMeanSe the SE of {@code logOfMean}
 */
public record JensenGap(Estimate meanOfLogs, double logOfMean, double logOfMeanSe) {
  /**
   * Both estimates from K log values log p_k.
   *
   * @throws IllegalArgumentException if there are fewer than two values
   */
  public static JensenGap of(double[] logs) {
    if (logs.length < 2) {
      throw new IllegalArgumentException("need ≥ 2 draws for a standard error, got "
          + logs.length);
    }
    double logMean = LogSumExp.of(logs) - Math.log(logs.length);
    double[] ratio = Arrays.stream(logs).map(l -> Math.exp(l - logMean)).toArray();
    return new JensenGap(MonteCarlo.of(logs), logMean, MonteCarlo.of(ratio).se());
  }

  /** log E[p] − E[log p], ≥ 0 up to noise. */
  public double gap() {
    return logOfMean - meanOfLogs.mean();
  }

  /** The SE of the gap, both SEs combined as if independent. */
  public double gapSe() {
    return Math.hypot(meanOfLogs.se(), logOfMeanSe);
  }
}
