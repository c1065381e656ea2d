import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.data.Digits;
import vae.data.Npz;
import vae.model.Terms;
import vae.model.Trainer;
import vae.model.Dataset;
import vae.model.Vae;
import vae.model.VaeNpz;
import vae.nn.Activation;
import vae.nn.Init;
import vae.prob.MonteCarlo;

/**
 * To PyTorch and back ({@code tools/torch/torch_vae.py}): a model trained here opens as an
 * nn.Module and gives the same log-weights and −ELBO there, and a model trained in PyTorch (the
 * pytorch/examples module among them) gives the same numbers here, on the same images and ε, to
 * 1e-9. Skipped, with the reason, where no python3 can import torch (CI does not install it; the
 * NumPy cross-check, {@link NumpyEngineTest}, is the one CI runs).
 */
class TorchBridgeTest {
  private static final Digits DIGITS = Digits.load();
  private static final int IMAGES = 20;
  private static final int K = 5;
  /**
   * Relative to max(1, |value|), as in {@link NumpyEngineTest}: the engines add the same float64
   * terms in other orders and with other formulas (torch.distributions' Normal and Categorical,
   * BCE with logits), so they differ by rounding only (about 1e-15 measured); a 1e-5 nudge of
   * one weight moves the numbers by more than 10 times this (checked below).
   */
  private static final double TOL = 1e-9;
  private static String python;
  private static String why;

  @TempDir Path dir;

  /** A python3 that imports torch, or skips the calling test saying why. */
  static synchronized String torchPython() {
    if (python == null && why == null) {
      List<String> tried = new ArrayList<>();
      python = NumpyPython.firstThatRuns("import numpy, torch; print(torch.__version__)", 120,
          tried);
      why = python != null ? "" : "no python3 with PyTorch (" + String.join("; ", tried)
          + "); install python3-torch to run the PyTorch bridge";
      System.out.println(python != null ? "TorchBridgeTest: " + python : "TorchBridgeTest: " + why);
    }
    Assumptions.assumeTrue(python != null, why);
    return python;
  }

  /** Writes input, target and eps for {@code vae}'s likelihood; returns the test images. */
  private Dataset writeData(Vae vae, double[][] eps, Path data) {
    Dataset test = Dataset.digits(DIGITS.test, vae.likelihood()).head(IMAGES);
    new Npz().put("input", test.input().a).put("target", test.target().a).put("eps", eps)
        .write(data);
    return test;
  }

  /** Asserts the Java and PyTorch numbers agree to TOL; returns the largest relative |Δ|. */
  private static double agree(String what, Vae vae, Dataset test, double[][] eps,
      Npz torch) {
    double[][] logW = vae.logImportanceWeights(test, eps);
    Terms terms = vae.evaluate(test, eps);
    double[][] tw = torch.matrix("log_w");
    assertThat(tw.length).isEqualTo(IMAGES);
    double maxRel = 0;
    for (int i = 0; i < IMAGES; i++) {
      assertThat(tw[i]).hasSize(K);
      for (int k = 0; k < K; k++) {
        double rel = Math.abs(tw[i][k] - logW[i][k]) / Math.max(1, Math.abs(logW[i][k]));
        maxRel = Math.max(maxRel, rel);
        assertThat(rel).as("%s: log w[%d][%d] java %s torch %s", what, i, k, logW[i][k],
            tw[i][k]).isLessThanOrEqualTo(TOL);
      }
    }
    double[] javaTerms = {terms.negElbo(), terms.recon(), terms.kl()};
    String[] names = {"neg_elbo", "recon", "kl"};
    for (int j = 0; j < 3; j++) {
      double t = torch.scalar(names[j]);
      assertThat(Math.abs(t - javaTerms[j]) / Math.max(1, Math.abs(javaTerms[j])))
          .as("%s: %s java %s torch %s", what, names[j], javaTerms[j], t)
          .isLessThanOrEqualTo(TOL);
    }
    System.out.printf(Locale.ROOT, "%s: −ELBO java %.12f torch %.12f; log w max relative |Δ| "
        + "%.1e%n", what, terms.negElbo(), torch.scalar("neg_elbo"), maxRel);
    return maxRel;
  }

  @Test
  void aModelTrainedHereGivesTheSameNumbersInPytorch() {
    String py = torchPython();
    // {likelihood, activation, hidden sizes, init, torch module}
    Object[][] cases = {
        {"categorical:17", Activation.Kind.LEAKY_RELU, new int[] {32, 16}, Init.Scheme.he, "book"},
        {"bernoulli", Activation.Kind.RELU, new int[] {32}, Init.Scheme.pytorch, "example"},
        {"gaussian:0.1", Activation.Kind.TANH, new int[] {24}, Init.Scheme.pytorch, "book"},
        {"gaussian:learned", Activation.Kind.SIGMOID, new int[] {24, 12}, Init.Scheme.he, "book"}};
    for (Object[] c : cases) {
      String what = c[0] + ", " + c[1] + " as torch " + c[4] + " module";
      SplittableRandom rng = MonteCarlo.rng(19);
      Vae vae = new Vae(new Vae.Config(64, (int[]) c[2], 4, (Activation.Kind) c[1],
          (String) c[0]), (Init.Scheme) c[3], rng);
      Dataset train = Dataset.digits(DIGITS.train, vae.likelihood()).head(300);
      Trainer.fit(vae, train, null, Trainer.Options.adam(2, 50, 3e-3, 0), rng, null);
      double[][] eps = VaeNpzTest.eps(IMAGES * K, 4, 23);
      Path model = dir.resolve("model.npz");
      Path data = dir.resolve("data.npz");
      Path result = dir.resolve("result.npz");
      VaeNpz.save(vae, model);
      Dataset test = writeData(vae, eps, data);
      NumpyPython.Result run = NumpyPython.run(List.of(py, "tools/torch/torch_vae.py", "eval",
          model.toString(), data.toString(), "--module", (String) c[4], "--out",
          result.toString()), 300);
      assertThat(run.code()).as(run.output()).isZero();
      assertThat(run.output()).contains("init " + c[3]);
      Npz torch = Npz.read(result);
      agree(what, vae, test, eps, torch);

      // the comparison can fail: nudge one weight of the decoder's first layer (z₀ → hidden
      // unit 0) by 1e-5, and the numbers part by more than 10·TOL
      vae.params().get(2 * (((int[]) c[2]).length + 1)).value.a[0][0] += 1e-5;
      double[][] nudged = vae.logImportanceWeights(test, eps);
      double[][] tw = torch.matrix("log_w");
      double moved = 0;
      for (int i = 0; i < IMAGES; i++) {
        for (int k = 0; k < K; k++) {
          moved = Math.max(moved, Math.abs(nudged[i][k] - tw[i][k])
              / Math.max(1, Math.abs(tw[i][k])));
        }
      }
      assertThat(moved).as("%s: a 1e-5 change of one weight", what).isGreaterThan(10 * TOL);
    }
  }

  /** Trains in PyTorch (a few Adam steps), saves, and evaluates the model still in memory. */
  private static final String TRAIN_IN_TORCH = String.join("\n",
      "import sys, numpy as np, torch",
      "sys.dont_write_bytecode = True  # no __pycache__ in the repository",
      "sys.path.insert(0, 'tools/torch')",
      "import torch_vae as tv",
      "kind, model_path, data_path, out_path = sys.argv[1:5]",
      "torch.manual_seed(5)",
      "train_p = tv.digits()[0][:300]",
      "if kind == 'example':",
      "    model = tv.ExampleVae(64, 32, 4)",
      "    cfg = tv.example_cfg(model)",
      "else:",
      "    cfg = {'data_dim': 64, 'hidden': [32, 16], 'latent': 4, 'activation': 'leakyRelu',",
      "           'likelihood': 'categorical:17', 'beta': 1.0, 'samples': 1}",
      "    model = tv.BookVae(cfg)",
      "cfg['init'] = 'pytorch'",
      "x, t = tv.digits_tensors(train_p, cfg['likelihood'])",
      "opt = torch.optim.Adam(model.parameters(), lr=3e-3)",
      "for idx in torch.randperm(300).split(50):",
      "    opt.zero_grad()",
      "    xb = x[idx].float()",
      "    if kind == 'example':",
      "        recon_x, mu, logvar = model(xb)",
      "        loss = tv.example_loss(recon_x, xb, mu, logvar)",
      "    else:",
      "        mu, lv = model.encode(xb)",
      "        q = tv.Normal(mu, torch.exp(0.5 * lv))",
      "        lp = tv.log_px_given_z(cfg['likelihood'], model.decoder_output(q.rsample()),",
      "                               t[idx].float())",
      "        loss = (-lp + tv.kl_divergence(q, tv.standard_normal(mu)).sum(1)).mean()",
      "    loss.backward()",
      "    opt.step()",
      "model = model.double()",
      "tv.save_npz(model_path, model, cfg, 'torch ' + torch.__version__ + ' (TorchBridgeTest)')",
      "d = dict(np.load(data_path))",
      "lw, recon, kl = tv.evaluate(model, cfg, torch.from_numpy(d['input']),",
      "                            torch.from_numpy(d['target']), torch.from_numpy(d['eps']))",
      "neg_elbo, log_px = tv.summary(lw, recon, kl)",
      "np.savez(out_path, log_w=lw.numpy(), recon=np.float64(recon.mean()),",
      "         kl=np.float64(kl.mean()), neg_elbo=np.float64(neg_elbo))",
      "print('trained', type(model).__name__, 'in torch', torch.__version__)");

  @Test
  void aModelTrainedInPytorchGivesTheSameNumbersHere() throws Exception {
    String py = torchPython();
    Path script = dir.resolve("train_in_torch.py");
    Files.writeString(script, TRAIN_IN_TORCH);
    for (String kind : List.of("example", "book")) {
      Path model = dir.resolve(kind + ".npz");
      Path data = dir.resolve("data.npz");
      Path result = dir.resolve("result.npz");
      // the images and ε, for the likelihood the torch model will have
      Vae shape = new Vae(kind.equals("example")
          ? new Vae.Config(64, new int[] {32}, 4, Activation.Kind.RELU, "bernoulli")
          : new Vae.Config(64, new int[] {32, 16}, 4, Activation.Kind.LEAKY_RELU,
              "categorical:17"), MonteCarlo.rng(1));
      double[][] eps = VaeNpzTest.eps(IMAGES * K, 4, 29);
      Dataset test = writeData(shape, eps, data);
      NumpyPython.Result run = NumpyPython.run(List.of(py, script.toString(), kind,
          model.toString(), data.toString(), result.toString()), 300);
      assertThat(run.code()).as(run.output()).isZero();
      Vae loaded = VaeNpz.load(model);
      assertThat(loaded.init()).isEqualTo(Init.Scheme.pytorch);
      assertThat(loaded.config().toString()).isEqualTo(shape.config().toString());
      agree("trained in torch (" + kind + " module)", loaded, test, eps, Npz.read(result));
    }
  }

  @Test
  void pytorchRefusesAFileThatDoesNotFitItsConfiguration() throws Exception {
    String py = torchPython();
    Vae vae = new Vae(new Vae.Config(64, new int[] {8}, 2, Activation.Kind.RELU, "bernoulli"),
        MonteCarlo.rng(3));
    Path good = dir.resolve("good.npz");
    VaeNpz.save(vae, good);
    Npz bad = Npz.read(good); // one layer of the wrong shape: [64][7], not [64][8]
    bad.put("decoder.2.weight", new double[64][7]);
    Path file = dir.resolve("bad.npz");
    bad.write(file);
    NumpyPython.Result run = NumpyPython.run(List.of(py, "tools/torch/torch_vae.py", "eval",
        file.toString()), 300);
    assertThat(run.code()).isNotZero();
    assertThat(run.output()).contains("bad.npz does not fit its configuration")
        .contains("decoder.2.weight");
    Path truncated = dir.resolve("truncated.npz");
    byte[] bytes = Files.readAllBytes(good);
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
    run = NumpyPython.run(List.of(py, "tools/torch/torch_vae.py", "eval",
        truncated.toString()), 300);
    assertThat(run.code()).isNotZero();
    assertThat(run.output()).contains("truncated.npz is not a readable .npz file");
  }
}
