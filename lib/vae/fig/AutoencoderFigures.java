package vae.fig;

import java.awt.image.BufferedImage;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler.LegendPosition;
import vae.book.Fmt;
import vae.nn.Matrix;
import vae.prob.Quantiles;

/**
 * The charts of chapter 01 (autoencoders): variance kept by PCA, the linear autoencoder's angle
 * to PCA's plane, the non-linear one's training curve, and how decodings drift off the codes.
 */
public final class AutoencoderFigures {
  private AutoencoderFigures() {}

  /** The first digits [40][64] (pixel/16) as a titled 10-wide grid of 8×8 images. */
  public static BufferedImage digits(Matrix first40) {
    return ImageGrid.titled(ImageGrid.of(first40, 8, 10, 8), "The first 40 training digits (8×8, "
        + "pixel/16; dark = ink)", "UCI optical digits, CC BY 4.0");
  }

  /**
   * AE-2: the share of the variance PCA keeps with k = 1…d dimensions, from the eigenvalues λ
   * (largest first), against a random k-plane's expected k/d and the best of {@code planes}
   * random k-planes, whose mean squared projection error was {@code bestError}.
   */
  public static XYChart explainedVariance(double[] lambda, int k, double bestError, int planes) {
    XYChart chart = Figures.xy("AE-2: PCA keeps more variance than any other k-dim. subspace",
        "code size k (dimensions kept)", "share of the variance kept");
    int d = lambda.length;
    double total = java.util.Arrays.stream(lambda).sum();
    double[] ks = new double[d];
    double[] kept = new double[d]; // Σ_{j≤k} λ_j / Σ_j λ_j
    for (int j = 0; j < d; j++) {
      ks[j] = j + 1;
      kept[j] = (j == 0 ? 0 : kept[j - 1]) + lambda[j] / total;
    }
    Layers.line(chart, "PCA (top-k eigenvectors)", ks, kept, Palette.BLUE);
    // a uniformly random k-plane keeps k/d of the variance on average
    Layers.dashed(chart, "random k-plane (expected k/" + d + ")", new double[] {1, d},
        new double[] {1.0 / d, 1}, Palette.GREY);
    double keptByBest = 1 - bestError / total;
    Layers.points(chart, String.format(Locale.ROOT, "best of %,d random %d-planes (%.2f)", planes,
        k, keptByBest), new double[] {k}, new double[] {keptByBest}, null, Palette.RED);
    chart.getStyler().setLegendPosition(LegendPosition.InsideSE);
    chart.getStyler().setMarkerSize(9);
    return chart;
  }

  /** AE-3: the largest principal angle to PCA's plane, angle[i] after (i + 1)·every steps. */
  public static XYChart principalAngle(double[] angle, int every, double threshold) {
    XYChart chart = Figures.xy("AE-3: gradient descent turns the decoder's plane onto PCA's",
        "gradient-descent step", "largest principal angle (rad)");
    chart.getStyler().setYAxisLogarithmic(true);
    double[] step = java.util.stream.IntStream.rangeClosed(1, angle.length)
        .mapToDouble(i -> (double) i * every).toArray();
    Layers.line(chart, "linear autoencoder vs PCA", step, angle, Palette.BLUE);
    Layers.dashed(chart, "AE-3 threshold " + Fmt.sci(threshold) + " rad",
        new double[] {0, step[step.length - 1]}, level(threshold), Palette.RED);
    return chart;
  }

  /**
   * AE-1: the training and validation error per epoch, with two validation yardsticks: PCA with
   * the same code size and the mean image (code size 0).
   */
  public static XYChart trainingCurve(double[] epoch, double[] train, double[] valid,
      double pcaValid, double meanValid) {
    XYChart chart = Figures.xy("AE-1: training lowers the reconstruction error ‖x − d(e(x))‖²",
        "epoch", "mean squared error per image (pixels in [0, 1])");
    Layers.line(chart, "training set", epoch, train, Palette.BLUE);
    Layers.line(chart, "validation set", epoch, valid, Palette.ORANGE);
    double[] ends = {1, epoch[epoch.length - 1]};
    Layers.dashed(chart, "PCA, 2 numbers (validation)", ends, level(pcaValid), Palette.GREEN);
    Layers.dashed(chart, "mean image (validation)", ends, level(meanValid), Palette.GREY);
    return chart;
  }

  /**
   * AE-5: for a side×side grid of codes, the distance from each code to the nearest training code
   * against the distance from its decoding to the nearest training image, with binned medians and
   * the medians of real held-out digits and of reconstructions as levels.
   */
  public static XYChart latentGaps(int side, double[] codeGap, double[] pixelGap,
      double heldOut, double reconstructions) {
    XYChart chart = Figures.xy("AE-5: off the training codes, decodings drift away from the data",
        "distance from the code to the nearest training code (code units)",
        "distance from d(z) to the nearest training image");
    Layers.points(chart, String.format(Locale.ROOT, "%d×%d grid of codes", side, side), codeGap, pixelGap,
        null, Palette.translucent(Palette.BLUE, 90));
    Quantiles.Binned trend = Quantiles.binnedMedians(codeGap, pixelGap, 12);
    Layers.line(chart, "median in bins of code distance", trend.centres(), trend.medians(),
        Palette.BLUE);
    double[] xs = {0, java.util.Arrays.stream(codeGap).max().orElse(1)};
    Layers.dashed(chart, "held-out real digits (median)", xs, level(heldOut), Palette.RED);
    Layers.dashed(chart, "reconstructions of training digits (median)", xs,
        level(reconstructions), Palette.GREEN);
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setLegendPosition(LegendPosition.InsideSE);
    return chart;
  }

  /** AE-1: the 2-number codes [n][2] of the training digits, one colour per digit label. */
  public static XYChart codes(double[][] z, int[] labels) {
    XYChart chart = Scatter.byLabel(String.format(Locale.ROOT, "AE-1: the 2-number codes of the %,d "
        + "training digits", z.length), "z₁", "z₂",
        java.util.Arrays.stream(z).mapToDouble(p -> p[0]).toArray(),
        java.util.Arrays.stream(z).mapToDouble(p -> p[1]).toArray(), labels,
        java.util.stream.IntStream.range(0, 10).mapToObj(String::valueOf).toArray(String[]::new));
    chart.getStyler().setMarkerSize(5);
    return chart;
  }

  /**
   * The decodings [n²][64] of an n×n grid of codes over {@code box} (row by row from the top, z₂
   * growing upwards) as 8×8 images, captioned with the box's ranges.
   */
  public static BufferedImage decodedGrid(Matrix decoded, int n, double[][] box) {
    String axes = String.format(Locale.ROOT, "z₁ from %.1f (left) to %.1f (right); z₂ from %.1f (bottom) to "
        + "%.1f (top)", box[0][0], box[0][1], box[1][0], box[1][1]);
    return ImageGrid.titled(ImageGrid.of(decoded, 8, n, 5), "Decodings d(z) across the code "
        + "plane (the codes' box, widened by a quarter each side)", axes);
  }

  /** {v, v}: the y values of a horizontal line between two x values. */
  private static double[] level(double v) {
    return new double[] {v, v};
  }
}
