package vae.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import vae.data.Digits;
import vae.nn.Activation;
import vae.nn.Param;
import vae.nn.Parallel;
import vae.prob.Estimate;
import vae.prob.MonteCarlo;

/**
 * Claim EL-7's experiment: how many samples of z per image (L) the reconstruction term needs.
 * Small digits VAEs ({@link #small}) are trained from the same initial weights with L = 1 and
 * with L = 5 for the same number of steps, and with L = 5 for a fifth of them (the same number of
 * decoded codes as L = 1), over several seeds; the gradient's total variance is measured at fixed
 * weights for several L ({@link GradientNoise}). Introduced in chapter 05.
 *
 * @param bound the validation −ELBO after training, [run][seed]: {@link #L1}, {@link #L5} (the
 *     same steps), {@link #L5_SAME_CODES} (a fifth of the steps)
 * @param ls the L values of the variance measurement, the first of them 1
 * @param noise tr Cov[∇(−ELBO)] at L = ls[j], on the first L = 1 model's weights
 */
public record SamplesPerImage(double[][] bound, int[] ls, Estimate[] noise) {
  /** Index into {@link #bound}: L = 1 for every epoch. */
  public static final int L1 = 0;
  /** Index into {@link #bound}: L = 5 for every epoch (five times the decoded codes). */
  public static final int L5 = 1;
  /** Index into {@link #bound}: L = 5 for a fifth of the epochs (as many codes as {@link #L1}). */
  public static final int L5_SAME_CODES = 2;

  /** The small VAE: 64 pixels → 32 → 8 latent dimensions, categorical over 17 levels. */
  public static Vae small(SplittableRandom rng) {
    return new Vae(new Vae.Config(64, new int[] {32}, 8, Activation.Kind.LEAKY_RELU,
        "categorical:17"), rng);
  }

  /**
   * Trains 3 × {@code seeds} small VAEs (Adam, lr 3e-3, batch 64): L = 1 and L = 5 for
   * {@code epochs} epochs, and L = 5 for epochs / 5; evaluates each on the validation set with 20
   * samples per image, and measures the gradient noise for L = 1, 5, 25 from {@code pairs} pairs
   * on 16 validation images. Every random number comes from a named stream of {@code streams}:
   * "L runs: weights s" (shared by the three runs of seed s), "L runs: minibatches s" (so the
   * short run sees the first minibatches of the long ones), "L runs: validation", "gradient noise,
   * L = l". The trainings and the measurements (each on its own copy of the first L = 1 model)
   * run side by side over the cores ({@link Parallel#tasks}); each gives what it would give alone.
   *
   * @throws IllegalArgumentException if seeds &lt; 2, epochs is not a positive multiple of 5, or
   *     pairs &lt; 2
   */
  public static SamplesPerImage run(Digits digits, int seeds, int epochs, int pairs,
      Function<String, SplittableRandom> streams) {
    if (seeds < 2) {
      throw new IllegalArgumentException("need at least 2 seeds for a standard error, got "
          + seeds);
    }
    if (epochs < 5 || epochs % 5 != 0) {
      throw new IllegalArgumentException("epochs must be a positive multiple of 5 (L = 5 also "
          + "trains for a fifth of them), got " + epochs);
    }
    Likelihood lik = new CategoricalLikelihood(17);
    Dataset train = Dataset.digits(digits.train, lik);
    Dataset val = Dataset.digits(digits.valid, lik);
    double[][] bound = new double[3][seeds];
    int[] ls = {1, 5, 25};
    Estimate[] noise = new Estimate[ls.length];
    CompletableFuture<Vae> first = new CompletableFuture<>(); // the L = 1 model of seed 0
    IntFunction<Vae> training = t -> { // run t: seed t / 3, bound[t % 3]
      int s = t / 3;
      int i = t % 3;
      Vae vae = small(streams.apply("L runs: weights " + s)).training(1, i == L1 ? 1 : 5);
      Trainer.fit(vae, train, null, Trainer.Options.adam(i == L5_SAME_CODES ? epochs / 5 : epochs,
          64, 3e-3, 0), streams.apply("L runs: minibatches " + s), null);
      bound[i][s] = vae.evaluate(val, 20, streams.apply("L runs: validation")).negElbo();
      return vae;
    };
    // The jobs are independent but for one thing: the noise is measured on the first L = 1
    // model's weights, so that run comes first; then the longest jobs, so that the two cores
    // finish together. Each computes what it would alone (its own random streams, its own model).
    List<Runnable> jobs = new ArrayList<>();
    jobs.add(() -> {
      try {
        first.complete(training.apply(L1)); // seed 0
      } catch (RuntimeException | Error e) {
        first.completeExceptionally(e); // the noise jobs fail too, instead of waiting forever
        throw e;
      }
    });
    for (int s = 0; s < seeds; s++) {
      int t = 3 * s + L5;
      jobs.add(() -> training.apply(t));
    }
    for (int j = ls.length - 1; j >= 0; j--) {
      int jj = j;
      jobs.add(() -> noise[jj] = GradientNoise.totalVariance(copyOf(first.join()).training(1,
          ls[jj]), val.head(16), pairs, streams.apply("gradient noise, L = " + ls[jj])));
    }
    for (int s = 1; s < seeds; s++) {
      int t = 3 * s + L1;
      jobs.add(() -> training.apply(t));
    }
    for (int s = 0; s < seeds; s++) {
      int t = 3 * s + L5_SAME_CODES;
      jobs.add(() -> training.apply(t));
    }
    Parallel.tasks(jobs.size(), t -> jobs.get(t).run());
    return new SamplesPerImage(bound, ls, noise);
  }

  /**
   * A small VAE with {@code trained}'s weights and layers of its own (a layer keeps its last
   * activations, so two measurements at once need two models).
   */
  private static Vae copyOf(Vae trained) {
    Vae copy = small(new SplittableRandom(0)); // its drawn weights are overwritten
    List<Param> from = trained.params();
    List<Param> to = copy.params();
    for (int p = 0; p < from.size(); p++) {
      to.get(p).value.setFrom(from.get(p).value);
    }
    return copy;
  }

  /**
   * r = Var(L = 1)/Var(L = ls[j]), which should be ls[j], with its SE by the delta method,
   * r·√((SE₁/V₁)² + (SE_L/V_L)²).
   */
  public Estimate ratio(int j) {
    double r = noise[0].mean() / noise[j].mean();
    return new Estimate(r, r * Math.hypot(noise[0].se() / noise[0].mean(),
        noise[j].se() / noise[j].mean()), Math.min(noise[0].n(), noise[j].n()));
  }

  /** The mean bound over seeds of run i ({@link #L1}, {@link #L5}, {@link #L5_SAME_CODES}). */
  public Estimate mean(int i) {
    return MonteCarlo.of(bound[i]);
  }

  /** Run i − run j, paired by seed (the same initial weights and minibatch order). */
  public Estimate paired(int i, int j) {
    return MonteCarlo.of(IntStream.range(0, bound[i].length)
        .mapToDouble(s -> bound[i][s] - bound[j][s]).toArray());
  }

  /** True if Var(1)/Var(L) is within 4 SE of L for every L measured. */
  public boolean varianceFallsLikeOneOverL() {
    return IntStream.range(1, ls.length)
        .allMatch(j -> Math.abs(ratio(j).mean() - ls[j]) <= 4 * ratio(j).se());
  }

  /** The ratios as "L = 5: 4.813 ± 0.2998, L = 25: 23.79 ± 1.376". */
  public String ratios() {
    return String.join(", ", IntStream.range(1, ls.length).mapToObj(j -> String.format(
        Locale.ROOT, "L = %d: %.4g ± %.4g", ls[j], ratio(j).mean(), ratio(j).se())).toList());
  }

  /** The runs' bounds, the variances and the two paired differences, one line each. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < bound[0].length; i++) {
      s.append(String.format(Locale.ROOT, "run %d: validation −ELBO: L = 1 %.2f, L = 5 %.2f; L = 5 "
          + "for a fifth of the steps %.2f%n", i + 1, bound[L1][i], bound[L5][i],
          bound[L5_SAME_CODES][i]));
    }
    for (int j = 0; j < ls.length; j++) {
      s.append(String.format(Locale.ROOT, "L = %2d: tr Cov[∇] %.4g ± %.4g%n", ls[j],
          noise[j].mean(), noise[j].se()));
    }
    Estimate steps = paired(L1, L5);
    Estimate codes = paired(L1, L5_SAME_CODES);
    return s.append(String.format(Locale.ROOT, "L = 1 − L = 5 paired by seed, after the same steps:"
        + " %.4g ± %.4g%nL = 1 − L = 5 paired by seed, after the same decoded codes: %.4g ± %.4g",
        steps.mean(), steps.se(), codes.mean(), codes.se())).toString();
  }
}
