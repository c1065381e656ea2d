package vae.nn;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Splits a loop over rows into contiguous chunks run on a fixed set of daemon threads (one per
 * extra core; the calling thread runs the first chunk). Small loops stay on the calling thread.
 * The matrix product, Adam, the transpose and the VAE's likelihood pass use it. Chapter 01.
 *
 * <p>A training step opens some twenty parallel loops, each a fraction of a millisecond long, so
 * handing work over must cost microseconds: a worker spins briefly for the next chunk before it
 * parks (no queue, no future, nothing allocated per loop), and the caller spins, then parks,
 * while it waits for the workers. One loop runs on the workers at a time; a loop started while
 * another runs (from another thread, or nested inside a chunk) runs on its caller's thread. When
 * another program keeps a core busy, the workers come late and loops run on the caller alone for
 * a while ({@link Lateness}); a loop's numbers never depend on how it is split.
 */
public final class Parallel {
  /** Loops with fewer element operations than this run on the calling thread only. */
  public static final long MIN_WORK = 1L << 17;
  /**
   * How long an idle worker spins for the next chunk before it parks, in nanoseconds. A training
   * step has serial stretches between its parallel loops (bias sums, element-wise passes, the
   * optimiser's set-up); a worker that parks in one wakes late for the next loop, and on a virtual
   * machine waking it can cost as much as the loop. With 50 µs the digits step's worker parked
   * about 7 times per step; with 300 µs, 0.05 times, and the step ran at 20k samples/s instead of
   * 18.5k on an idle machine (OpenMP's threads spin longer still by default).
   */
  private static final long SPIN_NANOS = Long.getLong("vae.spin", 300_000);
  /** How long the caller spins for the workers to finish before it parks, in nanoseconds. */
  private static final long WAIT_NANOS = Long.getLong("vae.wait", 50_000);

  private static final int CORES = Runtime.getRuntime().availableProcessors();
  private static final Worker[] WORKERS = new Worker[Math.max(0, CORES - 1)];
  private static final AtomicBoolean BUSY = new AtomicBoolean();
  private static final Lateness LATENESS = new Lateness();
  private static volatile int threads = Math.min(CORES, Math.max(1, Integer.getInteger("vae.threads", CORES)));

  static {
    for (int w = 0; w < WORKERS.length; w++) {
      WORKERS[w] = new Worker();
      WORKERS[w].start();
    }
  }

  private Parallel() {}

  /** The body of a loop over rows from (inclusive) … to (exclusive). */
  @FunctionalInterface
  public interface Range {
    void run(int from, int to);
  }

  /** Threads used for large loops (default: all cores, or the system property vae.threads). */
  public static int threads() {
    return threads;
  }

  /**
   * Uses {@code n} threads for large loops (1 = the calling thread only).
   *
   * @throws IllegalArgumentException if n is not in 1…availableProcessors
   */
  public static void setThreads(int n) {
    if (n < 1 || n > CORES) {
      throw new IllegalArgumentException("threads must be in 1…" + CORES + " (the cores), got " + n);
    }
    threads = n;
  }

  /**
   * Runs body over [0, n) in chunks, in parallel when {@code work} (element operations) is large,
   * unless the workers are resting: the caller waited for them longer than it worked, two windows
   * of loops in a row ({@link Lateness}: another program on a core).
   */
  public static void forRange(int n, long work, Range body) {
    forRange(n, work, body, true);
  }

  private static void forRange(int n, long work, Range body, boolean watched) {
    int t = Math.min(threads, n);
    if (t <= 1 || work < MIN_WORK || watched && LATENESS.resting(System.nanoTime())
        || !BUSY.compareAndSet(false, true)) {
      body.run(0, n);
      return;
    }
    try {
      for (int c = 1; c < t; c++) { // chunks 1…t−1 go to the workers, chunk 0 runs here
        WORKERS[c - 1].hand(body, (int) ((long) n * c / t), (int) ((long) n * (c + 1) / t));
      }
      Throwable failure = null;
      long start = System.nanoTime();
      try {
        body.run(0, n / t);
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      long own = System.nanoTime();
      for (int c = 1; c < t; c++) {
        Throwable f = WORKERS[c - 1].await();
        failure = failure == null ? f : failure;
      }
      if (watched) {
        long end = System.nanoTime();
        LATENESS.record(own - start, end - own, end);
      }
      if (failure instanceof RuntimeException re) {
        throw re;
      }
      if (failure instanceof Error err) {
        throw err;
      }
      if (failure != null) {
        throw new IllegalStateException("parallel loop failed: " + failure, failure);
      }
    } finally {
      BUSY.set(false);
    }
  }

  /**
   * Runs task(0) … task(n − 1) over the cores: each thread takes the next task nobody has
   * started, so tasks start in index order, and the loops inside a task run on that task's own
   * thread (only one loop runs on the workers at a time). A task may wait for the result of one
   * with a smaller index (already started, so it finishes); any other dependence can deadlock.
   * Whole trainings side by side keep both cores busy without a hand-over per matrix product; each
   * task computes exactly what it would alone, since no loop's numbers depend on how it is split.
   * With one thread, in order.
   */
  public static void tasks(int n, IntConsumer task) {
    AtomicInteger next = new AtomicInteger();
    forRange(Math.max(1, Math.min(threads, n)), Long.MAX_VALUE, (t0, t1) -> {
      for (int t = next.getAndIncrement(); t < n; t = next.getAndIncrement()) {
        task.accept(t);
      }
    }, false); // whole tasks: a late worker costs a fraction of a task, not a loop's worth
  }

  /** A pool thread: runs one chunk per job number handed to it. */
  private static final class Worker extends Thread {
    private Range body;
    private int from;
    private int to;
    private Throwable failure;
    private volatile long job;      // the last job handed over (written after the fields above)
    private volatile long finished; // the last job done (written after its results)
    private volatile boolean parked;
    private volatile Thread waiter; // the caller, while it is parked in await

    Worker() {
      super("vae-parallel");
      setDaemon(true);
    }

    /** Hands over rows from…to−1 of body (called by the one thread that holds BUSY). */
    void hand(Range body, int from, int to) {
      this.body = body;
      this.from = from;
      this.to = to;
      this.failure = null;
      job++;
      if (parked) {
        LockSupport.unpark(this);
      }
    }

    /** Waits until the chunk handed over last is done; its failure, or null. */
    Throwable await() {
      long want = job;
      long spinEnd = System.nanoTime() + WAIT_NANOS;
      while (finished != want) {
        if (System.nanoTime() < spinEnd) {
          Thread.onSpinWait();
        } else {
          waiter = Thread.currentThread();
          if (finished != want) {
            LockSupport.park(this);
          }
          waiter = null;
        }
      }
      Throwable f = failure;
      body = null;
      return f;
    }

    @Override
    public void run() {
      long done = 0;
      while (true) {
        long spinEnd = System.nanoTime() + SPIN_NANOS;
        while (job == done) {
          if (System.nanoTime() < spinEnd) {
            Thread.onSpinWait();
          } else {
            parked = true;
            if (job == done) {
              LockSupport.park(this);
            }
            parked = false;
          }
        }
        done = job;
        try {
          body.run(from, to);
        } catch (Throwable e) {
          failure = e;
        }
        finished = done;
        Thread w = waiter;
        if (w != null) {
          LockSupport.unpark(w);
        }
      }
    }
  }
}
