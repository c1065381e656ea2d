import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vae.io.Project;

/** The catalog is the table of contents: every alias points at a file, every chapter has an alias. */
class CatalogTest {
  /** "name": { … "script-ref": "path" … } — the catalog's only nesting we rely on. */
  private static final Pattern ALIAS = Pattern.compile(
      "\"([^\"]+)\"\\s*:\\s*\\{([^{}]*)\\}");
  private static final Pattern FIELD = Pattern.compile("\"([a-z-]+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** alias → its fields (script-ref, description, …), read with two regular expressions. */
  static Map<String, Map<String, String>> aliases() throws IOException {
    String json = Files.readString(Project.root().resolve("jbang-catalog.json"));
    int start = json.indexOf("\"aliases\"");
    assertThat(start).as("jbang-catalog.json has an \"aliases\" object").isNotNegative();
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Matcher m = ALIAS.matcher(json.substring(start + "\"aliases\"".length()));
    while (m.find()) {
      Map<String, String> fields = new LinkedHashMap<>();
      Matcher f = FIELD.matcher(m.group(2));
      while (f.find()) {
        fields.put(f.group(1), f.group(2));
      }
      out.put(m.group(1), fields);
    }
    return out;
  }

  @Test
  void everyAliasPointsAtAnExistingFileAndHasADescription() throws IOException {
    Map<String, Map<String, String>> aliases = aliases();
    assertThat(aliases).containsKey("test");
    aliases.forEach((name, fields) -> {
      assertThat(fields).as("alias %s", name).containsKey("script-ref");
      assertThat(Project.root().resolve(fields.get("script-ref"))).as("script-ref of alias %s", name).isRegularFile();
      assertThat(fields.get("description")).as("description of alias %s", name).isNotBlank();
      // a file or folder named like an alias would shadow it (JBANG.md)
      assertThat(name).as("alias name").isNotIn("figures", "lib", "chapters", "tests", "data");
    });
  }

  @Test
  void everyChapterHasAnAlias() throws IOException {
    List<String> refs = aliases().values().stream().map(f -> f.get("script-ref")).toList();
    List<String> chapters;
    try (Stream<Path> files = Files.list(Project.root().resolve("chapters"))) {
      chapters = files.map(p -> "chapters/" + p.getFileName())
          .filter(n -> n.matches("chapters/\\d\\d_[a-z0-9_]+\\.java")).sorted().toList();
    }
    assertThat(chapters).isNotEmpty();
    assertThat(refs).as("script-refs in jbang-catalog.json").containsAll(chapters);
  }
}
