import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import vae.book.Chapter;

/** Runs a chapter in-process, as its {@code main} would, and captures what it printed. */
final class ChapterRun {
  private ChapterRun() {}

  /**
   * Makes the chapter once standard output is captured, then runs it with {@code args}; returns
   * {exit code, standard output, error}. (A chapter's CHECK printer writes to the stream that was
   * current when the chapter was made, so it must be made inside the capture.)
   */
  static Object[] run(Supplier<? extends Callable<Integer>> chapter, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Chapter.run(chapter.get(), args);
      return new Object[] {code, o.toString(StandardCharsets.UTF_8),
          e.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
