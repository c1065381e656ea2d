package vae.book;

import picocli.CommandLine.Option;

/** The flags every chapter takes besides {@code --help}: {@code --seed} and {@code --quick}. */
public final class ChapterOptions {
  @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
      description = "seed of every random number in the chapter (default: ${DEFAULT-VALUE})")
  public long seed;

  @Option(names = "--quick",
      description = "fewer samples and epochs: runs in seconds and still prints every CHECK")
  public boolean quick;

  /** {@code full} when not quick, else {@code quick}: a sample size or epoch count for the mode. */
  public int pick(int full, int quick) {
    return this.quick ? quick : full;
  }
}
