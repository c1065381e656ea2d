package vae.model;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A {@link Trainer.Listener} that prints one line every k epochs (and after the last):
 * {@code β=1  epoch 40/200 | loss 31.20 | recon 25.1 | kl 6.1 | 0.02 s}. For chapters that train
 * several models in a row. Chapters 06–07.
 */
public final class EpochLog implements Trainer.Listener {
  private final String label;
  private final int every;
  private final double beta;
  private final PrintStream out;

  /**
   * Prints to standard output; {@code beta} weighs the KL in the printed loss (0 for an autoencoder).
   *
   * @throws IllegalArgumentException if every &lt; 1
   */
  public EpochLog(String label, int every, double beta) {
    this(label, every, beta, System.out);
  }

  /** Prints to {@code out}. */
  public EpochLog(String label, int every, double beta, PrintStream out) {
    if (every < 1) {
      throw new IllegalArgumentException("print every k ≥ 1 epochs, got k=" + every);
    }
    this.label = label;
    this.every = every;
    this.beta = beta;
    this.out = out;
  }

  @Override
  public void epochDone(Trainer.Epoch e, Trainer.Options options) {
    if (e.epoch() % every == 0 || e.epoch() == options.epochs()) {
      Terms t = e.train();
      out.printf(Locale.ROOT, "%s  epoch %d/%d | loss %.2f | recon %.2f | kl %.2f | %.2f s%n", label, e.epoch(),
          options.epochs(), t.recon() + beta * t.kl(), t.recon(), t.kl(), e.seconds());
      out.flush();
    }
  }

  @Override
  public String toString() {
    return "EpochLog[" + label + ", every " + every + " epochs]";
  }
}
