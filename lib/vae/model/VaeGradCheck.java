package vae.model;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import vae.nn.Activation;
import vae.nn.GradCheck;
import vae.nn.Matrix;
import vae.prob.MonteCarlo;

/**
 * The whole VAE's backprop against central finite differences ({@link GradCheck}), for each
 * likelihood, on a small VAE (8 → 6 → 2, tanh, L = 2) and three images of 8 pixels with levels
 * 0…4 (a small loss keeps the differences' round-off small). ε is fixed, so the loss is a
 * deterministic function of the weights. Introduced in chapter 05 (claim EL-8).
 */
public final class VaeGradCheck {
  /** The likelihoods checked, one backward pass each. */
  public static final List<String> LIKELIHOODS = List.of("categorical:5", "bernoulli",
      "gaussian:0.5", "gaussian:learned");

  private VaeGradCheck() {}

  /** Three images of 8 pixels, each an integer level 0…4: [3][8]. */
  public static Matrix pixels(SplittableRandom rng) {
    return Matrix.of(IntStream.range(0, 3)
        .mapToObj(i -> IntStream.range(0, 8).mapToDouble(d -> rng.nextInt(5)).toArray())
        .toArray(double[][]::new));
  }

  /**
   * One row per parameter tensor of a fresh small VAE with {@code likelihood}, its weights from
   * {@code rng}, ε from {@code epsSeed} in every evaluation. The inputs are pixel/4; the targets
   * are the levels (categorical), pixel ≥ 2 (Bernoulli) or pixel/4 (Gaussian).
   *
   * @throws IllegalArgumentException if the likelihood is not one of {@link #LIKELIHOODS}' kinds
   */
  public static Result check(String likelihood, Matrix pixels, SplittableRandom rng,
      long epsSeed) {
    Matrix target = likelihood.startsWith("categorical") ? pixels
        : likelihood.equals("bernoulli") ? pixels.map(v -> v >= 2 ? 1 : 0) : pixels.scale(0.25);
    Dataset batch = new Dataset("random", pixels.scale(0.25), target, null);
    Vae vae = new Vae(new Vae.Config(pixels.cols, new int[] {6}, 2, Activation.Kind.TANH,
        likelihood), rng).training(1, 2);
    return new Result(vae.config(), GradCheck.check(vae.params(),
        () -> vae.loss(batch, MonteCarlo.rng(epsSeed)),
        () -> vae.lossAndGradient(batch, MonteCarlo.rng(epsSeed))));
  }

  /** The VAE checked and its rows (exact and finite-difference gradient norms, worst error). */
  public record Result(Vae.Config config, List<GradCheck.Row> rows) {
    /** The worst relative error over all tensors (Math.max: NaN if any is NaN). */
    public double worst() {
      return rows.stream().mapToDouble(GradCheck.Row::maxRelErr).max().orElse(Double.NaN);
    }

    /** The VAE's configuration, then one row per tensor under {@link GradCheck#header}. */
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(config + "\n" + GradCheck.header());
      rows.forEach(r -> s.append('\n').append(r));
      return s.toString();
    }
  }
}
