///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Executed chapter pages: runs chapters and writes one HTML page each plus an index: ./jbang render [--quick] [CHAPTER…]
//JAVA 17+
//DEPS org.commonmark:commonmark:0.24.0
//DEPS org.commonmark:commonmark-ext-gfm-tables:0.24.0
//DEPS org.webjars.npm:katex:0.16.47
//SOURCES ../lib/**.java
//SOURCES render/*.java

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import render.ChapterSource;
import render.Html;
import render.Page;
import render.RunOutput;
import vae.io.AtomicFile;
import vae.book.Chapter;
import vae.io.Project;

/**
 * Runs each chapter through {@code ./jbang} and writes an executed page per chapter (prose,
 * code, each section's output, CHECK tables, figures) and an index, like an executed notebook.
 */
@Command(name = "render", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Runs chapters and writes one self-contained HTML page per chapter plus index.html.",
        "Pages link the figures relatively; nothing is fetched from the network to view them."})
class Render implements Callable<Integer> {
  @Parameters(paramLabel = "CHAPTER", arity = "0..*",
      description = "a chapter file, a number (02) or a name (02_kl_divergence); default: every chapters/NN_*.java")
  List<String> chapters = new ArrayList<>();

  @Option(names = "--quick", description = "run each chapter with --quick (seconds; every CHECK still printed)")
  boolean quick;

  @Option(names = "--seed", paramLabel = "N", description = "pass --seed N to every chapter")
  Long seed;

  @Option(names = "--figures", paramLabel = "DIR",
      description = "where chapters write figures (default: figures/; with --quick, out/figures/)")
  Path figures;

  @Option(names = "--out", paramLabel = "DIR", description = "where pages go (default: <figures>/pages)")
  Path out;

  @Option(
      names = "--embed",
      description = "put each page's figures inside it (data: URIs): one file to send")
  boolean embed;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600",
      description = "stop a chapter that runs longer than this (default: ${DEFAULT-VALUE})")
  long timeout;

  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  public static void main(String[] args) {
    System.exit(Chapter.run(new Render(), args));
  }

  @Override
  public Integer call() throws Exception {
    Path root = Project.root();
    Path figs = (figures != null ? figures
        : quick ? Project.scratchFiguresDir() : Project.figuresDir()).toAbsolutePath().normalize();
    Path pages = (out != null ? out : figs.resolve("pages")).toAbsolutePath().normalize();
    Files.createDirectories(pages.resolve(".meta"));
    List<Path> files = resolve(root);
    int failed = 0;
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      if (renderOne(root, f, figs, pages, i == 0 ? null : files.get(i - 1), i + 1 < files.size() ? files.get(i + 1) : null) != 0) {
        failed++;
      }
    }
    Path index = writeIndex(root, pages);
    System.out.printf("render: %d page%s and %s%s%n", files.size(), files.size() == 1 ? "" : "s",
        shown(root, index), failed == 0 ? "" : " — " + failed + " chapter(s) exited non-zero (see their pages)");
    return failed == 0 ? 0 : 1;
  }

  /** The chapter files named on the command line, or every chapters/NN_*.java. */
  List<Path> resolve(Path root) throws IOException {
    Path dir = root.resolve("chapters");
    List<Path> all = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.getFileName().toString().matches("\\d\\d_.*\\.java")).sorted().forEach(all::add);
      }
    }
    if (chapters.isEmpty()) {
      if (all.isEmpty()) {
        throw new IllegalStateException("no chapters found under " + dir + " (name one: ./jbang render path/to/NN_name.java)");
      }
      return all;
    }
    List<Path> chosen = new ArrayList<>();
    for (String a : chapters) {
      Path p = Path.of(a);
      if (!p.isAbsolute() && !Files.isRegularFile(p)) {
        p = root.resolve(a);
      }
      if (Files.isRegularFile(p)) {
        chosen.add(p.toAbsolutePath().normalize());
        continue;
      }
      String key = a.matches("\\d") ? "0" + a : a;
      List<Path> hit = all.stream().filter(c -> {
        String n = c.getFileName().toString();
        return n.startsWith(key + "_") || n.equals(key + ".java") || n.equals(key);
      }).toList();
      if (hit.size() != 1) {
        throw new IllegalArgumentException("no single chapter matches '" + a
            + "' (give a file, a number like 02, or a name like 02_kl_divergence)");
      }
      chosen.add(hit.get(0));
    }
    return chosen;
  }

  /** Runs one chapter, writes its page and its index entry; returns the chapter's exit code. */
  int renderOne(Path root, Path file, Path figs, Path pages, Path prev, Path next) throws Exception {
    ChapterSource src = ChapterSource.read(file);
    String name = file.getFileName().toString().replaceAll("\\.java$", "");
    List<String> args = new ArrayList<>();
    if (quick) {
      args.add("--quick");
    }
    if (seed != null) {
      args.add("--seed");
      args.add(seed.toString());
    }
    Map<String, Instant> before = pngs(figs);
    List<String> cmd = new ArrayList<>(List.of(root.resolve("jbang").toString(),
        "-Dvae.figures=" + figs, "-Dvae.render=true", file.toString()));
    cmd.addAll(args);
    System.out.printf("render: %s %s%n", shown(root, file), String.join(" ", args));
    Path errFile = Files.createTempFile("render-" + name, ".err");
    Instant start = Instant.now();
    Process proc = new ProcessBuilder(cmd).directory(root.toFile()).redirectError(errFile.toFile()).start();
    proc.getOutputStream().close();
    Thread watchdog = new Thread(() -> {
      try {
        if (!proc.waitFor(timeout, TimeUnit.SECONDS)) {
          proc.descendants().forEach(ProcessHandle::destroy);
          proc.destroy();
        }
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    });
    watchdog.setDaemon(true);
    watchdog.start();
    List<RunOutput.Line> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l; (l = r.readLine()) != null; ) {
        lines.add(new RunOutput.Line(Instant.now(), unmachine(l, root, figs)));
        if (l.startsWith("── ")) {
          System.out.println("  " + l.replaceAll(" ─+$", ""));
        }
      }
    }
    int exit = proc.waitFor();
    double seconds = java.time.Duration.between(start, Instant.now()).toMillis() / 1000.0;
    String stderr =
        unmachine(cleanErr(Files.readString(errFile, StandardCharsets.UTF_8)), root, figs);
    Files.deleteIfExists(errFile);

    RunOutput output = new RunOutput(lines);
    Map<String, Instant> after = pngs(figs);
    List<Map.Entry<String, Instant>> made = new ArrayList<>();
    after.forEach((f, t) -> {
      if (!t.isBefore(start) && !t.equals(before.get(f))) {
        made.add(Map.entry(f, t));
      }
    });
    made.sort(Map.Entry.comparingByValue());
    Map<Integer, List<String>> bySection = attribute(src, output, made, pages, figs);
    Map<Integer, List<Page.Figure>> shownFigs = own(src, output, bySection, pages, name);

    String command = "./jbang " + rel(root, file) + (args.isEmpty() ? "" : " " + String.join(" ", args));
    Page.Run run = new Page.Run(command, exit, seconds, stderr, WHEN.format(start));
    Path ownSource = pages.resolve("figures").resolve(name).resolve(file.getFileName().toString());
    Files.copy(
        file,
        ownSource,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING); // the source this run ran
    Page.Links links = new Page.Links("index.html", rel(pages, ownSource),
        prev == null ? null : pageName(prev), prev == null ? null : ChapterSource.read(prev).title,
        next == null ? null : pageName(next), next == null ? null : ChapterSource.read(next).title);
    Path page = pages.resolve(name + ".html");
    Properties old = new Properties();
    Path metaFile = pages.resolve(".meta").resolve(name + ".properties");
    if (Files.isRegularFile(metaFile)) {
      try (var in = Files.newBufferedReader(metaFile, StandardCharsets.UTF_8)) {
        old.load(in);
      }
    }
    long expected =
        old.getProperty("exit", "1").equals("0")
            ? Long.parseLong(old.getProperty("checks", "0"))
            : Long.parseLong(old.getProperty("expected", "0"));
    Map<Integer, List<Page.Figure>> onPage = embed ? embedded(shownFigs, pages) : shownFigs;
    String built =
        embed
            ? Html.withMath(
                Page.html(src, output, onPage, run, links, expected),
                katexCss(true),
                katex("dist/katex.min.js") + "\n" + katex("dist/contrib/auto-render.min.js"))
            : Html.withMath(Page.html(src, output, onPage, run, links, expected), null, null);
    String html = embed ? built.replace(Page.SEARCH, "") : built; // alone: no search index
    if (html.contains("katex/katex.min.css")) {
      copyKatex(pages);
    }
    AtomicFile.write(page, o -> o.write(html.getBytes(StandardCharsets.UTF_8)));
    writeSearch(src, output, pages, name);

    List<RunOutput.Check> checks = output.checks();
    long passed = checks.stream().filter(RunOutput.Check::passed).count();
    Properties meta = new Properties();
    meta.setProperty("title", src.title);
    meta.setProperty("subtitle", src.subtitle);
    meta.setProperty("claims", src.claims());
    meta.setProperty("passed", Long.toString(passed));
    meta.setProperty("checks", Integer.toString(checks.size()));
    meta.setProperty("exit", Integer.toString(exit));
    meta.setProperty("expected", Long.toString(exit == 0 ? checks.size() : expected));
    meta.setProperty("seconds", String.format("%.1f", seconds));
    meta.setProperty("command", command);
    meta.setProperty("when", WHEN.format(start));
    Page.Figure best = thumbnail(src, output, shownFigs);
    meta.setProperty("thumb", best == null ? "" : best.src());
    meta.setProperty("thumbAlt", best == null ? "" : best.alt());
    StringWriter w = new StringWriter();
    meta.store(w, null);
    AtomicFile.write(pages.resolve(".meta").resolve(name + ".properties"), o -> o.write(w.toString().getBytes(StandardCharsets.UTF_8)));
    System.out.printf("  %d/%d checks passed, %d figure%s, exit %d, %.1f s → %s%n", passed, checks.size(), made.size(),
        made.size() == 1 ? "" : "s", exit, seconds, shown(root, page));
    return exit;
  }

  /**
   * Which section each new figure belongs to: the section under whose banner Figures announced it
   * ({@code figure: PATH}), else the section whose code names it, else the section whose
   * banner came last before the file was written; key -1 for figures outside every section.
   */
  static Map<Integer, List<String>> attribute(ChapterSource src, RunOutput out, List<Map.Entry<String, Instant>> made,
      Path pages, Path figs) {
    List<ChapterSource.Section> sections = src.sections();
    RunOutput.Chunk[] printed = out.match(sections);
    Map<Integer, List<String>> by = new TreeMap<>();
    for (Map.Entry<String, Instant> f : made) {
      String base = f.getKey().replaceAll("\\.png$", "");
      int owner = -1;
      for (int i = 0; i < sections.size() && owner < 0; i++) {
        RunOutput.Chunk c = printed[i];
        if (c != null && c.figures().contains(f.getKey())) {
          owner = i;
        }
      }
      for (int i = 0; i < sections.size() && owner < 0; i++) {
        if (sections.get(i).code().contains("\"" + base + "\"")) {
          owner = i;
        }
      }
      if (owner < 0) {
        Instant latest = null;
        for (int i = 0; i < sections.size(); i++) {
          RunOutput.Chunk c = printed[i];
          if (c != null && !c.at().isAfter(f.getValue()) && (latest == null || c.at().isAfter(latest))) {
            latest = c.at();
            owner = i;
          }
        }
      }
      by.computeIfAbsent(owner, k -> new ArrayList<>()).add(rel(pages, figs.resolve(f.getKey())));
    }
    return by;
  }

  /** Every PNG in the figures folder with its modification time. */
  static Map<String, Instant> pngs(Path figs) throws IOException {
    Map<String, Instant> m = new LinkedHashMap<>();
    if (Files.isDirectory(figs)) {
      try (Stream<Path> s = Files.list(figs)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          if (p.getFileName().toString().endsWith(".png")) {
            m.put(p.getFileName().toString(), Files.getLastModifiedTime(p).toInstant());
          }
        }
      }
    }
    return m;
  }

  /** The chapter's own error output, without JBang's build messages. */
  static String cleanErr(String err) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new StringReader(err))) {
      for (String l; (l = r.readLine()) != null; ) {
        if (!l.startsWith("[jbang]")) {
          sb.append(l).append('\n');
        }
      }
    }
    return sb.toString();
  }

  /** index.html: every rendered chapter (title, claims, checks, thumbnail) and any not rendered yet. */
  static Path writeIndex(Path root, Path pages) throws IOException {
    TreeMap<String, Properties> entries = new TreeMap<>();
    try (Stream<Path> s = Files.list(pages.resolve(".meta"))) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        if (n.endsWith(".properties") && Files.isRegularFile(pages.resolve(n.replace(".properties", ".html")))) {
          Properties pr = new Properties();
          try (var in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            pr.load(in);
          }
          entries.put(n.replace(".properties", ""), pr);
        }
      }
    }
    Path chapters = root.resolve("chapters");
    if (Files.isDirectory(chapters)) {
      try (Stream<Path> s = Files.list(chapters)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          String n = p.getFileName().toString();
          if (n.matches("\\d\\d_.*\\.java") && !entries.containsKey(n.replace(".java", ""))) {
            Properties pr = new Properties();
            ChapterSource cs = ChapterSource.read(p);
            pr.setProperty("title", cs.title);
            pr.setProperty("subtitle", cs.subtitle);
            pr.setProperty("claims", cs.claims());
            pr.setProperty("missing", "./jbang render " + n.substring(0, 2));
            entries.put(n.replace(".java", ""), pr);
          }
        }
      }
    }
    StringBuilder h = new StringBuilder(Html.head("VAE, Verified — executed chapters"));
    h.append("<main>\n")
        .append(Page.SEARCH)
        .append("<h1>VAE, Verified — executed chapters</h1>\n")
        .append("<p class=\"subtitle\">Each page is a chapter as it ran: the prose, the code of ")
        .append("every section, what it printed, its CHECK lines and its figures.</p>\n");
    long totalPassed = 0;
    long total = 0;
    boolean stopped = false;
    h.append("<div class=\"cards\">\n");
    for (Map.Entry<String, Properties> e : entries.entrySet()) {
      Properties p = e.getValue();
      boolean rendered = p.getProperty("missing") == null;
      h.append("<div class=\"card\" data-chapter=\"").append(Html.escape(e.getKey())).append("\">");
      String thumb = p.getProperty("thumb", "");
      if (!thumb.isEmpty()) {
        h.append("<a href=\"")
            .append(Html.escape(e.getKey()))
            .append(".html\"><img src=\"")
            .append(Html.escape(thumb))
            .append("\" alt=\"")
            .append(Html.escape(p.getProperty("thumbAlt", p.getProperty("title"))))
            .append("\"></a>");
      } else {
        h.append("<div class=\"noimg\"></div>");
      }
      h.append("<div><h3>");
      if (rendered) {
        h.append("<a href=\"").append(Html.escape(e.getKey())).append(".html\">").append(Html.escape(p.getProperty("title")))
            .append("</a>");
      } else {
        h.append(Html.escape(p.getProperty("title")));
      }
      h.append("</h3><p>").append(Html.inline(p.getProperty("subtitle", ""))).append("</p>");
      if (!p.getProperty("claims", "").isEmpty()) {
        h.append("<p class=\"claims\">verifies ").append(Html.escape(p.getProperty("claims"))).append("</p>");
      }
      if (rendered) {
        long passed = Long.parseLong(p.getProperty("passed"));
        long checks = Long.parseLong(p.getProperty("checks"));
        totalPassed += passed;
        total += checks;
        int exit = Integer.parseInt(p.getProperty("exit", "0"));
        stopped |= exit != 0;
        h.append("<p>")
            .append(
                Page.badge(passed, checks, exit, Long.parseLong(p.getProperty("expected", "0"))))
            .append(" <span class=\"claims\">")
            .append(Html.escape(p.getProperty("seconds")))
            .append(" s · ")
            .append(Html.escape(p.getProperty("when")))
            .append("</span></p>");
      } else {
        h.append("<p class=\"claims\">not rendered yet: <code>").append(Html.escape(p.getProperty("missing"))).append("</code></p>");
      }
      h.append("</div></div>\n");
    }
    h.append("</div>\n<p class=\"verdict sans\">All pages: ")
        .append(
            stopped
                ? "<span class=\"badge stopped\">"
                    + totalPassed
                    + "/"
                    + total
                    + " checks, and not every chapter finished ✗</span>"
                : Page.badge(totalPassed, total))
        .append("</p>\n");
    h.append("<footer>Written by <code>./jbang render</code>. Run <code>./jbang render --quick</code> for a fast pass "
        + "or <code>./jbang render 02</code> for one chapter.</footer>\n</main>\n</body>\n</html>\n");
    Path index = pages.resolve("index.html");
    String indexHtml = Html.withMath(h.toString(), null, null);
    AtomicFile.write(index, o -> o.write(indexHtml.getBytes(StandardCharsets.UTF_8)));
    StringBuilder js = new StringBuilder("window.SEARCH_INDEX = [\n");
    try (Stream<Path> s = Files.list(pages.resolve(".meta"))) {
      for (Path f :
          (Iterable<Path>) s.filter(f -> f.toString().endsWith(".search")).sorted()::iterator) {
        if (Files.isRegularFile(
            pages.resolve(f.getFileName().toString().replace(".search", ".html")))) {
          js.append(Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    }
    js.append("];\n");
    AtomicFile.write(
        pages.resolve("search-index.js"),
        o -> o.write(js.toString().getBytes(StandardCharsets.UTF_8)));
    return index;
  }

  /** Where the KaTeX webjar (Maven Central; KaTeX is MIT-licensed) keeps its files. */
  static final String KATEX = "/META-INF/resources/webjars/katex/0.16.47/";

  static byte[] katexBytes(String file) throws IOException {
    try (var in = Render.class.getResourceAsStream(KATEX + file)) {
      if (in == null) {
        throw new IllegalStateException("KaTeX's " + file + " is not on the class path (the //DEPS "
            + "org.webjars.npm:katex line of tools/Render.java)");
      }
      return in.readAllBytes();
    }
  }

  static String katex(String file) throws IOException {
    return new String(katexBytes(file), StandardCharsets.UTF_8);
  }

  /** KaTeX's stylesheet, only its woff2 fonts; with {@code inline} the fonts are data: URIs. */
  static String katexCss(boolean inline) throws IOException {
    String css = katex("dist/katex.min.css")
        .replaceAll(",url\\(fonts/[^)]+\\.(woff|ttf)\\) format\\(\"(woff|truetype)\"\\)", "");
    if (!inline) {
      return css;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("url\\((fonts/[^)]+\\.woff2)\\)").matcher(css);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String data = "url(data:font/woff2;base64,"
          + java.util.Base64.getEncoder().encodeToString(katexBytes("dist/" + m.group(1))) + ")";
      m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(data));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** KaTeX next to the pages (katex/): stylesheet, scripts, woff2 fonts, licence; offline. */
  static void copyKatex(Path pages) throws IOException {
    Path k = pages.resolve("katex");
    Files.createDirectories(k.resolve("fonts"));
    Files.createDirectories(k.resolve("contrib"));
    String css = katexCss(false);
    Files.writeString(k.resolve("katex.min.css"), css, StandardCharsets.UTF_8);
    Files.write(k.resolve("katex.min.js"), katexBytes("dist/katex.min.js"));
    Files.write(
        k.resolve("contrib/auto-render.min.js"), katexBytes("dist/contrib/auto-render.min.js"));
    Files.write(k.resolve("LICENSE"), katexBytes("LICENSE"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("url\\(fonts/([^)]+\\.woff2)\\)").matcher(css);
    while (m.find()) {
      Files.write(k.resolve("fonts").resolve(m.group(1)), katexBytes("dist/fonts/" + m.group(1)));
    }
  }

  /** Output text without this machine's paths: the project, the figures and the home folder. */
  static String unmachine(String s, Path root, Path figs) {
    String r = root.toAbsolutePath().normalize().toString();
    String f = figs.toAbsolutePath().normalize().toString();
    String home = System.getProperty("user.home", "");
    s = s.replace(f + "/", "figures/").replace(f, "figures");
    s = s.replace(r + "/", "").replace(r, ".");
    return home.length() > 1 ? s.replace(home + "/", "~/") : s;
  }

  /**
   * The page's own copies of its figures, in pages/figures/NAME/ (replaced at each render of this
   * chapter), so a later run of the chapter does not change what this page shows; with --embed
   * the images are inside the page. Captions come from the chart's title and the section's claims.
   */
  Map<Integer, List<Page.Figure>> own(
      ChapterSource src,
      RunOutput output,
      Map<Integer, List<String>> bySection,
      Path pages,
      String name)
      throws IOException {
    Path mine = pages.resolve("figures").resolve(name);
    if (Files.isDirectory(mine)) {
      try (Stream<Path> s = Files.list(mine)) {
        for (Path p : (Iterable<Path>) s::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
    Files.createDirectories(mine);
    List<ChapterSource.Section> sections = src.sections();
    RunOutput.Chunk[] printed = output.match(sections);
    Map<Integer, List<Page.Figure>> out = new TreeMap<>();
    int n = 0;
    for (Map.Entry<Integer, List<String>> e : bySection.entrySet()) {
      int si = e.getKey();
      String heading = si >= 0 ? Page.heading(sections.get(si), printed[si], si) : src.title;
      List<String> claims = si >= 0 && printed[si] != null ? Page.checksOf(printed[si]).stream()
          .map(RunOutput.Check::id).distinct().toList() : List.of();
      for (String link : e.getValue()) {
        Path png = pages.resolve(link).normalize();
        String file = png.getFileName().toString();
        Path svg = png.resolveSibling(file.replaceAll("\\.png$", ".svg"));
        Files.copy(png, mine.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        boolean hasSvg = Files.isRegularFile(svg);
        if (hasSvg) {
          Files.copy(
              svg,
              mine.resolve(svg.getFileName()),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        n++;
        String title = output.figureTitles.get(file);
        String what = title != null ? title : heading.replaceFirst("^\\d+\\.\\s+", "");
        List<String> unsaid = claims.stream().filter(c -> !what.contains(c)).toList();
        String caption = "Figure " + n + ". " + what + (unsaid.isEmpty() ? "" : " (checked: "
            + String.join(", ", unsaid) + ")");
        String alt = (title != null ? "Chart: " + title : "Figure for “" + heading + "”") + ".";
        boolean wide = wide(Files.readAllBytes(png));
        String svgLink = hasSvg ? "figures/" + name + "/" + svg.getFileName() : null;
        out.computeIfAbsent(si, k -> new ArrayList<>())
            .add(new Page.Figure("figures/" + name + "/" + file, svgLink, caption, alt, wide));
      }
    }
    return out;
  }

  /** The figures as data: URIs inside the page, without links to files (--embed). */
  static Map<Integer, List<Page.Figure>> embedded(Map<Integer, List<Page.Figure>> figs, Path pages)
      throws IOException {
    Map<Integer, List<Page.Figure>> out = new TreeMap<>();
    for (Map.Entry<Integer, List<Page.Figure>> e : figs.entrySet()) {
      for (Page.Figure f : e.getValue()) {
        String data =
            "data:image/png;base64,"
                + java.util.Base64.getEncoder()
                    .encodeToString(Files.readAllBytes(pages.resolve(f.src())));
        out.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(new Page.Figure(data, null, f.caption(), f.alt(), f.wide()));
      }
    }
    return out;
  }

  /** A PNG at least twice as wide as tall (several panels side by side), from its header. */
  static boolean wide(byte[] png) {
    if (png.length < 24) {
      return false;
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(png, 16, 8);
    int w = b.getInt();
    int h = b.getInt();
    return h > 0 && w >= 2L * h;
  }

  /** The chapter's most telling figure: the one in the section with most checks (first if tied). */
  static Page.Figure thumbnail(
      ChapterSource src, RunOutput output, Map<Integer, List<Page.Figure>> figs) {
    RunOutput.Chunk[] printed = output.match(src.sections());
    Page.Figure best = null;
    int most = -1;
    for (Map.Entry<Integer, List<Page.Figure>> e : figs.entrySet()) {
      int si = e.getKey();
      int checks = si >= 0 && printed[si] != null ? Page.checksOf(printed[si]).size() : 0;
      if (!e.getValue().isEmpty() && checks > most) {
        most = checks;
        best = e.getValue().get(0);
      }
    }
    return best;
  }

  /** This page's entries for the search box: one per section (heading, anchor, prose, claims). */
  static void writeSearch(ChapterSource src, RunOutput output, Path pages, String name)
      throws IOException {
    List<ChapterSource.Section> sections = src.sections();
    RunOutput.Chunk[] printed = output.match(sections);
    StringBuilder sb = new StringBuilder();
    sb.append(
        entry(
            src.title,
            src.title,
            name + ".html",
            src.subtitle + " " + src.claims() + " " + src.intro));
    for (int i = 0; i < sections.size(); i++) {
      ChapterSource.Section s = sections.get(i);
      StringBuilder text = new StringBuilder(s.lead() == null ? "" : s.lead());
      s.parts().stream()
          .filter(ChapterSource.Part::prose)
          .forEach(p -> text.append(' ').append(p.text()));
      if (printed[i] != null) {
        Page.checksOf(printed[i]).forEach(c -> text.append(' ').append(c.id()));
      }
      sb.append(
          entry(
              src.title,
              Page.heading(s, printed[i], i),
              name + ".html#s" + (i + 1),
              text.toString()));
    }
    Path f = pages.resolve(".meta").resolve(name + ".search");
    AtomicFile.write(f, o -> o.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }

  static String entry(String page, String title, String url, String text) {
    String plain = text.replaceAll("[#*_`|>\\[\\]]", " ").replaceAll("\\s+", " ").strip();
    return "{\"p\":" + json(page) + ",\"t\":" + json(title) + ",\"u\":" + json(url) + ",\"x\":"
        + json(plain.length() > 600 ? plain.substring(0, 600) : plain) + "},\n";
  }

  static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '<' -> sb.append("\\u003c");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  static String pageName(Path chapter) {
    return chapter.getFileName().toString().replaceAll("\\.java$", ".html");
  }

  /** {@code to} relative to the folder {@code from}, with forward slashes (for links and messages). */
  static String rel(Path from, Path to) {
    return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** A path for a console message: relative to the project when inside it, else absolute. */
  static String shown(Path root, Path p) {
    String r = rel(root, p);
    return r.startsWith("..") ? p.toAbsolutePath().normalize().toString() : r;
  }
}
