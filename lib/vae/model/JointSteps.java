package vae.model;

import java.util.List;
import java.util.SplittableRandom;
import vae.nn.BlockEffects;
import vae.nn.Param;
import vae.nn.Sgd;
import vae.prob.MonteCarlo;

/**
 * Gradient steps of a whole VAE on a whole data set, each split into its encoder part and its
 * decoder part: how much each network's own step changes the one bound both optimise
 * ({@link BlockEffects}). Chapter 05 (claim EL-6, set beside the {@link DiracGan}).
 */
public final class JointSteps {
  private JointSteps() {}

  /**
   * How many of {@link Vae#params()} belong to the encoder: its (W, b) per layer come first.
   *
   * @throws IllegalStateException if the shapes do not show the encoder's last layer there
   */
  public static int encoderTensors(Vae vae) {
    int k = 2 * (vae.config().hidden().length + 1);
    List<Param> ps = vae.params();
    int m = vae.config().latent();
    if (ps.size() <= k || ps.get(k - 1).value.cols != 2 * m || ps.get(k).value.rows != m) {
      throw new IllegalStateException("expected the encoder's " + k + " tensors (ending in 2×" + m
          + " outputs) before the decoder's in " + ps);
    }
    return k;
  }

  /**
   * {@code steps} plain gradient steps θ ← θ − lr·∇(−ELBO) on all of {@code data}, a fresh ε
   * for each gradient; the bound each is measured on uses one fixed ε of its own (seed
   * {@code probeSeed}), so the measurement does not reuse the draws the step was computed from.
   *
   * @throws IllegalArgumentException if lr is not positive and finite or steps &lt; 1
   */
  public static List<BlockEffects.Effect> fullBatch(Vae vae, Dataset data, double lr,
      int steps, SplittableRandom rng, long probeSeed) {
    if (steps < 1) {
      throw new IllegalArgumentException("need at least 1 step, got " + steps);
    }
    List<Param> ps = vae.params();
    BlockEffects split = new BlockEffects(new Sgd(ps, lr), ps, encoderTensors(vae),
        () -> -vae.fastLoss(data, MonteCarlo.rng(probeSeed)), steps);
    for (int s = 0; s < steps; s++) {
      split.zeroGrad();
      vae.lossAndGradient(data, rng);
      split.step();
    }
    return split.effects();
  }
}
