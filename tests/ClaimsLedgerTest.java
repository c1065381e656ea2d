import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vae.io.Project;

/**
 * CLAIMS.md, the chapters' CHECK calls, the chapter headers and the tests name the same claim ids:
 * every id a chapter checks is in the ledger and every ledger id is checked somewhere, every ledger
 * id has a test named after it, every test the ledger cites exists, and each chapter's header lists
 * the ids it checks with the ledger's one-line statement.
 */
class ClaimsLedgerTest {
  static final Path ROOT = Project.root();
  static final Path LEDGER = ROOT.resolve("CLAIMS.md");
  /** An entry's heading: {@code ### KL-4 — the one-line statement}. */
  static final Pattern ENTRY = Pattern.compile("(?m)^### (\\S+) — (.+)$");
  /** The shape of a claim id, as the ledger, the hooks and {@code ./jbang test KL-4} read it. */
  static final Pattern ID = Pattern.compile("\\b[A-Z]{2,4}-\\d+\\b");
  /** The heading of the ledger section whose entries are ids that are not claims (REF). */
  static final String NOT_CLAIMS = "## Ids that are not claims";
  /** A CHECK call: {@code checks.mc("KL-4", …}, {@code checks.close(id, …}. */
  static final Pattern CHECK_CALL =
      Pattern.compile("\\bchecks\\.(?:mc|close|that)\\(\\s*(\"[^\"]*\"|\\w+)");
  /** A claim line of a chapter header: {@code * - **KL-4** — the one-line statement}. */
  static final Pattern HEADER_ITEM = Pattern.compile("^ \\* - \\*\\*(\\S+)\\*\\* — (.+)$");
  /** A test cited by the ledger: {@code `Ch02KlClaimsTest.KL_4_gaussianKl…`}. */
  static final Pattern CITED_TEST = Pattern.compile("`(\\w+Test)\\.(\\w+)`");

  /** One ledger entry: its id, its one-line statement, whether it is a claim, its text. */
  record Entry(String id, String oneLiner, boolean claim, String body) {}

  static Map<String, Entry> ledger() throws IOException {
    assertThat(LEDGER).as("CLAIMS.md at the top of the project").exists();
    String text = Files.readString(LEDGER, StandardCharsets.UTF_8).replace("\r\n", "\n");
    int notClaims = text.indexOf("\n" + NOT_CLAIMS + "\n");
    Map<String, Entry> out = new LinkedHashMap<>();
    Matcher m = ENTRY.matcher(text);
    List<int[]> spans = new ArrayList<>();
    List<String[]> heads = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
      heads.add(new String[] {m.group(1), m.group(2).strip()});
    }
    for (int i = 0; i < spans.size(); i++) {
      int end = i + 1 < spans.size() ? spans.get(i + 1)[0] : text.length();
      int nextSection = text.indexOf("\n## ", spans.get(i)[1]);
      end = nextSection >= 0 ? Math.min(end, nextSection) : end;
      String id = heads.get(i)[0];
      boolean claim = notClaims < 0 || spans.get(i)[0] < notClaims;
      assertThat(out).as("CLAIMS.md has two entries '### %s — …'", id).doesNotContainKey(id);
      assertThat(!claim || ID.matcher(id).matches())
          .as("CLAIMS.md: claim id '%s' must look like KL-4, or move it under '%s'", id,
              NOT_CLAIMS)
          .isTrue();
      out.put(id, new Entry(id, heads.get(i)[1], claim, text.substring(spans.get(i)[1], end)));
    }
    assertThat(out).as("entries '### ID — one-line statement' in CLAIMS.md").isNotEmpty();
    return out;
  }

  static List<Path> chapters() throws IOException {
    return ChapterHeadersTest.chapters();
  }

  static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  static int lineOf(String src, int pos) {
    return (int) src.substring(0, pos).chars().filter(c -> c == '\n').count() + 1;
  }

  /**
   * The ids a source file passes to checks.mc/close/that. A variable id ({@code checks.mc(id, …)})
   * is resolved through the method that declares {@code String id}: the literals its callers pass.
   */
  static Set<String> checkedIds(Path file) throws IOException {
    String src = read(file);
    Set<String> ids = new TreeSet<>();
    Matcher m = CHECK_CALL.matcher(src);
    while (m.find()) {
      String arg = m.group(1);
      if (arg.startsWith("\"")) {
        ids.add(arg.substring(1, arg.length() - 1));
        continue;
      }
      String where = ROOT.relativize(file) + ":" + lineOf(src, m.start());
      Matcher decl = Pattern.compile("\\b(\\w+)\\([^()]*\\bString\\s+" + arg + "\\b").matcher(src);
      String method = null;
      while (decl.find() && decl.start() < m.start()) {
        method = decl.group(1);
      }
      assertThat(method).as("%s: cannot tell which claim id '%s' holds; pass a literal id "
          + "(checks.mc(\"KL-4\", …)) or take it as a 'String %s' parameter", where, arg, arg)
          .isNotNull();
      Matcher call = Pattern.compile("\\b" + method + "\\(\\s*\"([^\"]*)\"").matcher(src);
      int found = 0;
      while (call.find()) {
        ids.add(call.group(1));
        found++;
      }
      assertThat(found)
          .as("%s: %s(String %s, …) is never called with a literal id", where, method, arg)
          .isPositive();
    }
    return ids;
  }

  /** Every id checked anywhere in chapters/ and lib/, with the files that check it. */
  static Map<String, Set<String>> checkedEverywhere() throws IOException {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>(chapters());
    try (Stream<Path> lib = Files.walk(ROOT.resolve("lib"))) {
      lib.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
    }
    for (Path f : files) {
      for (String id : checkedIds(f)) {
        out.computeIfAbsent(id, k -> new TreeSet<>()).add(ROOT.relativize(f).toString());
      }
    }
    return out;
  }

  @Test
  void everyCheckedIdIsInTheLedgerAndEveryClaimIsChecked() throws IOException {
    Map<String, Entry> ledger = ledger();
    Map<String, Set<String>> checked = checkedEverywhere();
    List<String> problems = new ArrayList<>();
    checked.forEach((id, files) -> {
      if (!ledger.containsKey(id)) {
        problems.add(id + " is checked in " + files + " but has no entry in CLAIMS.md: add '### "
            + id + " — <one-line statement>' to the chapter's section of CLAIMS.md (or, if it is "
            + "not a claim of the notes, under '" + NOT_CLAIMS + "')");
      }
    });
    ledger.values().stream().filter(e -> e.claim() && !checked.containsKey(e.id())).forEach(e ->
        problems.add(e.id() + " is in CLAIMS.md but no chapter checks it: add a "
            + "checks.mc/close/that(\"" + e.id() + "\", …) line to the chapter its entry names, "
            + "or remove the entry"));
    assertThat(problems).as("CLAIMS.md against the CHECK calls in chapters/ and lib/").isEmpty();
  }

  @Test
  void everyClaimHasATestNamedAfterIt() throws IOException {
    Map<String, String> tests = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(ROOT.resolve("tests"))) {
      List<Path> files = s.filter(p -> p.getFileName().toString().endsWith("Test.java")).sorted()
          .toList();
      for (Path p : files) {
        tests.put(p.getFileName().toString(), read(p));
      }
    }
    List<String> missing = new ArrayList<>();
    for (Entry e : ledger().values()) {
      if (!e.claim()) {
        continue;
      }
      String q = Pattern.quote(e.id());
      Pattern named = Pattern.compile("\\bvoid " + e.id().replace('-', '_') + "_\\w*\\("
          + "|@Tag\\(\"" + q + "\"\\)|@DisplayName\\(\"[^\"]*\\b" + q + "\\b");
      if (tests.values().stream().noneMatch(src -> named.matcher(src).find())) {
        missing.add(e.id() + ": no test names it; add a test method '" + e.id().replace('-', '_')
            + "_<whatItChecks>' (or @Tag(\"" + e.id() + "\")) to the test class of its chapter "
            + "in tests/");
      }
    }
    assertThat(missing).as("claims without a test").isEmpty();
  }

  @Test
  void everyTestTheLedgerCitesExists() throws IOException {
    List<String> missing = new ArrayList<>();
    String text = read(LEDGER);
    Matcher m = CITED_TEST.matcher(text);
    while (m.find()) {
      Path file = ROOT.resolve("tests").resolve(m.group(1) + ".java");
      Pattern method = Pattern.compile("\\bvoid " + m.group(2) + "\\(");
      if (!Files.exists(file) || !method.matcher(read(file)).find()) {
        missing.add("CLAIMS.md line " + lineOf(text, m.start()) + " cites " + m.group(1) + "."
            + m.group(2) + ", which is not a test method in tests/" + m.group(1) + ".java: "
            + "update the citation");
      }
    }
    for (Entry e : ledger().values()) {
      if (e.claim()) {
        assertThat(CITED_TEST.matcher(e.body()).find())
            .as("CLAIMS.md %s: its Tests line names no test as `SomeTest.method`", e.id()).isTrue();
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void everyIdShapedWordInTheLedgerIsAnEntry() throws IOException {
    Map<String, Entry> ledger = ledger();
    Set<String> stray = new TreeSet<>();
    Matcher m = ID.matcher(read(LEDGER));
    while (m.find()) {
      if (!ledger.containsKey(m.group())) {
        stray.add(m.group());
      }
    }
    assertThat(stray).as("words in CLAIMS.md shaped like a claim id (the hooks count them as ids) "
        + "that have no entry: rename them or add the entry").isEmpty();
  }

  @Test
  void everyChapterHeaderListsItsIdsWithTheLedgersOneLiners() throws IOException {
    Map<String, Entry> ledger = ledger();
    List<String> problems = new ArrayList<>();
    for (Path ch : chapters()) {
      String name = ROOT.relativize(ch).toString();
      String src = read(ch);
      int open = src.indexOf("/*");
      int close = src.indexOf("*/", open);
      assertThat(open).as("%s has a header comment", name).isNotNegative();
      List<String> header = List.of(src.substring(open, close).split("\n"));
      Set<String> checked = checkedIds(ch);
      Set<String> listed = new LinkedHashSet<>();
      for (String line : header) {
        Matcher item = HEADER_ITEM.matcher(line);
        if (!item.matches()) {
          continue;
        }
        String id = item.group(1);
        listed.add(id);
        Entry e = ledger.get(id);
        if (line.length() > 100) {
          problems.add(name + ": the header line of " + id + " is " + line.length()
              + " characters; shorten its one-liner in CLAIMS.md and here to fit 100");
        }
        if (e == null) {
          problems.add(name + ": the header lists " + id + ", which has no entry in CLAIMS.md");
        } else if (!e.oneLiner().equals(item.group(2).strip())) {
          problems.add(name + ": the header's one-liner of " + id
              + " differs from CLAIMS.md's; make it\n * - **" + id + "** — " + e.oneLiner());
        }
        if (!checked.contains(id)) {
          problems.add(name + ": the header lists " + id + " but the chapter has no CHECK for it");
        }
      }
      for (String id : checked) {
        if (!listed.contains(id)) {
          Entry e = ledger.get(id);
          String oneLiner = e == null ? "<one-liner from CLAIMS.md>" : e.oneLiner();
          problems.add(name + ": checks " + id + " but its header does not list it; add under "
              + "'This chapter verifies':\n * - **" + id + "** — " + oneLiner);
        }
      }
      Set<String> claims = new TreeSet<>(checked);
      claims.removeIf(id -> ledger.containsKey(id) && !ledger.get(id).claim());
      Set<String> onVerifiesLine = new TreeSet<>(RenderTest.claims(ch));
      if (!onVerifiesLine.equals(claims)) {
        problems.add(name + ": the 'This chapter verifies:' line names " + onVerifiesLine
            + " but the chapter checks the claims " + claims);
      }
    }
    assertThat(problems).as("chapter headers against CLAIMS.md and the CHECK calls").isEmpty();
  }
}
