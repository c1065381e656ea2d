import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import vae.data.Digits;
import vae.data.Npz;
import vae.model.Terms;
import vae.model.Trainer;
import vae.model.Dataset;
import vae.model.Vae;
import vae.model.VaeNpz;
import vae.nn.Activation;
import vae.prob.MonteCarlo;

/**
 * A second engine: a briefly trained VAE exported with {@link VaeNpz}, its −ELBO and log-weights
 * recomputed by {@code tools/numpy_vae.py} from the file alone, for every likelihood, with the
 * same ε. Skipped (with the reason) when no python3 with NumPy is found.
 */
class NumpyEngineTest {
  private static final Digits DIGITS = Digits.load();
  private static final int IMAGES = 25;
  private static final int K = 6;
  /**
   * Relative to max(1, |value|) nats: both engines add the same float64 terms in different
   * orders (BLAS against our kernel; log-softmax, softplus and the Gaussian densities written
   * differently), so they differ by rounding, which scales with the value (6e-16 of it measured,
   * up to |Δ| 7e-13 on the −734-nat log-weights of the σ = 0.1 Gaussian). 1e-9 leaves room for
   * other BLAS builds, yet a 1e-6 nudge of a single weight moves the values by more than 10 times
   * that (checked below), so a wrong slope, layout or constant cannot hide under it.
   */
  private static final double TOL = 1e-9;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"categorical:17", "bernoulli", "gaussian:0.1", "gaussian:learned"})
  void numpyRecomputesTheBoundAndTheLogWeightsFromTheFileAlone(String likelihood) {
    String python = NumpyPython.require();
    long start = System.nanoTime();
    SplittableRandom rng = MonteCarlo.rng(17);
    Vae vae = new Vae(new Vae.Config(64, new int[] {32, 16}, 4, Activation.Kind.LEAKY_RELU,
        likelihood), rng);
    Dataset train = Dataset.digits(DIGITS.train, vae.likelihood()).head(300);
    Trainer.fit(vae, train, null, Trainer.Options.adam(2, 50, 3e-3, 0), rng, null);
    Dataset test = Dataset.digits(DIGITS.test, vae.likelihood()).head(IMAGES);
    double[][] eps = new double[IMAGES * K][4]; // row i·K + k: the noise of code k of image i
    for (double[] row : eps) {
      for (int d = 0; d < row.length; d++) {
        row[d] = rng.nextGaussian();
      }
    }
    Path model = dir.resolve("model.npz");
    Path data = dir.resolve("data.npz");
    Path result = dir.resolve("result.npz");
    VaeNpz.save(vae, model);
    new Npz().put("input", test.input().a).put("target", test.target().a).put("eps", eps)
        .write(data);
    NumpyPython.Result run = NumpyPython.run(List.of(python, "tools/numpy_vae.py",
        model.toString(), data.toString(), "--out", result.toString()), 300);
    assertThat(run.code()).as(run.output()).isZero();
    Npz numpy = Npz.read(result);

    double[][] logW = vae.logImportanceWeights(test, eps);
    Terms terms = vae.evaluate(test, eps);
    double[][] npLogW = numpy.matrix("log_w");
    assertThat(npLogW.length).isEqualTo(IMAGES);
    double maxDiff = 0;
    double maxRel = 0;
    for (int i = 0; i < IMAGES; i++) {
      assertThat(npLogW[i]).hasSize(K);
      for (int k = 0; k < K; k++) {
        double diff = Math.abs(npLogW[i][k] - logW[i][k]);
        maxDiff = Math.max(maxDiff, diff);
        maxRel = Math.max(maxRel, diff / Math.max(1, Math.abs(logW[i][k])));
        assertThat(diff).as("log w[%d][%d] java %s numpy %s", i, k, logW[i][k], npLogW[i][k])
            .isLessThanOrEqualTo(TOL * Math.max(1, Math.abs(logW[i][k])));
      }
    }
    double elboDiff = Math.abs(numpy.scalar("neg_elbo") - terms.negElbo());
    assertThat(elboDiff).as("−ELBO java %s numpy %s", terms.negElbo(), numpy.scalar("neg_elbo"))
        .isLessThanOrEqualTo(TOL * Math.max(1, Math.abs(terms.negElbo())));
    assertThat(Math.abs(numpy.scalar("kl") - terms.kl()))
        .isLessThanOrEqualTo(TOL * Math.max(1, terms.kl()));
    assertThat(Math.abs(numpy.scalar("recon") - terms.recon()))
        .isLessThanOrEqualTo(TOL * Math.max(1, Math.abs(terms.recon())));
    System.out.printf(Locale.ROOT, "%s: −ELBO java %.12f numpy %.12f |Δ| %.2e; log w max |Δ| %.2e"
        + " (relative %.2e); %.1f s%n", likelihood, terms.negElbo(), numpy.scalar("neg_elbo"),
        elboDiff, maxDiff, maxRel, (System.nanoTime() - start) / 1e9);

    // The comparison can fail: nudge one decoder weight by 1e-6 and the numbers part by > 10·TOL.
    vae.params().get(vae.params().size() - 2).value.a[1][0] += 1e-6;
    double[][] nudged = vae.logImportanceWeights(test, eps);
    double moved = 0;
    for (int i = 0; i < IMAGES; i++) {
      for (int k = 0; k < K; k++) {
        moved = Math.max(moved, Math.abs(nudged[i][k] - npLogW[i][k])
            / Math.max(1, Math.abs(logW[i][k])));
      }
    }
    assertThat(moved).as("a 1e-6 change of one weight").isGreaterThan(10 * TOL);
  }
}
