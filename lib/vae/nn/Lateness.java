package vae.nn;

/**
 * When {@link Parallel} stops handing loops to its workers for a while. On a core that another
 * program keeps busy, a worker starts its chunk only when the scheduler gives it a turn, often
 * hundreds of microseconds later, where a training step's loops take tens of microseconds each:
 * the digits step then ran at half its one-thread speed (5.9–7.7k against 15.5k samples/s). A
 * loop split in two loses to the caller alone when the caller waits for the workers longer than
 * its own chunk takes; so over every {@link #WINDOW} loops this adds up both, and after two
 * windows in a row in which the caller waited longer than it worked, loops run on the caller
 * alone for {@link #REST_NANOS}; then the workers are tried again. (A single such window happens
 * now and then on an idle machine too: a pause, a timer.) No number changes: no loop's results
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
  private boolean lastBad; // the window before waited longer than it worked
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
      boolean bad = this.waited > this.own;
      if (bad && lastBad) { // two in a row: a busy core, not a blip
        restUntil = now + REST_NANOS;
        rests++;
        bad = false;
      }
      lastBad = bad;
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
