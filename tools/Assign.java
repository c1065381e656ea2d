///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Makes a student copy: every // BEGIN SOLUTION … // END SOLUTION region becomes a throw: ./jbang assign --out DIR
//JAVA 17+
//SOURCES ../lib/**.java
//SOURCES assign/*.java

import assign.Exercises;
import assign.Exercises.Exercise;
import assign.Exercises.Region;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
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
import vae.book.Project;

/**
 * The teacher's side of an assignment (like nbgrader's "generate"): copies the project, replaces
 * each solution region in chapters/ and lib/ by a throw that names the exercise, keeps the tests,
 * drops the markers, and writes ASSIGNMENT.md and assignment.tsv for the student and the grader.
 */
@Command(name = "assign", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Writes a student copy of the project: each solution region becomes",
        "  throw new UnsupportedOperationException(\"Exercise 5.2: …\");",
        "The copy compiles, keeps every test, and has no solution markers (and no .git, figures or caches)."})
class Assign implements Callable<Integer> {
  @Option(names = "--out", paramLabel = "DIR", description = "where the student copy goes (new or empty folder)")
  Path out;

  @Option(names = "--from", paramLabel = "DIR", description = "the project to copy (default: this one)")
  Path from;

  @Option(names = "--exercises", paramLabel = "ID", split = ",",
      description = "only these exercises become stubs (e.g. 2.1,5.2); the other regions keep their solution")
  List<String> only;

  @Option(names = "--list", description = "list the exercises and their points; write nothing")
  boolean list;

  /** Folders never copied: history (it holds the solutions), caches, and what runs produce. */
  static final Set<String> SKIP = Set.of(".git", ".jbang-wrapper", ".grade", "figures", "out", "target", "data/mnist");

  public static void main(String[] args) {
    System.exit(Chapter.run(new Assign(), args));
  }

  @Override
  public Integer call() throws IOException {
    Path root = (from != null ? from : Project.root()).toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("jbang-catalog.json"))) {
      throw new IllegalArgumentException("not a project folder (no jbang-catalog.json): " + root + " (use --from DIR)");
    }
    Map<String, Exercise> all = Exercises.scan(root);
    if (all.isEmpty()) {
      throw new IllegalStateException("no // BEGIN SOLUTION (Exercise …) regions under " + root + "/chapters or /lib");
    }
    Set<String> chosen = new LinkedHashSet<>(only == null ? all.keySet() : only);
    for (String id : chosen) {
      if (!all.containsKey(id)) {
        throw new IllegalArgumentException("no exercise " + id + " (there are: " + String.join(", ", all.keySet()) + ")");
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
    if (dest.equals(root) || root.startsWith(dest)) {
      throw new IllegalArgumentException("--out " + dest + " would overwrite the project itself; choose a new folder");
    }
    if (Files.exists(dest)) {
      try (Stream<Path> s = Files.list(dest)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException("--out " + dest + " is not empty (choose a new folder, or empty it first)");
        }
      }
    }
    int copied = copy(root, dest);
    int stubs = 0;
    for (Path src : Exercises.javaFiles(root)) {
      String rel = root.relativize(src).toString().replace('\\', '/');
      List<String> lines = Files.readAllLines(src, StandardCharsets.UTF_8);
      List<Region> regions = Exercises.regions(rel, lines);
      if (!regions.isEmpty()) {
        stubs += (int) regions.stream().filter(r -> chosen.contains(r.id())).count();
        List<String> student = Exercises.studentVersion(lines, regions, chosen::contains);
        Files.writeString(dest.resolve(rel), String.join("\n", student) + "\n", StandardCharsets.UTF_8);
      }
    }
    Map<String, Exercise> picked = new java.util.LinkedHashMap<>();
    chosen.forEach(id -> picked.put(id, all.get(id)));
    Map<String, Exercise> set = Exercises.sorted(picked);
    Files.write(dest.resolve("assignment.tsv"), Exercises.manifest(set), StandardCharsets.UTF_8);
    Files.writeString(dest.resolve("ASSIGNMENT.md"), guide(set), StandardCharsets.UTF_8);
    for (Path f : Exercises.javaFiles(dest)) { // the copy must not give anything away
      if (Files.readString(f, StandardCharsets.UTF_8).contains("// BEGIN SOLUTION")) {
        throw new IllegalStateException("a marker survived in " + f + " (this is a bug in assign)");
      }
    }
    print(all, chosen);
    int points = set.values().stream().mapToInt(Exercise::points).sum();
    System.out.printf("assign: wrote %s — %d files, %d exercises (%d stubs), %d points; see ASSIGNMENT.md there%n",
        dest, copied, set.size(), stubs, points);
    return 0;
  }

  static void print(Map<String, Exercise> all, Set<String> chosen) {
    int w = Math.max(5, all.values().stream().mapToInt(e -> e.title().length()).max().orElse(5));
    String row = "%-9s %-6s %-" + w + "s  %s%s%n";
    System.out.printf(row, "exercise", "points", "title", "where", "");
    for (Exercise e : all.values()) {
      System.out.printf(row, e.id(), e.points(), e.title(), String.join(" ", e.where()),
          chosen.contains(e.id()) ? "" : "   (kept: not in this assignment)");
    }
  }

  static String guide(Map<String, Exercise> set) {
    StringBuilder sb = new StringBuilder("# Assignment\n\n");
    int points = set.values().stream().mapToInt(Exercise::points).sum();
    sb.append(set.size()).append(" exercises, ").append(points).append(" points. Each exercise is a place in the code that\n")
        .append("now reads `throw new UnsupportedOperationException(\"Exercise N.M: …\")`: replace that line with\n")
        .append("your code. A chapter runs up to the first exercise you have not done and says which one.\n\n")
        .append("| exercise | points | what to write | where |\n|---|---|---|---|\n");
    for (Exercise e : set.values()) {
      sb.append("| ").append(e.id()).append(" | ").append(e.points()).append(" | ").append(e.title()).append(" | `")
          .append(String.join("`, `", e.where())).append("` |\n");
    }
    sb.append("\nCheck your work:\n\n```bash\n./jbang grade              # your score table, as your teacher will see it\n")
        .append("./jbang test --tag ex").append(set.keySet().iterator().next())
        .append("   # the tests of one exercise, with their messages\n```\n");
    return sb.toString();
  }

  /** Copies root to dest, skipping {@link #SKIP} folders; keeps file modes (executable chapters). */
  static int copy(Path root, Path dest) throws IOException {
    int[] n = {0};
    Files.createDirectories(dest.resolve("figures"));
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(root) && (SKIP.contains(root.relativize(dir).toString().replace('\\', '/')) || dir.equals(dest))) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(dest.resolve(root.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile() && !file.getFileName().toString().equals(".git")) { // a worktree's .git is a file
          Files.copy(file, dest.resolve(root.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
              LinkOption.NOFOLLOW_LINKS);
          n[0]++;
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return n[0];
  }
}
