import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Chapter 09 as a program: the quick run keeps every CHECK; bad flags are one line, exit 2. */
class Ch09LearnedPriorsTest {
  /** Runs the chapter, capturing standard output and error; returns {exit code, out, err}. */
  private static Object[] run(String... args) {
    return ChapterRun.run(Ch09LearnedPriors::new, args);
  }

  @Test
  @Tag("PR-1")
  @Tag("PR-2")
  @Tag("PR-3")
  @Tag("PR-4")
  @Tag("PR-5")
  void quickRunPrintsEveryCheckAndTheSummaryTable() {
    QuickRuns.Run r = QuickRuns.of(Ch09LearnedPriors.class); // shared with CleanTreeTest
    String out = r.out();
    assertThat(r.exit()).as(out).isZero();
    for (String id : new String[] {"PR-1", "PR-2", "PR-3", "PR-4", "PR-5"}) {
      assertThat(out).contains("CHECK " + id);
    }
    assertThat(out).doesNotContain("✗").contains("the check fails it  ✓")
        .contains("KL(q(z)‖p)").contains("vamp:16 s2").contains("mog:16 s1")
        .contains("standard s2").contains("RESULT chapter=09");
  }

  @Test
  void badFlagsAreOneLineAndExitTwo() {
    for (String[] args : new String[][] {{"--prior", "flow"}, {"--components", "0"},
        {"--components", "100000"}, {"--components", "many"}, {"--prior", "MOG"}}) {
      Object[] r = run(args);
      assertThat((int) r[0]).as(String.join(" ", args) + r[2]).isEqualTo(2);
      String err = ((String) r[2]).strip();
      assertThat(err.lines().count()).as(err).isEqualTo(1);
      assertThat(err).as(err).contains(args[0]);
    }
  }
}
