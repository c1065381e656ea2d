import static org.assertj.core.api.Assertions.assertThat;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.FigureFolder;
import vae.io.Project;
import vae.fig.Figures;
import vae.fig.StableSvg;

/**
 * Figures are byte-stable (the same chart saved twice gives the same PNG and SVG bytes), go to the
 * folder the run's mode and flags name, and are announced with the path they really went to.
 */
class FiguresTest {
  private static XYChart chart() {
    XYChart c = Figures.xy("a chart: y = x²", "x", "y");
    double[] x = Figures.curveX(-2, 2, 50);
    c.addSeries("x²", x, java.util.Arrays.stream(x).map(v -> v * v).toArray());
    return c;
  }

  /** Runs {@code body} with standard output captured; returns what it printed. */
  private static String printed(Runnable body) {
    PrintStream real = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(real);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theSameChartSavedTwiceGivesTheSameBytes() throws IOException {
    Path first = Figures.save(chart(), "99_stable");
    byte[] png = Files.readAllBytes(first);
    byte[] svg = Files.readAllBytes(first.resolveSibling("99_stable.svg"));
    Path second = Figures.save(chart(), "99_stable");
    assertThat(Files.readAllBytes(second)).isEqualTo(png);
    assertThat(Files.readAllBytes(second.resolveSibling("99_stable.svg"))).isEqualTo(svg);
    assertThat(new String(svg, StandardCharsets.UTF_8)).contains("id=\"clip1\"")
        .contains("url(#clip1)").doesNotContainPattern("clip-?\\d{4,}");
  }

  @Test
  void aClipUnderARotationGetsAFreshIdEveryTimeUnlessRenumbered() {
    // VectorGraphics2D names a clip "clip" + its hashCode; rotated, the clip is a Path2D whose
    // hash is an identity hash, so the raw SVG differs from drawing to drawing
    byte[][] raw = new byte[2][];
    byte[][] stable = new byte[2][];
    for (int i = 0; i < 2; i++) {
      VectorGraphics2D g = new VectorGraphics2D();
      g.rotate(0.3);
      g.setClip(new Rectangle(10, 10, 50, 30));
      g.setColor(Color.BLUE);
      g.fill(new Ellipse2D.Double(0, 0, 80, 60));
      raw[i] = StableSvg.raw(g, 100, 100);
      stable[i] = StableSvg.of(g, 100, 100);
    }
    assertThat(raw[0]).isNotEqualTo(raw[1]);
    assertThat(stable[0]).isEqualTo(stable[1]);
    assertThat(new String(stable[0], StandardCharsets.UTF_8)).contains("id=\"clip1\"");
  }

  @Test
  void renumberingKeepsReferencesToTheSameClipTogether() {
    String svg = "<clipPath id=\"clip-42\"/><clipPath id=\"clip7\"/>"
        + "<g clip-path=\"url(#clip7)\"/><g clip-path=\"url(#clip-42)\"/>";
    assertThat(new String(StableSvg.renumber(svg.getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8)).isEqualTo("<clipPath id=\"clip1\"/><clipPath id=\"clip2\"/>"
            + "<g clip-path=\"url(#clip2)\"/><g clip-path=\"url(#clip1)\"/>");
  }

  @Test
  void saveAnnouncesThePathTheFileWentTo() {
    String out = printed(() -> Figures.save(chart(), "99_announced"));
    Path png = CleanTreeTest.figureLines(out).get(0);
    assertThat(png).isRegularFile().hasFileName("99_announced.png")
        .startsWith(FigureFolder.current());
    assertThat(png.resolveSibling("99_announced.svg")).isRegularFile();
    assertThat(out.strip()).isEqualTo("figure: " + Project.shown(png));
  }

  @Test
  void theFolderFollowsTheFlagThenThePropertyThenTheMode(@TempDir Path dir) {
    String scratch = System.clearProperty("vae.figures");
    try {
      // no chapter running (JShell, a test): the git-ignored scratch folder
      assertThat(FigureFolder.current()).isEqualTo(Project.scratchFiguresDir());
      // --figures DIR wins, whatever the mode; a chapter that fails its flags changes nothing
      String out = printed(() -> Chapter.run(new Ch02KlDivergence(), "--quick", "--figures",
          dir.toString()));
      assertThat(CleanTreeTest.figureLines(out)).isNotEmpty()
          .allSatisfy(f -> assertThat(f).startsWith(dir.toAbsolutePath()).isRegularFile());
      assertThat(FigureFolder.current()).isEqualTo(Project.scratchFiguresDir());
      // a full chapter run writes the committed figures/, a --quick one the scratch folder
      Probe probe = new Probe();
      assertThat(Chapter.run(probe)).isZero();
      assertThat(probe.folder).isEqualTo(Project.figuresDir());
      assertThat(Chapter.run(probe, "--quick")).isZero();
      assertThat(probe.folder).isEqualTo(Project.scratchFiguresDir());
      System.setProperty("vae.figures", dir.toString()); // the test runner's and render's way
      assertThat(Chapter.run(probe)).isZero();
      assertThat(probe.folder).isEqualTo(dir.toAbsolutePath().normalize());
    } finally {
      if (scratch != null) {
        System.setProperty("vae.figures", scratch);
      } else {
        System.clearProperty("vae.figures");
      }
    }
  }

  /** A chapter that draws nothing and notes where its figures would go. */
  @Command(name = "99_probe")
  static final class Probe implements Callable<Integer> {
    @Mixin ChapterOptions opt;
    Path folder;

    @Override
    public Integer call() {
      folder = FigureFolder.current();
      return 0;
    }
  }
}
