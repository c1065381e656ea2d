import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vae.io.Project;

/** FIGURES.md, the map from the notes' pictures to the book's, names only figures that exist. */
class FiguresMapTest {
  /** A figure name in backticks: {@code `03_why_q`}. */
  static final Pattern FIGURE = Pattern.compile("`(\\d\\d_[a-z0-9_]+)`");

  @Test
  void everyFigureNamedInTheMapExistsInFigures() throws IOException {
    Path map = Project.root().resolve("FIGURES.md");
    assertThat(map).as("FIGURES.md at the top of the project").exists();
    Matcher m = FIGURE.matcher(Files.readString(map, StandardCharsets.UTF_8));
    Set<String> named = new TreeSet<>();
    while (m.find()) {
      named.add(m.group(1));
    }
    assertThat(named).as("figures named in FIGURES.md").hasSizeGreaterThan(20);
    Set<String> missing = new TreeSet<>();
    Path dir = Project.root().resolve("figures"); // the committed folder, not a test's scratch one
    for (String name : named) {
      if (!Files.exists(dir.resolve(name + ".png")) || !Files.exists(dir.resolve(name + ".svg"))) {
        missing.add(name);
      }
    }
    assertThat(missing).as("figures named in FIGURES.md but not in figures/ (run the chapter "
        + "that writes them and commit the .png and .svg)").isEmpty();
  }
}
