import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.io.Project;
import vae.data.Digits;
import vae.data.Npz;
import vae.model.Dataset;
import vae.model.Vae;
import vae.model.VaeNpz;
import vae.nn.Activation;
import vae.nn.Param;
import vae.prob.MonteCarlo;

/** A VAE as a NumPy .npz: PyTorch's nn.Linear layout, the configuration, and bad files. */
class VaeNpzTest {
  @TempDir Path dir;

  static Vae vae(String likelihood, Activation.Kind act) {
    return new Vae(new Vae.Config(64, new int[] {24, 12}, 3, act, likelihood), MonteCarlo.rng(5))
        .training(0.5, 2);
  }

  static double[][] eps(int rows, int latent, long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    double[][] e = new double[rows][latent];
    for (double[] row : e) {
      for (int d = 0; d < latent; d++) {
        row[d] = rng.nextGaussian();
      }
    }
    return e;
  }

  @Test
  void loadGivesBackTheSameModelAndTheSameNumbersBitForBit() {
    for (String lik : List.of("categorical:17", "bernoulli", "gaussian:0.1", "gaussian:learned")) {
      Vae vae = vae(lik, Activation.Kind.LEAKY_RELU);
      Path p = dir.resolve("m.npz");
      VaeNpz.save(vae, p);
      Vae back = VaeNpz.load(p);
      assertThat(back.config().toString()).isEqualTo(vae.config().toString());
      assertThat(back.likelihood().spec()).isEqualTo(lik);
      assertThat(back.beta()).isEqualTo(0.5);
      assertThat(back.samples()).isEqualTo(2);
      List<Param> a = vae.params();
      List<Param> b = back.params();
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.get(i).value.a).as(lik + " " + a.get(i)).isDeepEqualTo(a.get(i).value.a);
      }
      Dataset test = Dataset.digits(Digits.load().test, vae.likelihood()).head(7);
      double[][] eps = eps(7 * 3, 3, 11);
      assertThat(back.logImportanceWeights(test, eps)).as(lik)
          .isDeepEqualTo(vae.logImportanceWeights(test, eps));
      assertThat(back.evaluate(test, eps)).isEqualTo(vae.evaluate(test, eps));
    }
  }

  @Test
  void theFileIsLaidOutLikeAPyTorchStateDictWithTheConfiguration() {
    Vae vae = vae("categorical:17", Activation.Kind.LEAKY_RELU);
    Path p = dir.resolve("m.npz");
    VaeNpz.save(vae, p);
    Npz npz = Npz.read(p);
    // nn.Sequential(Linear, LeakyReLU, Linear, LeakyReLU, Linear): the Linears are 0, 2, 4
    assertThat(npz.names()).contains("encoder.0.weight", "encoder.0.bias", "encoder.2.weight",
        "encoder.4.bias", "decoder.0.weight", "decoder.4.weight")
        .doesNotContain("encoder.1.weight");
    assertThat(npz.shape("encoder.0.weight")).containsExactly(24, 64); // [out, in]
    assertThat(npz.shape("encoder.4.weight")).containsExactly(6, 12); // 2 × latent: μ, log σ²
    assertThat(npz.shape("decoder.0.weight")).containsExactly(12, 3);
    assertThat(npz.shape("decoder.4.weight")).containsExactly(64 * 17, 24);
    assertThat(npz.shape("decoder.4.bias")).containsExactly(64 * 17);
    Param w = vae.params().get(0); // Dense W [in][out]: the file holds its transpose
    assertThat(npz.matrix("encoder.0.weight")[5][40]).isEqualTo(w.value.a[40][5]);
    assertThat(npz.ints("config.hidden")).containsExactly(24, 12);
    assertThat(npz.integer("config.data_dim")).isEqualTo(64);
    assertThat(npz.integer("config.latent")).isEqualTo(3);
    assertThat(npz.text("config.activation")).isEqualTo("leakyRelu");
    assertThat(npz.text("config.likelihood")).isEqualTo("categorical:17");
    assertThat(npz.scalar("config.beta")).isEqualTo(0.5);
    assertThat(npz.text("project_version")).isEqualTo(Project.VERSION);
    assertThat(npz.integer("format_version")).isEqualTo(VaeNpz.VERSION);
    VaeNpz.save(vae("bernoulli", Activation.Kind.IDENTITY), p); // no activation modules: 0, 1, 2
    assertThat(Npz.read(p).names()).contains("encoder.1.weight", "decoder.2.bias");
    assertThat(dir.toFile().list()).containsExactly("m.npz"); // atomic: no temp file left
  }

  @Test
  void aMismatchedOrForeignFileIsRejectedNamingTheFileAndTheProblem() throws Exception {
    Vae vae = vae("bernoulli", Activation.Kind.TANH);
    Path good = dir.resolve("good.npz");
    VaeNpz.save(vae, good);
    Npz npz = Npz.read(good);
    // a file whose configuration says one hidden size but whose weights have another
    Path wrong = dir.resolve("wrong.npz");
    Npz bad = copy(npz).putInts("config.hidden", new int[] {24, 13});
    bad.write(wrong);
    assertThatThrownBy(() -> VaeNpz.load(wrong)).hasMessageContaining(wrong.toString())
        .hasMessageContaining("layer encoder.2 has weight [12, 24]")
        .hasMessageContaining("[13, 24]");
    Path extra = dir.resolve("extra.npz");
    copy(npz).put("decoder.6.weight", new double[][] {{1}}).write(extra);
    assertThatThrownBy(() -> VaeNpz.load(extra)).hasMessageContaining(extra.toString())
        .hasMessageContaining("does not fit its configuration")
        .hasMessageContaining("decoder.6.weight");
    Path foreign = dir.resolve("foreign.npz");
    new Npz().put("x", new double[] {1}).write(foreign);
    assertThatThrownBy(() -> VaeNpz.load(foreign)).hasMessageContaining(foreign.toString())
        .hasMessageContaining("not a VAE exported by this book");
    Path later = dir.resolve("later.npz");
    copy(npz).putInt("format_version", 2).write(later);
    assertThatThrownBy(() -> VaeNpz.load(later)).hasMessageContaining("format version 2");
    Path badLik = dir.resolve("lik.npz");
    copy(npz).putText("config.likelihood", "poisson").write(badLik);
    assertThatThrownBy(() -> VaeNpz.load(badLik))
        .hasMessageContaining(badLik + " has a bad configuration")
        .hasMessageContaining("unknown likelihood 'poisson'");
    byte[] bytes = Files.readAllBytes(good);
    Path cut = Files.write(dir.resolve("cut.npz"),
        java.util.Arrays.copyOf(bytes, bytes.length - 100));
    assertThatThrownBy(() -> VaeNpz.load(cut)).hasMessageContaining(cut.toString())
        .hasMessageContaining("truncated");
  }

  /** A writable copy of every array of {@code npz}. */
  static Npz copy(Npz npz) {
    Npz out = new Npz();
    for (String n : npz.names()) {
      int dims = npz.shape(n).length;
      if (n.equals("config.hidden")) {
        out.putInts(n, java.util.Arrays.stream(npz.ints(n)).mapToInt(Math::toIntExact).toArray());
      } else if (n.equals("format") || n.equals("project_version") || n.endsWith("activation")
          || n.endsWith("likelihood") || n.endsWith("init")) {
        out.putText(n, npz.text(n));
      } else if (n.equals("format_version") || n.endsWith("data_dim") || n.endsWith("latent")
          || n.endsWith("samples")) {
        out.putInt(n, npz.integer(n));
      } else if (dims == 0) {
        out.putScalar(n, npz.scalar(n));
      } else if (dims == 1) {
        out.put(n, npz.vector(n));
      } else {
        out.put(n, npz.matrix(n));
      }
    }
    return out;
  }
}
