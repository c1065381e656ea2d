package render;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/** HTML helpers for the pages: escaping, Markdown (commonmark-java), and the one stylesheet. */
public final class Html {
  private Html() {}

  private static final List<org.commonmark.Extension> EXT = List.of(TablesExtension.create());
  private static final Parser PARSER = Parser.builder().extensions(EXT).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXT).escapeHtml(true).build();

  /** Text as HTML text or attribute value. */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** TeX between $$ … $$ (display) or \\( … \\) (inline), kept away from the Markdown parser. */
  static final java.util.regex.Pattern MATH =
      java.util.regex.Pattern.compile("(?s)\\$\\$(.+?)\\$\\$|\\\\\\((.+?)\\\\\\)");

  /**
   * Markdown (CommonMark + tables) as HTML; raw HTML in the source is shown as text. TeX maths is
   * passed through untouched in a {@code span.math} (typeset by KaTeX in the browser; the
   * comment stays readable as plain text).
   */
  public static String markdown(String md) {
    List<String> maths = new ArrayList<>();
    java.util.regex.Matcher m = MATH.matcher(md);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      boolean display = m.group(1) != null;
      String tex = display ? m.group(1) : m.group(2);
      maths.add(
          "<span class=\"math"
              + (display ? " display" : "")
              + "\">"
              + (display ? "$$" : "\\(")
              + escape(tex.strip())
              + (display ? "$$" : "\\)")
              + "</span>");
      m.appendReplacement(sb, "MATHTOKEN" + (maths.size() - 1) + "Z");
    }
    m.appendTail(sb);
    String html = RENDERER.render(PARSER.parse(sb.toString()));
    for (int i = maths.size() - 1; i >= 0; i--) {
      html = html.replace("MATHTOKEN" + i + "Z", maths.get(i));
    }
    return html;
  }

  /** Marks where a page's head takes KaTeX, if the page has maths (see {@link #withMath}). */
  public static final String MATH_HEAD = "<!--math-->";

  /**
   * The page with KaTeX in its head if it has maths: linked from {@code katex/} next to the page,
   * or, with {@code inline}, the stylesheet (fonts as data: URIs) and scripts inside the page.
   */
  public static String withMath(String html, String inlineCss, String inlineJs) {
    if (!html.contains("class=\"math")) {
      return html.replace(MATH_HEAD, "");
    }
    String init =
        "<script>document.addEventListener('DOMContentLoaded',function(){"
            + "if(window.renderMathInElement){"
            + "document.querySelectorAll('span.math').forEach(function(e){"
            + "renderMathInElement(e,{delimiters:[{left:'$$',right:'$$',display:true},"
            + "{left:'\\\\(',right:'\\\\)',display:false}],throwOnError:false});});}});</script>\n";
    String head =
        inlineCss == null
            ? "<link rel=\"stylesheet\" href=\"katex/katex.min.css\">\n"
                + "<script defer src=\"katex/katex.min.js\"></script>\n"
                + "<script defer src=\"katex/contrib/auto-render.min.js\"></script>\n"
            : "<style>\n" + inlineCss + "\n</style>\n<script>\n" + inlineJs + "\n</script>\n";
    return html.replace(MATH_HEAD, head + init);
  }

  /** Markdown of one line, without the surrounding paragraph. */
  public static String inline(String md) {
    String html = markdown(md).strip();
    if (html.startsWith("<p>") && html.endsWith("</p>")) {
      html = html.substring(3, html.length() - 4);
    }
    return html;
  }

  /** The start of a page: UTF-8, the stylesheet inline, no external resource. */
  public static String head(String title) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>"
        + escape(title)
        + "</title>\n<style>\n"
        + CSS
        + "</style>\n"
        + MATH_HEAD
        + "</head>\n<body>\n";
  }

  static final String CSS =
      """
      :root { --ink: #1f2328; --muted: #59636e; --rule: #d8dee4; --paper: #ffffff; --code: #f6f8fa;
        --link: #0b5cad; --pass: #1a7f37; --fail: #cf222e; --accent: #6639ba; }
      * { box-sizing: border-box; }
      html { font-size: 17px; }
      body { margin: 0; background: var(--paper); color: var(--ink);
        font-family: Charter, "Bitstream Charter", "Iowan Old Style", Georgia, "DejaVu Serif", serif;
        line-height: 1.6; text-rendering: optimizeLegibility; }
      main { max-width: 50rem; margin: 0 auto; padding: 1.5rem 1.5rem 4rem; }
      a { color: var(--link); text-decoration: none; } a:hover { text-decoration: underline; }
      h1, h2, h3, h4, .sans, nav, .meta, table, figcaption, .badge, .label, summary {
        font-family: "Inter", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif; }
      h1 { font-size: 2rem; line-height: 1.2; margin: 0.6rem 0 0.4rem; letter-spacing: -0.01em; }
      h2 { font-size: 1.4rem; margin: 2.8rem 0 0.6rem; padding-top: 0.6rem; border-top: 1px solid var(--rule); }
      h3 { font-size: 1.1rem; margin: 1.6rem 0 0.4rem; }
      p { margin: 0.6rem 0; }
      code, pre, .mono { font-family: "JetBrains Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace; }
      :not(pre) > code { font-size: 0.86em; background: var(--code); padding: 0.08em 0.3em; border-radius: 4px; }
      pre { font-size: 0.8rem; line-height: 1.5; overflow-x: auto; margin: 0.8rem 0; padding: 0.8rem 1rem;
        border-radius: 6px; }
      pre.code { background: var(--code); border: 1px solid #eaeef2; }
      pre.out { background: #0f1720; color: #e6edf3; max-height: 28rem; }
      pre.err { background: #fff5f5; color: #82071e; border: 1px solid #ffcecb; white-space: pre-wrap; }
      .c { color: #6e7781; font-style: italic; } .s { color: #0a3069; } .n { color: #0550ae; }
      .k { color: #cf222e; } .a { color: #8250df; } .t { color: #953800; }
      nav.top { display: flex; gap: 1.2rem; font-size: 0.85rem; color: var(--muted);
        border-bottom: 1px solid var(--rule); padding-bottom: 0.5rem; }
      nav.top .spacer { flex: 1; }
      .subtitle { font-size: 1.15rem; color: var(--muted); margin-bottom: 1rem; }
      dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; font-size: 0.85rem;
        margin: 1rem 0; padding: 0.8rem 1rem; background: #fbfbfc; border: 1px solid var(--rule); border-radius: 6px; }
      dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; }
      .badge { display: inline-block; font-size: 0.8rem; font-weight: 600; padding: 0.1rem 0.55rem;
        border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; }
      .badge.pass { color: var(--pass); } .badge.fail { color: var(--fail); } .badge.none { color: var(--muted); }
      nav.toc { font-size: 0.9rem; margin: 1.2rem 0; } nav.toc ol { margin: 0.3rem 0; padding-left: 1.4rem; }
      nav.toc ol { list-style: none; padding-left: 0.4rem; } nav.toc li { margin: 0.1rem 0; } nav.toc .badge { font-size: 0.7rem; margin-left: 0.4rem; }
      .inner { border-left: 3px solid #d0d7de; padding-left: 0.9rem; color: #2f363d; }
      .label { font-size: 0.72rem; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted);
        margin: 1rem 0 -0.4rem; }
      table { border-collapse: collapse; font-size: 0.85rem; margin: 0.8rem 0; }
      th, td { border-bottom: 1px solid var(--rule); padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
      th { font-weight: 600; background: #f6f8fa; }
      table.checks { width: 100%; }
      table.checks td.id { font-weight: 600; white-space: nowrap; }
      table.checks td.detail { font-family: "DejaVu Sans Mono", monospace; font-size: 0.78rem; }
      table.checks td.ok { font-size: 1.1rem; text-align: center; width: 2.5rem; }
      tr.pass td.ok { color: var(--pass); } tr.fail td.ok, tr.fail td.id { color: var(--fail); }
      tr.fail { background: #fff5f5; }
      .sep { color: #afb8c1; padding: 0 0.3em; }
      figure { margin: 1.2rem 0; text-align: center; }
      figure img { max-width: 100%; height: auto; border: 1px solid var(--rule); border-radius: 4px; }
      figcaption { font-size: 0.8rem; color: var(--muted); margin-top: 0.3rem; }
      details.rest { margin: 1rem 0; font-size: 0.9rem; } details.rest summary { cursor: pointer; color: var(--muted); }
      .missing { color: var(--fail); font-style: italic; }
      .verdict { margin: 2.5rem 0 1rem; font-size: 1rem; }
      footer { font-size: 0.8rem; color: var(--muted); border-top: 1px solid var(--rule); margin-top: 3rem; padding-top: 0.6rem; }
      .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(22rem, 1fr)); gap: 1.2rem; margin-top: 1.5rem; }
      .card { border: 1px solid var(--rule); border-radius: 8px; padding: 0.9rem 1rem; display: flex; gap: 1rem; }
      .card img { width: 9rem; height: 6rem; object-fit: contain; border: 1px solid #eaeef2; border-radius: 4px; flex: none; }
      .card .noimg { width: 9rem; height: 6rem; flex: none; background: var(--code); border-radius: 4px; }
      .card h3 { margin: 0 0 0.2rem; font-size: 1.02rem; } .card p { margin: 0.2rem 0; font-size: 0.88rem; }
      .card .claims { font-size: 0.78rem; color: var(--muted); }
      span.math.display { display: block; text-align: center; margin: 0.8rem 0; overflow-x: auto; }
      pre.code, pre.out { white-space: pre-wrap; overflow-wrap: anywhere; }
      table.checks td.detail { overflow-wrap: anywhere; }
      .badge.stopped { color: #8c1d18; background: #eceff1; border-color: #8c959f; }
      figure.wide { width: min(96vw, 84rem); position: relative; left: 50%;
        transform: translateX(-50%); }
      nav.bottom { display: flex; gap: 1rem; font-size: 0.9rem; border-top: 1px solid var(--rule);
        margin-top: 2rem; padding-top: 0.6rem; } nav.bottom .spacer { flex: 1; }
      .search { margin: 0.6rem 0; position: relative; font-size: 0.9rem; }
      .search input { width: 100%; padding: 0.35rem 0.6rem; border: 1px solid var(--rule);
        border-radius: 6px; font: inherit; }
      .search ol { list-style: none; margin: 0; padding: 0; position: absolute; z-index: 5;
        background: #fff; width: 100%; box-shadow: 0 4px 12px rgba(0,0,0,0.12);
        border-radius: 6px; }
      .search li a, .search li { display: block; padding: 0.25rem 0.6rem; }
      """;
}
