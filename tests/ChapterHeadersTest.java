import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vae.io.Project;

/**
 * Every chapter opens with the same JBang header (STYLE.md point 8) and declares nothing that
 * would leak into other scripts: JBang merges a sourced file's //DEPS and //RUNTIME_OPTIONS into
 * every script that sources it, and the test runner sources every chapter.
 */
class ChapterHeadersTest {
  static List<Path> chapters() throws IOException {
    try (Stream<Path> s = Files.list(Project.root().resolve("chapters"))) {
      return s.filter(p -> p.getFileName().toString().matches("\\d\\d_[a-z0-9_]+\\.java")).sorted().toList();
    }
  }

  @Test
  void everyChapterHasTheStandardHeaderAndIsExecutable() throws IOException {
    assertThat(chapters()).isNotEmpty();
    for (Path ch : chapters()) {
      List<String> lines = Files.readAllLines(ch);
      assertThat(lines.get(0)).as(ch + " line 1").isEqualTo("///usr/bin/env bash \"${0%/*}/../jbang\" \"$0\" \"$@\" ; exit $?");
      assertThat(lines).as(ch.toString()).anyMatch(l -> l.startsWith("//DESCRIPTION Ch."))
          .contains("//JAVA 17+", "//SOURCES ../lib/**.java");
      assertThat(Files.isExecutable(ch)).as(ch + " is executable").isTrue();
    }
  }

  @Test
  void noChapterDeclaresRuntimeOptionsOrDependenciesOfItsOwn() throws IOException {
    for (Path ch : chapters()) {
      assertThat(Files.readAllLines(ch)).as(ch + ": pin dependencies and JVM options in lib/vae/package-info.java")
          .noneMatch(l -> l.startsWith("//RUNTIME_OPTIONS") || l.startsWith("//DEPS") || l.startsWith("//JAVA_OPTIONS"));
    }
  }
}
