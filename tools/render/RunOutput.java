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
   * figures announced there ({@code [figure] NAME.png}, printed by Figures under render).
   */
  public record Chunk(String title, Instant at, List<String> lines, List<String> figures) {}

  /** A CHECK line taken apart: {@code CHECK KL-4  closed form … | 0.4 SE  ✓}. */
  public record Check(String id, String detail, boolean passed) {}

  static final Pattern BANNER = Pattern.compile("^── (.+?) ─{3,}\\s*$");
  static final Pattern CHECK = Pattern.compile("^CHECK (\\S+)\\s+(.*?)\\s*([✓✗])\\s*$");
  static final Pattern FIGURE = Pattern.compile("^\\[figure\\] (\\S+)\\s*$");
  static final Pattern SUMMARY = Pattern.compile("^checks: \\d+ passed, \\d+ failed.*$");

  public final List<Chunk> chunks = new ArrayList<>();
  public String summary;

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
      } else if (SUMMARY.matcher(l.text()).matches()) {
        summary = l.text();
      } else {
        cur.add(l.text());
      }
    }
    chunks.add(new Chunk(title, at, trim(cur), figs));
  }

  /** The chunk under the banner {@code title}, or null if the chapter never printed it. */
  public Chunk chunk(String title) {
    return chunks.stream().filter(c -> title != null && title.equals(c.title())).findFirst().orElse(null);
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
