package render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import render.JavaLexer.Kind;
import render.JavaLexer.Token;

/**
 * A chapter file read as a literate program: the header comment, then in file order the prose
 * (Markdown in {@code /* … *}{@code /} comments), the sections (members that call
 * {@code Chapter.section("N. Title")}) and the rest of the code.
 */
public final class ChapterSource {
  /** Something on the page, in file order. */
  public sealed interface Item permits Prose, Code, Section {}

  /** Markdown prose from a block comment between members. */
  public record Prose(String markdown) implements Item {}

  /** Code that is not a section: imports, the class, fields, {@code main}, {@code call}. */
  public record Code(String code) implements Item {}

  /** A part of a section: code, or prose from a block comment standing on its own line inside it. */
  public record Part(boolean prose, String text) {}

  /**
   * A section: its banner title (null if not one literal), the literal its title starts with when
   * it is built at run time ({@code "8. Test (K = " + k + ")"}), the prose before it, its parts.
   */
  public record Section(String title, String prefix, String lead, List<Part> parts) implements Item {
    /** All of the section's code, for finding figure names in it. */
    public String code() {
      StringBuilder sb = new StringBuilder();
      parts.stream().filter(p -> !p.prose()).forEach(p -> sb.append(p.text()).append('\n'));
      return sb.toString();
    }
  }

  private static final Pattern FIELD = Pattern.compile("^\\*\\*(.+?):?\\*\\*:?\\s*(.*)$");

  public final Path path;
  public final String description;
  public final String title;
  /** The first paragraph under the title, on one line. */
  public final String subtitle;
  /** The header's prose after the title, subtitle and fields. */
  public final String intro;
  public final Map<String, String> fields = new LinkedHashMap<>();
  public final List<Item> items = new ArrayList<>();

  private ChapterSource(Path path, String src) {
    this.path = path;
    Matcher d = Pattern.compile("(?m)^//DESCRIPTION\\s+(.*)$").matcher(src);
    description = d.find() ? d.group(1).trim() : "";
    String header = parse(src);
    String t = null;
    StringBuilder sub = new StringBuilder();
    StringBuilder rest = new StringBuilder();
    String field = null; // the field whose value may continue on the next lines
    boolean inSubtitle = false;
    if (header != null) {
      for (String line : header.split("\n", -1)) {
        Matcher f = FIELD.matcher(line.trim());
        if (t == null && line.startsWith("# ")) {
          t = line.substring(2).trim();
          inSubtitle = true;
        } else if (f.matches()) {
          field = f.group(1).trim();
          fields.put(field, f.group(2).trim());
          inSubtitle = false;
        } else if (line.isBlank()) {
          field = null;
          inSubtitle = false;
          rest.append('\n');
        } else if (field != null) {
          fields.put(field, fields.get(field) + " " + line.trim());
        } else if (inSubtitle) {
          sub.append(sub.length() == 0 ? "" : " ").append(line.trim());
        } else {
          rest.append(line).append('\n');
        }
      }
    }
    title = t != null ? t : description.isEmpty() ? path.getFileName().toString() : description;
    subtitle = sub.toString().strip();
    intro = rest.toString().strip();
  }

  /** Reads and parses a chapter file. */
  public static ChapterSource read(Path path) throws IOException {
    return new ChapterSource(path, Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n"));
  }

  /** The claim ids of the header's "This chapter verifies" line, as written. */
  public String claims() {
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (e.getKey().toLowerCase().contains("verifies")) {
        return e.getValue();
      }
    }
    return "";
  }

  /** The sections in file order. */
  public List<Section> sections() {
    return items.stream().filter(i -> i instanceof Section).map(i -> (Section) i).toList();
  }

  /** Walks the tokens; fills {@link #items}; returns the header's Markdown (the first prose at top level). */
  private String parse(String src) {
    List<Token> toks = JavaLexer.tokens(src);
    String header = null;
    int depth = 0;
    int runStart = -1; // index of the first token of the code run being collected
    List<Token> inner = new ArrayList<>(); // prose comments inside the current member
    for (int k = 0; k < toks.size(); k++) {
      Token t = toks.get(k);
      if (t.kind() == Kind.SPACE) {
        continue;
      }
      if (depth <= 1 && t.kind() == Kind.BLOCK_COMMENT) {
        flush(src, toks, runStart, k - 1, inner);
        runStart = -1;
        String md = markdown(src, t);
        if (header == null && depth == 0 && items.isEmpty()) {
          header = md;
        } else {
          items.add(new Prose(md));
        }
        continue;
      }
      if (depth >= 2 && t.kind() == Kind.BLOCK_COMMENT && standsAlone(src, t)) {
        inner.add(t);
        continue;
      }
      if (runStart < 0) {
        if (depth == 0 && t.kind() == Kind.LINE_COMMENT && t.text(src).startsWith("//")
            && items.isEmpty() && header == null) {
          continue; // the JBang directives at the top
        }
        runStart = k;
      }
      if (t.kind() != Kind.PUNCT) {
        continue;
      }
      char c = src.charAt(t.start());
      if (c == '{') {
        depth++;
        if (depth == 1) { // a class opens: its header is a code run of its own
          flush(src, toks, runStart, k, inner);
          runStart = -1;
        }
      } else if (c == '}') {
        depth--;
        if (depth <= 1) {
          flush(src, toks, runStart, k, inner);
          runStart = -1;
        }
      } else if (c == ';' && depth <= 1) {
        flush(src, toks, runStart, k, inner);
        runStart = -1;
      }
    }
    flush(src, toks, runStart, toks.size() - 1, inner);
    return header;
  }

  private void flush(String src, List<Token> toks, int from, int to, List<Token> inner) {
    if (from < 0 || to < from) {
      inner.clear();
      return;
    }
    while (to > from && toks.get(to).kind() == Kind.SPACE) {
      to--;
    }
    int start = lineStart(src, toks.get(from).start());
    int end = toks.get(to).end();
    String title = null;
    String prefix = null;
    boolean section = false;
    for (int k = from; k <= to; k++) {
      if (isSectionCall(src, toks, k)) {
        section = true;
        int s = next(toks, next(toks, k + 1) + 1); // the argument, after the parenthesis
        Token arg = s < toks.size() ? toks.get(s) : null;
        int after = next(toks, s + 1);
        if (arg != null && arg.kind() == Kind.STRING && after < toks.size() && src.charAt(toks.get(after).start()) == ')') {
          title = unquote(arg.text(src));
        } else if (arg != null && arg.kind() == Kind.STRING) {
          prefix = unquote(arg.text(src));
        }
        break;
      }
    }
    if (!section) {
      String code = dedent(src.substring(start, end));
      if (!items.isEmpty() && items.get(items.size() - 1) instanceof Code prev) {
        items.set(items.size() - 1, new Code(prev.code() + "\n" + code));
      } else {
        items.add(new Code(code));
      }
      inner.clear();
      return;
    }
    String indent = src.substring(start, toks.get(from).start());
    List<Part> parts = new ArrayList<>();
    int cut = start;
    for (Token c : inner) {
      int ls = lineStart(src, c.start());
      addCode(parts, src.substring(cut, ls), indent);
      parts.add(new Part(true, markdown(src, c)));
      int nl = src.indexOf('\n', c.end());
      cut = nl < 0 ? c.end() : nl + 1;
    }
    addCode(parts, src.substring(cut, end), indent);
    inner.clear();
    String lead = null;
    if (!items.isEmpty() && items.get(items.size() - 1) instanceof Prose p) {
      items.remove(items.size() - 1);
      lead = p.markdown();
    }
    items.add(new Section(title, prefix, lead, parts));
  }

  private static void addCode(List<Part> parts, String code, String indent) {
    StringBuilder sb = new StringBuilder();
    for (String line : code.split("\n", -1)) {
      sb.append(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading()).append('\n');
    }
    String text = sb.toString().replaceAll("^\\s*\n", "").stripTrailing();
    if (!text.isBlank()) {
      parts.add(new Part(false, text));
    }
  }

  /** {@code Chapter.section(} or a bare {@code section(} (static import) at token {@code k}. */
  private static boolean isSectionCall(String src, List<Token> toks, int k) {
    Token t = toks.get(k);
    if (t.kind() != Kind.IDENT || !t.text(src).equals("section")) {
      return false;
    }
    int p = next(toks, k + 1);
    if (p >= toks.size() || src.charAt(toks.get(p).start()) != '(') {
      return false;
    }
    int b = prev(toks, k - 1);
    if (b >= 0 && src.charAt(toks.get(b).start()) == '.') {
      int owner = prev(toks, b - 1);
      return owner >= 0 && toks.get(owner).text(src).equals("Chapter");
    }
    return b < 0 || toks.get(b).kind() != Kind.KEYWORD || !toks.get(b).text(src).equals("void");
  }

  private static int next(List<Token> toks, int k) {
    while (k < toks.size() && toks.get(k).kind() == Kind.SPACE) {
      k++;
    }
    return k;
  }

  private static int prev(List<Token> toks, int k) {
    while (k >= 0 && toks.get(k).kind() == Kind.SPACE) {
      k--;
    }
    return k;
  }

  private static boolean standsAlone(String src, Token t) {
    return src.substring(lineStart(src, t.start()), t.start()).isBlank();
  }

  private static int lineStart(String src, int pos) {
    int nl = src.lastIndexOf('\n', pos - 1);
    int ls = nl + 1;
    return src.substring(ls, pos).isBlank() ? ls : pos;
  }

  /** The Markdown inside a block comment: delimiters and the leading {@code *} of each line removed. */
  static String markdown(String src, Token t) {
    String body = t.text(src);
    body = body.substring(2, body.length() - (body.endsWith("*/") ? 2 : 0));
    List<String> lines = new ArrayList<>();
    for (String line : body.split("\n", -1)) {
      String s = line.stripLeading();
      if (s.startsWith("*")) {
        s = s.substring(1);
        lines.add(s.startsWith(" ") ? s.substring(1) : s);
      } else {
        lines.add(line);
      }
    }
    return dedent(String.join("\n", lines)).strip();
  }

  /** Removes the indentation all non-blank lines share. */
  static String dedent(String text) {
    String[] lines = text.split("\n", -1);
    int min = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        min = Math.min(min, l.length() - l.stripLeading().length());
      }
    }
    if (min == Integer.MAX_VALUE || min == 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      sb.append(lines[i].isBlank() ? "" : lines[i].substring(min));
      if (i < lines.length - 1) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private static String unquote(String lit) {
    String s = lit.substring(1, lit.length() - 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        sb.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'u' -> {
          int j = i;
          while (j < s.length() && s.charAt(j) == 'u') {
            j++;
          }
          sb.append((char) Integer.parseInt(s.substring(j, j + 4), 16));
          i = j + 3;
        }
        default -> sb.append(e);
      }
    }
    return sb.toString();
  }
}
