package render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import render.ChapterSource.Code;
import render.ChapterSource.Item;
import render.ChapterSource.Part;
import render.ChapterSource.Prose;
import render.ChapterSource.Section;
import render.RunOutput.Check;
import render.RunOutput.Chunk;

/** One chapter page: prose, code, the output of each section, CHECK tables and figures, in file order. */
public final class Page {
  /** How the chapter was run. */
  public record Run(String command, int exit, double seconds, String stderr, String when) {}

  /**
   * One figure on a page: its image (a relative link or a data: URI), its SVG (null if none),
   * the caption (what it shows, from the chart's title, and the claims its section checks) and
   * the alt text; wide figures (multi-panel) may use more than the text column.
   */
  public record Figure(String src, String svg, String caption, String alt, boolean wide) {}

  /** Links from the page: to the index, the source file, the previous and next pages (null if none). */
  public record Links(String index, String source, String prev, String prevTitle, String next, String nextTitle) {}

  private Page() {}

  /**
   * The page's HTML.
   *
   * @param figures figure links (relative to the page) for each section index, and key -1 for
   *     figures no section claimed
   */
  public static String html(
      ChapterSource src,
      RunOutput out,
      Map<Integer, List<Figure>> figures,
      Run run,
      Links links,
      long expected) {
    StringBuilder h = new StringBuilder(Html.head(src.title));
    List<Check> all = out.checks();
    long passed = all.stream().filter(Check::passed).count();
    h.append("<main>\n<nav class=\"top\"><a href=\"").append(links.index()).append("\">← all chapters</a>");
    if (links.prev() != null) {
      h.append("<a href=\"").append(links.prev()).append("\">‹ ").append(Html.escape(links.prevTitle())).append("</a>");
    }
    h.append("<span class=\"spacer\"></span>");
    if (links.next() != null) {
      h.append("<a href=\"").append(links.next()).append("\">").append(Html.escape(links.nextTitle())).append(" ›</a>");
    }
    h.append("</nav>\n")
        .append(SEARCH)
        .append("<header>\n<h1>")
        .append(Html.escape(src.title))
        .append("</h1>\n");
    if (!src.subtitle.isEmpty()) {
      h.append("<div class=\"subtitle\">").append(Html.markdown(src.subtitle)).append("</div>\n");
    }
    h.append("<dl class=\"meta\">\n");
    src.fields.forEach((k, v) -> h.append("<dt>").append(Html.escape(k)).append("</dt><dd>")
        .append(Html.inline(v)).append("</dd>\n"));
    h.append("<dt>Source</dt><dd><a href=\"").append(links.source()).append("\"><code>")
        .append(Html.escape(src.path.getFileName().toString())).append("</code></a></dd>\n");
    h.append("<dt>This page</dt><dd><code>").append(Html.escape(run.command())).append("</code> · ")
        .append(Html.escape(run.when())).append(" · ").append(String.format("%.1f s", run.seconds()))
        .append(" · exit ").append(run.exit()).append("</dd>\n");
    h.append("<dt>Checks</dt><dd>").append(badge(passed, all.size(), run.exit(), expected))
        .append("</dd>\n</dl>\n</header>\n");
    if (!src.intro.isEmpty()) {
      h.append("<div class=\"prose\">").append(Html.markdown(src.intro)).append("</div>\n");
    }

    List<Section> sections = src.sections();
    Chunk[] printed = out.match(sections);
    h.append("<nav class=\"toc\"><strong class=\"sans\">Sections</strong><ol>\n");
    for (int i = 0; i < sections.size(); i++) {
      Section s = sections.get(i);
      Chunk c = printed[i];
      List<Check> cs = c == null ? List.of() : checksOf(c);
      h.append("<li><a href=\"#s")
          .append(i + 1)
          .append("\">")
          .append(Html.escape(heading(s, c, i)))
          .append("</a>");
      if (c == null) {
        h.append(" <span class=\"badge fail\">did not run</span>");
      } else if (!cs.isEmpty()) {
        h.append(badge(cs.stream().filter(Check::passed).count(), cs.size()));
      }
      h.append("</li>\n");
    }
    h.append("</ol></nav>\n");

    Chunk before = out.chunks.get(0);
    if (!before.lines().isEmpty()) {
      h.append("<div class=\"label\">output before the first section</div>\n");
      output(h, before.lines());
    }
    int si = 0;
    boolean errorShown = false;
    int lastRan = -1;
    for (int i = 0; i < sections.size(); i++) {
      if (printed[i] != null) {
        lastRan = i;
      }
    }
    for (Item item : src.items) {
      if (item instanceof Prose p) {
        h.append("<div class=\"prose\">").append(Html.markdown(p.markdown())).append("</div>\n");
      } else if (item instanceof Code c) {
        long lines = c.code().lines().count();
        h.append("<details class=\"rest\"><summary>the rest of the code here (").append(lines)
            .append(lines == 1 ? " line" : " lines").append(": declarations, flags, the order of sections)</summary>\n")
            .append("<pre class=\"code\"><code>").append(JavaLexer.highlight(c.code())).append("</code></pre></details>\n");
      } else if (item instanceof Section s) {
        Chunk c = printed[si];
        h.append("<section id=\"s").append(si + 1).append("\" data-title=\"").append(Html.escape(display(s, c, si))).append("\">\n");
        String lead = s.lead() == null ? "" : Html.markdown(s.lead());
        if (!lead.stripLeading().startsWith("<h")) {
          h.append("<h2>").append(Html.escape(display(s, c, si))).append("</h2>\n");
        }
        h.append(lead);
        for (Part part : s.parts()) {
          if (part.prose()) {
            h.append("<div class=\"prose inner\">").append(Html.markdown(part.text())).append("</div>\n");
          } else {
            h.append("<pre class=\"code\"><code>").append(JavaLexer.highlight(part.text())).append("</code></pre>\n");
          }
        }
        if (c == null) {
          h.append("<p class=\"missing\">This section printed nothing: the chapter stopped before it "
              + "(see the error above) or its banner title differs from the one in the code.</p>\n");
        } else if (!c.lines().isEmpty()) {
          h.append("<div class=\"label\">output</div>\n");
          output(h, c.lines());
        }
        for (Figure f : figures.getOrDefault(si, List.of())) {
          figure(h, f);
        }
        if (si == lastRan && run.exit() != 0 && !run.stderr().isBlank()) {
          error(h, run);
          errorShown = true;
        }
        h.append("</section>\n");
        si++;
      }
    }
    for (Figure f : figures.getOrDefault(-1, List.of())) {
      figure(h, f);
    }
    if (!errorShown && run.exit() != 0 && !run.stderr().isBlank()) {
      error(h, run);
    }
    h.append("<p class=\"verdict sans\">")
        .append(badge(passed, all.size(), run.exit(), expected))
        .append(" ")
        .append(
            Html.escape(
                out.summary == null ? "no summary line (the chapter did not finish)" : out.summary))
        .append("</p>\n");
    h.append("<nav class=\"bottom\">");
    if (links.prev() != null) {
      h.append("<a href=\"")
          .append(links.prev())
          .append("\">‹ previous: ")
          .append(Html.escape(links.prevTitle()))
          .append("</a>");
    }
    h.append("<span class=\"spacer\"></span><a href=\"")
        .append(links.index())
        .append("\">all chapters</a>")
        .append("<span class=\"spacer\"></span>");
    if (links.next() != null) {
      h.append("<a href=\"")
          .append(links.next())
          .append("\">next: ")
          .append(Html.escape(links.nextTitle()))
          .append(" ›</a>");
    }
    h.append("</nav>\n");
    h.append("<footer>Rendered by <code>./jbang render</code> from <code>")
        .append(Html.escape(src.path.getFileName().toString()))
        .append("</code>: the prose is the chapter's comments, the output is what this run printed.</footer>\n");
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  /** The heading the page shows for a section: the lead's own Markdown heading if it has one. */
  public static String heading(Section s, Chunk printed, int i) {
    if (s.lead() != null) {
      String first = s.lead().strip().lines().findFirst().orElse("");
      if (first.matches("#{1,6}\\s+.*")) {
        return first.replaceFirst("^#{1,6}\\s+", "").replaceAll("[*_`]", "").strip();
      }
    }
    return display(s, printed, i);
  }

  /** The search box: filters the index in search-index.js (written by render) as one types. */
  public static final String SEARCH =
      "<div class=\"search sans\"><input type=\"search\" id=\"q\" "
          + "placeholder=\"Search all chapters…\" aria-label=\"Search all chapters\" "
          + "autocomplete=\"off\">"
          + "<ol id=\"hits\"></ol></div>\n<script src=\"search-index.js\"></script>\n<script>\n"
          + "(function(){var q=document.getElementById('q'),o=document.getElementById('hits');\n"
          + "q.addEventListener('input',function(){\n"
          + "var t=q.value.trim().toLowerCase();o.innerHTML='';\n"
          + "if(t.length<2||!window.SEARCH_INDEX)return;var n=0;\n"
          + "window.SEARCH_INDEX.forEach(function(e){\n"
          + "if(n<12&&(e.t+' '+e.x).toLowerCase().indexOf(t)>=0){n++;\n"
          + "var li=document.createElement('li'),a=document.createElement('a');a.href=e.u;\n"
          + "a.textContent=e.p+' › '+e.t;li.appendChild(a);o.appendChild(li);}});\n"
          + "if(!n){o.innerHTML='<li>no match</li>';}});})();\n</script>\n";

  /** The section's title: the literal, else what its banner printed, else its literal start. */
  static String display(Section s, Chunk printed, int i) {
    return s.title() != null ? s.title() : printed != null ? printed.title()
        : s.prefix() != null ? s.prefix() + "…" : "Section " + (i + 1);
  }

  public static List<Check> checksOf(Chunk c) {
    List<Check> cs = new ArrayList<>();
    for (String l : c.lines()) {
      Check k = RunOutput.check(l);
      if (k != null) {
        cs.add(k);
      }
    }
    return cs;
  }

  /** {@code 12/12 ✓} in green, or the pass count in red when something failed. */
  public static String badge(long passed, long total) {
    return badge(passed, total, 0, 0);
  }

  /**
   * The run's verdict: green {@code 12/12 checks ✓} only when the chapter finished (exit 0) and
   * every check passed; a chapter that stopped shows {@code stopped: 20 of 33 ran} (of the checks
   * its last complete run printed, {@code expected}; 0 if unknown) and is never green.
   */
  public static String badge(long passed, long total, int exit, long expected) {
    if (exit != 0) {
      String ran = expected > total ? "stopped: " + total + " of " + expected + " ran"
          : "stopped after " + total + " check" + (total == 1 ? "" : "s");
      return "<span class=\"badge stopped\">"
          + ran
          + (passed < total ? ", " + (total - passed) + " failed" : "")
          + " ✗</span>";
    }
    if (total == 0) {
      return "<span class=\"badge none\">no checks</span>";
    }
    boolean ok = passed == total;
    return "<span class=\"badge " + (ok ? "pass" : "fail") + "\">" + passed + "/" + total + " checks "
        + (ok ? "✓" : "✗") + "</span>";
  }

  /** Output lines in order: plain runs as a terminal block, CHECK runs as a pass/fail table. */
  static void output(StringBuilder h, List<String> lines) {
    List<String> plain = new ArrayList<>();
    List<Check> checks = new ArrayList<>();
    for (String l : lines) {
      Check k = RunOutput.check(l);
      if (k == null) {
        if (!checks.isEmpty()) {
          table(h, checks);
          checks.clear();
        }
        plain.add(l);
      } else {
        if (!plain.isEmpty()) {
          pre(h, plain);
          plain.clear();
        }
        checks.add(k);
      }
    }
    if (!plain.isEmpty()) {
      pre(h, plain);
    }
    if (!checks.isEmpty()) {
      table(h, checks);
    }
  }

  private static void pre(StringBuilder h, List<String> lines) {
    h.append("<pre class=\"out\">").append(Html.escape(String.join("\n", lines).strip())).append("</pre>\n");
  }

  private static void table(StringBuilder h, List<Check> checks) {
    h.append("<table class=\"checks\"><thead><tr><th>claim</th><th>check</th><th class=\"ok\">ok</th></tr></thead><tbody>\n");
    for (Check c : checks) {
      h.append("<tr class=\"").append(c.passed() ? "pass" : "fail").append("\" data-check=\"")
          .append(Html.escape(c.id())).append("\"><td class=\"id\">").append(Html.escape(c.id()))
          .append("</td><td class=\"detail\">")
          .append(Html.escape(c.detail()).replace(" | ", "<span class=\"sep\">│</span>"))
          .append("</td><td class=\"ok\">").append(c.passed() ? "✓" : "✗").append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static void figure(StringBuilder h, Figure f) {
    h.append(f.wide() ? "<figure class=\"wide\">" : "<figure>");
    String img =
        "<img src=\""
            + Html.escape(f.src())
            + "\" alt=\""
            + Html.escape(f.alt())
            + "\" loading=\"lazy\">";
    h.append(
        f.svg() == null
            ? img
            : "<a href=\""
                + Html.escape(f.svg())
                + "\" title=\"open the full-size figure\">"
                + img
                + "</a>");
    h.append("<figcaption>").append(Html.escape(f.caption()));
    if (f.svg() != null) {
      h.append(" · <a href=\"").append(Html.escape(f.svg())).append("\">full size (svg)</a>");
    }
    h.append("</figcaption></figure>\n");
  }

  private static void error(StringBuilder h, Run run) {
    h.append("<div class=\"label\">the chapter stopped here (exit ").append(run.exit()).append(")</div>\n")
        .append("<pre class=\"err\">").append(Html.escape(run.stderr().strip())).append("</pre>\n");
  }
}
