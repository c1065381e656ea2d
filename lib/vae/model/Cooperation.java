package vae.model;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import vae.data.Digits;
import vae.nn.BlockEffects;

/**
 * Claim EL-6 measured three ways, each optimiser step split into its two blocks' parts
 * ({@link BlockEffects}): the steps of a real training run (encoder, decoder); whole-data gradient
 * steps of a small VAE ({@link JointSteps#fullBatch}, step size 0.003); and as many steps of the
 * {@link DiracGan} from (θ, ψ) = (1, 1), step size 0.1 (generator, discriminator). Introduced in
 * chapter 05.
 *
 * @param training the measured steps of a training run: the change of each step's minibatch bound
 *     by the encoder's part (first) and the decoder's part (second)
 * @param vae the small VAE's steps, the same for its whole-data bound
 * @param gan the GAN's steps: how G's part changed D's objective V (first), and D's part changed
 *     V by {@code second}, so G's objective −V by −second
 */
public record Cooperation(List<BlockEffects.Effect> training, List<BlockEffects.Effect> vae,
    List<BlockEffects.Effect> gan) {
  /**
   * Measures {@code steps} whole-data steps of a fresh {@link SamplesPerImage#small} VAE on the
   * digits' training set (weights and ε from {@code rng}, the bound's fixed ε from
   * {@code probeSeed}) and as many of the GAN, beside {@code training}.
   *
   * @throws IllegalArgumentException if steps &lt; 1
   */
  public static Cooperation measure(List<BlockEffects.Effect> training, Digits digits, int steps,
      SplittableRandom rng, long probeSeed) {
    Vae small = SamplesPerImage.small(rng);
    Dataset data = Dataset.digits(digits.train, small.likelihood());
    return new Cooperation(List.copyOf(training),
        JointSteps.fullBatch(small, data, 0.003, steps, rng, probeSeed),
        DiracGan.play(1, 1, 0.1, steps));
  }

  /** The training steps that moved both networks (freezing one would move only the other). */
  public long bothMoved() {
    return training.stream().filter(e -> e.firstMoved() && e.secondMoved()).count();
  }

  /** The bound's rise from the encoder's parts alone, summed over the training steps. */
  public double encoderRise() {
    return training.stream().mapToDouble(BlockEffects.Effect::first).sum();
  }

  /** The bound's rise from the decoder's parts alone, summed over the training steps. */
  public double decoderRise() {
    return training.stream().mapToDouble(BlockEffects.Effect::second).sum();
  }

  /** The small VAE's steps in which each network's own part raised the bound. */
  public long helped() {
    return vae.stream().filter(e -> e.first() > 0 && e.second() > 0).count();
  }

  /** The GAN's steps in which each player's part lowered the other player's objective. */
  public long hurt() {
    return gan.stream().filter(e -> e.first() < 0 && -e.second() < 0).count();
  }

  /** True if every way agrees with cooperation on one bound and the GAN shows the opposite. */
  public boolean holds() {
    return bothMoved() == training.size() && encoderRise() > 0 && decoderRise() > 0
        && helped() == vae.size() && hurt() == gan.size();
  }

  /** The training's summed rises, then a table of the given steps (0-based) of the VAE and GAN. */
  public String table(int... steps) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "our training, first %d "
        + "steps: the encoder's parts raised the bound by %.4g nats in all, the decoder's by %.4g"
        + "%nstep k | VAE: encoder's step → bound | decoder's step → bound | GAN: G's step → D's "
        + "objective | D's step → G's objective", training.size(), encoderRise(), decoderRise()));
    for (int k : steps) {
      BlockEffects.Effect v = vae.get(k);
      BlockEffects.Effect g = gan.get(k);
      s.append(String.format(Locale.ROOT, "%n%6d | %+27.4f | %+22.4f | %+25.4f | %+24.4f", k + 1,
          v.first(), v.second(), g.first(), -g.second()));
    }
    return s.toString();
  }

  /** The three measurements in one line. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "training moved both networks in %d/%d steps (summed rise: "
        + "encoder %.4g, decoder %.4g); whole-data steps: each network's step raised the one "
        + "bound in %d/%d; Dirac-GAN: each player's step lowered the other's objective in %d/%d",
        bothMoved(), training.size(), encoderRise(), decoderRise(), helped(), vae.size(), hurt(),
        gan.size());
  }
}
