package vae.nn;

/**
 * When {@link Parallel} stops handing loops to its workers for a while. On a core that another
 * program keeps busy, a worker starts its chunk only when the scheduler gives it a turn, often
 * hundreds of microseconds later, where a training step's loops take tens of microseconds each:
 * the digits step then ran at half its one-thread speed (5.9–7.7k against 15.5k samples/s). A
 * loop split in two is worth it when the caller's wait for the workers is shorter than its own
 * chunk (else the caller alone would have been faster); so over every {@link #WINDOW} loops this
 * sums wait − own chunk, and if the sum is positive, loops run on the caller alone for
 * {@link #REST_NANOS}; then the workers are tried again. No number changes: no loop's results
 * depend on how it is split.
 */
public final class Lateness {
  /** Loops per verdict. */
  public static final int WINDOW = 32;
  /** How long a rest lasts: loops on the caller alone. */
  public static final long REST_NANOS = 100_000_000;

  private int loops;
  private long waited; // Σ waits for the workers over the window so far, ns
  private long own; // Σ the caller's own chunks, ns
  private volatile long restUntil;
  private long rests;

  /** Not resting. */
  public Lateness() {
    restUntil = System.nanoTime();
  }

  /** True while resting at time {@code now} (System.nanoTime()): loops stay on the caller. */
  public boolean resting(long now) {
    return now - restUntil < 0;
  }

  /**
   * After a loop on the workers that ended at {@code now}: the caller's own chunk took
   * {@code own} ns, then it waited {@code waited} ns for the workers.
   */
  public void record(long own, long waited, long now) {
    this.waited += waited;
    this.own += own;
    if (++loops == WINDOW) {
      if (this.waited > 2 * this.own) {
        restUntil = now + REST_NANOS;
        rests++;
      }
      loops = 0;
      this.waited = 0;
      this.own = 0;
    }
  }

  /** How many rests have begun. */
  public long rests() {
    return rests;
  }
}
