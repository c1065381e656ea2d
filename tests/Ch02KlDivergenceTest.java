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
  void quickRunPassesAndPrintsEveryClaimOfTheChapter() {
    String out = run(0, "--quick");
    for (String id : new String[] {"INF-1", "INF-2", "KL-1 ", "KL-2 ", "KL-3 ", "KL-4 ", "KL-5 ", "KL-6 ", "KL-7 ", "KL-8 "}) {
      assertThat(out).contains("CHECK " + id);
    }
    assertThat(out).doesNotContain("✗").contains("failed");
  }

  @Test
  void unknownFlagExitsWithTwoAndOneLine() {
    String out = run(2, "--bogus");
    assertThat(out.strip().lines()).hasSize(1);
    assertThat(out).contains("--bogus");
  }

  @Test
  void sameSeedGivesTheSameNumbers() {
    assertThat(run(0, "--quick", "--seed", "7")).isEqualTo(run(0, "--quick", "--seed", "7"));
  }

  @Test
  void figuresAreWrittenAsPngAndSvg() throws Exception {
    run(0, "--quick", "--figures");
    Path dir = Project.figuresDir(); // the test runner points this at a scratch folder
    for (String name : new String[] {"02_kl_fits", "02_kl_gaussian", "02_kl_mc_convergence"}) {
      assertThat(Files.size(dir.resolve(name + ".png"))).isGreaterThan(10_000);
      assertThat(Files.readString(dir.resolve(name + ".svg"))).startsWith("<?xml");
    }
  }
}
