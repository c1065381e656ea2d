package assign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Solution regions in a project's {@code chapters/} and {@code lib/}:
 *
 * <pre>
 * // BEGIN SOLUTION (Exercise 5.2: the ELBO loss)        1 point unless the title ends ", 2 points"
 * …the code a student writes…
 * // END SOLUTION
 * </pre>
 *
 * and the student version of a file, where each region becomes {@code throw new
 * UnsupportedOperationException("Exercise 5.2: the ELBO loss");}.
 */
public final class Exercises {
  static final Pattern BEGIN =
      Pattern.compile(
          "^(\\s*)// BEGIN SOLUTION \\(Exercise ([0-9]+(?:\\.[0-9]+)*)(?::\\s*(.*))?\\)\\s*$");
  static final Pattern END = Pattern.compile("^\\s*// END SOLUTION\\s*$");
  static final Pattern HINT = Pattern.compile("^\\s*// HINT:(.*)$");
  static final Pattern POINTS = Pattern.compile("^(.*?)[,;]\\s*(\\d+) points?$");

  /** The folders that may hold solution regions. */
  public static final List<String> FOLDERS = List.of("chapters", "lib");

  /**
   * One exercise: its id (5.2), title, points and where its region(s) are (file:line, relative).
   */
  public record Exercise(String id, String title, int points, List<String> where) {
    /** The message of the stub's exception: {@code Exercise 5.2: the ELBO loss}. */
    public String message() {
      return "Exercise " + id + (title.isEmpty() ? "" : ": " + title);
    }

    /** The JUnit tag of the exercise's tests: {@code ex5.2}. */
    public String tag() {
      return "ex" + id;
    }
  }

  /** One region in one file: the lines [begin, end] hold the markers (0-based). */
  public record Region(String id, String title, int points, int begin, int end, String indent) {}

  private Exercises() {}

  /**
   * The regions of one file, in order.
   *
   * @throws IllegalArgumentException naming the file and line of an unclosed, nested or stray
   *     marker, or of a region that does not end its block (code after a throw does not compile)
   */
  public static List<Region> regions(String where, List<String> lines) {
    List<Region> out = new ArrayList<>();
    Matcher open = null;
    int openAt = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      Matcher b = BEGIN.matcher(l);
      if (b.matches()) {
        if (open != null) {
          throw new IllegalArgumentException(
              where
                  + ":"
                  + (i + 1)
                  + ": BEGIN SOLUTION inside the region opened at line "
                  + (openAt + 1)
                  + " (close it with // END SOLUTION first)");
        }
        open = b;
        openAt = i;
      } else if (END.matcher(l).matches()) {
        if (open == null) {
          throw new IllegalArgumentException(
              where + ":" + (i + 1) + ": END SOLUTION without a BEGIN SOLUTION above it");
        }
        int next = i + 1;
        while (next < lines.size()
            && (lines.get(next).isBlank() || lines.get(next).strip().startsWith("//"))) {
          next++;
        }
        if (next >= lines.size() || !lines.get(next).strip().startsWith("}")) {
          throw new IllegalArgumentException(
              where
                  + ":"
                  + (i + 1)
                  + ": the region of Exercise "
                  + open.group(2)
                  + " must end its block (the next code line should start with '}'), because a"
                  + " student copy replaces it with a throw and code after a throw does not"
                  + " compile; move END SOLUTION to the end of the block");
        }
        String title = open.group(3) == null ? "" : open.group(3).strip();
        int points = 1;
        Matcher p = POINTS.matcher(title);
        if (p.matches()) {
          title = p.group(1).strip();
          points = Integer.parseInt(p.group(2));
        }
        out.add(new Region(open.group(2), title, points, openAt, i, open.group(1)));
        open = null;
      } else if (l.contains("BEGIN SOLUTION") || l.contains("END SOLUTION")) {
        if (l.strip().startsWith("//")) {
          throw new IllegalArgumentException(
              where
                  + ":"
                  + (i + 1)
                  + ": malformed marker '"
                  + l.strip()
                  + "' (write // BEGIN SOLUTION (Exercise 5.2: what to do) … // END SOLUTION, each"
                  + " on its own line)");
        }
      }
    }
    if (open != null) {
      throw new IllegalArgumentException(
          where
              + ":"
              + (openAt + 1)
              + ": BEGIN SOLUTION (Exercise "
              + open.group(2)
              + ") is never closed (add // END SOLUTION)");
    }
    return out;
  }

  /**
   * The file with markers dropped: regions of exercises in {@code blank} become a throw, the others
   * keep their code.
   */
  public static List<String> studentVersion(
      List<String> lines, List<Region> regions, java.util.function.Predicate<String> blank) {
    return studentVersion(lines, regions, blank, new ArrayList<>());
  }

  /**
   * As {@link #studentVersion(List, List, java.util.function.Predicate)}, and adds to {@code stubs}
   * the 0-based line of each stub in the result with its exercise id. A region's {@code // HINT: …}
   * lines stay in the student copy, above its stub, as {@code // Hint: …}.
   */
  public static List<String> studentVersion(
      List<String> lines,
      List<Region> regions,
      java.util.function.Predicate<String> blank,
      List<Map.Entry<Integer, String>> stubs) {
    List<String> out = new ArrayList<>();
    int i = 0;
    for (Region r : regions) {
      while (i < r.begin()) {
        out.add(lines.get(i++));
      }
      Exercise e = new Exercise(r.id(), r.title(), r.points(), List.of());
      if (blank.test(r.id())) {
        for (String l : lines.subList(r.begin() + 1, r.end())) {
          Matcher h = HINT.matcher(l);
          if (h.matches()) {
            out.add(r.indent() + "// Hint: " + h.group(1).strip());
          }
        }
        stubs.add(Map.entry(out.size(), r.id()));
        out.add(
            r.indent()
                + "throw new UnsupportedOperationException(\""
                + javaString(e.message())
                + "\");");
      } else {
        out.addAll(lines.subList(r.begin() + 1, r.end()));
      }
      i = r.end() + 1;
    }
    while (i < lines.size()) {
      out.add(lines.get(i++));
    }
    return out;
  }

  /** Every exercise under {@code root}'s chapters/ and lib/, by id in numeric order. */
  public static Map<String, Exercise> scan(Path root) throws IOException {
    Map<String, Exercise> found = new LinkedHashMap<>();
    for (Path file : javaFiles(root)) {
      String rel = root.relativize(file).toString().replace('\\', '/');
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (Region r : regions(rel, lines)) {
        Exercise prev = found.get(r.id());
        List<String> where = new ArrayList<>(prev == null ? List.of() : prev.where());
        where.add(rel + ":" + (r.begin() + 1));
        String title = prev != null && !prev.title().isEmpty() ? prev.title() : r.title();
        int points = prev == null ? r.points() : Math.max(prev.points(), r.points());
        found.put(r.id(), new Exercise(r.id(), title, points, where));
      }
    }
    return sorted(found);
  }

  /** The .java files under root's chapters/ and lib/, sorted. */
  public static List<Path> javaFiles(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String f : FOLDERS) {
      Path dir = root.resolve(f);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.walk(dir)) {
          s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
              .sorted()
              .forEach(files::add);
        }
      }
    }
    return files;
  }

  /** Exercises ordered by their numbers (2.10 after 2.9). */
  public static Map<String, Exercise> sorted(Map<String, Exercise> in) {
    Map<String, Exercise> out = new LinkedHashMap<>();
    in.keySet().stream().sorted(Exercises::compareIds).forEach(k -> out.put(k, in.get(k)));
    return out;
  }

  public static int compareIds(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  /** The manifest a student copy carries (assignment.tsv): exercise, points, title, where. */
  public static List<String> manifest(Map<String, Exercise> exercises) {
    List<String> out = new ArrayList<>(List.of("exercise\tpoints\ttitle\twhere"));
    exercises
        .values()
        .forEach(
            e ->
                out.add(
                    e.id()
                        + "\t"
                        + e.points()
                        + "\t"
                        + e.title().replace('\t', ' ')
                        + "\t"
                        + String.join(" ", e.where())));
    return out;
  }

  /** Reads a manifest written by {@link #manifest}. */
  public static Map<String, Exercise> readManifest(Path file) throws IOException {
    Map<String, Exercise> out = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String l : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = l.split("\t", -1);
      if (f.length >= 3) {
        out.put(
            f[0],
            new Exercise(
                f[0],
                f[2],
                Integer.parseInt(f[1]),
                f.length > 3 ? List.of(f[3].split(" ")) : List.of()));
      }
    }
    return sorted(out);
  }

  static String javaString(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
