package vae.book;

import java.util.ArrayList;
import java.util.List;
import vae.data.DigitSplit;
import vae.data.Digits;
import vae.model.Dataset;
import vae.model.Trainer;
import vae.model.Vae;
import vae.nn.Activation;
import vae.prob.MonteCarlo;

/**
 * The models of a chapter that trains many, each from its own named seed stream, with progress
 * lines, evaluated ({@link ModelReport}) and kept for one summary table; and chapter 08's two
 * settings: the IWAE paper's (a Bernoulli VAE with 50 latent units on the binarised digits,
 * 64 → 64 → 64 → 50, Adam at 1e-3, no weight decay) and chapter 07's collapsed one (a Gaussian
 * decoder with variance c = 10 and 8 units, Adam at 2e-3), full-size or quick. Chapter 08.
 */
public final class ModelSuite {
  private final ChapterOptions opt;
  private final Digits digits;
  private final List<ModelReport> table = new ArrayList<>();

  /** Models trained on {@code digits}, sized and seeded by {@code opt}. */
  public ModelSuite(ChapterOptions opt, Digits digits) {
    this.opt = opt;
    this.digits = digits;
  }

  /**
   * Trains {@code vae} with progress lines (minibatches from {@code seed}), evaluates it on
   * {@code test} with K = k importance samples, adds it to the table and returns its report.
   */
  public ModelReport train(String name, Vae vae, Dataset train, Dataset test, Trainer.Options o,
      int k, long seed) {
    ModelReport r = ModelReport.train(name, vae, train, test, o, k, seed, System.out);
    table.add(r);
    return r;
  }

  /**
   * The 50-unit Bernoulli VAE, replicate r (stream {@code "50 units/r"}): trained on the IWAE
   * bound L_K if k &gt; 1, else on the ELBO, with KL warm-up over {@code warmup} epochs and free
   * bits λ = {@code freeBits} (0: none). Full: 25 epochs on the 1,000 training images; quick: 12,
   * enough for units to die (with 8 epochs on 400 images too few had: the active-unit claims
   * then came out as chance, differently at every seed).
   */
  public ModelReport wide(int k, int warmup, double freeBits, int replicate) {
    long seed = opt.seed("50 units/" + replicate);
    Vae vae = new Vae(new Vae.Config(64, new int[] {64, 64}, 50, Activation.Kind.LEAKY_RELU,
        "bernoulli"), MonteCarlo.rng(seed));
    vae = k > 1 ? vae.iwae(k) : vae.freeBits(freeBits);
    String name = (k > 1 ? "IWAE K=" + k : "VAE") + remedies(warmup, freeBits) + ", 50 units r"
        + replicate;
    return train(name, vae, binarised(digits.train), binarisedTest(),
        Trainer.Options.adam(opt.pick(25, 12), 64, 1e-3, 0).warmedUp(warmup),
        opt.pick(1000, 100), seed);
  }

  /**
   * Chapter 07's collapsed setting, replicate r (stream {@code "c = 10/r"}), with warm-up and
   * free bits as in {@link #wide}. Full: 40 epochs, all 447 test images; quick: 2, 100.
   */
  public ModelReport collapsed(int warmup, double freeBits, int replicate) {
    long seed = opt.seed("c = 10/" + replicate);
    Vae vae = new Vae(new Vae.Config(64, new int[] {128, 128}, 8, Activation.Kind.LEAKY_RELU,
        "gaussian:" + Math.sqrt(10)), MonteCarlo.rng(seed)).freeBits(freeBits);
    String name = "c=10 VAE" + remedies(warmup, freeBits) + ", 8 units r" + replicate;
    return train(name, vae, Dataset.digits(digits.train, vae.likelihood()),
        Dataset.digits(digits.test, vae.likelihood()).head(opt.pick(447, 100)),
        Trainer.Options.adam(opt.pick(40, 2), 64, 2e-3, 0).warmedUp(warmup),
        opt.pick(1000, 100), seed);
  }

  /** The binarised test images the 50-unit models are scored on (quick: the first 100). */
  public Dataset binarisedTest() {
    return binarised(digits.test).head(opt.pick(digits.test.size(), 100));
  }

  /** Every model trained so far, one row each, under a header. */
  public String table() {
    return ModelReport.table(table);
  }

  private static Dataset binarised(DigitSplit split) {
    return new Dataset(split.name + "-bin", split.binarised(), split.binarised(),
        split.labels.clone());
  }

  private static String remedies(int warmup, double freeBits) {
    return (warmup > 0 ? " + warm-up" : "") + (freeBits > 0 ? " + free bits" : "");
  }
}
