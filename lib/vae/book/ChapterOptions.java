package vae.book;

import vae.io.Project;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

/**
 * The flags every chapter takes besides {@code --help} and {@code --version}: {@code --seed},
 * {@code --quick} and {@code --figures DIR}.
 */
@Command(versionProvider = ChapterOptions.BookVersion.class)
public final class ChapterOptions {
  @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
      description = "seed of every random number in the chapter (default: ${DEFAULT-VALUE})")
  public long seed;

  @Option(names = "--quick",
      description = "fewer samples and epochs: runs in seconds and still prints every CHECK; "
          + "figures go to out/figures/ (git-ignored)")
  public boolean quick;

  @Option(names = "--figures", paramLabel = "DIR",
      description = "write the figures to DIR (default: figures/ for a full run, "
          + "out/figures/ with --quick)")
  public Path figures;

  /** {@code full} when not quick, else {@code quick}: a sample size or epoch count for the mode. */
  public int pick(int full, int quick) {
    return this.quick ? quick : full;
  }

  /** What {@code -V/--version} prints: the book's version ({@link Project#VERSION}). */
  public static final class BookVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"VAE, Verified " + Project.VERSION};
    }
  }
}
