package assign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The teacher's release of an assignment: the student copy as handed out, plus the hidden tests,
 * plus {@code release.tsv}, which says where each stub is. Grading trusts only this folder.
 */
public final class Release {
  /** The file in a release that lists its stubs and hidden tests. */
  public static final String INDEX = "release.tsv";

  /** One stub: the file (relative, with '/'), its 0-based line and the exercise it stands for. */
  public record Stub(String file, int line, String id) {}

  private final Path root;
  private final List<Stub> stubs;
  private final List<String> hidden;

  private Release(Path root, List<Stub> stubs, List<String> hidden) {
    this.root = root;
    this.stubs = stubs;
    this.hidden = hidden;
  }

  /** The release folder. */
  public Path root() {
    return root;
  }

  /** The stubs, by file in order. */
  public Map<String, List<Stub>> stubsByFile() {
    Map<String, List<Stub>> out = new LinkedHashMap<>();
    stubs.forEach(s -> out.computeIfAbsent(s.file(), f -> new ArrayList<>()).add(s));
    return out;
  }

  /** The test files kept out of the student copy (relative paths). */
  public List<String> hidden() {
    return hidden;
  }

  /** Writes the index of a release. */
  public static void write(Path root, List<Stub> stubs, List<String> hidden) throws IOException {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "# written by ./jbang assign; grading trusts this folder only",
                "kind\tfile\tline\texercise"));
    stubs.forEach(s -> lines.add("stub\t" + s.file() + "\t" + (s.line() + 1) + "\t" + s.id()));
    hidden.forEach(h -> lines.add("hidden\t" + h + "\t\t"));
    Files.write(root.resolve(INDEX), lines, StandardCharsets.UTF_8);
  }

  /**
   * Reads the release in {@code root}.
   *
   * @throws IllegalArgumentException if {@code root} has no {@value #INDEX} (not a release)
   */
  public static Release read(Path root) throws IOException {
    Path index = root.resolve(INDEX);
    if (!Files.isRegularFile(index) || !Files.isRegularFile(root.resolve("tests/RunTests.java"))) {
      throw new IllegalArgumentException(
          "--release "
              + root
              + " is not a release (no "
              + INDEX
              + " or tests/RunTests.java): give the folder ./jbang assign wrote next to the student"
              + " copy (its name ends in -release)");
    }
    List<Stub> stubs = new ArrayList<>();
    List<String> hidden = new ArrayList<>();
    for (String l : Files.readAllLines(index, StandardCharsets.UTF_8)) {
      String[] f = l.split("\t", -1);
      if (f[0].equals("stub") && f.length >= 4) {
        stubs.add(new Stub(f[1], Integer.parseInt(f[2]) - 1, f[3]));
      } else if (f[0].equals("hidden") && f.length >= 2) {
        hidden.add(f[1]);
      }
    }
    return new Release(root, stubs, hidden);
  }
}
