import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vae.io.Project;

/**
 * The library's rooms depend on each other one way: probability and networks on nothing, figures
 * never on models, and no package on one that depends back on it (no cycles).
 */
class ImportGraphTest {
  private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?vae\\.([a-z]+)\\.");

  /** package → the other vae packages its classes import. */
  static Map<String, Set<String>> graph() throws IOException {
    Map<String, Set<String>> g = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(Project.root().resolve("lib/vae"))) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        String pkg = dir.getFileName().toString();
        Set<String> uses = g.computeIfAbsent(pkg, k -> new TreeSet<>());
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
            Matcher m = IMPORT.matcher(Files.readString(f));
            while (m.find()) {
              if (!m.group(1).equals(pkg)) {
                uses.add(m.group(1));
              }
            }
          }
        }
      }
    }
    return g;
  }

  @Test
  void probabilityAndNetworksStandAloneAndFiguresDoNotImportModels() throws IOException {
    Map<String, Set<String>> g = graph();
    assertThat(g.get("prob")).as("vae.prob imports").isEmpty();
    assertThat(g.get("nn")).as("vae.nn imports").isEmpty();
    assertThat(g.get("fig")).as("vae.fig imports").doesNotContain("model", "data");
  }

  @Test
  void modelsAndDataParseNoFlags() throws IOException {
    for (String pkg : new String[] {"model", "data", "prob", "nn", "fig", "io"}) {
      try (Stream<Path> files = Files.list(Project.root().resolve("lib/vae/" + pkg))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          assertThat(Files.readString(f)).as(f + ": command-line plumbing belongs in vae.book")
              .doesNotContain("import picocli");
        }
      }
    }
  }

  @Test
  void thePackageGraphHasNoCycle() throws IOException {
    Map<String, Set<String>> g = graph();
    List<String> cycles = new ArrayList<>();
    for (String start : g.keySet()) {
      // a cycle through start: start reaches itself
      Set<String> seen = new TreeSet<>();
      List<String> todo = new ArrayList<>(g.get(start));
      while (!todo.isEmpty()) {
        String p = todo.remove(todo.size() - 1);
        if (p.equals(start)) {
          cycles.add(start);
          break;
        }
        if (seen.add(p) && g.containsKey(p)) {
          todo.addAll(g.get(p));
        }
      }
    }
    assertThat(cycles).as("packages on an import cycle, graph " + g).isEmpty();
  }

  /** A top-level class, interface, record or enum declared at the start of a line. */
  private static final Pattern TOP_LEVEL = Pattern.compile(
      "(?m)^(?:public |final |abstract |sealed |non-sealed )*(?:class|interface|record|enum) "
          + "([A-Z][A-Za-z0-9_]*)");

  @Test
  void noTwoTopLevelTypesShareASimpleName() throws IOException {
    Map<String, List<String>> where = new TreeMap<>();
    for (String dir : List.of("lib", "tools", "chapters", "tests")) {
      try (Stream<Path> files = Files.walk(Project.root().resolve(dir))) {
        for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
          Matcher m = TOP_LEVEL.matcher(Files.readString(f));
          while (m.find()) {
            where.computeIfAbsent(m.group(1), k -> new ArrayList<>())
                .add(Project.root().relativize(f).toString());
          }
        }
      }
    }
    where.values().removeIf(files -> files.size() < 2);
    assertThat(where).as("simple names declared twice (ambiguous in ./jbang shell)").isEmpty();
  }
}
