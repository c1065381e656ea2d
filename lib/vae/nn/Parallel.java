package vae.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a loop over rows into contiguous chunks run on a fixed pool of daemon threads (one per
 * core; the calling thread runs the first chunk, so nothing is created per call). Small loops stay
 * on the calling thread. The matrix product, Adam and the transpose use it. Chapter 01.
 */
public final class Parallel {
  /** Loops with fewer element operations than this run on the calling thread only. */
  public static final long MIN_WORK = 1L << 17;

  private static final int CORES = Runtime.getRuntime().availableProcessors();
  private static final ExecutorService POOL = CORES <= 1 ? null
      : Executors.newFixedThreadPool(CORES - 1, r -> {
        Thread t = new Thread(r, "vae-parallel");
        t.setDaemon(true);
        return t;
      });
  private static volatile int threads = Math.min(CORES, Math.max(1, Integer.getInteger("vae.threads", CORES)));

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

  /** Runs body over [0, n) in chunks, in parallel when {@code work} (element operations) is large. */
  public static void forRange(int n, long work, Range body) {
    int t = Math.min(threads, n);
    if (t <= 1 || POOL == null || work < MIN_WORK) {
      body.run(0, n);
      return;
    }
    List<Future<?>> parts = new ArrayList<>(t - 1);
    for (int c = 1; c < t; c++) { // chunks 1…t−1 go to the pool, chunk 0 runs here
      int from = (int) ((long) n * c / t);
      int to = (int) ((long) n * (c + 1) / t);
      parts.add(POOL.submit(() -> body.run(from, to)));
    }
    body.run(0, n / t);
    try {
      for (Future<?> f : parts) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("parallel loop interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("parallel loop failed: " + cause, cause);
    }
  }
}
