package vae.book;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vae.book.ChapterOptions;
import vae.data.Digits;
import vae.data.Mnist;
import vae.book.MnistOptions;
import vae.nn.Activation;
import vae.nn.Adam;
import vae.nn.Adamax;
import vae.nn.Init;
import vae.nn.Matrix;
import vae.model.CategoricalLikelihood;
import vae.model.Likelihood;
import vae.model.Trainer;
import vae.model.Dataset;
import vae.model.Vae;
import vae.model.VaeFile;
import vae.model.VaeNpz;

/**
 * The flags of a chapter that trains a VAE (picocli mixin: {@code --data}, {@code --likelihood},
 * {@code --latent}, {@code --init}, …, {@code --save}, {@code --load}) and their defaults for the
 * digits and for MNIST; {@link #experiment} turns them into an {@link Experiment}. Introduced in
 * chapter 05.
 */
public final class ExperimentOptions {
  /** The two data sets. */
  public enum DataSet { digits, mnist }

  @Spec(Spec.Target.MIXEE) CommandSpec spec;
  @Option(names = "--data", defaultValue = "digits",
      description = "digits (8×8 UCI, default) or mnist (read from --data-dir; --download "
          + "fetches it)")
  DataSet data;
  @Mixin MnistOptions mnistFiles; // --data-dir (default data/mnist/), --download
  @Option(names = {"--likelihood", "--decoder"}, paramLabel = "NAME",
      description = "the likelihood p(x|z) the decoder network's outputs parameterise: "
          + "categorical | bernoulli | gaussian (σ = 0.1) | gaussian-learned (default: "
          + "categorical for digits, bernoulli for mnist; --decoder is its old name)")
  String likelihoodName;
  @Option(names = "--latent", description = "latent dimensions (default 16; mnist 20)")
  Integer latent;
  @Option(names = "--hidden",
      description = "hidden width (default 256, two layers; mnist 400, one layer)") Integer hidden;
  @Option(names = "--epochs",
      description = "maximum epochs (default 200, with early stopping; mnist 10)") Integer epochs;
  @Option(names = "--patience",
      description = "early stopping: epochs without a better validation −ELBO (default 20; 0 = "
          + "off)") Integer patience;
  @Option(names = "--batch", description = "minibatch size (default 64; mnist 128)") Integer batch;
  @Option(names = "--lr", description = "learning rate (default 1e-3)") Double lr;
  @Option(names = "--optimizer", defaultValue = "adam",
      description = "adam (default) or adamax (the PyTorch reference's)") String optimizer;
  @Option(names = "--weight-decay",
      description = "decoupled weight decay λ: θ ← θ − lr·λ·θ after each step (default 0.6; mnist "
          + "0)") Double weightDecay;
  @Option(names = "--average",
      description = "decay d of the weight average θ̄ ← d·θ̄ + (1−d)·θ that is evaluated and kept "
          + "(default 0.995; mnist 0 = off)") Double average;
  @Option(names = "--init", paramLabel = "SCHEME",
      description = "weight initialisation: he (He before ReLU-like layers, Glorot before the "
          + "output, zero biases; default for digits) or pytorch (nn.Linear's default, weights "
          + "and biases ~ U(±1/√fan_in); default for mnist, as in the PyTorch example)")
  Init.Scheme init;
  @Option(names = "--beta", defaultValue = "1",
      description = "weight of the KL term in the training loss (default 1)") double beta;
  @Option(names = "--samples", defaultValue = "1",
      description = "L, samples of z per image in training (default 1)") int samples;
  @Option(names = "--iw-samples",
      description = "K, importance samples for the test log-likelihood (default 1000)")
  Integer iwSamples;
  @Option(names = "--save", paramLabel = "FILE",
      description = "save the trained model here (written atomically; FILE.npz: NumPy's "
          + "format, see tools/numpy_vae.py)") Path save;
  @Option(names = "--load", paramLabel = "FILE",
      description = "skip training: evaluate a model saved with --save") Path load;

  /**
   * The run these flags describe; loads the data (and the model for {@code --load}).
   *
   * @throws ParameterException for a bad flag value (a usage error: one line, exit 2)
   * @throws IllegalArgumentException if a loaded model does not fit the data
   */
  public Experiment experiment(ChapterOptions opt) {
    return experiment(opt, 0);
  }

  /**
   * The same run for a VAE conditioned on a one-hot label of {@code condition} classes (0: the
   * plain VAE): its config records the condition, and a loaded model must have the same one.
   *
   * @throws ParameterException for a bad flag value (a usage error: one line, exit 2)
   * @throws IllegalArgumentException if a loaded model does not fit the data or is of the other
   *     kind (conditional, or not)
   */
  public Experiment experiment(ChapterOptions opt, int condition) {
    boolean mnist = data == DataSet.mnist;
    String dec = likelihoodName != null ? likelihoodName : mnist ? "bernoulli" : "categorical";
    String likelihood = switch (dec) {
      case "categorical" -> "categorical:17";
      case "bernoulli" -> "bernoulli";
      case "gaussian" -> "gaussian:0.1";
      case "gaussian-learned" -> "gaussian:learned";
      default -> throw usage("--likelihood must be categorical, bernoulli, gaussian or "
          + "gaussian-learned, got '" + dec + "'");
    };
    if (mnist && likelihood.startsWith("categorical")) {
      throw usage("--likelihood categorical needs the digits' integer pixels; use bernoulli or "
          + "gaussian with --data mnist");
    }
    int m = positive("--latent", latent, mnist ? 20 : 16);
    int h = positive("--hidden", hidden, mnist ? 400 : 256);
    int ep = positive("--epochs", epochs, opt.pick(mnist ? 10 : 200, mnist ? 1 : 2));
    int bs = positive("--batch", batch, mnist ? 128 : 64);
    int k = positive("--iw-samples", iwSamples, opt.pick(1000, 100));
    int pat = patience == null ? (mnist ? 0 : 20) : patience;
    double rate = lr == null ? 1e-3 : lr;
    double avg = average == null ? (mnist ? 0 : 0.995) : average;
    double wd = weightDecay == null ? (mnist ? 0 : 0.6) : weightDecay;
    require(avg >= 0 && avg < 1, "--average must be in [0, 1) (0 = off), got " + avg);
    require(optimizer.equals("adam") || optimizer.equals("adamax"),
        "--optimizer must be adam or adamax, got '" + optimizer + "'");
    require(pat >= 0, "--patience must be ≥ 0 (0 = no early stopping), got " + pat);
    require(rate > 0 && rate < 1, "--lr must be in (0, 1), got " + rate);
    require(wd >= 0 && wd * rate < 1, "--weight-decay must be ≥ 0 with lr·λ < 1 (lr " + rate
        + "), got " + wd);
    require(beta >= 0 && !Double.isInfinite(beta), "--beta must be ≥ 0, got " + beta);
    require(samples >= 1, "--samples must be ≥ 1, got " + samples);
    require(mnist || !mnistFiles.download, "--download fetches MNIST: add --data mnist");
    Likelihood lik = Likelihood.parse(likelihood);
    Dataset train;
    Dataset val;
    Dataset test;
    if (mnist) {
      Mnist set = mnistFiles.load();
      int nTrain = opt.pick(set.trainImages.count(), Math.min(set.trainImages.count(), 2000));
      int nTest = opt.pick(set.testImages.count(), Math.min(set.testImages.count(), 500));
      Matrix x = set.trainImages.scaled(IntStream.range(0, nTrain).toArray());
      Matrix xt = set.testImages.scaled(IntStream.range(0, nTest).toArray());
      train = new Dataset("mnist-train", x, x, Arrays.copyOf(set.trainLabels, nTrain));
      test = new Dataset("mnist-test", xt, xt, Arrays.copyOf(set.testLabels, nTest));
      val = test; // watched every epoch, as the PyTorch example prints its test loss
    } else {
      Digits digits = Digits.load();
      train = Dataset.digits(digits.train, lik);
      val = Dataset.digits(digits.valid, lik);
      test = Dataset.digits(digits.test, lik);
      test = opt.quick ? test.head(100) : test; // --quick: a taste of the test pass
    }
    require(!mnist || pat == 0, "--patience needs a validation set; with --data mnist the test "
        + "loss is only watched, use --patience 0");
    Vae loaded = load == null ? null : VaeFile.requirePrior(VaeNpz.named(load) ? VaeNpz.load(load)
        : VaeFile.load(load), "standard", load);
    if (loaded != null && loaded.config().dataDim() != train.input().cols) {
      throw new IllegalArgumentException(load + " holds a model for " + loaded.config().dataDim()
          + " pixels, the data have " + train.input().cols
          + "; load it with the --data it was trained on");
    }
    if (loaded != null && loaded.config().condition() != condition) {
      throw new IllegalArgumentException(load + " holds " + kind(loaded.config().condition())
          + ", this chapter needs " + kind(condition) + "; load it in chapter "
          + (condition == 0 ? "10" : "05") + ", or train one here with --save");
    }
    // the PyTorch reference's targets apply to the default digits recipe only
    boolean reference = !mnist && !opt.quick && dec.equals("categorical") && m == 16 && h == 256
        && beta == 1 && k == 1000 && load == null && init != Init.Scheme.pytorch && ep == 200
        && bs == 64 && rate == 1e-3 && pat == 20 && wd == 0.6 && avg == 0.995 && samples == 1
        && optimizer.equals("adam");
    Trainer.Options options = new Trainer.Options(ep, bs, rate, pat,
        optimizer.equals("adam") ? ps -> new Adam(ps, rate) : ps -> new Adamax(ps, rate))
        .averaged(avg).decayed(wd);
    Vae.Config config = new Vae.Config(train.input().cols, mnist ? new int[] {h} : new int[] {h, h},
        m, mnist ? Activation.Kind.RELU : Activation.Kind.LEAKY_RELU, likelihood, condition);
    double pixelMax = mnist || !(lik instanceof CategoricalLikelihood) ? 1 : 16;
    Init.Scheme scheme = init != null ? init : mnist ? Init.Scheme.pytorch : Init.Scheme.he;
    return new Experiment(mnist ? "mnist" : "digits", config, scheme, train, val, test, options,
        optimizer, beta, samples, k, mnist ? 28 : 8, pixelMax, reference, loaded, load, save);
  }

  private static String kind(int condition) {
    return condition == 0 ? "an unconditional VAE"
        : "a VAE conditioned on " + condition + " labels";
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw usage(message);
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private int positive(String flag, Integer value, int fallback) {
    int v = value == null ? fallback : value;
    require(v >= 1, flag + " must be a positive integer, got " + v);
    return v;
  }

  @Override
  public String toString() {
    return "ExperimentOptions[--data " + data + ", --likelihood " + likelihoodName + ", --latent " + latent
        + ", --hidden " + hidden + ", --epochs " + epochs + ", --init " + init + ", --beta " + beta
        + ", --save " + save + ", --load " + load + "]";
  }
}
