package vae.model;

import vae.nn.Activation;
import vae.prob.MonteCarlo;

/**
 * Chapter 06's networks and training, named once: MLPs with two hidden layers of 128 leaky-ReLU
 * units and a Bernoulli decoder; Adam (learning rate 2e-3) on minibatches of 64 for a fixed
 * number of epochs, no early stopping, the last weights kept.
 */
public final class Recipe {
  private Recipe() {}

  /** The VAE (or, through {@link Autoencoder#shapedLike}, plain AE) for data of dataDim pixels. */
  public static Vae.Config config(int dataDim, int latent) {
    return new Vae.Config(dataDim, new int[] {128, 128}, latent, Activation.Kind.LEAKY_RELU,
        "bernoulli");
  }

  /**
   * Trains {@code model} for {@code epochs} epochs, minibatches shuffled by {@code seed}; with a
   * label, prints a line every quarter of the epochs (β: the KL weight the line reports).
   *
   * @throws IllegalArgumentException if epochs &lt; 1
   */
  public static void fit(Trainable model, Dataset data, int epochs, double beta, String label,
      long seed) {
    Trainer.fit(model, data, null, Trainer.Options.adam(epochs, 64, 2e-3, 0), MonteCarlo.rng(seed),
        label == null ? null : new EpochLog(label, Math.max(1, epochs / 4), beta));
  }
}
