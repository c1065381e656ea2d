import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vae.book.Chapter;
import vae.book.Project;

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
    String out = run(0, "--quick");
    for (String id : new String[] {"INF-1", "INF-2", "KL-1 ", "KL-2 ", "KL-3 ", "KL-4 ", "KL-5 ", "KL-6 ", "KL-7 ", "KL-8 "}) {
      assertThat(out).contains("CHECK " + id);
    }
    assertThat(out).doesNotContain("✗").contains("checks: 33 passed, 0 failed");
    Path dir = Project.figuresDir(); // the test runner points this at a scratch folder
    for (String name : new String[] {"02_kl_fits", "02_kl_gaussian", "02_kl_mc_convergence"}) {
      assertThat(Files.size(dir.resolve(name + ".png"))).isGreaterThan(10_000);
      assertThat(Files.readString(dir.resolve(name + ".svg"))).startsWith("<?xml");
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
}
