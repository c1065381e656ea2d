import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vae.book.Chapter;

/** Chapter 02 runs as a whole: every CHECK passes in --quick, bad flags exit 2, figures get written. */
class Ch02KlDivergenceTest {
  /** Runs the chapter and returns what it printed, asserting the exit code. */
  private static String run(int expectedExit, String... args) {
    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      assertThat(Chapter.run(new Ch02KlDivergence(), args)).isEqualTo(expectedExit);
    } finally {
      System.setOut(realOut);
      System.setErr(realErr);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void quickRunPassesPrintsEveryClaimAndWritesTheFigures() throws Exception {
    QuickRuns.Run quick = QuickRuns.of(Ch02KlDivergence.class);
    assertThat(quick.exit()).isZero();
    String out = quick.out();
    for (String id : new String[] {"INF-1", "INF-2", "KL-1 ", "KL-2 ", "KL-3 ", "KL-4 ", "KL-5 ", "KL-6 ", "KL-7 ", "KL-8 ",
        "ER-5 "}) {
      assertThat(out).contains("CHECK " + id);
    }
    assertThat(out).doesNotContain("✗").contains("checks: 36 passed, 0 failed");
    List<Path> figures = CleanTreeTest.figureLines(out); // where the run says they went
    assertThat(figures).extracting(f -> f.getFileName().toString())
        .containsExactly("02_kl_fits.png", "02_kl_gaussian.png", "02_kl_mc_convergence.png");
    for (Path png : figures) {
      assertThat(Files.size(png)).isGreaterThan(10_000);
      assertThat(Files.readString(Path.of(png.toString().replaceAll("png$", "svg"))))
          .startsWith("<?xml");
    }
    // the figures draw their own random numbers: without them every CHECK line is the same
    assertThat(checkLines(run(0, "--quick", "--no-figures"))).isEqualTo(checkLines(out));
  }

  private static java.util.List<String> checkLines(String out) {
    return out.lines().filter(l -> l.startsWith("CHECK")).toList();
  }

  @Test
  void unknownFlagExitsWithTwoAndOneLine() {
    String out = run(2, "--bogus");
    assertThat(out.strip().lines()).hasSize(1);
    assertThat(out).contains("--bogus");
  }

  @Test
  void sameSeedGivesTheSameNumbers() {
    String once = run(0, "--quick", "--seed", "7", "--no-figures");
    assertThat(run(0, "--quick", "--seed", "7", "--no-figures")).isEqualTo(once);
    assertThat(once).contains("seed 7").doesNotContain("figure:");
  }

  @Test
  @Tag("ER-5")
  void ER_5_likelihoodTermGradientDiffersButTheJointAtThePosteriorMatches() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(42);
    for (int trial = 0; trial < 5; trial++) {
      vae.prob.Discrete data = vae.prob.Discrete.random(4, rng);
      vae.prob.Discrete[] q = new vae.prob.Discrete[4];
      for (int x = 0; x < 4; x++) {
        q[x] = vae.prob.Discrete.random(2, rng);
      }
      double[] theta = rng.doubles(8).map(u -> 4 * u - 2).toArray();
      vae.prob.JointTable at = vae.prob.JointTable.softmax(theta, 4, 2);
      vae.prob.Discrete[] post = new vae.prob.Discrete[4];
      for (int x = 0; x < 4; x++) {
        post[x] = vae.prob.Discrete.normalized(at.p(x, 0), at.p(x, 1));
      }
      // ∂KL/∂θ_xz by hand (KL-8): s_xz (1 − P_data(x)/P_θ(x))
      double[] byHand = new double[8];
      for (int x = 0; x < 4; x++) {
        for (int z = 0; z < 2; z++) {
          byHand[2 * x + z] = at.p(x, z) * (1 - data.p(x) / at.marginalX().p(x));
        }
      }
      double[] joint = vae.prob.FiniteDifferences.gradient(
          th -> vae.prob.JointTable.softmax(th, 4, 2).expectedNegLog(data, post, false), theta, 1e-5);
      double[] lik = vae.prob.FiniteDifferences.gradient(
          th -> vae.prob.JointTable.softmax(th, 4, 2).expectedNegLog(data, q, true), theta, 1e-5);
      double gap = 0;
      for (int i = 0; i < 8; i++) {
        assertThat(joint[i]).isCloseTo(byHand[i], org.assertj.core.api.Assertions.within(1e-6));
        gap = Math.max(gap, Math.abs(lik[i] - byHand[i]));
      }
      assertThat(gap).isGreaterThan(1e-3); // the literal claim fails
    }
  }

  @Test
  void expectedNegLogSplitsIntoTheJointAndThePriorAndChecksItsShapes() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(42);
    vae.prob.JointTable m = vae.prob.JointTable.random(4, 2, rng);
    vae.prob.Discrete data = vae.prob.Discrete.random(4, rng);
    vae.prob.Discrete[] q = new vae.prob.Discrete[4];
    for (int x = 0; x < 4; x++) {
      q[x] = vae.prob.Discrete.random(2, rng);
    }
    // −E log p(x|z) = −E log p(x, z) + E log p(z): the prior's term, summed by hand
    double priorTerm = 0;
    for (int x = 0; x < 4; x++) {
      for (int z = 0; z < 2; z++) {
        priorTerm += data.p(x) * q[x].p(z) * Math.log(m.marginalZ().p(z));
      }
    }
    assertThat(m.expectedNegLog(data, q, true)).isCloseTo(m.expectedNegLog(data, q, false)
        + priorTerm, org.assertj.core.api.Assertions.within(1e-12));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.expectedNegLog(data,
        java.util.Arrays.copyOf(q, 3), true)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 4 and 3 rows");
  }

  @Test
  void worstKeepsThePairThatDiffersMostAndANaNAboveAll() {
    vae.book.Worst w = new vae.book.Worst();
    assertThat(w.a()).isNaN();
    w.see(1, 1.5);
    w.see(2, 2.1);
    assertThat(w.a()).isEqualTo(1);
    assertThat(w.b()).isEqualTo(1.5);
    w.see(Double.NaN, 0);
    w.see(5, 50);
    assertThat(w.a()).isNaN();
  }
}
