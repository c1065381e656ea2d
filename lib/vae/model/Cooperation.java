package vae.model;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import vae.nn.BlockEffects;

/**
 * Claim EL-6 side by side: whole-data gradient steps of a VAE, each split into the encoder's and
 * the decoder's part ({@link JointSteps#fullBatch}, step size 0.003), and the same number of
 * steps of the {@link DiracGan} from (θ, ψ) = (1, 1), step size 0.1, split into its two players'
 * parts. Introduced in chapter 05.
 *
 * @param vae per step: how the encoder's part (first) and the decoder's part (second) alone
 *     changed the one bound both networks optimise
 * @param gan per step: how G's part changed D's objective V (first), and D's part changed V by
 *     {@code second}, so G's objective −V by −second
 */
public record Cooperation(List<BlockEffects.Effect> vae, List<BlockEffects.Effect> gan) {
  /**
   * Measures {@code steps} steps of each.
   *
   * @throws IllegalArgumentException if steps &lt; 1
   */
  public static Cooperation measure(Vae model, Dataset data, int steps, SplittableRandom rng,
      long probeSeed) {
    return new Cooperation(JointSteps.fullBatch(model, data, 0.003, steps, rng, probeSeed),
        DiracGan.play(1, 1, 0.1, steps));
  }

  /** The VAE's steps in which each network's own part raised the bound. */
  public long helped() {
    return vae.stream().filter(e -> e.first() > 0 && e.second() > 0).count();
  }

  /** The GAN's steps in which each player's part lowered the other player's objective. */
  public long hurt() {
    return gan.stream().filter(e -> e.first() < 0 && -e.second() < 0).count();
  }

  /** A table of the given steps (0-based), one row each, both models' effects side by side. */
  public String table(int... steps) {
    StringBuilder s = new StringBuilder("step k | VAE: encoder's step → bound | decoder's step → "
        + "bound | GAN: G's step → D's objective | D's step → G's objective");
    for (int k : steps) {
      BlockEffects.Effect v = vae.get(k);
      BlockEffects.Effect g = gan.get(k);
      s.append(String.format(Locale.ROOT, "%n%6d | %+27.4f | %+22.4f | %+25.4f | %+24.4f", k + 1,
          v.first(), v.second(), g.first(), -g.second()));
    }
    return s.toString();
  }

  @Override
  public String toString() {
    return "Cooperation[VAE: both parts raised the bound in " + helped() + "/" + vae.size()
        + " steps; GAN: both parts lowered the other's objective in " + hurt() + "/" + gan.size()
        + "]";
  }
}
