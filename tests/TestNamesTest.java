import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vae.io.Project;

/**
 * One naming scheme for the tests, so a newcomer can guess where a test lives: {@code ChNN…Test}
 * for a chapter's claims and its run (NN an existing chapter, e.g. Ch07DecodersAndTradeoffTest),
 * {@code <Class>Test} for a unit of lib/ or tools/ (DiagGaussianTest), and a short list of tests
 * that check the project as a whole. A test named after a claim ({@code KL_4_…}) carries the claim
 * id as a JUnit tag, {@code @Tag("KL-4")}, so {@code ./jbang test KL-4} and the report find it.
 */
class TestNamesTest {
  /**
   * Tests of the project as a whole, which no single class or chapter owns.
   */
  static final Set<String> CROSS_CUTTING = Set.of(
      "AssignGradeTest", // tools/Assign and tools/Grade together, on a fixture project
      "CatalogTest", // jbang-catalog.json against the chapters and tools
      "ChapterHeadersTest", "ChapterStyleTest", "ChapterTitlesTest", // every chapter's source
      "ClaimsLedgerTest", // CLAIMS.md against the CHECKs, headers and tests
      "CleanTreeTest", // every chapter's --quick leaves git status as it was
      "FiguresMapTest", // FIGURES.md against the figures
      "FlagsTest", // every flag the README or a message names exists
      "ImportGraphTest", // the package graph of lib/
      "JbangWrapperTest", // the ./jbang wrapper's pinned jar list (tools/bump-jbang)
      "NumpyEngineTest", "TorchBridgeTest", // the book's numbers against NumPy and PyTorch
      "ProbFormulasTest", // small formulas across vae.prob that PIT found unchecked
      "SamplersAndComparisonsTest", // PIT gaps: the linear-Gaussian sampler, Matrix.maxAbsDiff
      "TestNamesTest"); // this file
  /** A chapter's tests: Ch, its two-digit number, a name, Test. */
  static final Pattern CHAPTER_TEST = Pattern.compile("Ch(\\d\\d)[A-Z]\\w*Test");
  /** A test method named after a claim: {@code void KL_4_closedFormEqualsMonteCarlo(}. */
  static final Pattern CLAIM_METHOD = Pattern.compile("(?m)^[ \\t]+(?:(?:public|protected|private|"
      + "static)\\s+)*void ([A-Z]{2,4})_(\\d+)_\\w*\\s*\\(");
  /** An annotation line above a method, a tag among them. */
  static final Pattern TAG = Pattern.compile("@Tag\\(\"([^\"]+)\"\\)");

  static List<Path> testFiles() throws IOException {
    try (Stream<Path> s = Files.list(Project.root().resolve("tests"))) {
      return s.filter(p -> p.getFileName().toString().endsWith("Test.java")).sorted().toList();
    }
  }

  static Set<String> classesUnder(String... dirs) throws IOException {
    Set<String> out = new TreeSet<>();
    for (String d : dirs) {
      try (Stream<Path> s = Files.walk(Project.root().resolve(d))) {
        s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
            .forEach(n -> out.add(n.substring(0, n.length() - 5)));
      }
    }
    return out;
  }

  static Set<String> chapterNumbers() throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> s = Files.list(Project.root().resolve("chapters"))) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d\\d_.*\\.java"))
          .forEach(n -> out.add(n.substring(0, 2)));
    }
    return out;
  }

  @Test
  void everyTestIsAChaptersAClassesOrCrossCutting() throws IOException {
    Set<String> classes = classesUnder("lib", "tools");
    Set<String> chapters = chapterNumbers();
    List<String> problems = new ArrayList<>();
    for (Path p : testFiles()) {
      String name = p.getFileName().toString().replace(".java", "");
      Matcher ch = CHAPTER_TEST.matcher(name);
      if (ch.matches()) {
        if (!chapters.contains(ch.group(1))) {
          problems.add(name + ": there is no chapter " + ch.group(1) + " in chapters/");
        }
      } else if (!CROSS_CUTTING.contains(name)
          && !classes.contains(name.substring(0, name.length() - "Test".length()))) {
        problems.add(name + ": name it ChNN<Chapter>Test (a chapter's claims and run), "
            + "<Class>Test for a class under lib/ or tools/, or add it to "
            + "TestNamesTest.CROSS_CUTTING with a comment saying why");
      }
    }
    assertThat(problems).as("test names (tests/*Test.java)").isEmpty();
  }

  @Test
  void crossCuttingNamesAreTestsThatExist() throws IOException {
    Set<String> names = new TreeSet<>();
    testFiles().forEach(p -> names.add(p.getFileName().toString().replace(".java", "")));
    assertThat(names).as("every name in CROSS_CUTTING is a test in tests/")
        .containsAll(CROSS_CUTTING);
  }

  @Test
  void everyTestNamedAfterAClaimCarriesItsIdAsATag() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path p : testFiles()) {
      String src = Files.readString(p, StandardCharsets.UTF_8);
      Matcher m = CLAIM_METHOD.matcher(src);
      while (m.find()) {
        String id = m.group(1) + "-" + m.group(2);
        Set<String> tags = new TreeSet<>();
        Matcher t = TAG.matcher(annotationsAbove(src, m.start()));
        while (t.find()) {
          tags.add(t.group(1));
        }
        if (!tags.contains(id)) {
          missing.add(p.getFileName() + ": " + m.group().strip().replace("void ", "")
              .replace("(", "") + " needs @Tag(\"" + id + "\")");
        }
      }
    }
    assertThat(missing).as("claim tests without their claim's tag").isEmpty();
  }

  /**
   * The lines right above a method declaration that starts at {@code at}: its annotations, up to
   * a blank line, the end of a comment or of the previous member.
   */
  static String annotationsAbove(String src, int at) {
    List<String> lines = List.of(src.substring(0, at).split("\n", -1));
    StringBuilder out = new StringBuilder();
    for (int i = lines.size() - 2; i >= 0; i--) {
      String l = lines.get(i).strip();
      if (l.isEmpty() || l.endsWith(";") || l.endsWith("{") || l.equals("}") || l.endsWith("*/")
          || l.startsWith("//")) {
        break;
      }
      out.insert(0, l + "\n");
    }
    return out.toString();
  }
}
