///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Executed chapter pages: runs chapters and writes one HTML page each plus an index: ./jbang render [--quick] [CHAPTER…]
//JAVA 17+
//DEPS org.commonmark:commonmark:0.24.0
//DEPS org.commonmark:commonmark-ext-gfm-tables:0.24.0
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
import vae.book.AtomicFile;
import vae.book.Chapter;
import vae.book.Project;

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
    List<String> cmd = new ArrayList<>(List.of(root.resolve("jbang").toString(), "-Dvae.figures=" + figs, file.toString()));
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
        lines.add(new RunOutput.Line(Instant.now(), l));
        if (l.startsWith("── ")) {
          System.out.println("  " + l.replaceAll(" ─+$", ""));
        }
      }
    }
    int exit = proc.waitFor();
    double seconds = java.time.Duration.between(start, Instant.now()).toMillis() / 1000.0;
    String stderr = cleanErr(Files.readString(errFile, StandardCharsets.UTF_8));
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

    String command = "./jbang " + rel(root, file) + (args.isEmpty() ? "" : " " + String.join(" ", args));
    Page.Run run = new Page.Run(command, exit, seconds, stderr, WHEN.format(start));
    Page.Links links = new Page.Links("index.html", rel(pages, file),
        prev == null ? null : pageName(prev), prev == null ? null : ChapterSource.read(prev).title,
        next == null ? null : pageName(next), next == null ? null : ChapterSource.read(next).title);
    Path page = pages.resolve(name + ".html");
    String html = Page.html(src, output, bySection, run, links);
    AtomicFile.write(page, o -> o.write(html.getBytes(StandardCharsets.UTF_8)));

    List<RunOutput.Check> checks = output.checks();
    long passed = checks.stream().filter(RunOutput.Check::passed).count();
    Properties meta = new Properties();
    meta.setProperty("title", src.title);
    meta.setProperty("subtitle", src.subtitle);
    meta.setProperty("claims", src.claims());
    meta.setProperty("passed", Long.toString(passed));
    meta.setProperty("checks", Integer.toString(checks.size()));
    meta.setProperty("exit", Integer.toString(exit));
    meta.setProperty("seconds", String.format("%.1f", seconds));
    meta.setProperty("command", command);
    meta.setProperty("when", WHEN.format(start));
    meta.setProperty("thumb", made.isEmpty() ? "" : rel(pages, figs.resolve(made.get(0).getKey())));
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
    h.append("<main>\n<h1>VAE, Verified — executed chapters</h1>\n<p class=\"subtitle\">Each page is a chapter as it ran: "
        + "the prose, the code of every section, what it printed, its CHECK lines and its figures.</p>\n");
    long totalPassed = 0;
    long total = 0;
    h.append("<div class=\"cards\">\n");
    for (Map.Entry<String, Properties> e : entries.entrySet()) {
      Properties p = e.getValue();
      boolean rendered = p.getProperty("missing") == null;
      h.append("<div class=\"card\" data-chapter=\"").append(Html.escape(e.getKey())).append("\">");
      String thumb = p.getProperty("thumb", "");
      if (!thumb.isEmpty()) {
        h.append("<a href=\"").append(Html.escape(e.getKey())).append(".html\"><img src=\"").append(Html.escape(thumb))
            .append("\" alt=\"").append(Html.escape(e.getKey())).append(" first figure\"></a>");
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
        h.append("<p>").append(Page.badge(passed, checks)).append(" <span class=\"claims\">")
            .append(Html.escape(p.getProperty("seconds"))).append(" s · ").append(Html.escape(p.getProperty("when")))
            .append("</span></p>");
      } else {
        h.append("<p class=\"claims\">not rendered yet: <code>").append(Html.escape(p.getProperty("missing"))).append("</code></p>");
      }
      h.append("</div></div>\n");
    }
    h.append("</div>\n<p class=\"verdict sans\">All pages: ").append(Page.badge(totalPassed, total)).append("</p>\n");
    h.append("<footer>Written by <code>./jbang render</code>. Run <code>./jbang render --quick</code> for a fast pass "
        + "or <code>./jbang render 02</code> for one chapter.</footer>\n</main>\n</body>\n</html>\n");
    Path index = pages.resolve("index.html");
    AtomicFile.write(index, o -> o.write(h.toString().getBytes(StandardCharsets.UTF_8)));
    return index;
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
