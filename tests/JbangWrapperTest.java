import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vae.io.Project;

/**
 * The ./jbang wrapper's pinned jar list (written by tools/bump-jbang) parses: every line is a
 * SHA-256 and a Maven repository path group/artifact/version/artifact-version.jar, sorted, with no
 * artifact twice; it holds jbang-cli at the wrapper's JBANG_VERSION and each pinned version.
 */
class JbangWrapperTest {
  /** One line of the list: 64 hex digits, a space, group/…/artifact/version/artifact-version.jar. */
  static final Pattern ENTRY =
      Pattern.compile("([0-9a-f]{64}) ((.+)/([^/]+)/([^/]+)/\\4-\\5\\.jar)");
  /** A pin in the wrapper's Maven fallback: groupId, artifactId, version. */
  static final Pattern PIN = Pattern.compile("<dependency><groupId>([^<]+)</groupId><artifactId>"
      + "([^<]+)</artifactId><version>([^<]+)</version></dependency>");

  static String wrapper() throws IOException {
    return Files.readString(Project.root().resolve("jbang"), StandardCharsets.UTF_8);
  }

  /** The lines between {@code MANIFEST=$(cat <<'LIST'} and {@code LIST}. */
  static List<String> list(String wrapper) {
    int open = wrapper.indexOf("MANIFEST=$(cat <<'LIST'\n");
    assertThat(open).as("./jbang has a MANIFEST=$(cat <<'LIST' … LIST block").isNotNegative();
    int start = wrapper.indexOf('\n', open) + 1;
    int end = wrapper.indexOf("\nLIST\n", start);
    assertThat(end).as("the list ends with a line LIST").isPositive();
    return List.of(wrapper.substring(start, end).split("\n"));
  }

  @Test
  void everyEntryIsAHashAndAMavenPathSortedWithoutDuplicates() throws IOException {
    List<String> lines = list(wrapper());
    assertThat(lines).as("the pinned jars").hasSizeGreaterThan(10);
    Map<String, String> versions = new LinkedHashMap<>(); // group:artifact → version
    List<String> problems = new ArrayList<>();
    String previous = "";
    for (String line : lines) {
      Matcher m = ENTRY.matcher(line);
      if (!m.matches()) {
        problems.add("not 'SHA-256 group/artifact/version/artifact-version.jar': " + line);
        continue;
      }
      String ga = m.group(3).replace('/', '.') + ":" + m.group(4);
      if (versions.put(ga, m.group(5)) != null) {
        problems.add(ga + " is listed twice");
      }
      if (m.group(2).compareTo(previous) <= 0) {
        problems.add(m.group(2) + " is out of order (the list is sorted by path)");
      }
      previous = m.group(2);
    }
    assertThat(problems).as("./jbang's pinned list (regenerate it with tools/bump-jbang)")
        .isEmpty();
  }

  @Test
  void theListHoldsJbangCliAtTheWrappersVersionAndEveryPin() throws IOException {
    String w = wrapper();
    Matcher v = Pattern.compile("(?m)^JBANG_VERSION=(\\S+)$").matcher(w);
    assertThat(v.find()).as("./jbang sets JBANG_VERSION").isTrue();
    String version = v.group(1);
    Map<String, String> versions = new LinkedHashMap<>();
    for (String line : list(w)) {
      Matcher m = ENTRY.matcher(line);
      if (m.matches()) {
        versions.put(m.group(3).replace('/', '.') + ":" + m.group(4), m.group(5));
      }
    }
    assertThat(versions).containsEntry("dev.jbang:jbang-cli", version);
    int managed = w.indexOf("<dependencyManagement>");
    Matcher pin = PIN.matcher(w.substring(managed, w.indexOf("</dependencyManagement>")));
    int pins = 0;
    while (pin.find()) {
      assertThat(versions).as("the pin %s:%s", pin.group(1), pin.group(2))
          .containsEntry(pin.group(1) + ":" + pin.group(2), pin.group(3));
      pins++;
    }
    assertThat(pins).as("pins in the wrapper's Maven fallback").isPositive();
  }
}
