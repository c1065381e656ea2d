///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Makes a student copy: every // BEGIN SOLUTION … // END SOLUTION region becomes a throw: ./jbang assign --out DIR
//JAVA 17+
//SOURCES ../lib/**.java
//SOURCES assign/*.java

import assign.Exercises;
import assign.Exercises.Exercise;
import assign.Exercises.Region;
import assign.Release;
import assign.Trees;
import assign.Uses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vae.book.Chapter;
import vae.io.Project;

/**
 * The teacher's side of an assignment (like nbgrader's "generate"): copies the project, replaces
 * each solution region in chapters/ and lib/ by a throw that names the exercise, keeps the tests,
 * drops the markers, and writes ASSIGNMENT.md and assignment.tsv for the student and the grader.
 */
@Command(
    name = "assign",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes a student copy of the project: each solution region becomes",
      "  throw new UnsupportedOperationException(\"Exercise 5.2: …\");",
      "The copy compiles, keeps every test, and has no solution markers (and no .git, figures or"
          + " caches)."
    })
class Assign implements Callable<Integer> {
  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "where the student copy goes (new or empty folder)")
  Path out;

  @Option(
      names = "--from",
      paramLabel = "DIR",
      description = "the project to copy (default: this one)")
  Path from;

  @Option(
      names = "--exercises",
      paramLabel = "ID",
      split = ",",
      description =
          "only these exercises become stubs (e.g. 2.1,5.2); the other regions keep their solution")
  List<String> only;

  @Option(names = "--list", description = "list the exercises and their points; write nothing")
  boolean list;

  @Option(
      names = "--release",
      paramLabel = "DIR",
      description =
          "where the teacher's release goes, the folder grading trusts (default: OUT-release)")
  Path release;

  @Option(
      names = "--hide",
      paramLabel = "TEST",
      split = ",",
      description =
          "test classes or files kept out of the student copy, run only when grading"
              + " (also: any test file with @Tag(\"hidden\"))")
  List<String> hide;

  @Option(
      names = "--trace",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "run every chapter (--quick) and exercise test on the solutions to list which chapters"
              + " and exercises need each exercise in ASSIGNMENT.md (default; --no-trace skips it)")
  boolean trace;

  /** Folders never copied: history (it holds the solutions), caches, and what runs produce. */
  static final Set<String> SKIP =
      Set.of(".git", ".jbang-wrapper", ".grade", "figures", "out", "target", "data/mnist");

  public static void main(String[] args) {
    System.exit(Chapter.run(new Assign(), args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path root = (from != null ? from : Project.root()).toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("jbang-catalog.json"))) {
      throw new IllegalArgumentException(
          "not a project folder (no jbang-catalog.json): " + root + " (use --from DIR)");
    }
    Map<String, Exercise> all = Exercises.scan(root);
    if (all.isEmpty()) {
      throw new IllegalStateException(
          "no // BEGIN SOLUTION (Exercise …) regions under " + root + "/chapters or /lib");
    }
    Set<String> chosen = new LinkedHashSet<>(only == null ? all.keySet() : only);
    for (String id : chosen) {
      if (!all.containsKey(id)) {
        throw new IllegalArgumentException(
            "no exercise " + id + " (there are: " + String.join(", ", all.keySet()) + ")");
      }
    }
    if (list) {
      print(all, chosen);
      return 0;
    }
    if (out == null) {
      throw new IllegalArgumentException("say where the student copy goes: --out DIR");
    }
    Path dest = out.toAbsolutePath().normalize();
    Path rel =
        (release != null ? release : dest.resolveSibling(dest.getFileName() + "-release"))
            .toAbsolutePath()
            .normalize();
    for (Path d : List.of(dest, rel)) {
      String opt = d == dest ? "--out " : "--release ";
      if (d.equals(root) || root.startsWith(d) || d.startsWith(root)) {
        throw new IllegalArgumentException(
            opt + d + " is inside the project (or holds it); choose a folder outside " + root);
      }
      if (Files.exists(d)) {
        try (Stream<Path> s = Files.list(d)) {
          if (s.findAny().isPresent()) {
            throw new IllegalArgumentException(
                opt + d + " is not empty (choose a new folder, or empty it first)");
          }
        }
      }
    }
    if (dest.startsWith(rel) || rel.startsWith(dest)) {
      throw new IllegalArgumentException(
          "--out " + dest + " and --release " + rel + " must be separate folders");
    }
    List<String> hidden = hiddenTests(root);

    // 1. the release: the whole project with the chosen regions stubbed, hidden tests included
    int copied = copy(root, rel);
    int stubs = 0;
    List<Release.Stub> where = new ArrayList<>();
    for (Path src : Exercises.javaFiles(root)) {
      String file = root.relativize(src).toString().replace('\\', '/');
      List<String> lines = Files.readAllLines(src, StandardCharsets.UTF_8);
      List<Region> regions = Exercises.regions(file, lines);
      if (!regions.isEmpty()) {
        stubs += (int) regions.stream().filter(r -> chosen.contains(r.id())).count();
        List<Map.Entry<Integer, String>> at = new ArrayList<>();
        List<String> student = Exercises.studentVersion(lines, regions, chosen::contains, at);
        at.forEach(e -> where.add(new Release.Stub(file, e.getKey(), e.getValue())));
        Files.writeString(
            rel.resolve(file), String.join("\n", student) + "\n", StandardCharsets.UTF_8);
      }
    }
    Map<String, Exercise> picked = new java.util.LinkedHashMap<>();
    chosen.forEach(id -> picked.put(id, all.get(id)));
    Map<String, Exercise> set = Exercises.sorted(picked);
    Uses uses = null;
    if (trace) {
      try {
        uses = Uses.trace(root, set.keySet());
      } catch (IllegalStateException e) {
        System.out.println("assign: " + e.getMessage());
        System.out.println("assign: going on without it; ASSIGNMENT.md says \"(not traced)\"");
      }
    }
    Files.write(rel.resolve("assignment.tsv"), Exercises.manifest(set), StandardCharsets.UTF_8);
    Files.writeString(
        rel.resolve("ASSIGNMENT.md"), guide(set, uses, !hidden.isEmpty()), StandardCharsets.UTF_8);
    for (Path f : Exercises.javaFiles(rel)) { // neither copy may give anything away
      if (Files.readString(f, StandardCharsets.UTF_8).contains("// BEGIN SOLUTION")) {
        throw new IllegalStateException("a marker survived in " + f + " (this is a bug in assign)");
      }
    }
    // 2. the student copy: the release without its hidden tests
    copy(rel, dest);
    for (String h : hidden) {
      Files.delete(dest.resolve(h));
    }
    Release.write(rel, where, hidden);

    print(all, chosen);
    int points = set.values().stream().mapToInt(Exercise::points).sum();
    System.out.printf(
        "assign: wrote %s — %s, %s (%s), %s; see ASSIGNMENT.md there%n",
        dest,
        plural(copied - hidden.size(), "file"),
        plural(set.size(), "exercise"),
        plural(stubs, "stub"),
        plural(points, "point"));
    System.out.printf(
        "assign: wrote the release %s — keep it: grading trusts it, not the returned copies"
            + "%s%n",
        rel,
        hidden.isEmpty()
            ? ""
            : " (it also holds the hidden tests " + String.join(", ", hidden) + ")");
    return 0;
  }

  /** {@code 1 exercise}, {@code 2 exercises}. */
  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * The test files kept out of the student copy: named by --hide, or tagged {@code @Tag("hidden")}.
   */
  List<String> hiddenTests(Path root) throws IOException {
    Set<String> out = new java.util.TreeSet<>();
    for (String h : hide == null ? List.<String>of() : hide) {
      String file =
          h.contains("/") || h.endsWith(".java") ? h.replace('\\', '/') : "tests/" + h + ".java";
      if (!file.contains("/")) {
        file = "tests/" + file;
      }
      if (!Files.isRegularFile(root.resolve(file)) || !file.startsWith("tests/")) {
        throw new IllegalArgumentException(
            "--hide "
                + h
                + ": no test file "
                + root.resolve(file)
                + " (name a test class, e.g. --hide StatsHiddenTest, or a file under tests/)");
      }
      out.add(file);
    }
    try (Stream<Path> s = Files.list(root.resolve("tests"))) {
      for (Path p :
          (Iterable<Path>) s.filter(p -> p.toString().endsWith(".java")).sorted()::iterator) {
        if (Files.readString(p, StandardCharsets.UTF_8).contains("@Tag(\"hidden\")")) {
          out.add("tests/" + p.getFileName());
        }
      }
    }
    return new ArrayList<>(out);
  }

  static void print(Map<String, Exercise> all, Set<String> chosen) {
    int w =
        Math.max(
            5,
            Math.min(60, all.values().stream().mapToInt(e -> e.title().length()).max().orElse(5)));
    String row = "%-9s %-6s %-" + w + "s  %s%s%n";
    System.out.printf(row, "exercise", "points", "title", "where", "");
    for (Exercise e : all.values()) {
      System.out.printf(
          row,
          e.id(),
          e.points(),
          cut(e.title(), w),
          String.join(" ", e.where()),
          chosen.contains(e.id()) ? "" : "   (kept: not in this assignment)");
    }
  }

  static String or(List<String> items, String none) {
    return items.isEmpty() ? none : String.join(", ", items);
  }

  static String cut(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  static String guide(Map<String, Exercise> set, Uses uses, boolean hidden) {
    StringBuilder sb = new StringBuilder("# Assignment\n\n");
    int points = set.values().stream().mapToInt(Exercise::points).sum();
    sb.append(plural(set.size(), "exercise"))
        .append(", ")
        .append(plural(points, "point"))
        .append(". Each exercise is a place ")
        .append(
            "in the code that\n"
                + "now reads `throw new UnsupportedOperationException(\"Exercise N.M: …\")`, with a"
                + " ")
        .append(
            "one-line hint above it:\n"
                + "replace that line with your code, and write nothing outside it (grading ")
        .append(
            "takes only\n"
                + "that part of each file; changes elsewhere are reported and not used). A chapter"
                + " runs up ")
        .append("to the\nfirst exercise it needs that you have not done, and says which one.\n\n")
        .append(
            "| exercise | points | what to write | where | chapters that need it | needs exercises"
                + " |\n")
        .append("|---|---|---|---|---|---|\n");
    for (Exercise e : set.values()) {
      sb.append("| ")
          .append(e.id())
          .append(" | ")
          .append(e.points())
          .append(" | ")
          .append(e.title().replace("|", "\\|"))
          .append(" | `")
          .append(
              String.join("`, `", e.where().stream().map(w -> w.replaceAll(":\\d+$", "")).toList()))
          .append("` | ")
          .append(
              uses == null ? "(not traced)" : or(uses.chapters(e.id()), "none (its tests only)"))
          .append(" | ")
          .append(uses == null ? "(not traced)" : or(uses.needs(e.id()), "none"))
          .append(" |\n");
    }
    if (uses != null) {
      sb.append(
              "\n"
                  + "\"Chapters that need it\" and \"needs exercises\" were found by running every"
                  + " chapter ")
          .append(
              "(`--quick`) and\n"
                  + "every exercise test on the solutions and recording which solution regions ran")
          .append(" (")
          .append(uses.summary())
          .append(").\nAn exercise whose tests need another one scores only ")
          .append("when both are done.\n");
    }
    if (hidden) {
      sb.append(
              "\n"
                  + "Your teacher also grades with tests you do not have (hidden tests), so passing"
                  + " your own\n")
          .append("tests is necessary but may not be enough.\n");
    }
    sb.append(
            "\n"
                + "Check your work:\n\n"
                + "```bash\n"
                + "./jbang grade              # your score table (your own tests)\n")
        .append("./jbang test --tag ex")
        .append(set.keySet().iterator().next())
        .append("   # the tests of one exercise, with their messages\n```\n");
    return sb.toString();
  }

  /** Copies root to dest, skipping {@link #SKIP} folders; keeps file modes. */
  static int copy(Path root, Path dest) throws IOException {
    Files.createDirectories(dest.resolve("figures"));
    return Trees.copy(root, dest, SKIP);
  }
}
