package vae.model;

import java.util.Arrays;

/**
 * A {@link Trainer.Listener} that records, after every epoch, the mean σ of q(z|x) over a data
 * set (all images and latent dimensions): how much noise the encoder puts on its codes as
 * training goes on. It passes each epoch on to another listener first (a progress line, say).
 * Chapter 07.
 */
public final class SigmaTrace implements Trainer.Listener {
  private final Vae vae;
  private final Dataset data;
  private final Trainer.Listener then;
  private double[] values = new double[0];

  /** Records {@code vae}'s mean σ on {@code data}; {@code then} (null: none) hears every epoch. */
  public SigmaTrace(Vae vae, Dataset data, Trainer.Listener then) {
    this.vae = vae;
    this.data = data;
    this.then = then;
  }

  @Override
  public void epochDone(Trainer.Epoch e, Trainer.Options options) {
    if (then != null) {
      then.epochDone(e, options);
    }
    double mean = Arrays.stream(vae.encode(data.input()).logVar().a)
        .flatMapToDouble(Arrays::stream).map(lv -> Math.exp(0.5 * lv)).average().orElseThrow();
    values = Arrays.copyOf(values, values.length + 1);
    values[values.length - 1] = mean;
  }

  /** The mean σ after each epoch so far, in order. */
  public double[] values() {
    return values.clone();
  }
}
