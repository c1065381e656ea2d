import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import vae.book.Chapter;

/**
 * Each chapter's plain {@code --quick} run, done once per test run and shared by the tests that
 * need one (the chapter's own test and {@link CleanTreeTest}). It runs in-process as a reader's
 * {@code ./jbang chapters/NN_x.java --quick} would: the test runner's scratch-folder property
 * {@code vae.figures} is lifted for the run, so the figures go wherever the chapter itself decides.
 */
final class QuickRuns {
  /** What a run returned and printed on standard output. */
  record Run(int exit, String out) {}

  /** The working tree before the first shared run ({@link CleanTree#snapshot}; null outside git). */
  static final List<String> TREE_BEFORE = CleanTree.snapshot();

  private static final Map<Class<?>, Run> RUNS = new HashMap<>();

  private QuickRuns() {}

  /**
   * The chapter's {@code --quick} run: made now if no test has made it yet, else the same one.
   * The chapter is made here, after standard output is captured (its CHECK lines go to the stream
   * that was current when it was made).
   */
  static synchronized Run of(Class<? extends Callable<Integer>> chapter) {
    Run done = RUNS.get(chapter);
    if (done == null) {
      done = run(chapter);
      RUNS.put(chapter, done);
    }
    return done;
  }

  private static Run run(Class<? extends Callable<Integer>> chapter) {
    PrintStream realOut = System.out;
    String scratch = System.clearProperty("vae.figures");
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(new Tee(buf, realOut), true, StandardCharsets.UTF_8));
      int exit = Chapter.run(chapter.getDeclaredConstructor().newInstance(), "--quick");
      System.out.flush();
      return new Run(exit, buf.toString(StandardCharsets.UTF_8));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make " + chapter + ": " + e, e);
    } finally {
      System.setOut(realOut);
      if (scratch != null) {
        System.setProperty("vae.figures", scratch);
      }
    }
  }

  /** Writes to two streams: the run's output is kept and still shown if a test fails. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] bytes, int off, int len) throws IOException {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }
  }
}
