///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Runs the test suite (JUnit Jupiter + AssertJ): ./jbang test [--stress] [FILTER…]
//JAVA 17+
//DEPS org.junit:junit-bom:5.14.4@pom
//DEPS org.junit.jupiter:junit-jupiter
//DEPS org.junit.platform:junit-platform-launcher
//DEPS org.assertj:assertj-core:3.27.7
//DEPS org.jsoup:jsoup:1.18.3
//SOURCES ../lib/**.java
//SOURCES ../chapters/*.java
//SOURCES *.java
//RUNTIME_OPTIONS -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Dstdout.encoding=UTF-8

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import vae.io.Project;

/**
 * The test runner: every {@code tests/*Test.java} class, or those whose class, method, display
 * name or tag matches a filter ({@code KL-4}, {@code Ch02KlDivergenceTest}, {@code Checks}). Prints each test, the
 * output and message of each failure, and ends with {@code N passed, N failed, N skipped};
 * exits 1 on any failure or when nothing ran.
 *
 * <p>{@code --stress} reruns every statistical test at seeds 1…20 (system property vae.stress).
 */
class RunTests {
  public static void main(String[] args) throws IOException {
    List<String> filters = new ArrayList<>();
    Path report = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--stress")) {
        System.setProperty("vae.stress", "true");
      } else if (a.equals("--help") || a.equals("-h")) {
        System.out.println("usage: ./jbang test [--stress] [--tag TAG]… [--report FILE] [FILTER…]\n"
            + "  FILTER: a claim id (KL-4), a test class or method name\n"
            + "  --tag TAG: only tests tagged TAG or TAG… (--tag ex: every exercise test, --tag ex5.2: one)\n"
            + "  --report FILE: also write one line per test (tab-separated):\n"
            + "                 status, test, tags, message, the failure in full");
        return;
      } else if ((a.equals("--tag") || a.equals("--report")) && i + 1 < args.length) {
        if (a.equals("--tag")) {
          TAGS.add(args[++i]);
        } else {
          report = Path.of(args[++i]);
        }
      } else if (a.startsWith("-")) {
        System.err.println("test: unknown option '" + a + "' or missing value (known: --stress, --tag TAG, --report FILE, --help)");
        System.exit(2);
      } else {
        filters.add(norm(a));
      }
    }
    // Chapters run by tests write their figures to a scratch folder, not over the real ones.
    Path scratch = Files.createTempDirectory("vae-test-figures");
    System.setProperty("vae.figures", scratch.toString());

    Path testsDir = Project.root().resolve("tests");
    List<DiscoverySelector> classes;
    try (Stream<Path> files = Files.list(testsDir)) {
      classes = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Test.java"))
          .sorted().map(n -> (DiscoverySelector) selectClass(n.substring(0, n.length() - 5))).toList();
    }
    Launcher launcher = LauncherFactory.create();
    TestPlan plan = launcher.discover(LauncherDiscoveryRequestBuilder.request().selectors(classes).build());
    List<DiscoverySelector> chosen = new ArrayList<>();
    for (TestIdentifier root : plan.getRoots()) {
      collect(plan, root, filters, chosen);
    }
    Listener listener = new Listener();
    if (!chosen.isEmpty()) {
      launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(chosen).build(), listener);
    }
    if (report != null) {
      Files.write(report, listener.report, java.nio.charset.StandardCharsets.UTF_8);
    }
    System.out.printf("%d passed, %d failed, %d skipped%n", listener.passed, listener.failed, listener.skipped);
    if (listener.passed + listener.failed == 0) {
      System.err.println("test: no test matched " + (filters.isEmpty() ? "" : filters));
      System.exit(1);
    }
    System.exit(listener.failed == 0 ? 0 : 1);
  }

  /** A failure in full for the report: the exception, its message, the frames in project code. */
  static String failure(Throwable e) {
    StringBuilder sb = new StringBuilder(e.toString());
    int shown = 0;
    for (StackTraceElement el : e.getStackTrace()) {
      String c = el.getClassName();
      if (shown < 6 && !c.startsWith("org.junit") && !c.startsWith("java.") && !c.startsWith("jdk.")
          && !c.startsWith("org.assertj") && !c.startsWith("sun.")) {
        sb.append("\n  at ").append(el);
        shown++;
      }
    }
    return sb.toString();
  }

  /** Lower case, '-' as '_': so "KL-4" matches a method named KL_4_closedForm. */
  static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replace('-', '_');
  }

  /** The --tag values: a test is kept if one of its tags (or its class's) is TAG or starts with TAG. */
  static final List<String> TAGS = new ArrayList<>();

  static boolean tagged(TestIdentifier t) {
    return TAGS.isEmpty() || t.getTags().stream().anyMatch(tag -> TAGS.stream().anyMatch(f -> tag.getName().equals(f)
        || (tag.getName().startsWith(f) && !Character.isDigit(f.charAt(f.length() - 1)))));
  }

  static boolean matches(TestIdentifier t, List<String> filters) {
    if (!tagged(t)) {
      return false;
    }
    if (filters.isEmpty()) {
      return true;
    }
    // the class and method names, and the tags: a claim id is both (KL_4_… and @Tag("KL-4"))
    String hay = norm(t.getUniqueId() + " " + t.getDisplayName() + " "
        + t.getTags().stream().map(TestTag::getName).collect(Collectors.joining(" ")));
    for (String f : filters) {
      if (hay.matches("(?s).*" + java.util.regex.Pattern.quote(f) + "([^0-9].*|$)")) {
        return true;
      }
    }
    return false;
  }

  static void collect(TestPlan plan, TestIdentifier node, List<String> filters, List<DiscoverySelector> out) {
    if (matches(node, filters) && node.getParentId().isPresent()) {
      out.add(selectUniqueId(node.getUniqueId()));
      return;
    }
    for (TestIdentifier child : plan.getChildren(node)) {
      collect(plan, child, filters, out);
    }
  }

  /** Prints one line per test; hides a test's own output unless it fails. */
  static final class Listener implements TestExecutionListener {
    int passed;
    int failed;
    int skipped;
    private final PrintStream realOut = System.out;
    private final PrintStream realErr = System.err;
    private ByteArrayOutputStream captured;
    private long start;
    private TestPlan plan;
    /** One tab-separated line per test (and per failed class): status, test, tags, message. */
    final List<String> report = new ArrayList<>();

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
      plan = testPlan;
    }

    /** The test's tags and those of every container above it. */
    private String tags(TestIdentifier t) {
      java.util.TreeSet<String> all = new java.util.TreeSet<>();
      for (TestIdentifier n = t; n != null; n = plan.getParent(n).orElse(null)) {
        n.getTags().forEach(tag -> all.add(tag.getName()));
      }
      return String.join(",", all);
    }

    private void record(String status, TestIdentifier t, TestExecutionResult r) {
      String msg = r == null ? "" : r.getThrowable().map(e -> e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage())).orElse("");
      String full = r == null ? "" : r.getThrowable().map(RunTests::failure).orElse("");
      String oneLine = msg.replaceAll("\\s+", " ").strip();
      String escaped = full.replace("\\", "\\\\").replace("\t", "  ").replace("\r", "")
          .replace("\n", "\\n");
      report.add(status + "\t" + name(t) + "\t" + tags(t) + "\t" + oneLine + "\t" + escaped);
    }

    @Override
    public void executionStarted(TestIdentifier t) {
      if (t.isTest()) {
        captured = new ByteArrayOutputStream();
        PrintStream p = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(p);
        System.setErr(p);
        start = System.nanoTime();
      }
    }

    @Override
    public void executionSkipped(TestIdentifier t, String reason) {
      if (t.isTest()) {
        skipped++;
        report.add("SKIPPED\t" + name(t) + "\t" + tags(t) + "\t" + reason);
        realOut.printf("  - %s  (skipped: %s)%n", name(t), reason);
      }
    }

    @Override
    public void executionFinished(TestIdentifier t, TestExecutionResult r) {
      if (!t.isTest()) {
        if (r.getStatus() != TestExecutionResult.Status.SUCCESSFUL) { // a class-level failure
          failed++;
          record("FAILED", t, r);
          realOut.printf("  ✗ %s%n      %s%n", t.getDisplayName(), r.getThrowable().map(Throwable::toString).orElse(""));
        }
        return;
      }
      System.setOut(realOut);
      System.setErr(realErr);
      long ms = (System.nanoTime() - start) / 1_000_000;
      record(r.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "PASSED"
          : r.getStatus() == TestExecutionResult.Status.ABORTED ? "SKIPPED" : "FAILED", t, r);
      if (r.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
        passed++;
        realOut.printf("  ✓ %s  (%d ms)%n", name(t), ms);
      } else if (r.getStatus() == TestExecutionResult.Status.ABORTED) { // an assumption did not hold
        skipped++;
        realOut.printf("  - %s  (skipped: %s)%n", name(t), r.getThrowable().map(Throwable::getMessage).orElse(""));
      } else {
        failed++;
        realOut.printf("  ✗ %s  (%d ms)%n", name(t), ms);
        String out = captured.toString(StandardCharsets.UTF_8);
        if (!out.isBlank()) {
          String[] lines = out.split("\n");
          realOut.println("      output (last lines):");
          for (int i = Math.max(0, lines.length - 30); i < lines.length; i++) {
            realOut.println("      | " + lines[i]);
          }
        }
        r.getThrowable().ifPresent(e -> {
          realOut.println("      " + e.toString().replace("\n", "\n      "));
          for (StackTraceElement el : e.getStackTrace()) {
            if (!el.getClassName().startsWith("org.junit") && !el.getClassName().startsWith("java.")
                && !el.getClassName().startsWith("jdk.") && !el.getClassName().startsWith("org.assertj")) {
              realOut.println("        at " + el);
              break;
            }
          }
        });
      }
    }

    private static String name(TestIdentifier t) {
      return t.getSource().filter(s -> s instanceof MethodSource).map(s -> {
        MethodSource m = (MethodSource) s;
        String cls = m.getClassName();
        String shown = t.getDisplayName();
        String method = m.getMethodName();
        return cls + " › " + (shown.startsWith(method) ? shown : method + " [" + shown + "]");
      }).orElse(t.getDisplayName());
    }
  }
}
