package vae.book;

import vae.io.Project;
import java.nio.file.Path;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import vae.prob.MonteCarlo;

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

  /**
   * The seed of one named stream of random numbers, such as {@code "training"} or
   * {@code "figure"}: each section of a chapter draws from its own stream, so adding draws to
   * one section never changes another's numbers. The stream is fixed by {@code --seed} and the
   * name (a SplitMix64 hash of both), the same on every machine.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public long seed(String stream) {
    if (stream == null || stream.isBlank()) {
      throw new IllegalArgumentException("a seed stream needs a name, got \"" + stream + "\"");
    }
    long h = mix(seed);
    for (int i = 0; i < stream.length(); i++) {
      h = mix(h ^ stream.charAt(i));
    }
    return h;
  }

  /** A generator for the named stream: {@code MonteCarlo.rng(seed(stream))}. */
  public SplittableRandom rng(String stream) {
    return MonteCarlo.rng(seed(stream));
  }

  /** SplitMix64's finaliser: every input bit moves about half of the output bits. */
  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** What {@code -V/--version} prints: the book's version ({@link Project#VERSION}). */
  public static final class BookVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"VAE, Verified " + Project.VERSION};
    }
  }
}
