package vae.book;

import vae.io.Project;
import java.nio.file.Path;

/**
 * Where this run's figures go: the chapter's {@code --figures DIR}; else the system property
 * {@code vae.figures} (the test runner and {@code ./jbang render} set it); else the committed
 * {@code figures/} for a full chapter run, and the git-ignored {@code out/figures/} for anything
 * else (a {@code --quick} run, JShell, a test), so trying the book never dirties the repository.
 */
public final class FigureFolder {
  private static Path flag;
  private static boolean fullRun;

  private FigureFolder() {}

  /** The folder a figure saved now goes to (not created here). */
  public static synchronized Path current() {
    if (flag != null) {
      return flag.toAbsolutePath().normalize();
    }
    String property = System.getProperty("vae.figures");
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    return fullRun ? Project.figuresDir() : Project.scratchFiguresDir();
  }

  /** For one chapter run (set by {@link Chapter#run}): its {@code --figures} value and mode. */
  static synchronized void use(Path figuresFlag, boolean full) {
    flag = figuresFlag;
    fullRun = full;
  }

  /** Back to no chapter run: figures go to the property's folder or to {@code out/figures/}. */
  static synchronized void clear() {
    use(null, false);
  }
}
