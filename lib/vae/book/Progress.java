package vae.book;

import java.io.PrintStream;

/** Progress for long work: an elapsed time and an estimate of the time left, one line per step. */
public final class Progress {
  private final int total;
  private final long start = System.nanoTime();
  private final PrintStream out;

  /** Progress over {@code total} steps (epochs, repetitions), printed to standard output. */
  public Progress(int total) {
    this(total, System.out);
  }

  /** Progress over {@code total} steps printed to {@code out}. */
  public Progress(int total, PrintStream out) {
    if (total <= 0) {
      throw new IllegalArgumentException("total steps must be positive, got " + total);
    }
    this.total = total;
    this.out = out;
  }

  /** Seconds since this object was made. */
  public double elapsed() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Seconds left if the remaining steps go as fast as the {@code done} ones. */
  public double eta(int done) {
    return done <= 0 ? Double.NaN : elapsed() / done * (total - done);
  }

  /** Prints {@code label 12/200 | message | 1.3 s | ETA 20 s} after step {@code done}. */
  public void step(String label, int done, String message) {
    out.printf("%s %d/%d | %s | %.1f s | ETA %.0f s%n", label, done, total, message, elapsed(),
        eta(done));
    out.flush();
  }
}
