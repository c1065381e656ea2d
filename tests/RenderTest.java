import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.io.Project;

/**
 * {@code ./jbang render} as a reader meets it: the pages are parsed with jsoup and every figure
 * link must resolve, every claim of the chapter must have a CHECK row, and every section of the
 * source must be on the page with its output; figures are captioned and described; badges never
 * call a stopped chapter passed; no machine path shows. Runs on a fixture chapter
 * (tests/fixtures/), and on chapter 02 in --quick mode when it exists.
 */
class RenderTest {
  static final Path ROOT = Project.root();
  static final Path FIXTURE = ROOT.resolve("tests/fixtures/99_render_fixture.java");
  @TempDir static Path tmp;
  static Path pages;
  static String console;

  @BeforeAll
  static void renderTheFixture() throws Exception {
    console = render(tmp.resolve("fig"), FIXTURE);
    pages = tmp.resolve("fig/pages");
  }

  /** Runs ./jbang render --quick with figures (and pages) under {@code figs}; returns its output. */
  static String render(Path figs, Path chapter) throws IOException, InterruptedException {
    return render(figs, chapter, false, 0);
  }

  /** As {@link #render(Path, Path)}; {@code stop} makes the fixture stop in section 3. */
  static String render(Path figs, Path chapter, boolean stop, int exit)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                ROOT.resolve("jbang").toString(),
                "render",
                "--quick",
                "--figures",
                figs.toString(),
                chapter.toString())
            .directory(ROOT.toFile())
            .redirectErrorStream(true);
    if (stop) {
      pb.command().add(3, "--embed");
      pb.environment().put("VAE_FIXTURE_STOP", "1");
    }
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("render exit code; it printed:%n%s", out).isEqualTo(exit);
    return out;
  }

  @Test
  void fixturePageHasEverySectionWithItsOutputInFileOrder() throws IOException {
    Document page = parse(pages.resolve("99_render_fixture.html"));
    assertSameSections(page, FIXTURE);
    assertThat(titles(page).get(2)).isEqualTo("3. A grid of 64×64 pixels"); // built at run time
    for (Element s : page.select("section")) {
      assertThat(s.select("pre.code")).as("code of %s", s.attr("data-title")).isNotEmpty();
      assertThat(s.select("pre.out, table.checks")).as("output of %s", s.attr("data-title")).isNotEmpty();
      assertThat(s.select(".missing")).isEmpty();
    }
    assertThat(page.select("section#s1 pre.out").text()).contains("KL(q‖p) = 0.1681"); // UTF-8 end to end
    assertThat(page.select("section#s1 table").text()).contains("μ σ KL");           // a Markdown table in prose
    assertThat(page.select(".prose").text()).contains("Three sections, three checks"); // closing prose
  }

  @Test
  void fixturePageShowsEveryClaimAsAPassingCheckRow() throws IOException {
    Document page = parse(pages.resolve("99_render_fixture.html"));
    List<String> rows = page.select("table.checks tr[data-check]").eachAttr("data-check");
    assertThat(rows).containsAll(claims(FIXTURE)).hasSize(3);
    assertThat(page.select("table.checks tr.pass")).hasSize(3);
    assertNoCheckLost(page);
    assertThat(page.select("section#s2 tr[data-check]").eachAttr("data-check")).containsExactly("FX-2");
    assertThat(page.select("section#s3 tr[data-check]").eachAttr("data-check")).containsExactly("FX-3");
    assertThat(console).contains("3/3 checks passed, 2 figures, exit 0");
  }

  @Test
  void fixtureFiguresSitInTheSectionThatDrewThemAndEveryLinkResolves() throws IOException {
    Document page = parse(pages.resolve("99_render_fixture.html"));
    assertThat(page.select("section#s2 figure img").eachAttr("src"))
        .containsExactly("figures/99_render_fixture/99_fixture_curve.png"); // the page's own copy
    assertThat(page.select("section#s3 figure img").eachAttr("src"))
        .containsExactly("figures/99_render_fixture/99_fixture_grid.png");
    assertLinksResolve(page, pages);
  }

  @Test
  void figuresAreCaptionedByTheirClaimAndDescribedNotNamed() throws IOException {
    Document page = parse(pages.resolve("99_render_fixture.html"));
    Element curve = page.selectFirst("section#s2 figure");
    assertThat(curve.select("figcaption").text())
        .startsWith("Figure 1. The running mean of U(0,1) draws settles at ½ (checked: FX-2)");
    assertThat(curve.select("img").attr("alt"))
        .isEqualTo("Chart: The running mean of U(0,1) draws settles at ½.");
    Element grid = page.selectFirst("section#s3 figure");
    assertThat(grid.select("figcaption").text())
        .startsWith("Figure 2. A grid of pixels (checked: FX-3)"); // its heading
    for (Element img : page.select("figure img")) {
      assertThat(img.attr("alt")).doesNotContain(".png").isNotBlank();
    }
    assertThat(page.select("nav.toc a").eachText())
        .containsExactlyElementsOf(page.select("section h2").eachText());
    assertThat(page.select("nav.bottom a").eachText()).contains("all chapters");
  }

  @Test
  void mathsIsLeftForKatexWhichShipsWithThePages() throws IOException {
    Document page = parse(pages.resolve("99_render_fixture.html"));
    assertThat(page.select("section#s1 span.math.display").text())
        .isEqualTo("$$\\mathrm{KL}(q \\,\\|\\, p) = \\frac{1}{2} "
            + "\\left( \\mu^2 + \\sigma^2 - 1 - \\log \\sigma^2 \\right)$$");
    assertThat(page.select("section#s1 span.math:not(.display)").text())
        .isEqualTo("\\(\\sigma^2\\)");
    assertThat(page.select("section#s1 em").text())
        .isEqualTo("emphasis"); // Markdown around it still works
    assertThat(page.select("link[rel=stylesheet]").attr("href")).isEqualTo("katex/katex.min.css");
    assertThat(pages.resolve("katex/fonts/KaTeX_Main-Regular.woff2")).exists();
    assertThat(pages.resolve("katex/LICENSE")).content().contains("MIT");
    assertThat(Files.readString(pages.resolve("index.html")))
        .doesNotContain("katex"); // no maths there
  }

  @Test
  void pagesShowNoMachinePaths() throws IOException {
    List<String> machine =
        new ArrayList<>(List.of(ROOT.toString(), tmp.toString(), System.getProperty("user.home")));
    for (String name : List.of("index.html", "99_render_fixture.html", "search-index.js")) {
      String text = Files.readString(pages.resolve(name));
      for (String m : machine) {
        assertThat(text).as("%s shows the machine path %s", name, m).doesNotContain(m);
      }
    }
    assertThat(parse(pages.resolve("99_render_fixture.html")).select("pre.out").text())
        .contains("figures go to figures");
    assertThat(Files.readString(pages.resolve("search-index.js")))
        .contains("\"t\":\"2. A Monte Carlo mean\"");
  }

  /**
   * A chapter that stops part-way (the fixture with VAE_FIXTURE_STOP) is never shown as passed:
   * page and index say "stopped: 2 of 3 ran" (3: what its last complete run printed); and with
   * --embed its page holds its figures itself.
   */
  @Test
  void aStoppedChapterSaysSoAndAnEmbeddedPageNeedsNoOtherFile() throws Exception {
    Path figs = tmp.resolve("stopped");
    Files.createDirectories(figs.resolve("pages/.meta"));
    Files.copy(
        pages.resolve(".meta/99_render_fixture.properties"),
        figs.resolve(
            "pages/.meta/99_render_fixture.properties")); // the last complete run: 3 checks
    String out = render(figs, FIXTURE, true, 1);
    assertThat(out).contains("exit 1");
    Document page = parse(figs.resolve("pages/99_render_fixture.html"));
    assertThat(page.select("dl.meta .badge, .verdict .badge").eachText())
        .containsOnly("stopped: 2 of 3 ran ✗");
    assertThat(page.select("dl.meta .badge.pass, .verdict .badge.pass")).isEmpty();
    Document index = parse(figs.resolve("pages/index.html"));
    assertThat(index.select(".card[data-chapter=99_render_fixture] .badge").text())
        .isEqualTo("stopped: 2 of 3 ran ✗");
    assertThat(index.select(".badge.pass")).isEmpty();
    assertThat(page.select("figure img")).hasSize(1);
    assertThat(page.select("figure img").attr("src")).startsWith("data:image/png;base64,");
    assertThat(page.select("figure a[href]")).isEmpty();
    assertThat(page.select("link[rel=stylesheet], script[src^=katex]"))
        .isEmpty(); // KaTeX inside too
    assertThat(page.select("style").html()).contains("data:font/woff2;base64,");
    assertThat(page.select("script[src]")).isEmpty(); // nor the search index
  }

  @Test
  void indexListsTheChapterWithClaimsPassCountAndThumbnail() throws IOException {
    Document index = parse(pages.resolve("index.html"));
    Element card = index.selectFirst(".card[data-chapter=99_render_fixture]");
    assertThat(card).isNotNull();
    assertThat(card.text()).contains("Chapter 99 — Render fixture", "FX-1, FX-2, FX-3", "3/3 checks ✓");
    assertThat(card.select("img").attr("src"))
        .isEqualTo("figures/99_render_fixture/99_fixture_curve.png");
    assertThat(card.select("img").attr("alt")).startsWith("Chart: The running mean");
    assertLinksResolve(index, pages);
  }

  @Test
  void pagesAreSelfContained() throws IOException {
    for (String name : List.of("index.html", "99_render_fixture.html")) {
      Document d = parse(pages.resolve(name));
      assertThat(d.select("meta[charset]").attr("charset")).isEqualToIgnoringCase("utf-8");
      assertThat(d.select("link[rel=stylesheet]").eachAttr("href"))
          .allMatch(u -> u.startsWith("katex/"));
      assertThat(d.select("script[src]").eachAttr("src")) // written by render, next to the pages
          .allMatch(u -> u.equals("search-index.js") || u.startsWith("katex/"));
      assertThat(d.select("[src], [href]").eachAttr("abs:src")).noneMatch(u -> u.startsWith("http"));
      assertThat(d.select("a[href]").eachAttr("href")).noneMatch(u -> u.startsWith("http"));
    }
  }

  @Test
  void chapter02RendersInQuickModeWithEverySectionClaimAndFigure() throws Exception {
    Path ch02;
    try (Stream<Path> s = Files.list(ROOT.resolve("chapters"))) {
      ch02 = s.filter(p -> p.getFileName().toString().startsWith("02_")).findFirst().orElse(null);
    }
    Assumptions.assumeTrue(ch02 != null, "chapter 02 is not on this branch yet");
    Path figs = tmp.resolve("ch02");
    render(figs, ch02);
    String name = ch02.getFileName().toString().replace(".java", ".html");
    Document page = parse(figs.resolve("pages").resolve(name));
    assertSameSections(page, ch02);
    assertThat(page.select(".missing")).isEmpty();
    assertThat(page.select("table.checks tr[data-check]").eachAttr("data-check")).containsAll(claims(ch02));
    assertThat(page.select("table.checks tr.fail")).isEmpty();
    assertNoCheckLost(page);
    assertThat(page.select("figure img")).isNotEmpty();
    assertLinksResolve(page, figs.resolve("pages"));
  }

  // ---- helpers: read the chapter source independently of the renderer ----

  static Document parse(Path html) throws IOException {
    assertThat(html).exists();
    return Jsoup.parse(html.toFile(), "UTF-8");
  }

  static List<String> titles(Document page) {
    return page.select("section[data-title]").eachAttr("data-title");
  }

  /** Every CHECK the run printed (the count in the closing badge) has a row in some section's table. */
  static void assertNoCheckLost(Document page) {
    Matcher m = Pattern.compile("(\\d+)/(\\d+) checks").matcher(page.select(".verdict .badge").text());
    assertThat(m.find()).isTrue();
    assertThat(page.select("section table.checks tr[data-check]")).hasSize(Integer.parseInt(m.group(2)));
  }

  /** Each page section's title is the source's literal title, or starts with its literal start. */
  static void assertSameSections(Document page, Path chapter) throws IOException {
    List<String> shown = titles(page);
    List<String> source = sectionTitles(chapter);
    assertThat(shown).hasSameSizeAs(source);
    for (int i = 0; i < shown.size(); i++) {
      assertThat(shown.get(i)).startsWith(source.get(i));
    }
  }

  /** The first string literal of each Chapter.section(…) call (the whole title, or its start), in file order. */
  static List<String> sectionTitles(Path chapter) throws IOException {
    Matcher m = Pattern.compile("Chapter\\.section\\(\"([^\"]+)\"").matcher(Files.readString(chapter));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The claim ids on the header's "This chapter verifies" line; {@code KL-1 … KL-8} is expanded. */
  static Set<String> claims(Path chapter) throws IOException {
    Matcher line = Pattern.compile("verifies:?\\*\\*:?(.*)").matcher(Files.readString(chapter));
    assertThat(line.find()).as("a 'This chapter verifies' line in %s", chapter).isTrue();
    Set<String> ids = new LinkedHashSet<>();
    Matcher m = Pattern.compile("([A-Z]+)-(\\d+)(?:\\s*(?:…|\\.\\.\\.|–|to)\\s*\\1-(\\d+))?").matcher(line.group(1));
    while (m.find()) {
      int a = Integer.parseInt(m.group(2));
      int b = m.group(3) == null ? a : Integer.parseInt(m.group(3));
      for (int i = a; i <= b; i++) {
        ids.add(m.group(1) + "-" + i);
      }
    }
    assertThat(ids).isNotEmpty();
    return ids;
  }

  /** Every local src/href on the page points at a file that exists (anchors point at an id). */
  static void assertLinksResolve(Document d, Path dir) {
    for (Element e : d.select("[src], [href]")) {
      String url = e.hasAttr("src") ? e.attr("src") : e.attr("href");
      if (url.startsWith("#")) {
        assertThat(d.getElementById(url.substring(1))).as("anchor %s", url).isNotNull();
      } else {
        assertThat(dir.resolve(url.replaceAll("#.*$", "")).normalize()).as("link %s", url).exists();
      }
    }
  }
}
