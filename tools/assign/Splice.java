package assign;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes the solution regions out of a submitted file and puts them into the release's version of
 * that file, so that everything outside the regions is the teacher's. The release's file has one
 * stub line ({@code throw new UnsupportedOperationException("Exercise …")}) per region; the
 * student's code for a region is whatever the submission has between the release lines around that
 * stub. Lines are compared without trailing white space (editors and CRLF differ there).
 */
public final class Splice {
  /** Shown per file at most this many changed lines; the count is always complete. */
  static final int SHOWN = 5;

  /**
   * The merged file, the student's code for each stub (in the order of {@code stubs}) and the
   * changes the submission made outside the regions (empty when there are none).
   */
  public record Result(List<String> merged, List<List<String>> regions, List<String> outside) {}

  private Splice() {}

  /**
   * Splices {@code submitted} into {@code release}.
   *
   * @param stubs the 0-based indices of the stub lines in {@code release}, ascending
   * @throws IllegalArgumentException if a stub index is out of range or not ascending
   */
  public static Result splice(List<String> release, List<Integer> stubs, List<String> submitted) {
    for (int k = 0; k < stubs.size(); k++) {
      if (stubs.get(k) < 0
          || stubs.get(k) >= release.size()
          || (k > 0 && stubs.get(k) <= stubs.get(k - 1))) {
        throw new IllegalArgumentException(
            "stub lines "
                + stubs
                + " must be ascending lines of a file of "
                + release.size()
                + " lines");
      }
    }
    List<List<String>> regions = exact(release, stubs, submitted);
    List<String> outside = new ArrayList<>();
    if (regions == null) {
      regions = aligned(release, stubs, submitted, outside);
    }
    List<String> merged = new ArrayList<>();
    int from = 0;
    for (int k = 0; k < stubs.size(); k++) {
      merged.addAll(release.subList(from, stubs.get(k)));
      merged.addAll(regions.get(k));
      from = stubs.get(k) + 1;
    }
    merged.addAll(release.subList(from, release.size()));
    return new Result(merged, regions, outside);
  }

  /** The regions when every line outside them is the release's, in order; else null. */
  static List<List<String>> exact(List<String> release, List<Integer> stubs, List<String> sub) {
    List<List<String>> segs = new ArrayList<>();
    int from = 0;
    for (int s : stubs) {
      segs.add(release.subList(from, s));
      from = s + 1;
    }
    segs.add(release.subList(from, release.size()));
    List<String> first = segs.get(0);
    List<String> last = segs.get(segs.size() - 1);
    int end = sub.size() - last.size();
    if (end < first.size() || !same(sub, 0, first) || !same(sub, end, last)) {
      return null;
    }
    if (stubs.isEmpty()) {
      return end == first.size() ? List.of() : null;
    }
    List<List<String>> regions = new ArrayList<>();
    int pos = first.size();
    for (int k = 1; k < segs.size() - 1; k++) {
      List<String> seg = segs.get(k);
      int at = -1;
      for (int j = pos; j + seg.size() <= end && at < 0; j++) {
        if (same(sub, j, seg)) {
          at = j;
        }
      }
      if (at < 0) {
        return null;
      }
      regions.add(new ArrayList<>(sub.subList(pos, at)));
      pos = at + seg.size();
    }
    regions.add(new ArrayList<>(sub.subList(pos, end)));
    return regions;
  }

  static boolean same(List<String> sub, int at, List<String> seg) {
    for (int i = 0; i < seg.size(); i++) {
      if (!sub.get(at + i).stripTrailing().equals(seg.get(i).stripTrailing())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The regions by a longest-common-subsequence alignment of the lines, for a submission that also
   * changed lines outside them; those changes are described in {@code outside}.
   */
  static List<List<String>> aligned(
      List<String> rel, List<Integer> stubs, List<String> sub, List<String> outside) {
    int n = rel.size();
    int m = sub.size();
    boolean[] stub = new boolean[n];
    stubs.forEach(s -> stub[s] = true);
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            !stub[i] && rel.get(i).stripTrailing().equals(sub.get(j).stripTrailing())
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int[] match = new int[n]; // release line → submitted line, or -1
    java.util.Arrays.fill(match, -1);
    boolean[] used = new boolean[m];
    for (int i = 0, j = 0; i < n && j < m; ) {
      if (!stub[i] && rel.get(i).stripTrailing().equals(sub.get(j).stripTrailing())) {
        match[i++] = j;
        used[j++] = true;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    List<List<String>> regions = new ArrayList<>();
    boolean[] inRegion = new boolean[m];
    int taken = 0;
    for (int s : stubs) {
      int a = -1;
      for (int i = s - 1; i >= 0 && a < 0; i--) {
        a = match[i];
      }
      int b = m;
      for (int i = s + 1; i < n && b == m; i++) {
        b = match[i] >= 0 ? match[i] : m;
      }
      int lo = Math.max(a + 1, taken);
      List<String> body = new ArrayList<>();
      for (int j = lo; j < b; j++) {
        body.add(sub.get(j));
        inRegion[j] = true;
      }
      taken = Math.max(taken, b);
      regions.add(body);
    }
    List<String> removed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (!stub[i] && match[i] < 0) {
        removed.add(
            "line " + (i + 1) + " of the release missing or changed: `" + rel.get(i).strip() + "`");
      }
    }
    List<String> added = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      if (!used[j] && !inRegion[j]) {
        added.add(
            "line "
                + (j + 1)
                + " added outside the solution regions: `"
                + sub.get(j).strip()
                + "`");
      }
    }
    int total = removed.size() + added.size();
    if (total > 0) {
      outside.add(
          total
              + " line"
              + (total == 1 ? "" : "s")
              + " differ from the release outside the solution "
              + "regions (graded with the release's lines)");
      List<String> all = new ArrayList<>(removed);
      all.addAll(added);
      all.stream().limit(SHOWN).forEach(outside::add);
      if (all.size() > SHOWN) {
        outside.add("… and " + (all.size() - SHOWN) + " more");
      }
    }
    return regions;
  }
}
