import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.io.Project;

/**
 * Runs never change the repository: every chapter's {@code --quick} leaves {@code git status} as
 * it found it (its figures go to the git-ignored {@code out/figures/}, and each {@code figure:}
 * line names a file that is really there), and a chapter started from a foreign folder finds the
 * project's data and writes nothing into that folder.
 */
class CleanTreeTest {
  @Test
  void everyChaptersQuickRunLeavesTheWorkingTreeAsItFoundIt() {
    assumeTrue(QuickRuns.TREE_BEFORE != null, "not a git checkout (a student copy)");
    List<Class<? extends Callable<Integer>>> chapters = List.of(Ch01Autoencoder.class,
        Ch02KlDivergence.class, Ch03MonteCarlo.class, Ch04Reparameterization.class, Ch05Elbo.class,
        Ch06LatentSpace.class, Ch07DecodersAndTradeoff.class, Ch08TighterBounds.class,
        Ch09LearnedPriors.class,
        Ch10ConditionalVae.class);
    for (Class<? extends Callable<Integer>> chapter : chapters) {
      QuickRuns.Run run = QuickRuns.of(chapter);
      String name = chapter.getSimpleName();
      assertThat(run.exit()).as(name + " --quick exit code").isZero();
      assertThat(run.out().lines().findFirst().orElse("")).as(name + ": the book's first line")
          .matches("Chapter \\d+ — .+ \\| seed 42 \\| quick");
      List<Path> figures = figureLines(run.out());
      assertThat(figures).as(name + " announces its figures").isNotEmpty();
      for (Path f : figures) {
        assertThat(f).as(name + " figure line").isRegularFile()
            .startsWith(Project.scratchFiguresDir());
        assertThat(Path.of(f.toString().replaceAll("\\.png$", ".svg"))).isRegularFile();
      }
    }
    assertThat(CleanTree.snapshot()).as("git status --porcelain (with file hashes) after the runs")
        .isEqualTo(QuickRuns.TREE_BEFORE);
  }

  @Test
  void aChapterStartedFromAForeignFolderFindsTheDigitsAndWritesNothingThere(@TempDir Path cwd)
      throws IOException, InterruptedException {
    Path chapter = Project.root().resolve("chapters/01_autoencoder.java");
    ProcessBuilder pb = new ProcessBuilder(chapter.toString(), "--quick").directory(cwd.toFile())
        .redirectErrorStream(true);
    pb.environment().remove(Project.ROOT_ENV); // the chapter's own first line must find the project
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    try (Stream<Path> left = Files.list(cwd)) {
      assertThat(left).as("files the run left in the working directory").isEmpty();
    }
    List<Path> figures = figureLines(out);
    assertThat(figures).isNotEmpty();
    for (Path f : figures) {
      assertThat(f).as("printed outside the project's folder, so absolute").isAbsolute()
          .isRegularFile().startsWith(Project.scratchFiguresDir());
    }
  }

  /** The paths of the {@code figure: PATH} lines, resolved as the reader's shell would. */
  static List<Path> figureLines(String out) {
    return out.lines().filter(l -> l.startsWith("figure: "))
        .map(l -> Path.of(l.substring("figure: ".length()).strip()).toAbsolutePath().normalize())
        .toList();
  }
}
