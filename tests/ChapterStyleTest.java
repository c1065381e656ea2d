import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vae.io.Project;

/**
 * One look for every chapter: lines fit the rendered page's 100 columns (the JBang directives at
 * the top excepted), a chapter reads in one sitting (at most {@link #MAX_LINES} lines, so plotting
 * and bookkeeping live in lib/), colours come from vae.fig.Palette, not from a chapter's own Color,
 * and the end-of-chapter open questions are "Questions" (Q1, Q2, …), a word the graded exercises
 * do not use.
 */
class ChapterStyleTest {
  static List<Path> chapters() throws IOException {
    try (Stream<Path> s = Files.list(Project.root().resolve("chapters"))) {
      return s.filter(p -> p.getFileName().toString().matches("\\d\\d_.*\\.java")).sorted().toList();
    }
  }

  @Test
  void everyChapterLineFitsOneHundredColumns() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (Path ch : chapters()) {
      List<String> lines = Files.readAllLines(ch, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        boolean directive = l.startsWith("//") && !l.startsWith("// ");
        if (!directive && l.codePointCount(0, l.length()) > 100) {
          tooLong.add(ch.getFileName() + ":" + (i + 1) + " has "
              + l.codePointCount(0, l.length()) + " characters");
        }
      }
    }
    assertThat(tooLong).as("lines over 100 characters (wrap them)").isEmpty();
  }

  /** The length issue 11 sets for a chapter: about 420 lines. */
  static final int MAX_LINES = 420;

  @Test
  void everyChapterFitsInFourHundredTwentyLines() throws IOException {
    for (Path ch : chapters()) {
      assertThat(Files.readAllLines(ch, StandardCharsets.UTF_8)).as(ch.getFileName() + " lines")
          .hasSizeLessThanOrEqualTo(MAX_LINES);
    }
  }

  @Test
  void openQuestionsAreNotCalledExercises() throws IOException {
    for (Path ch : chapters()) {
      String src = Files.readString(ch, StandardCharsets.UTF_8);
      assertThat(src).as(ch.getFileName() + ": end-of-chapter questions are '## Questions', Q1, …")
          .doesNotContain("## Exercises").doesNotContain("**Exercises.**");
    }
  }

  @Test
  void noChapterBuildsItsOwnColours() throws IOException {
    for (Path ch : chapters()) {
      assertThat(Files.readString(ch)).as(ch.getFileName() + ": use vae.fig.Palette")
          .doesNotContain("new Color(").doesNotContain("new java.awt.Color(");
    }
  }
}
