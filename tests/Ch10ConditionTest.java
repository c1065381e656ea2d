import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.model.Dataset;
import vae.model.OneHot;
import vae.model.Vae;
import vae.model.VaeFile;
import vae.model.VaeNpz;
import vae.nn.Activation;
import vae.nn.GradCheck;
import vae.nn.Matrix;
import vae.prob.Estimate;
import vae.prob.LogSumExp;
import vae.prob.MonteCarlo;

/** A VAE with a condition: q(z|x, y) and p(x|z, y), y appended to both inputs (chapter 10). */
class Ch10ConditionTest {
  private static Vae conditional(String likelihood, int classes, long seed) {
    return new Vae(new Vae.Config(6, new int[] {5}, 2, Activation.Kind.TANH, likelihood,
        classes), MonteCarlo.rng(seed));
  }

  /** n random images of 6 pixels with {@code levels} levels, labelled 0 … classes−1. */
  private static Dataset batch(int n, int levels, int classes, SplittableRandom rng) {
    Matrix x = new Matrix(n, 6);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(classes);
      for (int d = 0; d < 6; d++) {
        x.a[i][d] = rng.nextInt(levels);
      }
    }
    return OneHot.conditioned(new Dataset("random", x.scale(1.0 / (levels - 1)),
        levels == 2 ? x : x.copy(), y), classes);
  }

  @Test
  @Tag("CV-1")
  void CV_1_gradientsWithTheLabelInBothNetworksEqualFiniteDifferences() {
    for (String lik : new String[] {"categorical:5", "bernoulli", "gaussian:learned"}) {
      for (int k : new int[] {0, 3}) {
        Vae vae = conditional(lik, 3, 2).iwae(k);
        Dataset b = batch(4, lik.startsWith("categorical") ? 5 : 2, 3, MonteCarlo.rng(5));
        List<GradCheck.Row> rows = GradCheck.check(vae.params(),
            () -> vae.loss(b, MonteCarlo.rng(9)), () -> vae.lossAndGradient(b, MonteCarlo.rng(9)));
        assertThat(rows).as(lik + " K=" + k).hasSize(8).allSatisfy(r ->
            assertThat(r.maxRelErr()).as(lik + " K=" + k + " " + r)
                .isLessThan(GradCheck.TOLERANCE));
      }
    }
  }

  @Test
  @Tag("CV-1")
  void CV_1_bothNetworksReadTheLabelAndTheFirstLayersAreWiderByIt() {
    Vae vae = conditional("categorical:5", 3, 2);
    assertThat(vae.params().get(0).value.rows).isEqualTo(6 + 3); // encoder reads [x | y]
    assertThat(vae.params().get(4).value.rows).isEqualTo(2 + 3); // decoder reads [z | y]
    assertThat(vae.parameterCount()).isEqualTo(new Vae(new Vae.Config(6, new int[] {5}, 2,
        Activation.Kind.TANH, "categorical:5"), MonteCarlo.rng(2)).parameterCount() + 3 * 5 * 2);
    Dataset b = batch(4, 5, 3, MonteCarlo.rng(5));
    int[] other = Arrays.stream(b.labels()).map(y -> (y + 1) % 3).toArray();
    Dataset relabelled = OneHot.conditioned(new Dataset("same images", Matrix.of(Arrays.stream(
        b.input().a).map(r -> Arrays.copyOf(r, 6)).toArray(double[][]::new)), b.target(),
        other), 3);
    double[][] eps = vae.encode(b.input()).q().drawEps(2, MonteCarlo.rng(1));
    double[][] own = vae.logImportanceWeights(b, eps);
    double[][] moved = vae.logImportanceWeights(relabelled, eps);
    for (int i = 0; i < b.size(); i++) {
      assertThat(moved[i][0]).as("image " + i + ": another label, another weight")
          .isNotEqualTo(own[i][0]);
    }
  }

  @Test
  @Tag("CV-3")
  void CV_3_theMeanLogWeightIsTheConditionalElboOnTheSameCodes() {
    Stress.seeds().forEach(seed -> {
      Vae vae = conditional("categorical:5", 3, seed);
      Dataset b = batch(3, 5, 3, MonteCarlo.rng(seed + 1));
      int k = 20_000;
      double[][] eps = vae.encode(b.input()).q().drawEps(k, MonteCarlo.rng(seed + 2));
      double[][] logW = vae.logImportanceWeights(b, eps);
      for (int i = 0; i < b.size(); i++) {
        double negElbo = vae.evaluate(b.rows(new int[] {i}),
            Arrays.copyOfRange(eps, i * k, (i + 1) * k)).negElbo();
        double[] gap = Arrays.stream(logW[i]).map(w -> w + negElbo).toArray();
        Estimate e = MonteCarlo.of(gap); // log p(z) − log q(z|x, y) + closed-form KL: mean 0
        assertThat(Math.abs(e.mean())).as("seed " + seed + ", image " + i + ": " + e)
            .isLessThan(4 * e.se());
      }
    });
  }

  @Test
  @Tag("CV-3")
  void CV_3_theImportanceWeightedBoundConvergesToLogPOfXGivenYByQuadrature() {
    Stress.seeds().forEach(seed -> quadratureAgainstImportanceSampling(seed));
  }

  private static void quadratureAgainstImportanceSampling(long seed) {
    Vae vae = conditional("bernoulli", 3, seed); // a 2-D code: log p(x|y) on a grid
    Dataset b = batch(2, 2, 3, MonteCarlo.rng(seed + 1));
    int k = 20_000;
    double[][] logW = vae.logImportanceWeights(b, k, MonteCarlo.rng(seed + 2));
    int n = 241;
    double h = 12.0 / (n - 1); // z ∈ [−6, 6]²
    for (int i = 0; i < b.size(); i++) {
      double[][] z = new double[n * n][];
      for (int g = 0; g < z.length; g++) {
        z[g] = new double[] {-6 + h * (g / n), -6 + h * (g % n)};
      }
      int[] y = new int[z.length];
      Arrays.fill(y, b.labels()[i]);
      Matrix out = vae.decode(OneHot.appended(Matrix.of(z), y, 3));
      double[] terms = new double[z.length]; // log p(x|z, y) + log N(z; 0, I) + log h²
      for (int g = 0; g < z.length; g++) {
        terms[g] = vae.likelihood().logProb(b.target().a[i], 0, out.a[g], 0, null, 0, 6)
            - Math.log(2 * Math.PI) - 0.5 * (z[g][0] * z[g][0] + z[g][1] * z[g][1])
            + 2 * Math.log(h);
      }
      double exact = LogSumExp.of(terms, 0, terms.length);
      double lse = LogSumExp.of(logW[i], 0, k);
      double[] w = Arrays.stream(logW[i]).map(v -> Math.exp(v - lse)).toArray();
      Estimate ratio = MonteCarlo.of(w); // the weights relative to their mean: SE of log p̂
      double se = ratio.se() / ratio.mean();
      double estimate = lse - Math.log(k);
      assertThat(Math.abs(estimate - exact)).as("seed " + seed + ", image " + i + ": IS " + estimate
          + " against quadrature " + exact + ", SE " + se).isLessThan(4 * se + 1e-9);
    }
  }

  @Test
  void aVersion1FileWithoutAConditionLoadsAsAPlainVae(@TempDir Path dir) throws IOException {
    Vae plain = new Vae(new Vae.Config(6, new int[] {5}, 2, Activation.Kind.TANH, "bernoulli"),
        MonteCarlo.rng(3));
    Path file = dir.resolve("v3.vae");
    VaeFile.save(plain, file);
    byte[] v3 = Files.readAllBytes(file);
    // version 1 had no condition and no prior: drop the condition's 4 bytes after the likelihood
    // and the prior's UTF string ("standard"), fix version and CRC
    int at = VaeFile.MAGIC.length() + 1 + 4 + 4 + 4 + 4 + 4 + 2 + "TANH".length() + 2
        + "bernoulli".length();
    int drop = 4 + 2 + "standard".length();
    ByteArrayOutputStream v1 = new ByteArrayOutputStream();
    v1.write(v3, 0, at);
    v1.write(v3, at + drop, v3.length - 8 - at - drop);
    byte[] body = v1.toByteArray();
    body[VaeFile.MAGIC.length() + 4] = 1;
    CRC32 crc = new CRC32();
    crc.update(body);
    Path old = dir.resolve("v1.vae");
    Files.write(old, body);
    Files.write(old, ByteBuffer.allocate(8).putLong(crc.getValue()).array(),
        StandardOpenOption.APPEND);
    Vae back = VaeFile.load(old);
    assertThat(back.config().condition()).isZero();
    assertThat(back.params().get(0).value.maxAbsDiff(plain.params().get(0).value)).isZero();
  }

  @Test
  void aSavedConditionalModelKeepsItsConditionAndItsNumbers(@TempDir Path dir) {
    Vae vae = conditional("categorical:5", 3, 4);
    Path file = dir.resolve("m.vae");
    VaeFile.save(vae, file);
    Vae back = VaeFile.load(file);
    assertThat(back.config().condition()).isEqualTo(3);
    Dataset b = batch(3, 5, 3, MonteCarlo.rng(6));
    assertThat(back.loss(b, MonteCarlo.rng(1))).isEqualTo(vae.loss(b, MonteCarlo.rng(1)));
    assertThatThrownBy(() -> VaeNpz.save(vae, dir.resolve("m.npz")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unconditional");
    assertThatThrownBy(() -> new Vae.Config(6, new int[] {5}, 2, Activation.Kind.TANH,
        "bernoulli", -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("condition=-1");
  }
}
