package vae.book;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import vae.book.Progress;
import vae.prob.ImportanceCurve;
import vae.prob.MonteCarlo;
import vae.model.LatentUsage;
import vae.model.Trainer;
import vae.model.Dataset;
import vae.model.Vae;

/**
 * One trained model's test numbers, for a chapter's summary table: the importance-sampled bound
 * for every K up to K_max (the ELBO and the NLL among them), the latent units' usage, epochs and
 * wall time. Chapter 08.
 *
 * @param curve the bound at K = 1, 5, 50, … up to K_max, per test image
 * @param seconds training time in seconds
 */
public record ModelReport(String name, Vae vae, ImportanceCurve curve, LatentUsage usage,
    int epochs, double seconds) {

  /**
   * Evaluates {@code vae} on {@code test}: K_max log-weights per image, and the usage.
   *
   * @throws IllegalArgumentException if kMax &lt; 1
   */
  public static ModelReport of(String name, Vae vae, Dataset test, int kMax,
      SplittableRandom rng, int epochs, double seconds) {
    double[][] logW = vae.logImportanceWeights(test, kMax, rng); // [images][K_max]
    return new ModelReport(name, vae, ImportanceCurve.of(logW, 1, 5, 50, kMax),
        LatentUsage.of(vae, test), epochs, seconds);
  }

  /**
   * Trains {@code vae} (no validation set, minibatches from seed + 100), printing a progress line
   * to {@code out} every quarter of the run ({@code name  epoch 10/40 | −ELBO … | kl … | … s |
   * ETA … s}; null: silent), then evaluates it on {@code test} with K_max = k (seed + 200).
   */
  public static ModelReport train(String name, Vae vae, Dataset train, Dataset test,
      Trainer.Options o, int k, long seed, PrintStream out) {
    return train(name, vae, train, null, test, o, k, seed, out);
  }

  /**
   * The same, early-stopping on {@code val} as {@code o} says (null: no validation set); the
   * model keeps its best epoch's weights. Chapter 09.
   */
  public static ModelReport train(String name, Vae vae, Dataset train, Dataset val, Dataset test,
      Trainer.Options o, int k, long seed, PrintStream out) {
    Progress progress = new Progress(o.epochs());
    int every = Math.max(1, o.epochs() / 4);
    Trainer.History h = Trainer.fit(vae, train, val, o, MonteCarlo.rng(seed + 100),
        (e, op) -> {
          if (out != null && (e.epoch() % every == 0 || e.epoch() == op.epochs())) {
            out.printf(Locale.ROOT, "%s  epoch %d/%d | −ELBO %.2f | kl %.2f | %.2f s | ETA %.0f "
                + "s%n", name, e.epoch(), op.epochs(), e.train().negElbo(), e.train().kl(),
                e.seconds(), progress.eta(e.epoch()));
          }
        });
    return of(name, vae, test, k, MonteCarlo.rng(seed + 200), h.epochs().size(),
        h.seconds());
  }

  /** Test −ELBO (nats per image): minus the mean log-weight. */
  public double negElbo() {
    return -curve.elbo().mean();
  }

  /** Test NLL by importance sampling at K_max. */
  public double nll() {
    return -curve.last().mean();
  }

  /** −log p̂_K(x_i) at K_max per test image, for paired comparisons. */
  public double[] nllPerImage() {
    double[] b = curve.perItem()[curve.ks().length - 1];
    double[] out = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = -b[i];
    }
    return out;
  }

  /**
   * Per replicate i, the NLL of a[i] minus that of b[i]: positive where b is the better model.
   *
   * @throws IllegalArgumentException if a and b hold different numbers of replicates
   */
  public static double[] nllDrops(ModelReport[] a, ModelReport[] b) {
    paired(a, b);
    return java.util.stream.IntStream.range(0, a.length).mapToDouble(i -> a[i].nll() - b[i].nll())
        .toArray();
  }

  /**
   * Per replicate i, the active units of a[i] minus those of b[i].
   *
   * @throws IllegalArgumentException if a and b hold different numbers of replicates
   */
  public static double[] activeGains(ModelReport[] a, ModelReport[] b) {
    paired(a, b);
    return java.util.stream.IntStream.range(0, a.length)
        .mapToDouble(i -> a[i].usage().active() - b[i].usage().active()).toArray();
  }

  private static void paired(ModelReport[] a, ModelReport[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("paired comparisons need as many replicates on each "
          + "side, got " + a.length + " and " + b.length);
    }
  }

  /** The table's header line. */
  public static String header() {
    return String.format(Locale.ROOT, "%-34s %9s %9s %7s %6s %8s", "model", "test−ELBO", "test NLL",
        "active", "epochs", "wall s");
  }

  /** This model as a table row. */
  public String row() {
    return String.format(Locale.ROOT, "%-34s %9.2f %9.2f %3d/%-3d %6d %8.1f", name, negElbo(),
        nll(),
        usage.active(), usage.kl().length, epochs, seconds);
  }

  /** The whole table: header and one row per model. */
  public static String table(List<ModelReport> rows) {
    StringBuilder b = new StringBuilder(header());
    rows.forEach(r -> b.append('\n').append(r.row()));
    return b.toString();
  }
}
