package vae.fig;

import java.awt.Color;
import org.knowm.xchart.XYChart;

/**
 * Training curves of a VAE with the loss split into its two terms: the reconstruction as an area,
 * the KL stacked on top of it, so the top edge is −ELBO = reconstruction + KL; the validation
 * −ELBO (solid) and its reconstruction (dashed) drawn over them. Introduced in chapter 05.
 */
public final class TrainingCurves {
  private static final Color RECON = Palette.ENCODER; // light blue
  private static final Color KL = Palette.DECODER; // light orange

  private TrainingCurves() {}

  /**
   * The chart for per-epoch terms (nats per image) of the training and validation sets.
   *
   * @throws IllegalArgumentException if the arrays differ in length or are empty
   */
  public static XYChart of(String title, String valName, double[] epoch, double[] recon,
      double[] kl, double[] valRecon, double[] valKl) {
    int n = epoch.length;
    if (n < 1 || recon.length != n || kl.length != n || valRecon.length != n || valKl.length != n) {
      throw new IllegalArgumentException("need ≥ 1 epoch and one value per epoch in every series, "
          + "got " + n + " epochs, " + recon.length + ", " + kl.length + ", " + valRecon.length
          + ", " + valKl.length + " values");
    }
    double[] top = new double[n];
    double[] valTop = new double[n];
    for (int i = 0; i < n; i++) {
      top[i] = recon[i] + kl[i];
      valTop[i] = valRecon[i] + valKl[i];
    }
    XYChart chart = Figures.xy(title, "epoch", "nats per image");
    if (n > 1) { // an area needs two epochs
      Layers.band(chart, "train reconstruction −E[log p(x|z)]", epoch, new double[n], recon, RECON);
      Layers.band(chart, "train KL(q(z|x) ‖ p(z)), stacked", epoch, recon, top, KL);
    }
    Layers.line(chart, "train −ELBO", epoch, top, Scatter.PALETTE[0]);
    Layers.line(chart, valName + " −ELBO", epoch, valTop, Scatter.PALETTE[3]);
    Layers.dashed(chart, valName + " reconstruction", epoch, valRecon, Scatter.PALETTE[3]);
    return chart;
  }

  /**
   * The chart for a training run's columns {epoch, recon, KL, val recon, val KL}, as
   * {@code Trainer.History.curves()} gives them (the validation set named {@code valName}).
   *
   * @throws IllegalArgumentException if there are not five columns
   */
  public static XYChart of(String title, String valName, double[][] columns) {
    if (columns.length != 5) {
      throw new IllegalArgumentException("need 5 columns (epoch, recon, KL, val recon, val KL), "
          + "got " + columns.length);
    }
    return of(title, valName, columns[0], columns[1], columns[2], columns[3], columns[4]);
  }
}
