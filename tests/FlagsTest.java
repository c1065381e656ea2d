import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vae.book.Chapter;
import vae.io.Project;
import vae.book.MnistOptions;

/**
 * Flags and messages tell the truth: every flag the README or a message in the code names exists
 * in some {@code --help}; a bad value is blamed on its own flag; {@code --data-dir} has the
 * default the README gives; {@code -V} prints the book's version; {@code --download} is real.
 */
class FlagsTest {
  static final Pattern FLAG = Pattern.compile("(?<![\\w!-])--[a-z][a-z0-9-]*(?![A-Za-z0-9])");
  // (not <!--, and not another program's camelCase flags such as PIT's --targetClasses)
  static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");
  static final Pattern OPTION =
      Pattern.compile("@Option\\(\\s*names\\s*=\\s*(\\{[^}]*}|\"[^\"]*\")");
  /** Flags in string literals that are not ours: arguments the code passes to another program. */
  static final Map<String, String> NOT_OURS = Map.of(
      "--class-path", "a jshell option (tools/Shell.java starts JShell)",
      "--startup", "a jshell option (tools/Shell.java starts JShell)",
      "--porcelain", "a git option (the README's clean-tree check, git status --porcelain)");

  static List<Callable<Integer>> chapters() {
    return List.of(new Ch01Autoencoder(), new Ch02KlDivergence(), new Ch03MonteCarlo(),
        new Ch04Reparameterization(), new Ch05Elbo(), new Ch06LatentSpace(),
        new Ch07DecodersAndTradeoff(), new Ch08TighterBounds(), new Ch09LearnedPriors(),
        new Ch10ConditionalVae());
  }

  /** Runs {@code chapter} with {@code args}; returns {exit code, standard output, error}. */
  static Object[] run(Callable<Integer> chapter, String... args) {
    return ChapterRun.run(() -> chapter, args); // --help and -V print no CHECK
  }

  static List<Path> sources(String dir) throws IOException {
    try (Stream<Path> s = Files.walk(Project.root().resolve(dir))) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  /**
   * The chapters' {@code --help} (run here), the test runner's, and the options the tools declare
   * (tools/ are separate scripts, not on this class path; picocli lists every declared option).
   */
  static String everyHelp() throws IOException {
    StringBuilder help = new StringBuilder();
    for (Callable<Integer> ch : chapters()) {
      Object[] r = run(ch, "--help");
      assertThat((int) r[0]).as(ch.getClass() + " --help").isZero();
      help.append(r[1]);
    }
    PrintStream real = System.out;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    try {
      RunTests.main(new String[] {"--help"});
    } finally {
      System.setOut(real);
    }
    help.append(o.toString(StandardCharsets.UTF_8));
    for (Path tool : sources("tools")) {
      String src = Files.readString(tool);
      Matcher manual = Pattern.compile("equals\\(\"(--[a-z0-9-]+)\"\\)").matcher(src);
      while (manual.find()) { // a tool that parses its arguments by hand (tools/Mutate.java)
        help.append(manual.group(1)).append('\n');
      }
      Matcher m = OPTION.matcher(src);
      while (m.find()) {
        help.append(m.group(1)).append('\n');
        int close = src.indexOf(')', m.end());
        if (close > 0 && src.substring(m.end(), close).contains("negatable = true")) {
          help.append(m.group(1).replace("--", "--no-")).append('\n'); // --[no-]name
        }
      }
      if (Files.readString(tool).contains("mixinStandardHelpOptions = true")) {
        help.append("--help --version\n");
      }
    }
    // the Python tools declare theirs with argparse's add_argument("--x", the shell scripts (.sh,
    // or no extension and a bash first line, like tools/bump-jbang) as case labels "--x)"
    try (Stream<Path> py = Files.walk(Project.root().resolve("tools"))) {
      for (Path p : py.filter(f -> f.toString().matches(".*\\.(py|sh)$") || bashScript(f))
          .sorted().toList()) {
        Matcher m = Pattern.compile("add_argument\\(\"(--[a-z0-9-]+)\"|(?m)^\\s*(--[a-z0-9-]+)\\)")
            .matcher(Files.readString(p));
        while (m.find()) {
          help.append(m.group(1) != null ? m.group(1) : m.group(2)).append('\n');
        }
      }
    }
    return help.toString();
  }

  /** A file without an extension whose first line runs bash. */
  static boolean bashScript(Path f) {
    if (!Files.isRegularFile(f) || f.getFileName().toString().contains(".")) {
      return false;
    }
    try (var lines = Files.lines(f)) {
      return lines.findFirst().orElse("").matches("#!.*\\bbash\\b.*");
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  @Test
  void everyFlagTheReadmeOrAMessageNamesExistsInSomeHelp() throws IOException {
    Map<String, String> named = new TreeMap<>(); // flag → where it is named
    Matcher readme = FLAG.matcher(Files.readString(Project.root().resolve("README.md")));
    while (readme.find()) {
      named.putIfAbsent(readme.group(), "README.md");
    }
    for (String dir : List.of("lib", "chapters", "tools")) {
      for (Path src : sources(dir)) {
        Matcher s = STRING.matcher(Files.readString(src));
        while (s.find()) {
          Matcher f = FLAG.matcher(s.group());
          while (f.find()) {
            named.putIfAbsent(f.group(), Project.root().relativize(src).toString());
          }
        }
      }
    }
    assertThat(named).containsKeys("--download", "--data-dir", "--figures", "--lr");
    TreeSet<String> helped = new TreeSet<>();
    Matcher h = FLAG.matcher(everyHelp());
    while (h.find()) {
      helped.add(h.group());
    }
    named.keySet().removeAll(NOT_OURS.keySet());
    named.keySet().removeAll(helped);
    assertThat(named).as("flags named in the README or a message but in no --help").isEmpty();
  }

  @Test
  void aBadLearningRateIsBlamedOnLr() {
    for (String lr : new String[] {"1e9", "-1", "0"}) {
      Object[] r = run(new Ch05Elbo(), "--lr", lr);
      assertThat((int) r[0]).isEqualTo(2);
      assertThat((String) r[2]).contains("--lr must be in (0, 1), got")
          .doesNotContain("--weight-decay");
    }
    Object[] r = run(new Ch05Elbo(), "--lr", "0.5", "--weight-decay", "3");
    assertThat((int) r[0]).isEqualTo(2);
    assertThat((String) r[2]).contains("--weight-decay").contains("got 3.0");
  }

  @Test
  void dataDirDefaultsToDataMnistUnderTheProject() {
    MnistOptions none = new MnistOptions();
    new CommandLine(none).parseArgs();
    assertThat(none.dir()).isEqualTo(Project.root().resolve("data/mnist"));
    assertThat((String) run(new Ch05Elbo(), "--help")[1]).contains("--data-dir=DIR")
        .contains("default: data/mnist").contains("--download");
  }

  @Test
  void downloadIsAFlagOfChapter05AndNeedsMnist(@TempDir Path empty) {
    Object[] r = run(new Ch05Elbo(), "--download");
    assertThat((int) r[0]).isEqualTo(2);
    assertThat((String) r[2]).contains("--download").contains("--data mnist");
    // without the files and without --download: one line naming the folder and the way out
    r = run(new Ch05Elbo(), "--data", "mnist", "--data-dir", empty.toString(), "--quick");
    assertThat((int) r[0]).isEqualTo(1);
    assertThat(((String) r[2]).strip().lines()).hasSize(1);
    assertThat((String) r[2]).contains(empty.toAbsolutePath().toString()).contains("--download");
  }

  @Test
  void versionPrintsTheBooksVersion() {
    for (Callable<Integer> ch : chapters()) {
      for (String flag : new String[] {"-V", "--version"}) {
        Object[] r = run(ch, flag);
        assertThat((int) r[0]).isZero();
        assertThat(((String) r[1]).strip()).as(ch.getClass() + " " + flag)
            .isEqualTo("VAE, Verified " + Project.VERSION);
      }
    }
  }
}
