package vae.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import vae.prob.Estimate;
import vae.prob.MonteCarlo;
import vae.prob.MvGaussian;

/**
 * The VAE's importance log-weights ({@link Vae#logImportanceWeights}), the code behind chapter
 * 05's headline numbers, set against answers found without them: on a linear-Gaussian model
 * ({@link LinearGaussianModel#asVae}) log p(x), the closed-form ELBO and KL(q ‖ p(z|x)); on a
 * trained VAE its own ELBO. Introduced in chapter 05 (claims EL-11, EL-12, EL-13).
 */
public final class LogWeightChecks {
  private LogWeightChecks() {}

  /**
   * The largest |log w_ik − log p(x_i)| over {@code points} points x_i ~ p(x) and K codes each,
   * for the VAE of a model whose posterior is diagonal (so that q(z|x) is p(z|x) itself, and
   * every log-weight equals log p(x)).
   *
   * @throws IllegalArgumentException if points or K is below 1
   */
  public static double worstExactError(LinearGaussianModel model, int points, int k,
      SplittableRandom rng) {
    if (points < 1) {
      throw new IllegalArgumentException("need at least 1 point, got " + points);
    }
    double[][] xs = IntStream.range(0, points).mapToObj(i -> model.sampleX(rng))
        .toArray(double[][]::new);
    double[][] logW = model.asVae().logImportanceWeights(Dataset.of("x", xs), k, rng);
    return IntStream.range(0, points).mapToDouble(i -> Arrays.stream(logW[i])
        .map(w -> Math.abs(w - model.logMarginal(xs[i]))).max().orElseThrow()).max().orElseThrow();
  }

  /**
   * What the VAE built from a linear-Gaussian model reports on points x_i ~ p(x), beside the
   * model's closed forms.
   *
   * @param lossKl Σ_i KL(q_i ‖ p(z)) as the VAE's loss computes it
   * @param fullKl the same sum by the full-covariance formula (KL-6), sharing no code with it
   * @param elboGap mean_k log w_ik − ELBO(x_i) (closed form), over the points: 0 in expectation
   * @param posteriorKl mean_i KL(q_i ‖ p(z|x_i)): the exact gap log p(x) − ELBO
   * @param ks the K values, rising to the K the weights were drawn with
   * @param gap for each K, log p(x_i) − bound_K(x_i) over the points (0 in the limit)
   */
  public record OnModel(double lossKl, double fullKl, Estimate elboGap, double posteriorKl,
      int[] ks, Estimate[] gap) {
    /** The largest K, where the gap should have reached its limit 0. */
    public int kMax() {
      return ks[ks.length - 1];
    }

    /** The gap at the largest K. */
    public Estimate limit() {
      return gap[gap.length - 1];
    }

    /** The gap at each K, one line each. */
    @Override
    public String toString() {
      return String.join("\n", IntStream.range(0, ks.length).mapToObj(j -> String.format(
          Locale.ROOT, "K = %4d   log p(x) − bound %.4g ± %.4g", ks[j], gap[j].mean(),
          gap[j].se())).toList());
    }
  }

  /**
   * Draws {@code points} points and K log-weights for each from the model's VAE.
   *
   * @throws IllegalArgumentException if points or K is below 1
   */
  public static OnModel onModel(LinearGaussianModel model, int points, int k,
      SplittableRandom rng) {
    if (points < 1) {
      throw new IllegalArgumentException("need at least 1 point, got " + points);
    }
    Vae vae = model.asVae();
    double[][] ys = IntStream.range(0, points).mapToObj(i -> model.sampleX(rng))
        .toArray(double[][]::new);
    Dataset data = Dataset.of("x", ys);
    double[][] lw = vae.logImportanceWeights(data, k, rng); // [points][K]
    Vae.Encoding enc = vae.encode(data.input());
    double[] elboGap = new double[points];
    double fullKl = 0;
    double postKl = 0;
    for (int i = 0; i < points; i++) {
      MvGaussian qi = MvGaussian.of(enc.q().row(i));
      elboGap[i] = Arrays.stream(lw[i]).average().orElseThrow() - model.elbo(ys[i], qi);
      fullKl += LinearGaussianModel.klToPrior(qi);
      postKl += model.klToPosterior(ys[i], qi) / points;
    }
    double lossKl = vae.evaluate(data, 1, rng).kl() * points;
    int[] ks = IntStream.of(1, 10, 100, k).filter(j -> j <= k).distinct().toArray();
    Estimate[] gap = new Estimate[ks.length];
    for (int j = 0; j < ks.length; j++) {
      double[] bound = Vae.logLikelihoods(lw, ks[j]);
      gap[j] = MonteCarlo.of(IntStream.range(0, points)
          .mapToDouble(i -> model.logMarginal(ys[i]) - bound[i]).toArray());
    }
    return new OnModel(lossKl, fullKl, MonteCarlo.of(elboGap), postKl, ks, gap);
  }

  /**
   * Per image of {@code data}: the mean of K log-weights plus the −ELBO from the same K codes
   * (the reconstruction term from them, the KL in closed form). The two differ by the mean of
   * log p(z) − log q(z|x) + KL(q ‖ p(z)), which is 0 in expectation.
   *
   * @throws IllegalArgumentException if K is below 1
   */
  public static Estimate elboGap(Vae vae, Dataset data, int k, SplittableRandom rng) {
    double[][] eps = vae.encode(data.input()).q().drawEps(k, rng); // [images·K][latent]
    double[][] logW = vae.logImportanceWeights(data, eps);
    return MonteCarlo.of(IntStream.range(0, data.size()).mapToDouble(i -> Arrays.stream(logW[i])
        .average().orElseThrow() + vae.evaluate(data.rows(new int[] {i}),
        Arrays.copyOfRange(eps, i * k, (i + 1) * k)).negElbo()).toArray());
  }

  /**
   * log p̂(x_i) per image from K codes of three proposals: q widened by 1.2, q widened by 1.5, and
   * q itself. Every proposal that covers the posterior converges to the one log p(x).
   *
   * @param wide12 from N(μ, diag (1.2σ)²)
   * @param wide15 from N(μ, diag (1.5σ)²)
   * @param own from q(z|x) = N(μ, diag σ²)
   */
  public record Proposals(double[] wide12, double[] wide15, double[] own) {
    /** bound(×1.5) − bound(×1.2), paired over the images: 0 in the limit of large K. */
    public Estimate apart() {
      return paired(wide15, wide12);
    }

    /** bound(×1.2) − bound(q): how far q's own estimate is short of the widened one. */
    public Estimate qShort() {
      return paired(wide12, own);
    }

    /** The three mean estimates and how far q is short, in one line. */
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d test images: widened ×1.2 %.4g, ×1.5 %.4g, q itself "
          + "%.4g nats; q is %.4g ± %.4g short of ×1.2", own.length, MonteCarlo.of(wide12).mean(),
          MonteCarlo.of(wide15).mean(), MonteCarlo.of(own).mean(), qShort().mean(), qShort().se());
    }

    private static Estimate paired(double[] a, double[] b) {
      return MonteCarlo.of(IntStream.range(0, a.length).mapToDouble(i -> a[i] - b[i]).toArray());
    }
  }

  /**
   * The three proposals' estimates on {@code data} with K codes each, drawn in that order.
   *
   * @throws IllegalArgumentException if K is below 1
   */
  public static Proposals proposals(Vae vae, Dataset data, int k, SplittableRandom rng) {
    return proposals(vae, data, k, null, rng);
  }

  /**
   * The same, with q itself read from log-weights already drawn from q for these images
   * ({@code ownLogW}: row i for image i, K or more columns, of which the first K are used; e.g.
   * the test pass's): only the two widened proposals draw codes. Null: q's codes are drawn too,
   * after the widened ones.
   *
   * @throws IllegalArgumentException if K is below 1, or ownLogW has fewer rows than there are
   *     images, or a row shorter than K
   */
  public static Proposals proposals(Vae vae, Dataset data, int k, double[][] ownLogW,
      SplittableRandom rng) {
    if (ownLogW != null && (ownLogW.length < data.size()
        || Arrays.stream(ownLogW, 0, data.size()).anyMatch(row -> row.length < k))) {
      throw new IllegalArgumentException("q's log-weights need a row of at least K = " + k
          + " values for each of the " + data.size() + " images; got " + ownLogW.length
          + " rows, the shortest " + Arrays.stream(ownLogW, 0, Math.min(ownLogW.length,
          data.size())).mapToInt(r -> r.length).min().orElse(0) + " long");
    }
    double[] wide12 = Vae.logLikelihoods(vae.logImportanceWeights(data, k, 1.2, rng), k);
    double[] wide15 = Vae.logLikelihoods(vae.logImportanceWeights(data, k, 1.5, rng), k);
    double[] own = Vae.logLikelihoods(ownLogW != null ? Arrays.copyOf(ownLogW, data.size())
        : vae.logImportanceWeights(data, k, rng), k);
    return new Proposals(wide12, wide15, own);
  }
}
