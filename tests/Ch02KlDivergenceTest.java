import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    for (String id : new String[] {"INF-1", "INF-2", "KL-1 ", "KL-2 ", "KL-3 ", "KL-4 ", "KL-5 ", "KL-6 ", "KL-7 ", "KL-8 "}) {
      assertThat(out).contains("CHECK " + id);
    }
    assertThat(out).doesNotContain("✗").contains("checks: 33 passed, 0 failed");
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
}
