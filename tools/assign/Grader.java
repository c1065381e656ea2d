package assign;

import assign.Exercises.Exercise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grades one submission against the teacher's release: takes only the solution regions from the
 * submission, puts them into a fresh copy of the release, and runs the release's own runner, tests
 * (hidden ones too) and manifest there, in a separate process with a time limit and a reduced
 * environment. A region that does not compile is put back to its stub and the tests run again, so
 * one exercise's syntax error does not cost the others.
 */
public final class Grader {
  /** Folders of a submission never compared or copied (runs, caches, history). */
  static final Set<String> SKIP =
      Set.of(
          ".git",
          ".jbang-wrapper",
          ".grade",
          ".idea",
          ".vscode",
          "figures",
          "out",
          "target",
          "data/mnist");

  /**
   * Environment variables the student's code may see; everything else of the teacher's is dropped.
   */
  static final List<String> ENV =
      List.of(
          "PATH",
          "HOME",
          "JAVA_HOME",
          "TMPDIR",
          "LANG",
          "LC_ALL",
          "LC_CTYPE",
          "SYSTEMROOT",
          "TEMP",
          "TMP",
          "USERPROFILE");

  /** How one test ended: status, name, tags, one-line message, and the full failure text. */
  public record Test(String status, String name, List<String> tags, String message, String detail) {
    public boolean passed() {
      return status.equals("PASSED");
    }
  }

  /** One exercise's score and the tests that decided it. */
  public record Score(Exercise exercise, int points, List<Test> tests, String why) {
    public boolean ok() {
      return points == exercise.points();
    }
  }

  /**
   * A graded submission: its scores, the compile error (or time-out) that stopped it if any, the
   * changes outside the solution regions by file, and where the test log is.
   */
  public record Outcome(
      String student,
      List<Score> scores,
      String problem,
      String compileError,
      Map<String, List<String>> changes,
      Set<String> uncompiled,
      int tests,
      double seconds,
      Path log) {
    /** Points earned. */
    public int earned() {
      return scores.stream().mapToInt(Score::points).sum();
    }

    /** Points possible. */
    public int possible() {
      return scores.stream().mapToInt(s -> s.exercise().points()).sum();
    }
  }

  /** Limit for one test, in seconds: a test that hangs fails alone (its exercise scores 0). */
  public static volatile long testTimeout = 60;

  private Grader() {}

  /**
   * Grades {@code submission} against {@code release} in {@code work} (created; the release is
   * copied there), writing the test log to {@code log}. {@code jars} is the JBang wrapper's jar
   * folder to reuse, or null.
   */
  public static Outcome grade(
      Release release,
      Path submission,
      String student,
      Path work,
      Path log,
      long timeout,
      Path jars)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    copy(release.root(), work);
    Files.deleteIfExists(work.resolve(Release.INDEX));
    Map<String, List<String>> changes = new TreeMap<>();
    Map<String, Splice.Result> spliced = new LinkedHashMap<>();
    Map<String, List<Release.Stub>> byFile = release.stubsByFile();
    for (var e : byFile.entrySet()) {
      List<String> rel =
          Files.readAllLines(release.root().resolve(e.getKey()), StandardCharsets.UTF_8);
      Path mine = submission.resolve(e.getKey());
      if (!Files.isRegularFile(mine)) {
        changes.put(
            e.getKey(), List.of("missing from the submission: graded with the release's stubs"));
        continue;
      }
      List<Integer> lines = e.getValue().stream().map(Release.Stub::line).toList();
      Splice.Result r = Splice.splice(rel, lines, Files.readAllLines(mine, StandardCharsets.UTF_8));
      spliced.put(e.getKey(), r);
      if (!r.outside().isEmpty()) {
        changes.put(e.getKey(), r.outside());
      }
      write(work.resolve(e.getKey()), r.merged());
    }
    compareOthers(release, submission, byFile.keySet(), changes);

    Map<String, Exercise> manifest =
        Exercises.readManifest(release.root().resolve("assignment.tsv"));
    Run run = run(work, log, timeout, jars);
    Set<String> uncompiled = new TreeSet<>(Exercises::compareIds);
    String problem = run.problem;
    String compileError = run.compileError ? run.problem : null;
    if (run.compileError) { // put back the stubs of the regions the compiler complained about, once
      uncompiled.addAll(blame(run.errors, byFile, spliced));
      if (!uncompiled.isEmpty()) {
        for (var e : spliced.entrySet()) {
          List<String> rel =
              Files.readAllLines(release.root().resolve(e.getKey()), StandardCharsets.UTF_8);
          List<Integer> lines = new ArrayList<>();
          List<List<String>> regions = new ArrayList<>();
          List<Release.Stub> stubs = byFile.get(e.getKey());
          for (int k = 0; k < stubs.size(); k++) {
            lines.add(stubs.get(k).line());
            regions.add(
                uncompiled.contains(stubs.get(k).id())
                    ? List.of(rel.get(stubs.get(k).line()))
                    : e.getValue().regions().get(k));
          }
          write(work.resolve(e.getKey()), merge(rel, lines, regions));
        }
        Path first = log.resolveSibling(log.getFileName() + ".compile");
        Files.move(log, first, StandardCopyOption.REPLACE_EXISTING);
        run = run(work, log, timeout, jars);
        Files.writeString(
            log,
            "--- first run (did not compile) ---\n"
                + Files.readString(first)
                + "\n--- second run, exercises "
                + uncompiled
                + " back to their stubs ---\n"
                + Files.readString(log));
        Files.delete(first);
        if (run.problem == null) {
          problem = null;
        }
      }
    }
    List<Test> results = run.tests;
    for (Test t :
        results) { // tests of exercises the manifest does not declare still count, at 1 point
      for (String tag : t.tags()) {
        if (tag.matches("ex[0-9.]+") && !manifest.containsKey(tag.substring(2))) {
          manifest.put(
              tag.substring(2),
              new Exercise(tag.substring(2), "(tests only: no solution region)", 1, List.of()));
        }
      }
    }
    manifest = Exercises.sorted(manifest);
    List<Score> scores = scores(manifest.values(), results, problem, uncompiled);
    return new Outcome(
        student,
        scores,
        problem,
        compileError,
        changes,
        uncompiled,
        results.size(),
        (System.nanoTime() - t0) / 1e9,
        log);
  }

  /**
   * Each exercise's points: full when every test tagged with it ran and passed, else 0 with the
   * reason (the run's problem, a region that did not compile, no tagged test, the first failure).
   */
  static List<Score> scores(Collection<Exercise> exercises, List<Test> tests, String problem,
      Set<String> uncompiled) {
    List<Score> scores = new ArrayList<>();
    for (Exercise e : exercises) {
      List<Test> mine = tests.stream().filter(r -> r.tags().contains(e.tag())).toList();
      boolean ok = problem == null && !mine.isEmpty() && mine.stream().allMatch(Test::passed);
      String why =
          problem != null
              ? "not run: " + firstLine(problem)
              : uncompiled.contains(e.id())
                  ? "your code for it did not compile (graded as the stub)"
                  : mine.isEmpty()
                      ? "no test is tagged " + e.tag()
                      : mine.stream()
                          .filter(r -> !r.passed())
                          .findFirst()
                          .map(Grader::firstFailure)
                          .orElse("");
      scores.add(new Score(e, ok ? e.points() : 0, mine, why));
    }
    return scores;
  }

  /**
   * Grades a copy in place with its own runner (a student's self-check; nothing is trusted or
   * compared).
   */
  public static Outcome self(Path copy, String student, long timeout, Path jars)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Path manifestFile = copy.resolve("assignment.tsv");
    Map<String, Exercise> manifest =
        Files.isRegularFile(manifestFile)
            ? Exercises.readManifest(manifestFile)
            : Exercises.scan(copy);
    Path log = copy.resolve(".grade/tests.log");
    Files.createDirectories(log.getParent());
    Run run = run(copy, log, timeout, jars);
    List<Score> scores = scores(manifest.values(), run.tests, run.problem, Set.of());
    return new Outcome(
        student,
        scores,
        run.problem,
        run.compileError ? run.problem : null,
        Map.of(),
        Set.of(),
        run.tests.size(),
        (System.nanoTime() - t0) / 1e9,
        log);
  }

  /**
   * A failed test in one line, its message first: {@code AssertionError: … (in StatsTest ›
   * mean())}.
   */
  static String firstFailure(Test t) {
    return (t.message().isEmpty() ? t.status().toLowerCase() : t.message())
        + " (in "
        + t.name()
        + ")";
  }

  public static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static List<String> merge(List<String> release, List<Integer> stubs, List<List<String>> regions) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int k = 0; k < stubs.size(); k++) {
      out.addAll(release.subList(from, stubs.get(k)));
      out.addAll(regions.get(k));
      from = stubs.get(k) + 1;
    }
    out.addAll(release.subList(from, release.size()));
    return out;
  }

  /**
   * The exercises whose regions hold a compile error; all of a file's if an error is outside them.
   */
  static Set<String> blame(
      List<String[]> errors,
      Map<String, List<Release.Stub>> byFile,
      Map<String, Splice.Result> spliced) {
    Set<String> out = new LinkedHashSet<>();
    for (String[] err : errors) {
      String file = err[0];
      int line = Integer.parseInt(err[1]) - 1;
      Splice.Result r = spliced.get(file);
      if (r == null) {
        continue;
      }
      List<Release.Stub> stubs = byFile.get(file);
      boolean found = false;
      int shift = 0;
      for (int k = 0; k < stubs.size(); k++) {
        int start = stubs.get(k).line() + shift;
        int len = r.regions().get(k).size();
        if (line >= start && line < start + Math.max(1, len)) {
          out.add(stubs.get(k).id());
          found = true;
        }
        shift += len - 1;
      }
      if (!found) {
        stubs.forEach(s -> out.add(s.id()));
      }
    }
    return out;
  }

  /** What one run of the release's runner left: tests, or a problem (compile error, time-out). */
  record Run(List<Test> tests, String problem, boolean compileError, List<String[]> errors) {}

  static final Pattern JAVAC = Pattern.compile("([^\\s:\\[\\]]+\\.java):(\\d+): error: (.*)");

  static Run run(Path project, Path log, long timeout, Path jars)
      throws IOException, InterruptedException {
    Path report = project.resolve(".grade/report.tsv");
    Files.createDirectories(report.getParent());
    Files.deleteIfExists(report);
    ProcessBuilder pb =
        new ProcessBuilder(
                project.resolve("jbang").toString(),
                "-Djunit.jupiter.execution.timeout.default="
                    + testTimeout
                    + " s", // in a thread of its own: one that ignores interrupts is left behind
                "-Djunit.jupiter.execution.timeout.thread.mode.default=SEPARATE_THREAD",
                project.resolve("tests/RunTests.java").toString(),
                "--tag",
                "ex",
                "--report",
                report.toString())
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    Map<String, String> mine = new LinkedHashMap<>(System.getenv());
    env.clear();
    mine.forEach(
        (k, v) -> {
          if (ENV.contains(k) || k.startsWith("JBANG_")) {
            env.put(k, v);
          }
        });
    if (jars != null && !env.containsKey("JBANG_WRAPPER_DIR")) {
      env.put("JBANG_WRAPPER_DIR", jars.toString());
    }
    Process p = pb.start();
    p.getOutputStream().close();
    boolean finished = p.waitFor(timeout, TimeUnit.SECONDS);
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      return new Run(
          List.of(),
          "the tests did not finish within " + timeout + " s (stopped)",
          false,
          List.of());
    }
    if (!Files.isRegularFile(report)) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String[]> errors = new ArrayList<>();
      StringBuilder first = new StringBuilder();
      String root = project.toAbsolutePath().normalize() + "/";
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = JAVAC.matcher(lines.get(i));
        if (m.find()) {
          String file =
              m.group(1).startsWith(root) ? m.group(1).substring(root.length()) : m.group(1);
          errors.add(new String[] {file.replace('\\', '/'), m.group(2)});
          if (first.length() == 0) {
            first
                .append("compile error: ")
                .append(file)
                .append(':')
                .append(m.group(2))
                .append(": ")
                .append(m.group(3));
            for (int j = i + 1; j < Math.min(lines.size(), i + 3); j++) {
              first.append('\n').append(lines.get(j).replace(root, ""));
            }
          }
        }
      }
      String problem =
          first.length() > 0
              ? first.toString()
              : "the tests did not run (does it compile?): "
                  + String.join("\n", lines.subList(Math.max(0, lines.size() - 6), lines.size()))
                      .replace(root, "");
      return new Run(List.of(), problem, true, errors);
    }
    List<Test> tests = new ArrayList<>();
    for (String l : Files.readAllLines(report, StandardCharsets.UTF_8)) {
      String[] f = l.split("\t", -1);
      if (f.length >= 4) {
        tests.add(
            new Test(
                f[0],
                f[1],
                f[2].isEmpty() ? List.of() : Arrays.asList(f[2].split(",")),
                f[3],
                f.length > 4 ? unescape(f[4]) : f[3]));
      }
    }
    return new Run(tests, null, false, List.of());
  }

  /** Undoes the report's escapes: backslash-n is a line break, two backslashes one. */
  static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char d = s.charAt(++i);
        sb.append(d == 'n' ? '\n' : d);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Reports files outside the stubbed ones that the submission changed, added or lacks. */
  static void compareOthers(
      Release release, Path submission, Set<String> stubbed, Map<String, List<String>> changes)
      throws IOException {
    Set<String> theirs = files(submission);
    Set<String> ours = files(release.root());
    ours.remove(Release.INDEX);
    ours.removeAll(release.hidden());
    for (String f : ours) {
      if (stubbed.contains(f)) {
        continue;
      }
      if (!theirs.contains(f)) {
        changes.put(f, List.of("missing from the submission (the release's file was used)"));
      } else if (!Arrays.equals(
              Files.readAllBytes(release.root().resolve(f)),
              Files.readAllBytes(submission.resolve(f)))
          && !sameText(release.root().resolve(f), submission.resolve(f))) {
        changes.put(f, List.of("changed (not used: graded with the release's file)"));
      }
    }
    for (String f : theirs) {
      if (!ours.contains(f) && !release.hidden().contains(f)) {
        changes.put(f, List.of("added (not used)"));
      }
    }
  }

  static boolean sameText(Path a, Path b) throws IOException {
    try {
      return Files.readAllLines(a, StandardCharsets.UTF_8).stream()
          .map(String::stripTrailing)
          .toList()
          .equals(
              Files.readAllLines(b, StandardCharsets.UTF_8).stream()
                  .map(String::stripTrailing)
                  .toList());
    } catch (java.nio.charset.MalformedInputException e) {
      return false;
    }
  }

  static Set<String> files(Path root) throws IOException {
    Set<String> out = new TreeSet<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String rel = root.relativize(dir).toString().replace('\\', '/');
            return !dir.equals(root) && SKIP.contains(rel)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              out.add(root.relativize(file).toString().replace('\\', '/'));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return out;
  }

  /** Copies a release into {@code dest}, keeping file modes (the runner is executable). */
  static void copy(Path from, Path dest) throws IOException {
    Trees.copy(from, dest, Set.of());
  }

  static void write(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
