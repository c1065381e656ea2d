import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vae.io.Project;

/**
 * A chapter's title has one source, its {@code //DESCRIPTION Ch.N — title} line, and four
 * copies that must say the same: the {@code @Command} description (which every chapter prints
 * as its first line), the {@code # Chapter N — title} header, the catalog's description and the
 * README table's link text.
 */
class ChapterTitlesTest {
  private static final Pattern DESCRIPTION =
      Pattern.compile("(?m)^//DESCRIPTION Ch\\.(\\d+) — (.+)$");
  /** {@code description = "…" + "…")}: the string literals of the annotation, joined. */
  private static final Pattern COMMAND = Pattern.compile(
      "description = (\"(?:[^\"\\\\]|\\\\.)*\"(?:\\s*\\+\\s*\"(?:[^\"\\\\]|\\\\.)*\")*)\\)");

  record Title(int number, String text) {}

  static Title title(Path chapter) throws IOException {
    Matcher m = DESCRIPTION.matcher(Files.readString(chapter));
    assertThat(m.find()).as(chapter + " has a //DESCRIPTION Ch.N — title line").isTrue();
    return new Title(Integer.parseInt(m.group(1)), m.group(2));
  }

  @Test
  void theNumberInTheTitleIsTheFilesNumber() throws IOException {
    for (Path ch : ChapterHeadersTest.chapters()) {
      int fromName = Integer.parseInt(ch.getFileName().toString().substring(0, 2));
      assertThat(title(ch).number()).as(ch.toString()).isEqualTo(fromName);
    }
  }

  @Test
  void commandDescriptionAndHeaderRepeatTheTitle() throws IOException {
    for (Path ch : ChapterHeadersTest.chapters()) {
      Title t = title(ch);
      String src = Files.readString(ch);
      Matcher m = COMMAND.matcher(src);
      assertThat(m.find()).as(ch + " has an @Command description").isTrue();
      String joined = m.group(1).replaceAll("\"\\s*\\+\\s*\"", "");
      joined = joined.substring(1, joined.length() - 1);
      assertThat(joined).as(ch + " @Command description")
          .isEqualTo("Chapter " + t.number() + " — " + t.text());
      assertThat(src).as(ch + " header").contains("\n * # Chapter " + t.number() + " — " + t.text()
          + "\n");
    }
  }

  @Test
  void catalogAndReadmeRepeatTheTitle() throws IOException {
    Map<String, Map<String, String>> aliases = CatalogTest.aliases();
    String readme = Files.readString(Project.root().resolve("README.md"));
    for (Path ch : ChapterHeadersTest.chapters()) {
      Title t = title(ch);
      String ref = "chapters/" + ch.getFileName();
      List<String> described = aliases.values().stream()
          .filter(a -> ref.equals(a.get("script-ref"))).map(a -> a.get("description")).toList();
      assertThat(described).as("catalog entries for " + ref).isNotEmpty()
          .allMatch(d -> d.startsWith("Ch." + t.number() + " — " + t.text()));
      assertThat(readme).as("README table row for " + ref)
          .contains("[" + t.text() + "](" + ref + ")");
    }
  }

  @Test
  void theCatalogListsTheChaptersFirstAndInOrder() throws IOException {
    List<String> refs = CatalogTest.aliases().values().stream().map(a -> a.get("script-ref"))
        .toList();
    int chapters = (int) refs.stream().filter(r -> r.startsWith("chapters/")).count();
    List<String> first = refs.subList(0, chapters);
    assertThat(first).as("the catalog's first entries are the chapters")
        .allMatch(r -> r.startsWith("chapters/"));
    assertThat(first).as("chapters in order").isSorted();
  }
}
