package vae.prob;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * How the error of a Monte Carlo mean shrinks with the sample size n: the root-mean-square error
 * over repeated runs, and the slope of log error against log n (chapter 03, claims MC-2, MC-3).
 */
public final class ErrorScaling {
  private ErrorScaling() {}

  /** A least-squares slope on log–log axes with its standard error from the fit's residuals. */
  public record Slope(double slope, double se, int points) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT, "Slope[%.4f ± %.4f over %d points]", slope, se, points);
    }
  }

  /**
   * The RMS error √(E[(mean_n − exact)²]) of the n-draw mean, from {@code runs} independent runs;
   * the SE of the RMS comes from the spread of the squared errors (delta method).
   *
   * @throws IllegalArgumentException if n &lt; 1 or runs &lt; 2
   */
  public static Estimate rmsError(long n, int runs, SplittableRandom rng,
      ToDoubleFunction<SplittableRandom> draw, double exact) {
    if (n < 1 || runs < 2) {
      throw new IllegalArgumentException("need n ≥ 1 draws per run and runs ≥ 2, got n=" + n
          + ", runs=" + runs);
    }
    double[] squaredErrors = new double[runs];
    for (int r = 0; r < runs; r++) {
      double sum = 0;
      for (long i = 0; i < n; i++) {
        sum += draw.applyAsDouble(rng);
      }
      double err = sum / n - exact;
      squaredErrors[r] = err * err;
    }
    Estimate mse = MonteCarlo.of(squaredErrors);
    double rms = Math.sqrt(mse.mean());
    // d√m/dm = 1/(2√m)
    return new Estimate(rms, mse.se() / (2 * rms), runs);
  }

  /**
   * The least-squares slope of ln y against ln x.
   *
   * @throws IllegalArgumentException if the lengths differ, fewer than 3 points, or a value ≤ 0
   */
  public static Slope logLogSlope(double[] x, double[] y) {
    if (x.length != y.length || x.length < 3) {
      throw new IllegalArgumentException("need ≥ 3 (x, y) pairs of equal length, got " + x.length
          + " and " + y.length);
    }
    SimpleRegression fit = new SimpleRegression();
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] > 0) || !(y[i] > 0)) {
        throw new IllegalArgumentException("log–log fit needs positive values, got x[" + i + "]="
            + x[i] + ", y[" + i + "]=" + y[i]);
      }
      fit.addData(Math.log(x[i]), Math.log(y[i]));
    }
    return new Slope(fit.getSlope(), fit.getSlopeStdErr(), x.length);
  }

  /**
   * The SE of the least-squares slope of ln y against ln x, propagated from each point's own SE
   * (independent points): the slope is Σ c_k ln y_k with c_k = (ln x_k − mean ln x)/S_xx, and
   * SE(ln y_k) = SE(y_k)/y_k (delta method), so SE² = Σ c_k² (SE(y_k)/y_k)². Unlike the fit's
   * residual SE it needs no straight-line model and no t-correction for few points (claim MC-2).
   *
   * @throws IllegalArgumentException if the lengths differ, fewer than 3 points, or a value ≤ 0
   */
  public static double logLogSlopeSe(double[] x, double[] y, double[] ySe) {
    if (x.length != y.length || x.length != ySe.length || x.length < 3) {
      throw new IllegalArgumentException("need ≥ 3 (x, y, SE) triples of equal length, got "
          + x.length + ", " + y.length + " and " + ySe.length);
    }
    double meanLogX = 0;
    for (int k = 0; k < x.length; k++) {
      if (!(x[k] > 0) || !(y[k] > 0) || !(ySe[k] >= 0)) {
        throw new IllegalArgumentException("need x > 0, y > 0, SE ≥ 0, got x[" + k + "]=" + x[k]
            + ", y[" + k + "]=" + y[k] + ", SE[" + k + "]=" + ySe[k]);
      }
      meanLogX += Math.log(x[k]) / x.length;
    }
    double sxx = 0;
    for (double v : x) {
      sxx += (Math.log(v) - meanLogX) * (Math.log(v) - meanLogX);
    }
    double var = 0;
    for (int k = 0; k < x.length; k++) {
      double c = (Math.log(x[k]) - meanLogX) / sxx;
      var += c * c * (ySe[k] / y[k]) * (ySe[k] / y[k]);
    }
    return Math.sqrt(var);
  }

  /** {@link #logLogSlope(double[], double[])} of the estimates' means. */
  public static Slope logLogSlope(double[] x, Estimate[] y) {
    return logLogSlope(x, java.util.Arrays.stream(y).mapToDouble(Estimate::mean).toArray());
  }

  /** {@link #logLogSlopeSe(double[], double[], double[])} from the estimates' means and SEs. */
  public static double logLogSlopeSe(double[] x, Estimate[] y) {
    return logLogSlopeSe(x, java.util.Arrays.stream(y).mapToDouble(Estimate::mean).toArray(),
        java.util.Arrays.stream(y).mapToDouble(Estimate::se).toArray());
  }

  /**
   * The fraction of the 95% intervals mean ± 1.96·SE ({@link Estimate#interval95}) that contain
   * {@code exact}: about 0.95 if the standard errors are honest (claim MC-4).
   *
   * @throws IllegalArgumentException if there are no estimates
   */
  public static double coverage(Estimate[] estimates, double exact) {
    if (estimates.length == 0) {
      throw new IllegalArgumentException("coverage needs at least one estimate, got none");
    }
    int covered = 0;
    for (Estimate e : estimates) {
      double[] ci = e.interval95();
      covered += ci[0] <= exact && exact <= ci[1] ? 1 : 0;
    }
    return covered / (double) estimates.length;
  }
}
