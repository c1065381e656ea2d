///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Grades a copy: runs its exercise tests (@Tag("ex5.2")) and prints a score table and a CSV line: ./jbang grade [DIR]
//JAVA 17+
//SOURCES ../lib/**.java
//SOURCES assign/*.java

import assign.Exercises;
import assign.Exercises.Exercise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vae.book.Chapter;
import vae.book.Project;

/**
 * The autograder (like nbgrader's "autograde"): runs the tests tagged {@code ex…} in a copy of
 * the project, maps them to exercises by tag, and scores each exercise all or nothing: its points
 * when every one of its tests passes, else 0.
 */
@Command(name = "grade", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs a copy's exercise tests and prints a score table, a total and a CSV gradebook line.",
        "An exercise earns its points when all of its tests (JUnit @Tag(\"ex5.2\")) pass."})
class Grade implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", arity = "0..1", description = "the copy to grade (default: this project)")
  Path dir;

  @Option(names = "--student", paramLabel = "NAME", description = "the name in the CSV line (default: the folder's name)")
  String student;

  @Option(names = "--csv", paramLabel = "FILE", description = "also append the CSV line to FILE (header written if new)")
  Path csv;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "900",
      description = "stop the tests after this long; everything scores 0 (default: ${DEFAULT-VALUE})")
  long timeout;

  /** How one test ended, from the runner's report. */
  record Result(String status, String test, List<String> tags, String message) {}

  public static void main(String[] args) {
    System.exit(Chapter.run(new Grade(), args));
  }

  @Override
  public Integer call() throws Exception {
    Path root = (dir != null ? dir : Project.root()).toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("tests/RunTests.java")) || !Files.isRegularFile(root.resolve("jbang"))) {
      throw new IllegalArgumentException("not a project copy (no jbang and tests/RunTests.java): " + root);
    }
    Path manifest = root.resolve("assignment.tsv");
    Map<String, Exercise> exercises = Files.isRegularFile(manifest) ? Exercises.readManifest(manifest) : Exercises.scan(root);
    String name = student != null ? student : root.getFileName().toString();

    Path work = root.resolve(".grade");
    Files.createDirectories(work);
    Path report = work.resolve("report.tsv");
    Path log = work.resolve("tests.log");
    Files.deleteIfExists(report);
    ProcessBuilder pb = new ProcessBuilder(root.resolve("jbang").toString(), root.resolve("tests/RunTests.java").toString(),
        "--tag", "ex", "--report", report.toString()).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Path shared = Project.root().resolve(".jbang-wrapper");
    if (System.getenv("JBANG_WRAPPER_DIR") == null && Files.isDirectory(shared)) {
      pb.environment().put("JBANG_WRAPPER_DIR", shared.toString()); // reuse this project's JBang jars
    }
    System.out.printf("grade: %s — running its exercise tests (log: %s)%n", root, root.relativize(log));
    long t0 = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().close();
    boolean finished = p.waitFor(timeout, TimeUnit.SECONDS);
    if (!finished) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;

    List<Result> results = new ArrayList<>();
    String problem = null;
    if (!finished) {
      problem = "the tests did not finish within " + timeout + " s";
    } else if (!Files.isRegularFile(report)) {
      problem = "the tests did not run (does the copy compile?): " + lastLines(log, 6);
    } else {
      for (String l : Files.readAllLines(report, StandardCharsets.UTF_8)) {
        String[] f = l.split("\t", -1);
        if (f.length >= 4) {
          results.add(new Result(f[0], f[1], f[2].isEmpty() ? List.of() : List.of(f[2].split(",")), f[3]));
        }
      }
    }
    for (Result r : results) { // tests of exercises no region declares still count, at 1 point
      for (String tag : r.tags()) {
        if (tag.matches("ex[0-9.]+") && !exercises.containsKey(tag.substring(2))) {
          exercises.put(tag.substring(2), new Exercise(tag.substring(2), "(tests only: no solution region found)", 1, List.of()));
        }
      }
    }
    exercises = Exercises.sorted(exercises);

    System.out.printf("%n%-9s %-40s %7s %7s  %-7s %s%n", "exercise", "title", "points", "tests", "result", "first failure");
    int earned = 0;
    int possible = 0;
    Map<String, Integer> score = new LinkedHashMap<>();
    for (Exercise e : exercises.values()) {
      List<Result> mine = results.stream().filter(r -> r.tags().contains(e.tag())).toList();
      long passed = mine.stream().filter(r -> r.status().equals("PASSED")).count();
      boolean ok = problem == null && !mine.isEmpty() && passed == mine.size();
      String why = problem != null ? problem
          : mine.isEmpty() ? "no test is tagged " + e.tag()
          : mine.stream().filter(r -> !r.status().equals("PASSED")).findFirst()
              .map(r -> r.test() + ": " + (r.message().isEmpty() ? r.status().toLowerCase() : r.message())).orElse("");
      int pts = ok ? e.points() : 0;
      earned += pts;
      possible += e.points();
      score.put(e.id(), pts);
      System.out.printf("%-9s %-40s %7s %7s  %-7s %s%n", e.id(), cut(e.title(), 40), pts + "/" + e.points(),
          passed + "/" + mine.size(), ok ? "passed" : "failed", cut(why, 110));
    }
    System.out.printf("%ntotal %d/%d points (%d exercises, %d tests, %.1f s)%n", earned, possible, exercises.size(),
        results.size(), seconds);
    String header = "student," + String.join(",", score.keySet().stream().map(id -> "ex" + id).toList()) + ",total,max";
    String line = csvField(name) + "," + String.join(",", score.values().stream().map(String::valueOf).toList()) + ","
        + earned + "," + possible;
    System.out.println("CSV " + header);
    System.out.println("CSV " + line);
    if (csv != null) {
      boolean fresh = !Files.exists(csv) || Files.size(csv) == 0;
      Files.writeString(csv, (fresh ? header + "\n" : "") + line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    return 0;
  }

  static String lastLines(Path log, int n) throws IOException {
    List<String> lines = Files.isRegularFile(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }

  static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  static String csvField(String s) {
    return s.matches("[^,\"\\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
