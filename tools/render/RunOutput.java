package render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a chapter printed, cut at its section banners ({@code ── 2. Title ─────}): the lines before
 * the first banner, one chunk per banner (with the time it arrived), and the closing
 * {@code checks: N passed, M failed} line.
 */
public final class RunOutput {
  /** A line as it arrived from the running chapter. */
  public record Line(Instant at, String text) {}

  /**
   * The lines under one banner ({@code title} null for the lines before the first banner), and the
   * figures announced there (file names from {@code figure: PATH}, the line Figures prints).
   */
  public record Chunk(String title, Instant at, List<String> lines, List<String> figures) {}

  /** A CHECK line taken apart: {@code CHECK KL-4  closed form … | 0.4 SE  ✓}. */
  public record Check(String id, String detail, boolean passed) {}

  static final Pattern BANNER = Pattern.compile("^── (.+?) ─{3,}\\s*$");
  static final Pattern CHECK = Pattern.compile("^CHECK (\\S+)\\s+(.*?)\\s*([✓✗])\\s*$");
  static final Pattern FIGURE = Pattern.compile("^figure: (?:.*/)?([^/]+?)\\s*$");
  static final Pattern TITLE = Pattern.compile("^\\[figure\\] (\\S+)(?:\\s+(.*?))?\\s*$");
  static final Pattern SUMMARY = Pattern.compile("^checks: \\d+ passed, \\d+ failed.*$");

  public final List<Chunk> chunks = new ArrayList<>();
  public String summary;

  /** Each announced figure's chart title ({@code [figure] NAME.png TITLE}), by file name. */
  public final java.util.Map<String, String> figureTitles = new java.util.HashMap<>();

  /** Cuts {@code lines} at the banners. */
  public RunOutput(List<Line> lines) {
    String title = null;
    Instant at = lines.isEmpty() ? Instant.now() : lines.get(0).at();
    List<String> cur = new ArrayList<>();
    List<String> figs = new ArrayList<>();
    for (Line l : lines) {
      Matcher b = BANNER.matcher(l.text());
      Matcher f = FIGURE.matcher(l.text());
      if (b.matches()) {
        chunks.add(new Chunk(title, at, trim(cur), figs));
        title = b.group(1).trim();
        at = l.at();
        cur = new ArrayList<>();
        figs = new ArrayList<>();
      } else if (f.matches()) {
        figs.add(f.group(1));
      } else if (TITLE.matcher(l.text()).matches()) {
        Matcher t = TITLE.matcher(l.text());
        t.matches();
        if (!figs.contains(t.group(1))) {
          figs.add(t.group(1));
        }
        if (t.group(2) != null && !t.group(2).isBlank()) {
          figureTitles.put(t.group(1), t.group(2).strip());
        }
      } else if (SUMMARY.matcher(l.text()).matches()) {
        summary = l.text();
      } else {
        cur.add(l.text());
      }
    }
    chunks.add(new Chunk(title, at, trim(cur), figs));
  }

  /**
   * The chunk each section printed, by section index (null if it printed nothing): a chunk under
   * the section's literal title; else one whose title starts with the section's literal prefix;
   * else the one unclaimed chunk between its neighbours' chunks.
   */
  public Chunk[] match(List<ChapterSource.Section> sections) {
    Chunk[] out = new Chunk[sections.size()];
    boolean[] used = new boolean[chunks.size()];
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < sections.size(); i++) {
        ChapterSource.Section s = sections.get(i);
        for (int c = 1; c < chunks.size() && out[i] == null; c++) {
          String t = chunks.get(c).title();
          boolean hit = pass == 0 ? s.title() != null && s.title().equals(t)
              : s.title() == null && s.prefix() != null && t.startsWith(s.prefix());
          if (!used[c] && hit) {
            out[i] = chunks.get(c);
            used[c] = true;
          }
        }
      }
    }
    for (int i = 0; i < sections.size(); i++) {
      if (out[i] != null) {
        continue;
      }
      int lo = 0; // the chunk of the nearest matched section before, and after
      for (int j = i - 1; j >= 0 && lo == 0; j--) {
        lo = out[j] == null ? 0 : chunks.indexOf(out[j]);
      }
      int hi = chunks.size();
      for (int j = i + 1; j < sections.size() && hi == chunks.size(); j++) {
        hi = out[j] == null ? chunks.size() : chunks.indexOf(out[j]);
      }
      for (int c = Math.max(1, lo + 1); c < hi; c++) {
        if (!used[c]) {
          out[i] = chunks.get(c);
          used[c] = true;
          break;
        }
      }
    }
    return out;
  }

  /** Every CHECK line printed, in order. */
  public List<Check> checks() {
    List<Check> out = new ArrayList<>();
    for (Chunk c : chunks) {
      for (String l : c.lines()) {
        Check k = check(l);
        if (k != null) {
          out.add(k);
        }
      }
    }
    return out;
  }

  /** {@code line} as a Check, or null if it is not a CHECK line. */
  public static Check check(String line) {
    Matcher m = CHECK.matcher(line);
    return m.matches() ? new Check(m.group(1), m.group(2), m.group(3).equals("✓")) : null;
  }

  private static List<String> trim(List<String> lines) {
    int a = 0;
    int b = lines.size();
    while (a < b && lines.get(a).isBlank()) {
      a++;
    }
    while (b > a && lines.get(b - 1).isBlank()) {
      b--;
    }
    return List.copyOf(lines.subList(a, b));
  }
}
