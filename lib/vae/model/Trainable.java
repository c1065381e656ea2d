package vae.model;

import java.util.List;
import java.util.SplittableRandom;
import vae.nn.Param;

/**
 * What the {@link Trainer} trains: a loss over minibatches with its gradient, and an evaluation
 * on a whole data set. The VAE implements it (chapter 05), and so does the {@link Autoencoder} (chapters 01, 06–07).
 */
public interface Trainable {
  /** The parameters the optimiser updates. */
  List<Param> params();

  /**
   * Forward and backward on one minibatch: ADDS the gradient of the mean training loss to each
   * parameter's grad and returns the mean terms (nats per image).
   */
  Terms lossAndGradient(Dataset batch, SplittableRandom rng);

  /**
   * Weighs the KL term of the training loss by w ∈ [0, 1] from now on (KL warm-up, set by the
   * {@link Trainer}); objectives without a KL term ignore it.
   */
  default void anneal(double w) {}

  /** The mean terms on a whole data set, without gradients. */
  Terms evaluate(Dataset data, SplittableRandom rng);
}
