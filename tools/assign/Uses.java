package assign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Which chapters and which other exercises need each exercise, found by running them: in a scratch
 * copy of the project every solution region first records that it ran, then every chapter runs with
 * {@code --quick} and every exercise test runs, in one JVM, and the records say who reached which
 * region. Nothing is maintained by hand, so it stays true as code moves.
 */
public final class Uses {
  /** Limit for the whole tracing run. */
  static final long TIMEOUT_MINUTES = 30;

  private final Map<String, Set<String>> chapters = new TreeMap<>();
  private final Map<String, Set<String>> needs = new TreeMap<>();
  private String summary = "";

  private Uses() {}

  /** The chapters (file names without .java) that ran exercise {@code id}'s region. */
  public List<String> chapters(String id) {
    return new ArrayList<>(chapters.getOrDefault(id, Set.of()));
  }

  /** The other exercises whose regions ran in exercise {@code id}'s tests. */
  public List<String> needs(String id) {
    return needs.getOrDefault(id, Set.of()).stream().sorted(Exercises::compareIds).toList();
  }

  /** What ran, and how long it took. */
  public String summary() {
    return summary;
  }

  /**
   * Traces the project in {@code root} for the exercises {@code ids}.
   *
   * @throws IllegalStateException naming the log if the tracing run fails
   */
  public static Uses trace(Path root, Collection<String> ids)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    Path tmp = Files.createTempDirectory("vae-assign-trace");
    try {
      copy(root, tmp);
      for (Path f : Exercises.javaFiles(tmp)) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        List<Exercises.Region> regions = Exercises.regions(f.toString(), lines);
        if (regions.isEmpty()) {
          continue;
        }
        List<String> out = new ArrayList<>(lines);
        for (Exercises.Region r : regions) {
          out.set(r.begin(), r.indent() + "assigntrace.Hit.hit(\"" + r.id() + "\");");
          out.set(r.end(), "");
        }
        Files.writeString(f, String.join("\n", out) + "\n", StandardCharsets.UTF_8);
      }
      Files.createDirectories(tmp.resolve("lib/assigntrace"));
      Files.writeString(tmp.resolve("lib/assigntrace/Hit.java"), HIT, StandardCharsets.UTF_8);
      List<String> header = new ArrayList<>();
      for (String l :
          Files.readAllLines(tmp.resolve("tests/RunTests.java"), StandardCharsets.UTF_8)) {
        if (!l.startsWith("//")) {
          break;
        }
        header.add(
            l.startsWith("//DESCRIPTION")
                ? "//DESCRIPTION traces exercise use (written by assign)"
                : l);
      }
      Files.writeString(
          tmp.resolve("tests/TraceUses.java"),
          String.join("\n", header) + "\n" + RUNNER,
          StandardCharsets.UTF_8);
      Path result = tmp.resolve("uses.tsv");
      Path log = tmp.resolve("trace.log");
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  tmp.resolve("jbang").toString(),
                  tmp.resolve("tests/TraceUses.java").toString(),
                  result.toString()));
      cmd.addAll(ids);
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .directory(tmp.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Path jars = root.resolve(".jbang-wrapper");
      if (System.getenv("JBANG_WRAPPER_DIR") == null && Files.isDirectory(jars)) {
        pb.environment().put("JBANG_WRAPPER_DIR", jars.toString());
      }
      System.out.println(
          "assign: tracing which chapters and tests reach each exercise (every chapter --quick; "
              + "--no-trace skips this) …");
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
      if (!Files.isRegularFile(result)) {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        throw new IllegalStateException(
            "tracing failed (use --no-trace to skip it): "
                + String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size())));
      }
      Uses uses = new Uses();
      int nChapters = 0;
      for (String l : Files.readAllLines(result, StandardCharsets.UTF_8)) {
        String[] f = l.split("\t", -1);
        if (f[0].equals("chapter") && f.length == 2) {
          nChapters++;
        } else if (f[0].equals("chapter") && f.length >= 3) {
          uses.chapters.computeIfAbsent(f[2], k -> new TreeSet<>()).add(f[1]);
        } else if (f[0].equals("test") && f.length >= 3) {
          for (String tag : f[1].split(",")) {
            if (tag.startsWith("ex") && !tag.substring(2).equals(f[2])) {
              uses.needs.computeIfAbsent(tag.substring(2), k -> new TreeSet<>()).add(f[2]);
            }
          }
        }
      }
      uses.summary =
          nChapters
              + " chapter"
              + (nChapters == 1 ? "" : "s")
              + ", "
              + String.format("%.0f s", (System.nanoTime() - t0) / 1e9);
      return uses;
    } finally {
      delete(tmp);
    }
  }

  /** Copies a project into {@code dest}, skipping {@link Grader#SKIP} folders. */
  static void copy(Path from, Path dest) throws IOException {
    Trees.copy(from, dest, Grader.SKIP);
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  static final String HIT =
      """
      package assigntrace;

      import java.util.Set;
      import java.util.concurrent.ConcurrentHashMap;

      /** Records which solution region ran, and in which context (written by assign's tracing). */
      public final class Hit {
        /** What runs now: "chapter\\tNAME" or "test\\tTAGS". */
        public static volatile String context = "";
        /** context + "\\t" + exercise id, once each. */
        public static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

        private Hit() {}

        /** Records that exercise {@code id}'s region ran. */
        public static void hit(String id) {
          SEEN.add(context + "\\t" + id);
        }
      }
      """;

  static final String RUNNER =
      """

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs every chapter --quick and the exercise tests, recording which regions each reached. */
class TraceUses {
  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    List<String> lines = new ArrayList<>();
    Path root = vae.io.Project.root();
    System.setProperty("vae.figures", Files.createTempDirectory("vae-trace-figures").toString());
    List<Path> chapters;
    try (Stream<Path> s = Files.list(root.resolve("chapters"))) {
      chapters = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path ch : chapters) {
      String name = ch.getFileName().toString().replace(".java", "");
      String cls = Files.readAllLines(ch).stream()
          .filter(l -> l.matches("^(final )?class \\\\w+.*")).findFirst()
          .map(l -> l.replaceFirst("^(final )?class (\\\\w+).*", "$2")).orElse(null);
      if (cls == null) {
        continue;
      }
      out.println("trace: " + name);
      assigntrace.Hit.context = "chapter\\t" + name;
      lines.add("chapter\\t" + name);
      System.setOut(quiet);
      System.setErr(quiet);
      try {
        var c = Class.forName(cls).getDeclaredConstructor();
        c.setAccessible(true);
        Class.forName("vae.book.Chapter").getMethod("run", Callable.class, String[].class)
            .invoke(null, c.newInstance(), new String[] {"--quick"});
      } finally {
        System.setOut(out);
        System.setErr(out);
      }
    }
    List<DiscoverySelector> classes;
    try (Stream<Path> s = Files.list(root.resolve("tests"))) {
      classes = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Test.java")).sorted()
          .map(n -> n.substring(0, n.length() - 5))
          .map(n -> (DiscoverySelector) DiscoverySelectors.selectClass(n))
          .toList();
    }
    String[] tags = Arrays.stream(args).skip(1).map(id -> "ex" + id).toArray(String[]::new);
    out.println("trace: exercise tests");
    System.setOut(quiet);
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(classes)
        .filters(TagFilter.includeTags(tags)).build(), new TestExecutionListener() {
          @Override
          public void executionStarted(TestIdentifier t) {
            if (t.isTest()) {
              assigntrace.Hit.context = "test\\t" + t.getTags().stream().map(g -> g.getName())
                  .sorted().collect(Collectors.joining(","));
            }
          }
        });
    System.setOut(out);
    lines.addAll(assigntrace.Hit.SEEN);
    Files.write(Path.of(args[0]), lines);
    System.exit(0);
  }
}
""";
}
