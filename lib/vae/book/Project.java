package vae.book;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project lives on disk, so chapters find {@code figures/} and {@code data/} from any folder below it. */
public final class Project {
  /** The project's version, recorded in the files it exports (e.g. a model as NumPy .npz). */
  public static final String VERSION = "1.0.0-dev";

  private Project() {}

  /**
   * The project root: the nearest folder at or above the working directory that holds
   * {@code jbang-catalog.json}, or the working directory itself if there is none.
   */
  public static Path root() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path p = cwd; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("jbang-catalog.json"))) {
        return p;
      }
    }
    return cwd;
  }

  /**
   * The folder figures are written to: the system property {@code vae.figures} if set (tests
   * point it at a temporary folder), else {@code figures/} under the project root.
   */
  public static Path figuresDir() {
    String override = System.getProperty("vae.figures");
    return override != null && !override.isBlank() ? Path.of(override) : root().resolve("figures");
  }
}
