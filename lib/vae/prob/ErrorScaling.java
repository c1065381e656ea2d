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
}
