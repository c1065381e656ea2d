package vae.book;

import java.nio.file.Path;
import java.util.Locale;
import vae.nn.Init;
import vae.model.VaeNpz;
import vae.model.Dataset;
import vae.model.Trainer;
import vae.model.Vae;
import vae.model.VaeFile;

/**
 * A VAE training run fixed once from a chapter's flags ({@link ExperimentOptions}): the data
 * splits, the network, how to train, how to evaluate, and where to save or load the model.
 * Introduced in chapter 05.
 *
 * @param data "digits" or "mnist"
 * @param init how a new VAE's weights start ({@code --init}: he or pytorch)
 * @param val the set watched every epoch (for MNIST the test set: there is no validation split)
 * @param k importance samples per test image for the log-likelihood
 * @param side image side in pixels (8 or 28); {@code pixelMax} the largest target value (16 or 1)
 * @param reference whether this is the default run that the PyTorch reference numbers apply to
 * @param loaded a model read with {@code --load}, or null: train one
 */
public record Experiment(String data, Vae.Config config, Init.Scheme init, Dataset train,
    Dataset val, Dataset test, Trainer.Options options, String optimizer, double beta,
    int samples, int k, int side, double pixelMax, boolean reference, Vae loaded, Path load,
    Path save) {

  /** True for the MNIST path (one hidden layer, Bernoulli likelihood, the test loss watched). */
  public boolean mnist() {
    return data.equals("mnist");
  }

  /** The set whose loss is watched every epoch, as the chapter names it: "validation" or "test". */
  public String watched() {
    return mnist() ? "test" : "validation";
  }

  /**
   * The trained model's stream of random numbers (its initial weights, minibatches and ε):
   * {@code --seed + 6}, kept from before the named streams of {@link ChapterOptions#rng}, since
   * the published numbers (test −ELBO 95.59, NLL 92.14 at seed 42) were drawn from it.
   */
  public static java.util.SplittableRandom trainingRng(long seed) {
    return vae.prob.MonteCarlo.rng(seed + 6);
  }

  /** The test pass's stream (the importance samples): {@code --seed + 10}, kept likewise. */
  public static java.util.SplittableRandom testRng(long seed) {
    return vae.prob.MonteCarlo.rng(seed + 10);
  }

  /** The splits' sizes in one line, e.g. "data digits: train 1000, validation 350, test 447". */
  public String splits() {
    return "data " + data + ": train " + train.size() + ", " + (mnist() ? "test"
        : "validation " + val.size() + ", test") + " " + test.size() + " images";
  }

  /** A fresh, untrained VAE of this run's configuration, with its β and L. */
  public Vae newVae(java.util.SplittableRandom rng) {
    return new Vae(config, init, rng).training(beta, samples);
  }

  /** How training goes, in one line: optimiser, rate, batch, epochs, the regularisers. */
  public String plan() {
    Trainer.Options o = options;
    return optimizer + " lr " + vae.book.Fmt.num(o.lr()) + ", batch " + o.batch() + ", up to "
        + o.epochs() + " epochs, init " + (init == Init.Scheme.pytorch
            ? "pytorch (nn.Linear's U(±1/√fan_in))" : "he (He normal, Glorot output, zero biases)")
        + (o.weightDecay() > 0 ? ", weight decay λ = " + o.weightDecay() : "")
        + (o.average() > 0 ? ", weight average θ̄ with decay " + o.average() : "")
        + (o.patience() > 0 ? ", early stopping after " + o.patience()
            + " epochs without a better validation −ELBO" : "");
  }

  /**
   * The machine-readable last line of a run (nats per image), e.g.
   * {@code RESULT data=digits test_neg_elbo=96.12 test_nll_is=92.40 k=1000 epochs=143 wall_s=41.2
   * init=he} (the initialisation: the run's, or as recorded in a loaded model).
   */
  public String result(double negElbo, double nll, int epochs, double wallSeconds) {
    return String.format(Locale.ROOT,
        "RESULT data=%s test_neg_elbo=%.2f test_nll_is=%.2f k=%d epochs=%d wall_s=%.1f init=%s",
        data, negElbo, nll, k, epochs, wallSeconds, loaded != null ? loaded.init() : init);
  }

  /** Saves {@code vae} if {@code --save} asked for it; returns what was written, if anything. */
  public java.util.Optional<String> saveIfAsked(Vae vae) {
    if (save == null) {
      return java.util.Optional.empty();
    }
    if (VaeNpz.named(save)) { // NumPy's format, for tools/numpy_vae.py and Python users
      VaeNpz.save(vae, save);
      return java.util.Optional.of("saved " + save + " (NumPy .npz, " + VaeNpz.FORMAT + " v"
          + VaeNpz.VERSION + "; recompute its bound: python3 tools/numpy_vae.py " + save + ")");
    }
    VaeFile.save(vae, save);
    return java.util.Optional.of("saved " + save + " (format " + VaeFile.MAGIC + " v"
        + VaeFile.VERSION + ")");
  }

  @Override
  public String toString() {
    return "Experiment[" + data + ": train " + train.size() + ", " + watched() + " " + val.size()
        + ", test " + test.size() + " | " + config + " | " + plan() + " | K = " + k
        + (loaded != null ? " | loaded " + load : "") + (save != null ? " | save " + save : "") + "]";
  }
}
