package vae.book;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Runs a chapter's picocli command: {@code --help}, exit code 2 with one clear line for a bad
 * flag, 1 with one clear line for bad input found while running (a missing file, a NaN) or for an
 * exercise not written yet in a student copy ({@code ./jbang assign}), else whatever the chapter
 * returns (0, or 1 if a CHECK failed). While a chapter runs, its {@link ChapterOptions} decide
 * where figures go ({@link FigureFolder}); {@code -V/--version} prints the book's version.
 */
public final class Chapter {
  private Chapter() {}

  /** Parses {@code args}, runs {@code command} and returns its exit code; never calls System.exit. */
  public static int run(Callable<Integer> command, String... args) {
    CommandLine cl = new CommandLine(command);
    String name = cl.getCommandName();
    cl.setParameterExceptionHandler((ex, a) -> {
      cl.getErr().println(name + ": " + ex.getMessage() + " (see --help)");
      cl.getErr().flush();
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, c, parsed) -> {
      Throwable todo = ex; // an exercise stub's exception, perhaps re-thrown by a parallel stream
      while (todo != null && !(todo instanceof UnsupportedOperationException
          && String.valueOf(todo.getMessage()).startsWith("Exercise "))) {
        todo = todo.getCause();
      }
      if (todo != null) {
        StackTraceElement at = todo.getStackTrace().length > 0 ? todo.getStackTrace()[0] : null;
        c.getErr().println(name + ": stopped at " + todo.getMessage() + " — not written yet"
            + (at == null ? "" : " (" + at.getFileName() + ":" + at.getLineNumber() + ")")
            + "; write it there, then ./jbang grade");
      } else if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
          || ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException) {
        c.getErr().println(name + ": " + ex.getMessage());
      } else {
        StringWriter trace = new StringWriter();
        ex.printStackTrace(new PrintWriter(trace));
        c.getErr().print(trace);
      }
      c.getErr().flush();
      return 1;
    });
    cl.setExecutionStrategy(parsed -> {
      ChapterOptions opt = chapterOptions(parsed.commandSpec());
      if (opt != null) {
        FigureFolder.use(opt.figures, !opt.quick);
        if (!parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested()) {
          System.out.println(firstLine(parsed.commandSpec(), opt));
        }
      }
      try {
        return new CommandLine.RunLast().execute(parsed);
      } finally {
        FigureFolder.clear();
      }
    });
    return cl.execute(args);
  }

  /**
   * Every chapter's first line: its title (the {@code @Command} description), the seed, and the
   * mode, e.g. {@code Chapter 6 — The latent space: … | seed 42 | quick}.
   */
  static String firstLine(CommandLine.Model.CommandSpec spec, ChapterOptions opt) {
    String[] description = spec.usageMessage().description();
    String title = description.length == 0 ? spec.name() : description[0];
    return title + " | seed " + opt.seed + " | " + (opt.quick ? "quick" : "full");
  }

  /** The command's {@link ChapterOptions} mixin, or null if it has none (a tool, not a chapter). */
  private static ChapterOptions chapterOptions(CommandLine.Model.CommandSpec spec) {
    for (CommandLine.Model.CommandSpec mixin : spec.mixins().values()) {
      if (mixin.userObject() instanceof ChapterOptions opt) {
        return opt;
      }
    }
    return null;
  }

  /** Prints a section banner: a blank line, the title, and a rule under it. */
  public static void section(String title) {
    System.out.println();
    System.out.println("── " + title + " " + "─".repeat(Math.max(3, 72 - title.length())));
  }
}
