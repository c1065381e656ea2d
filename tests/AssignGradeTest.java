import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.book.Chapter;
import vae.book.Project;

/**
 * The assign → grade round trip, on the small project in tests/fixtures/assignment (two
 * exercises: 1.1 worth 1 point, 1.2 worth 2): the untouched student copy scores 0 on every
 * exercise, the original scores full points, and putting one solution back scores exactly that
 * exercise's points. Runs the real {@code ./jbang assign} and {@code ./jbang grade}.
 */
class AssignGradeTest {
  static final Path ROOT = Project.root();
  @TempDir Path tmp;

  @Test
  void untouchedCopyScoresZeroOriginalScoresFullOneSolutionBackScoresThatExercise() throws Exception {
    Path proj = fixtureProject(tmp.resolve("proj"));
    Path student = tmp.resolve("student");
    String assigned = jbang("assign", "--from", proj.toString(), "--out", student.toString());
    assertThat(assigned).contains("2 exercises (2 stubs), 3 points");

    String stats = Files.readString(student.resolve("lib/toy/Stats.java"));
    assertThat(stats).doesNotContain("SOLUTION").doesNotContain("sum / xs.length")
        .contains("throw new UnsupportedOperationException(\"Exercise 1.1: the sample mean\");")
        .contains("throw new UnsupportedOperationException(\"Exercise 1.2: the standard error of the mean\");");
    assertThat(student.resolve("tests/StatsTest.java")).hasSameTextualContentAs(proj.resolve("tests/StatsTest.java"));
    assertThat(student.resolve(".git")).doesNotExist();

    Path oneBack = tmp.resolve("one-back"); // a second copy with exercise 1.2's solution put back
    copyTree(student, oneBack);
    putBack(proj.resolve("lib/toy/Stats.java"), oneBack.resolve("lib/toy/Stats.java"), "1.2");

    // the original first (it also builds the grade script once), then the two copies side by side
    assertThat(grade(proj)).containsExactly(Map.entry("ex1.1", 1), Map.entry("ex1.2", 2),
        Map.entry("total", 3), Map.entry("max", 3));
    var untouched = CompletableFuture.supplyAsync(() -> grade(student));
    var single = CompletableFuture.supplyAsync(() -> grade(oneBack));
    assertThat(untouched.join()).containsExactly(Map.entry("ex1.1", 0), Map.entry("ex1.2", 0),
        Map.entry("total", 0), Map.entry("max", 3));
    assertThat(single.join()).containsExactly(Map.entry("ex1.1", 0), Map.entry("ex1.2", 2),
        Map.entry("total", 2), Map.entry("max", 3));
  }

  @Test
  void aRegionThatDoesNotEndItsBlockIsRefusedWithFileAndLine() throws Exception {
    Path proj = fixtureProject(tmp.resolve("bad"));
    Path file = proj.resolve("lib/toy/Stats.java");
    Files.writeString(file, Files.readString(file).replace("    return sum / xs.length;\n    // END SOLUTION\n",
        "    // END SOLUTION\n    return sum / xs.length;\n"));
    Process p = new ProcessBuilder(ROOT.resolve("jbang").toString(), "assign", "--from", proj.toString(), "--out",
        tmp.resolve("out").toString()).directory(ROOT.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(1);
    assertThat(out).contains("lib/toy/Stats.java:17", "Exercise 1.1", "must end its block");
  }

  @Test
  void aChapterStoppedByAMissingExerciseSaysWhichInOneLine() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream old = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Chapter.run(new Unsolved());
    } finally {
      System.setErr(old);
    }
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .startsWith("unsolved: stopped at Exercise 9.1: the KL closed form — not written yet (AssignGradeTest.java:")
        .doesNotContain("\n");
  }

  @picocli.CommandLine.Command(name = "unsolved")
  static final class Unsolved implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new UnsupportedOperationException("Exercise 9.1: the KL closed form");
    }
  }

  static void copyTree(Path src, Path dest) throws IOException {
    try (Stream<Path> s = Files.walk(src)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path to = dest.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** The fixture, plus the real wrapper, test runner and the one lib class the runner needs. */
  static Path fixtureProject(Path dest) throws IOException {
    copyTree(ROOT.resolve("tests/fixtures/assignment"), dest);
    Files.copy(ROOT.resolve("jbang"), dest.resolve("jbang"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(ROOT.resolve("tests/RunTests.java"), dest.resolve("tests/RunTests.java"));
    Files.createDirectories(dest.resolve("lib/vae/book"));
    Files.copy(ROOT.resolve("lib/vae/book/Project.java"), dest.resolve("lib/vae/book/Project.java"));
    return dest;
  }

  /** Runs ./jbang ARGS… from the project root; returns its output; fails on a non-zero exit. */
  static String jbang(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("jbang").toString()));
    cmd.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("exit code of %s; it printed:%n%s", cmd, out).isZero();
    return out;
  }

  /** Grades {@code dir} and reads the CSV line back as column → points. */
  static Map<String, Integer> grade(Path dir) {
    try {
      return gradeOrThrow(dir);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Integer> gradeOrThrow(Path dir) throws IOException, InterruptedException {
    Path csv = dir.resolveSibling(dir.getFileName() + "-" + System.nanoTime() + ".csv");
    String out = jbang("grade", dir.toString(), "--csv", csv.toString());
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines).as("grade output:%n%s", out).hasSize(2);
    String[] head = lines.get(0).split(",");
    String[] row = lines.get(1).split(",");
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 1; i < head.length; i++) {
      m.put(head[i], Integer.parseInt(row[i]));
    }
    return m;
  }

  /** Replaces exercise {@code id}'s stub in the student file by the original region's body. */
  static void putBack(Path original, Path studentFile, String id) throws IOException {
    Matcher m = Pattern.compile("(?s)// BEGIN SOLUTION \\(Exercise " + Pattern.quote(id) + "[:)][^\n]*\n(.*?)\n\\s*// END SOLUTION")
        .matcher(Files.readString(original));
    assertThat(m.find()).isTrue();
    String body = m.group(1);
    Matcher stub = Pattern.compile("(?m)^\\s*throw new UnsupportedOperationException\\(\"Exercise " + Pattern.quote(id)
        + "[:\"].*$").matcher(Files.readString(studentFile));
    assertThat(stub.find()).isTrue();
    Files.writeString(studentFile, stub.replaceFirst(Matcher.quoteReplacement(body)));
  }
}
