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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.book.Chapter;
import vae.io.Project;

/**
 * The assign → grade round trip, on the small project in tests/fixtures/assignment (two exercises:
 * 1.1 worth 1 point, 1.2 worth 2; one hidden test of 1.1). A folder of three submissions is graded
 * in one batch against the teacher's release: the untouched copy scores 0, the solutions put back
 * score full points (the hidden test too), and a copy with 1.2 put back and everything around it
 * tampered with — 1.1's tests edited to pass on the stub, the manifest raising 1.1 to 10 points, a
 * {@code jbang} and a test runner that claim full marks and leave a mark on disk, a line added
 * outside the regions — scores exactly what 1.2 alone earns, runs none of its own scripts, and has
 * each change reported in its feedback. Runs the real {@code ./jbang assign} and {@code ./jbang
 * grade}.
 */
class AssignGradeTest {
  static final Path ROOT = Project.root();
  @TempDir Path tmp;

  @Test
  void gradesFromTheReleaseSoTamperingOutsideTheRegionsChangesNothing() throws Exception {
    Path proj = fixtureProject(tmp.resolve("proj"));
    Path student = tmp.resolve("student");
    Path release = tmp.resolve("student-release");
    String assigned =
        jbang("assign", "--from", proj.toString(), "--out", student.toString(), "--no-trace");
    assertThat(assigned).contains("2 exercises (2 stubs), 3 points", "student-release");

    String stats = Files.readString(student.resolve("lib/toy/Stats.java"));
    assertThat(stats)
        .doesNotContain("SOLUTION")
        .doesNotContain("sum / xs.length")
        .contains("throw new UnsupportedOperationException(\"Exercise 1.1: the sample mean\");")
        .contains(
            "throw new UnsupportedOperationException(\"Exercise 1.2: the standard error of the"
                + " mean\");")
        .contains("// Hint: add them up");
    assertThat(student.resolve("tests/StatsTest.java"))
        .hasSameTextualContentAs(proj.resolve("tests/StatsTest.java"));
    assertThat(student.resolve("tests/StatsHiddenTest.java")).doesNotExist();
    assertThat(release.resolve("tests/StatsHiddenTest.java")).exists();
    assertThat(student.resolve(".git")).doesNotExist();
    assertThat(Files.readString(student.resolve("ASSIGNMENT.md"))).contains("hidden tests");

    Path subs = tmp.resolve("returned");
    copyTree(student, subs.resolve("untouched"));
    Path full = subs.resolve("full");
    copyTree(student, full);
    putBack(proj.resolve("lib/toy/Stats.java"), full.resolve("lib/toy/Stats.java"), "1.1");
    putBack(proj.resolve("lib/toy/Stats.java"), full.resolve("lib/toy/Stats.java"), "1.2");
    Path bad = subs.resolve("tampered");
    copyTree(student, bad);
    putBack(proj.resolve("lib/toy/Stats.java"), bad.resolve("lib/toy/Stats.java"), "1.2");
    Path mark = tmp.resolve("ran-the-students-script");
    edit(bad.resolve("tests/StatsTest.java"), "Stats.mean(new double[] {1, 2, 3, 4})", "2.5");
    edit(bad.resolve("tests/StatsTest.java"), "Stats.mean(new double[] {7})", "7.0");
    edit(bad.resolve("assignment.tsv"), "1.1\t1\t", "1.1\t10\t");
    String fake =
        "#!/bin/sh\ntouch '"
            + mark
            + "'\necho 'PASSED\tStatsTest › meanOfOneValue()\tex1.1\t' > \"$5\"\n";
    Files.writeString(bad.resolve("jbang"), fake);
    Files.writeString(
        bad.resolve("tests/RunTests.java"),
        "class RunTests { public static void main(String[] a) "
            + "throws Exception { java.nio.file.Files.writeString(java.nio.file.Path.of(\""
            + mark
            + "\"), \"x\"); } }\n");
    edit(
        bad.resolve("lib/toy/Stats.java"),
        "public final class Stats {",
        "public final class Stats { // mine");

    Path out = tmp.resolve("graded");
    String graded =
        jbang(
            "grade",
            "--release",
            release.toString(),
            "--submissions",
            subs.toString(),
            "--out",
            out.toString(),
            "--jobs",
            "2");
    Map<String, Map<String, Integer>> book = gradebook(out.resolve("gradebook.csv"));
    assertThat(book.get("untouched"))
        .as(graded)
        .containsExactly(
            Map.entry("ex1.1", 0),
            Map.entry("ex1.2", 0),
            Map.entry("total", 0),
            Map.entry("max", 3),
            Map.entry("changed_files", 0));
    assertThat(book.get("full"))
        .as(graded)
        .containsExactly(
            Map.entry("ex1.1", 1),
            Map.entry("ex1.2", 2),
            Map.entry("total", 3),
            Map.entry("max", 3),
            Map.entry("changed_files", 0));
    assertThat(book.get("tampered"))
        .as(graded)
        .containsExactly(
            Map.entry("ex1.1", 0),
            Map.entry("ex1.2", 2),
            Map.entry("total", 2),
            Map.entry("max", 3),
            Map.entry("changed_files", 5));
    assertThat(mark).doesNotExist();

    String feedback = Files.readString(out.resolve("feedback/tampered.md"));
    assertThat(feedback)
        .contains(
            "**2 of 3 points.**",
            "`tests/StatsTest.java`: changed",
            "`assignment.tsv`: changed",
            "`jbang`: changed",
            "`tests/RunTests.java`: changed",
            "`lib/toy/Stats.java`: 2 lines differ",
            "UnsupportedOperationException: Exercise 1.1: the sample mean");
    assertThat(Files.readString(out.resolve("feedback/full.md")))
        .contains(
            "StatsHiddenTest › meanOfNegativeValues() (hidden test) | ✓ passed",
            "None: every file outside");
    assertThat(out.resolve("logs/untouched.log")).exists();
    assertThat(out.resolve("work")).doesNotExist();
  }

  @Test
  void aRegionThatDoesNotEndItsBlockIsRefusedWithFileAndLine() throws Exception {
    Path proj = fixtureProject(tmp.resolve("bad"));
    Path file = proj.resolve("lib/toy/Stats.java");
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                "    return sum / xs.length;\n    // END SOLUTION\n",
                "    // END SOLUTION\n    return sum / xs.length;\n"));
    Process p =
        new ProcessBuilder(
                ROOT.resolve("jbang").toString(),
                "assign",
                "--from",
                proj.toString(),
                "--out",
                tmp.resolve("out").toString())
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isEqualTo(1);
    assertThat(out).contains("lib/toy/Stats.java:18", "Exercise 1.1", "must end its block");
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
        .startsWith(
            "unsolved: stopped at Exercise 9.1: the KL closed form — not written yet"
                + " (AssignGradeTest.java:")
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
    Files.copy(
        ROOT.resolve("jbang"),
        dest.resolve("jbang"),
        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(ROOT.resolve("tests/RunTests.java"), dest.resolve("tests/RunTests.java"));
    Files.createDirectories(dest.resolve("lib/vae/io"));
    Files.copy(ROOT.resolve("lib/vae/io/Project.java"), dest.resolve("lib/vae/io/Project.java"));
    return dest;
  }

  static void edit(Path file, String from, String to) throws IOException {
    String s = Files.readString(file);
    assertThat(s).contains(from);
    Files.writeString(file, s.replace(from, to));
  }

  /** The gradebook CSV as student → column → points. */
  static Map<String, Map<String, Integer>> gradebook(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    String[] head = lines.get(0).split(",");
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    for (String l : lines.subList(1, lines.size())) {
      String[] row = l.split(",");
      Map<String, Integer> m = new LinkedHashMap<>();
      for (int i = 1; i < head.length; i++) {
        m.put(head[i], Integer.parseInt(row[i]));
      }
      out.put(row[0], m);
    }
    return out;
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

  /** Replaces exercise {@code id}'s stub in the student file by the original region's body. */
  static void putBack(Path original, Path studentFile, String id) throws IOException {
    Matcher m =
        Pattern.compile(
                "(?s)// BEGIN SOLUTION \\(Exercise "
                    + Pattern.quote(id)
                    + "[:)][^\n]*\n(.*?)\n\\s*// END SOLUTION")
            .matcher(Files.readString(original));
    assertThat(m.find()).isTrue();
    String body = m.group(1);
    Matcher stub =
        Pattern.compile(
                "(?m)^\\s*throw new UnsupportedOperationException\\(\"Exercise "
                    + Pattern.quote(id)
                    + "[:\"].*$")
            .matcher(Files.readString(studentFile));
    assertThat(stub.find()).isTrue();
    Files.writeString(studentFile, stub.replaceFirst(Matcher.quoteReplacement(body)));
  }
}
