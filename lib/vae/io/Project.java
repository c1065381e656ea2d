package vae.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the project lives on disk, so a chapter finds {@code data/} and its figure folders from
 * its own location, whatever the working directory; and the book's version.
 */
public final class Project {
  /** The book's version: printed by every chapter's {@code -V/--version} and recorded in the
   * files it exports (a model as NumPy .npz); bump it here only. */
  public static final String VERSION = "0.9.0";
  /** The environment variable the {@code ./jbang} wrapper sets to the folder it lives in. */
  public static final String ROOT_ENV = "VAE_BOOK_ROOT";

  private Project() {}

  /**
   * The project root, the first of: the system property {@code vae.root}; the folder named by
   * {@link #ROOT_ENV} (set by {@code ./jbang}, so also by {@code chapters/NN_x.java} run directly,
   * from any folder); the nearest folder at or above the working directory that holds
   * {@code jbang-catalog.json}; the working directory itself.
   */
  public static Path root() {
    for (String given : new String[] {System.getProperty("vae.root"), System.getenv(ROOT_ENV)}) {
      if (given != null && !given.isBlank() && isRoot(Path.of(given))) {
        return Path.of(given).toAbsolutePath().normalize();
      }
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (isRoot(p)) {
        return p;
      }
    }
    return cwd;
  }

  private static boolean isRoot(Path p) {
    return Files.isRegularFile(p.resolve("jbang-catalog.json"));
  }

  /** The committed figures, {@code figures/} under the root: written only by a full run. */
  public static Path figuresDir() {
    return root().resolve("figures");
  }

  /** The git-ignored scratch folder for figures of quick runs, {@code out/figures/}. */
  public static Path scratchFiguresDir() {
    return root().resolve("out").resolve("figures");
  }

  /**
   * {@code file} as the reader can open it: relative to the working directory when inside it
   * ({@code out/figures/02_kl_fits.png} from the project root), else absolute.
   */
  public static String shown(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath().normalize();
    boolean inside = abs.startsWith(cwd) && !abs.equals(cwd);
    return inside ? cwd.relativize(abs).toString() : abs.toString();
  }
}
