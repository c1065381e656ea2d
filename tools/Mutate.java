///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Mutation testing (PIT) of vae.prob, vae.model, vae.nn: ./jbang tools/Mutate.java -h
//JAVA 17+
//DEPS org.pitest:pitest-command-line:1.30.2
//DEPS org.pitest:pitest-junit5-plugin:1.2.3
//SOURCES ../lib/**.java
//SOURCES ../chapters/*.java
//SOURCES ../tests/*.java

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.pitest.mutationtest.commandline.MutationCoverageReport;
import vae.io.Project;

/**
 * Runs PIT over the lib's formula packages with the JUnit suite and prints the mutation score per
 * package and every surviving mutant. Reports go to {@code out/pit/} (git-ignored). Run it as
 * {@code ./jbang tools/Mutate.java [--classes GLOBS] [--tests GLOBS]}.
 *
 * <p>JBang builds this script from the same sources as {@code ./jbang test}; the classes are
 * unpacked into {@code out/pit/classes} because PIT only mutates and discovers classes in folders.
 */
class Mutate {
  /** The packages whose formulas the issue asks the tests to defend. */
  static final String CLASSES = "vae.prob.*,vae.model.*,vae.nn.*";

  /**
   * PIT's defaults (flipped signs via MATH, negated and boundary conditions, dropped calls,
   * constant returns) plus: INLINE_CONSTS (a wrong constant), EXPERIMENTAL_ARGUMENT_PROPAGATION
   * (a call replaced by its argument: a variance for a standard deviation, {@code log x} for x)
   * and NON_VOID_METHOD_CALLS (a term computed by a call replaced by 0: a dropped term).
   */
  static final String MUTATORS =
      "DEFAULTS,INLINE_CONSTS,EXPERIMENTAL_ARGUMENT_PROPAGATION,NON_VOID_METHOD_CALLS";

  /**
   * Tests left out: they start {@code ./jbang} in a child process, which never loads a mutant
   * (PIT swaps classes inside its own test JVM), so they can only cost time.
   */
  static final String EXCLUDED_TESTS = "AssignGradeTest,RenderTest";

  public static void main(String[] args) throws Exception {
    String classes = CLASSES;
    String tests = "*Test";
    String mutators = MUTATORS;
    String threads = "2";
    String outDir = "out/pit";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      boolean hasValue = i + 1 < args.length;
      if (a.equals("--help") || a.equals("-h")) {
        System.out.println("usage: ./jbang tools/Mutate.java [--classes GLOBS] [--tests GLOBS]"
            + " [--mutators LIST] [--threads N] [--out DIR]\n"
            + "  --classes: classes to mutate (default " + CLASSES + "), e.g. vae.prob.MonteCarlo\n"
            + "  --tests:   test classes to run (default *Test, minus " + EXCLUDED_TESTS + ")\n"
            + "  --mutators: PIT mutators (default " + MUTATORS + ")\n"
            + "  --threads: PIT worker JVMs (default 2)\n"
            + "  --out:     working folder under out/, emptied first (default out/pit)\n"
            + "Writes OUT/report/index.html and mutations.xml; prints the score per package"
            + " and every surviving mutant.");
        return;
      } else if (a.equals("--classes") && hasValue) {
        classes = args[++i];
      } else if (a.equals("--tests") && hasValue) {
        tests = args[++i];
      } else if (a.equals("--mutators") && hasValue) {
        mutators = args[++i];
      } else if (a.equals("--out") && hasValue) {
        outDir = args[++i];
      } else if (a.equals("--threads") && hasValue && args[i + 1].matches("[1-9][0-9]*")) {
        threads = args[++i];
      } else {
        System.err.println("mutate: unknown option '" + a + "' or missing/bad value"
            + " (known: --classes GLOBS, --tests GLOBS, --mutators LIST, --threads N, --out DIR,"
            + " --help)");
        System.exit(2);
      }
    }
    Path root = Project.root();
    Path out = root.resolve(outDir).toAbsolutePath().normalize();
    if (!out.startsWith(root.resolve("out")) || out.equals(root.resolve("out"))) {
      System.err.println("mutate: --out " + outDir + " is not a folder under out/ (it is emptied"
          + " first, so it must be git-ignored scratch): use e.g. --out out/pit-prob");
      System.exit(2);
    }
    Path classDir = out.resolve("classes");
    Path report = out.resolve("report");
    deleteTree(out);
    Files.createDirectories(classDir);
    Path jar = Path.of(Mutate.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    unpackClasses(jar, classDir);
    // Chapters run by tests write figures: into a scratch folder, never over figures/.
    Path figures = Files.createTempDirectory("vae-mutate-figures");

    List<String> cp = new ArrayList<>(List.of(classDir.toString()));
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (!Path.of(e).toAbsolutePath().equals(jar.toAbsolutePath())) {
        cp.add(e);
      }
    }
    String[] pit = {
      "--reportDir", report.toString(),
      "--sourceDirs", String.join(",", root.resolve("lib").toString(),
          root.resolve("tests").toString(), root.resolve("chapters").toString()),
      "--targetClasses", classes,
      "--targetTests", tests,
      "--excludedTestClasses", EXCLUDED_TESTS,
      "--mutators", mutators,
      "--threads", threads,
      // a busy machine must not turn a slow survivor into a "killed by timeout"
      "--timeoutFactor", "3", "--timeoutConst", "10000",
      "--includeLaunchClasspath", "false",
      "--classPath", String.join(",", cp),
      "--mutableCodePaths", classDir.toString(),
      "--jvmArgs", String.join(",", "-Dvae.figures=" + figures, "-Djava.awt.headless=true",
          "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8"),
      "--outputFormats", "HTML,XML",
      "--timestampedReports", "false",
      "--excludedMethods", "toString,describe",
    };
    long start = System.nanoTime();
    MutationCoverageReport.main(pit);
    double minutes = (System.nanoTime() - start) / 60e9;
    summarise(report.resolve("mutations.xml"), minutes);
  }

  /** Copies every class in JBang's jar of this script, except this one, to {@code dir}. */
  static void unpackClasses(Path jar, Path dir) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        String n = e.getName();
        if (!n.endsWith(".class") || n.startsWith("Mutate")) {
          continue;
        }
        Path target = dir.resolve(n);
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(e)) {
          Files.copy(in, target);
        }
      }
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  /** Prints killed/total and the score per package, then one line per surviving mutant. */
  static void summarise(Path xml, double minutes) throws IOException {
    if (!Files.exists(xml)) {
      System.err.println("mutate: PIT wrote no " + xml);
      System.exit(1);
    }
    String text = Files.readString(xml);
    Pattern m = Pattern.compile("<mutation [^>]*status='([A-Z_]+)'[^>]*>(.*?)</mutation>",
        Pattern.DOTALL);
    Map<String, int[]> perPackage = new TreeMap<>();
    List<String> survivors = new ArrayList<>();
    Matcher it = m.matcher(text);
    while (it.find()) {
      String status = it.group(1);
      String body = it.group(2);
      String cls = tag(body, "mutatedClass");
      String pkg = cls.contains(".") ? cls.substring(0, cls.lastIndexOf('.')) : "";
      int[] c = perPackage.computeIfAbsent(pkg, k -> new int[2]);
      c[1]++;
      boolean killed = status.equals("KILLED") || status.equals("TIMED_OUT")
          || status.equals("MEMORY_ERROR") || status.equals("RUN_ERROR");
      if (killed) {
        c[0]++;
      } else {
        String mutator = tag(body, "mutator");
        survivors.add(String.format("%s\t%s:%s\t%s\t%s\t%s", status,
            cls.substring(cls.lastIndexOf('.') + 1), tag(body, "lineNumber"),
            tag(body, "mutatedMethod"), mutator.substring(mutator.lastIndexOf('.') + 1),
            tag(body, "description")));
      }
    }
    System.out.println();
    System.out.println("Not killed (status, class:line, method, mutator, description):");
    survivors.forEach(s -> System.out.println("  " + s));
    int killed = 0;
    int total = 0;
    for (Map.Entry<String, int[]> e : perPackage.entrySet()) {
      int[] c = e.getValue();
      killed += c[0];
      total += c[1];
      System.out.printf("MUTATE %-10s %4d/%4d killed  %5.1f%%%n", e.getKey(), c[0], c[1],
          100.0 * c[0] / c[1]);
    }
    System.out.printf("MUTATE %-10s %4d/%4d killed  %5.1f%%  (%.1f min)%n", "all", killed, total,
        total == 0 ? 0.0 : 100.0 * killed / total, minutes);
  }

  static String tag(String body, String name) {
    Matcher t = Pattern.compile("<" + name + ">(.*?)</" + name + ">", Pattern.DOTALL).matcher(body);
    if (!t.find()) {
      return "";
    }
    return t.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }
}
