///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Grades returned copies against the release, or self-checks a copy: ./jbang grade
//JAVA 17+
//SOURCES ../lib/**.java
//SOURCES assign/*.java

import assign.Grader;
import assign.Grader.Outcome;
import assign.Grader.Score;
import assign.Grader.Test;
import assign.Release;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vae.book.Chapter;
import vae.io.Project;

/**
 * The autograder (like nbgrader's "autograde"). With {@code --release}, the teacher's release is
 * the authority: only the solution regions are taken from a submission, put into a fresh copy of
 * the release, and the release's runner, tests (hidden ones too) and manifest decide the score;
 * changes elsewhere are reported. Without it, a copy checks itself with its own tests. An exercise
 * earns its points when every one of its tests ({@code @Tag("ex5.2")}) passes.
 */
@Command(
    name = "grade",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Teacher: ./jbang grade --release REL SUBMISSION, or --release REL --submissions DIR",
      "  (a gradebook CSV and one feedback file per student in --out).",
      "Student: ./jbang grade — this copy's own exercise tests, as a score table.",
      "An exercise earns its points when all of its tests (JUnit @Tag(\"ex5.2\")) pass."
    })
class Grade implements Callable<Integer> {
  @Parameters(
      paramLabel = "DIR",
      arity = "0..1",
      description = "a submission, or the copy to check (default: here)")
  Path dir;

  @Option(
      names = "--release",
      paramLabel = "REL",
      description =
          "the release ./jbang assign wrote (OUT-release): grade against it, trusting nothing else")
  Path release;

  @Option(
      names = "--submissions",
      paramLabel = "DIR",
      description =
          "grade every folder in DIR (one per student, named after them); needs --release")
  Path submissions;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "where gradebook.csv, feedback/NAME.md and logs/NAME.log go (default: DIR-graded)")
  Path out;

  @Option(
      names = "--student",
      paramLabel = "NAME",
      description = "the name in the CSV (default: the folder's name)")
  String student;

  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description = "also append the CSV lines to FILE (header if new)")
  Path csv;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "900",
      description =
          "stop one submission's tests after this long; it scores 0 (default: ${DEFAULT-VALUE})")
  long timeout;

  @Option(
      names = "--test-timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "fail one test after this long, so a hung exercise costs only its own points "
              + "(default: ${DEFAULT-VALUE})")
  long testTimeout;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      defaultValue = "1",
      description = "grade N submissions at a time (default: ${DEFAULT-VALUE})")
  int jobs;

  @Option(
      names = "--keep",
      description = "keep each graded copy in OUT/work/NAME (default: only its log)")
  boolean keep;

  /** Table width: every line the grader prints fits in this many columns. */
  static final int WIDTH = 100;

  public static void main(String[] args) {
    System.exit(Chapter.run(new Grade(), args));
  }

  @Override
  public Integer call() throws Exception {
    if (jobs < 1 || timeout < 1 || testTimeout < 1) {
      throw new IllegalArgumentException(
          "--jobs "
              + jobs
              + ", --timeout "
              + timeout
              + " and --test-timeout "
              + testTimeout
              + " must be at least 1");
    }
    Grader.testTimeout = testTimeout;
    Path jars = Project.root().resolve(".jbang-wrapper");
    jars = System.getenv("JBANG_WRAPPER_DIR") == null && Files.isDirectory(jars) ? jars : null;
    if (release == null) {
      if (submissions != null) {
        throw new IllegalArgumentException(
            "--submissions needs --release REL (the folder ./jbang assign wrote "
                + "next to the student copy)");
      }
      Path root = (dir != null ? dir : Project.root()).toAbsolutePath().normalize();
      if (!Files.isRegularFile(root.resolve("tests/RunTests.java"))
          || !Files.isRegularFile(root.resolve("jbang"))) {
        throw new IllegalArgumentException(
            "not a project copy (no jbang and tests/RunTests.java): " + root);
      }
      System.out.printf(
          "grade: %s — self-check with this copy's own tests (log: .grade/tests.log)%n", root);
      System.out.println(
          "       (a teacher grades with --release, against their own tests and hidden ones)");
      Outcome o =
          Grader.self(
              root, student != null ? student : root.getFileName().toString(), timeout, jars);
      table(o);
      csvLines(List.of(o));
      return 0;
    }
    Release rel = Release.read(release.toAbsolutePath().normalize());
    List<Path> subs = new ArrayList<>();
    Path base;
    if (submissions != null) {
      if (dir != null) {
        throw new IllegalArgumentException(
            "give either a submission DIR or --submissions DIR, not both");
      }
      base = submissions.toAbsolutePath().normalize();
      if (!Files.isDirectory(base)) {
        throw new IllegalArgumentException("--submissions " + base + " is not a folder");
      }
      try (Stream<Path> s = Files.list(base)) {
        s.filter(Files::isDirectory)
            .filter(p -> !p.getFileName().toString().startsWith("."))
            .filter(p -> !p.getFileName().toString().endsWith("-graded"))
            .sorted()
            .forEach(subs::add);
      }
      if (subs.isEmpty()) {
        throw new IllegalArgumentException(
            "--submissions " + base + " holds no folders (one per student)");
      }
    } else {
      if (dir == null) {
        throw new IllegalArgumentException(
            "say which submission to grade: ./jbang grade --release REL DIR");
      }
      base = dir.toAbsolutePath().normalize();
      if (!Files.isDirectory(base)) {
        throw new IllegalArgumentException("submission " + base + " is not a folder");
      }
      subs.add(base);
    }
    Path dest =
        (out != null ? out : base.resolveSibling(base.getFileName() + "-graded"))
            .toAbsolutePath()
            .normalize();
    Files.createDirectories(dest.resolve("feedback"));
    Files.createDirectories(dest.resolve("logs"));
    System.out.printf(
        "grade: %d submission%s against the release %s → %s%n",
        subs.size(), subs.size() == 1 ? "" : "s", rel.root(), dest);

    ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, subs.size()));
    List<Future<Outcome>> futures = new ArrayList<>();
    final Path jarDir = jars;
    for (Path s : subs) {
      String name = subs.size() == 1 && student != null ? student : s.getFileName().toString();
      if (!name.matches("[A-Za-z0-9._@+-]+")) {
        throw new IllegalArgumentException(
            "submission folder name '"
                + name
                + "' has characters a file name should not (use letters, digits, . _ - @ +); rename"
                + " the folder or use --student");
      }
      futures.add(
          pool.submit(
              () -> {
                Path work = dest.resolve("work").resolve(name);
                delete(work);
                Files.createDirectories(work);
                try {
                  return Grader.grade(
                      rel, s, name, work, dest.resolve("logs/" + name + ".log"), timeout, jarDir);
                } finally {
                  if (!keep) {
                    delete(work);
                  }
                }
              }));
    }
    pool.shutdown();
    List<Outcome> outcomes = new ArrayList<>();
    for (Future<Outcome> f : futures) {
      Outcome o = f.get();
      outcomes.add(o);
      Files.writeString(
          dest.resolve("feedback/" + o.student() + ".md"),
          Feedback.markdown(o, rel),
          StandardCharsets.UTF_8);
      if (subs.size() == 1) {
        table(o);
      } else {
        System.out.printf(
            "%-20s %3d/%-3d  %s%n", o.student(), o.earned(), o.possible(), summary(o));
      }
    }
    if (!keep) {
      delete(dest.resolve("work"));
    }
    List<String> book = gradebook(outcomes);
    Files.write(dest.resolve("gradebook.csv"), book, StandardCharsets.UTF_8);
    csvLines(outcomes);
    System.out.printf(
        "grade: wrote %s, feedback/ (one file per student) and logs/ in %s%n",
        "gradebook.csv", dest);
    return 0;
  }

  static String summary(Outcome o) {
    List<String> parts = new ArrayList<>();
    if (o.problem() != null) {
      parts.add(Grader.firstLine(o.problem()));
    } else if (!o.uncompiled().isEmpty()) {
      parts.add("did not compile: " + String.join(", ", o.uncompiled()));
    }
    if (!o.changes().isEmpty()) {
      parts.add(
          o.changes().size()
              + " file"
              + (o.changes().size() == 1 ? "" : "s")
              + " changed outside the regions");
    }
    return cut(String.join("; ", parts), WIDTH - 30);
  }

  static List<String> gradebook(List<Outcome> outcomes) {
    List<String> lines = new ArrayList<>();
    Outcome first = outcomes.get(0);
    lines.add(
        "student,"
            + String.join(",", first.scores().stream().map(s -> "ex" + s.exercise().id()).toList())
            + ",total,max,changed_files");
    for (Outcome o : outcomes) {
      lines.add(
          csvField(o.student())
              + ","
              + String.join(",", o.scores().stream().map(s -> "" + s.points()).toList())
              + ","
              + o.earned()
              + ","
              + o.possible()
              + ","
              + o.changes().size());
    }
    return lines;
  }

  void csvLines(List<Outcome> outcomes) throws IOException {
    List<String> book = gradebook(outcomes);
    book.forEach(l -> System.out.println("CSV " + l));
    if (csv != null) {
      boolean fresh = !Files.exists(csv) || Files.size(csv) == 0;
      List<String> lines = fresh ? book : book.subList(1, book.size());
      Files.writeString(
          csv,
          String.join("\n", lines) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }

  /**
   * The score table: one row per exercise, its first failure under it; every line ≤ {@value
   * #WIDTH}.
   */
  static void table(Outcome o) {
    System.out.println();
    if (o.compileError() != null) {
      System.out.println("the copy did not compile at first (reported once, not per exercise):");
      for (String l : o.compileError().split("\n")) {
        System.out.println("  " + cut(l, WIDTH - 2));
      }
      System.out.println();
    } else if (o.problem() != null) {
      System.out.println(cut(o.problem(), WIDTH));
    }
    String row = "%-8s  %-6s  %-5s  %-6s  %s%n";
    int text = WIDTH - 33;
    System.out.printf(row, "exercise", "points", "tests", "result", "title / first failure");
    for (Score s : o.scores()) {
      long passed = s.tests().stream().filter(t -> t.status().equals("PASSED")).count();
      System.out.printf(
          row,
          s.exercise().id(),
          s.points() + "/" + s.exercise().points(),
          passed + "/" + s.tests().size(),
          s.ok() ? "passed" : "failed",
          cut(s.exercise().title(), text));
      if (!s.ok()) {
        String why =
            o.problem() != null
                ? "not run (see above)"
                : o.uncompiled().contains(s.exercise().id())
                    ? "did not compile (graded as its stub; error above)"
                    : s.why();
        System.out.printf("%33s%s%n", "", "✗ " + cut(why, text - 2));
      }
    }
    for (Map.Entry<String, List<String>> c : o.changes().entrySet()) {
      System.out.println(
          cut(
              "changed outside the solution regions: " + c.getKey() + " — " + c.getValue().get(0),
              WIDTH));
    }
    System.out.printf(
        "%ntotal %d/%d points (%s, %s, %.1f s)%n",
        o.earned(),
        o.possible(),
        plural(o.scores().size(), "exercise"),
        plural(o.tests(), "test"),
        o.seconds());
  }

  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  static String csvField(String s) {
    return s.matches("[^,\"\\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** One student's feedback file, in Markdown. */
  static final class Feedback {
    private Feedback() {}

    static String markdown(Outcome o, Release rel) {
      List<String> hidden =
          rel.hidden().stream().map(h -> h.replaceAll("^.*/", "").replace(".java", "")).toList();
      StringBuilder sb = new StringBuilder("# Feedback for " + o.student() + "\n\n");
      sb.append("**")
          .append(o.earned())
          .append(" of ")
          .append(o.possible())
          .append(" points.** ")
          .append(
              "Your code in each exercise's place was put into the assignment as it was handed out"
                  + " and ")
          .append("graded with the teacher's tests");
      sb.append(hidden.isEmpty() ? "" : ", including hidden ones")
          .append(". An exercise earns its points when ")
          .append("all of its tests pass.\n\n");
      if (o.problem() != null) {
        sb.append("## The tests did not run\n\n```\n").append(o.problem()).append("\n```\n\n");
      } else if (o.compileError() != null) {
        sb.append("## Compile error\n\nYour code for exercise")
            .append(o.uncompiled().size() == 1 ? " " : "s ")
            .append(String.join(", ", o.uncompiled()))
            .append(" did not compile, so ")
            .append(o.uncompiled().size() == 1 ? "it was" : "they were")
            .append(
                " graded as the stub; the other exercises were graded as usual. The first"
                    + " error:\n\n"
                    + "```\n")
            .append(o.compileError())
            .append("\n```\n\n");
      }
      for (Score s : o.scores()) {
        sb.append("## Exercise ")
            .append(s.exercise().id())
            .append(": ")
            .append(s.exercise().title())
            .append(" — ")
            .append(s.points())
            .append(" of ")
            .append(s.exercise().points())
            .append(" point")
            .append(s.exercise().points() == 1 ? "" : "s")
            .append("\n\n");
        sb.append("Result: **").append(s.ok() ? "passed" : "failed").append("**");
        if (!s.ok() && !s.why().isEmpty() && s.tests().isEmpty()) {
          sb.append(" (").append(s.why()).append(")");
        }
        sb.append("\n\n");
        if (!s.tests().isEmpty()) {
          sb.append("| test | result |\n|---|---|\n");
          for (Test t : s.tests()) {
            boolean h = hidden.stream().anyMatch(c -> t.name().startsWith(c + " ›"));
            sb.append("| ")
                .append(t.name().replace("|", "\\|"))
                .append(h ? " (hidden test)" : "")
                .append(" | ")
                .append(t.status().equals("PASSED") ? "✓ passed" : "✗ " + t.status().toLowerCase())
                .append(" |\n");
          }
          s.tests().stream()
              .filter(t -> !t.status().equals("PASSED"))
              .findFirst()
              .ifPresent(
                  t ->
                      sb.append("\nThe first failure, in full (")
                          .append(t.name())
                          .append("):\n\n```\n")
                          .append(t.detail().isEmpty() ? t.message() : t.detail())
                          .append("\n```\n"));
          sb.append("\n");
        }
      }
      sb.append("## Changes outside the solution regions\n\n");
      if (o.changes().isEmpty()) {
        sb.append("None: every file outside your exercise code is as it was handed out.\n");
      } else {
        sb.append(
            "Grading used only your code in the exercises' places; these changes were not"
                + " used:\n\n");
        o.changes()
            .forEach(
                (f, why) -> {
                  sb.append("- `").append(f).append("`: ").append(why.get(0)).append("\n");
                  why.stream().skip(1).forEach(w -> sb.append("  - ").append(w).append("\n"));
                });
      }
      return sb.toString();
    }
  }
}
