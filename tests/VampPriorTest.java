import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.model.Dataset;
import vae.model.VampPrior;
import vae.model.Vae;
import vae.model.VaeFile;
import vae.model.VaeNpz;
import vae.nn.Activation;
import vae.nn.GradCheck;
import vae.nn.Matrix;
import vae.nn.Param;
import vae.prob.FiniteDifferences;
import vae.prob.MixturePrior;
import vae.prob.MonteCarlo;

/**
 * A VAE with a learned prior (chapter 09): the VampPrior's density and gradients, the training
 * loss's gradient in every parameter (mixture weights through the softmax, means, log-variances,
 * pseudo-inputs, encoder, decoder) against finite differences, and saved models keep their prior.
 */
class VampPriorTest {
  private static Vae small(String prior, int iwae, long seed) {
    Vae v = new Vae(new Vae.Config(6, new int[] {5}, 2, Activation.Kind.TANH, "categorical:4"),
        MonteCarlo.rng(seed)).prior(prior, MonteCarlo.rng(seed + 1));
    return iwae > 0 ? v.iwae(iwae) : v;
  }

  private static Dataset batch(long seed) {
    SplittableRandom rng = MonteCarlo.rng(seed);
    Matrix x = new Matrix(4, 6);
    for (double[] row : x.a) {
      for (int d = 0; d < 6; d++) {
        row[d] = rng.nextInt(4);
      }
    }
    return new Dataset("random", x.scale(1.0 / 3), x, null);
  }

  @Test
  @Tag("PR-2")
  void PR_2_theLossGradientMatchesFiniteDifferencesInEveryParameter() {
    Dataset b = batch(3);
    for (String prior : List.of("mog:3", "vamp:3")) {
      for (int k : new int[] {0, 3}) {
        Vae v = small(prior, k, 11);
        List<GradCheck.Row> rows = GradCheck.check(v.params(), () -> v.loss(b,
            MonteCarlo.rng(5)), () -> v.lossAndGradient(b, MonteCarlo.rng(5)));
        assertThat(rows).as(prior + " K=" + k).allMatch(GradCheck.Row::ok);
        assertThat(rows.get(rows.size() - 1).name()).startsWith("prior.");
        assertThat(rows.get(rows.size() - 1).exact()).isPositive();
      }
    }
  }

  @Test
  void anOptimiserStepMovesTheLearnedPriorItself() {
    Dataset b = batch(4);
    for (String prior : List.of("mog:3", "vamp:3")) {
      Vae v = small(prior, 0, 13);
      double[] before = v.prior().parameters().clone();
      vae.nn.Adam adam = new vae.nn.Adam(v.params(), 1e-2);
      for (int step = 0; step < 5; step++) {
        adam.zeroGrad();
        v.lossAndGradient(b, MonteCarlo.rng(step));
        adam.step();
      }
      // the Param the optimiser updates is the prior's own array, not a copy of it
      double moved = 0;
      for (int j = 0; j < before.length; j++) {
        moved = Math.max(moved, Math.abs(v.prior().parameters()[j] - before[j]));
      }
      assertThat(moved).as(prior + ": largest change of a prior parameter").isGreaterThan(1e-3);
    }
  }

  @Test
  @Tag("PR-2")
  void PR_2_theVampPriorIsTheEncodersAverageAndItsOwnGradientIsRight() {
    Vae v = small("vamp:3", 0, 21);
    VampPrior p = (VampPrior) v.prior();
    Vae.Encoding e = v.encode(p.pseudoInputs());
    double[][] z = {{0.3, -0.2}, {1.0, 0.5}};
    double expected = 0;
    for (int k = 0; k < 3; k++) {
      expected += Math.exp(vae.prob.DiagGaussian.logDensity(z[0], e.mu().a[k], e.logVar().a[k]))
          / 3;
    }
    assertThat(Math.exp(p.logDensity(z)[0])).isCloseTo(expected,
        org.assertj.core.data.Offset.offset(1e-14));
    double[] c = {0.4, -0.9};
    double[] dTheta = new double[p.parameters().length];
    v.params().forEach(Param::zeroGrad);
    p.addLogDensityGradient(c, z, new double[2][2], dTheta);
    double[] u = p.parameters().clone();
    double[] fd = FiniteDifferences.gradient(t -> {
      System.arraycopy(t, 0, p.parameters(), 0, t.length);
      double[] l = p.logDensity(z);
      return c[0] * l[0] + c[1] * l[1];
    }, u, 1e-6);
    System.arraycopy(u, 0, p.parameters(), 0, u.length);
    assertThat(FiniteDifferences.maxAbsDiff(dTheta, fd)).isLessThan(1e-7);
  }

  @Test
  void oneStandardComponentEstimatesTheClosedFormKl() {
    Vae std = small("standard", 0, 31);
    Vae one = small("mog:1", 0, 31);
    System.arraycopy(MixturePrior.standard(2).parameters(), 0, one.prior().parameters(), 0, 5);
    Dataset b = batch(4);
    double closed = std.evaluate(b, MonteCarlo.rng(1)).kl();
    double[] mc = new double[400];
    for (int s = 0; s < mc.length; s++) {
      mc[s] = one.evaluate(b, MonteCarlo.rng(100 + s)).kl();
    }
    vae.prob.Estimate e = MonteCarlo.of(mc);
    assertThat(Math.abs(e.mean() - closed)).isLessThan(4 * e.se());
    // and the reconstruction term is the same computation
    assertThat(one.evaluate(b, MonteCarlo.rng(9)).recon())
        .isEqualTo(std.evaluate(b, MonteCarlo.rng(9)).recon());
  }

  @Test
  void savedModelsKeepTheirPriorAndTheWrongKindIsRefused(@TempDir Path dir) {
    Dataset b = batch(5);
    for (String prior : List.of("standard", "mog:3", "vamp:2")) {
      Vae v = small(prior, 0, 41);
      Path f = dir.resolve(prior.replace(':', '_') + ".vae");
      VaeFile.save(v, f);
      Vae back = VaeFile.load(f);
      assertThat(back.prior().spec()).isEqualTo(prior);
      assertThat(back.logImportanceWeights(b, 5, MonteCarlo.rng(2)))
          .isDeepEqualTo(v.logImportanceWeights(b, 5, MonteCarlo.rng(2)));
      assertThat(VaeFile.requirePrior(back, prior, f)).isSameAs(back);
    }
    Path mog = dir.resolve("mog_3.vae");
    assertThatThrownBy(() -> VaeFile.requirePrior(VaeFile.load(mog), "standard", mog))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prior mog:3").hasMessageContaining("needs standard");
    assertThatThrownBy(() -> VaeNpz.save(small("vamp:2", 0, 1), dir.resolve("v.npz")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("standard prior only");
  }

  @Test
  void badPriorsAreRefused() {
    Vae v = small("standard", 0, 1);
    for (String bad : List.of("mog", "mog:0", "vamp:x", "flow:3", "standard:2")) {
      assertThatThrownBy(() -> v.prior(bad, MonteCarlo.rng(1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
    }
    assertThatThrownBy(() -> small("mog:2", 0, 1).freeBits(0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("standard prior");
  }
}
