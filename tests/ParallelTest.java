import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vae.nn.Lateness;
import vae.nn.Parallel;

/** Parallel.forRange and Parallel.tasks: every row and task once, failures carried to the caller, nested and concurrent loops. */
class ParallelTest {
  private static final long BIG = Parallel.MIN_WORK;

  /** Marks rows of {@code hits}; each must end at 1. */
  private static void markAll(int[] hits) {
    Parallel.forRange(hits.length, BIG, (from, to) -> {
      for (int r = from; r < to; r++) {
        hits[r]++;
      }
    });
  }

  @Test
  void everyRowRunsExactlyOnceOverManyLoops() {
    for (int n : new int[] {1, 2, 3, 7, 128, 1001}) {
      for (int rep = 0; rep < 200; rep++) {
        int[] hits = new int[n];
        markAll(hits);
        for (int h : hits) {
          assertThat(h).as("n=%d rep=%d", n, rep).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void aFailureInAnyChunkReachesTheCallerAndThePoolStaysUsable() {
    int n = 100;
    for (int bad : new int[] {0, n - 1}) { // the caller's chunk, then the last (a worker's) chunk
      assertThatThrownBy(() -> Parallel.forRange(n, BIG, (from, to) -> {
        if (from <= bad && bad < to) {
          throw new IllegalArgumentException("row " + bad);
        }
      })).isInstanceOf(IllegalArgumentException.class).hasMessage("row " + bad);
    }
    int[] hits = new int[n];
    markAll(hits);
    assertThat(hits).containsOnly(1);
  }

  @Test
  void nestedAndConcurrentLoopsStillCoverEveryRow() throws Exception {
    int[][] inner = new int[64][50];
    Parallel.forRange(inner.length, BIG, (from, to) -> {
      for (int r = from; r < to; r++) {
        markAll(inner[r]); // nested: runs on this chunk's thread
      }
    });
    for (int[] row : inner) {
      assertThat(row).containsOnly(1);
    }
    ExecutorService callers = Executors.newFixedThreadPool(4);
    AtomicInteger wrong = new AtomicInteger();
    Future<?>[] jobs = new Future<?>[4];
    for (int c = 0; c < jobs.length; c++) {
      jobs[c] = callers.submit(() -> {
        for (int rep = 0; rep < 500; rep++) {
          int[] hits = new int[97];
          markAll(hits);
          for (int h : hits) {
            if (h != 1) {
              wrong.incrementAndGet();
            }
          }
        }
      });
    }
    for (Future<?> f : jobs) {
      f.get(60, TimeUnit.SECONDS);
    }
    callers.shutdown();
    assertThat(wrong.get()).isZero();
  }

  @Test
  void tasksRunEachTaskOnceWithTheirLoopsOnTheirOwnThread() {
    for (int n : new int[] {0, 1, 2, 3, 7}) {
      int[] runs = new int[n];
      int[][] rows = new int[n][300];
      Parallel.tasks(n, t -> {
        runs[t]++;
        markAll(rows[t]); // a loop inside a task: every row once, on the task's thread
      });
      assertThat(java.util.Arrays.stream(runs).allMatch(r -> r == 1)).as("n=%d", n).isTrue();
      for (int[] r : rows) {
        assertThat(r).containsOnly(1);
      }
    }
    assertThatThrownBy(() -> Parallel.tasks(3, t -> {
      if (t == 2) {
        throw new IllegalStateException("task 2");
      }
    })).isInstanceOf(IllegalStateException.class).hasMessage("task 2");
  }

  /**
   * The rule that keeps loops off a busy core: when, in two windows of 32 loops in a row, the
   * caller waited for the workers longer than its own chunks took (the loops would have been
   * faster on the caller alone), the next 100 ms of loops stay on the caller; one such window
   * between good ones, or waiting exactly as long as it worked, does not rest them.
   */
  @Test
  void whenTheCallerWaitsLongerThanItWorksTwiceRunningTheWorkersRest() {
    long ms = 1_000_000;
    long t = System.nanoTime() + 1_000 * ms; // a made-up clock, ahead of the real one
    Lateness l = new Lateness();
    assertThat(l.resting(t)).isFalse();
    window(l, 50_000, 300_000, t); // a busy core: 50 µs chunks, 300 µs waits
    window(l, 50_000, 4_000, t); // an idle one: a few µs of waiting
    window(l, 50_000, 300_000, t);
    assertThat(l.resting(t)).as("bad, good, bad").isFalse();
    window(l, 50_000, 50_000, t); // waiting exactly as long as working: not bad
    window(l, 50_000, 300_000, t);
    assertThat(l.resting(t)).as("equal, bad").isFalse();
    for (int i = 0; i < 31; i++) {
      l.record(50_000, 300_000, t);
    }
    assertThat(l.resting(t)).as("the second bad window is not complete yet").isFalse();
    l.record(50_000, 300_000, t);
    assertThat(l.resting(t)).isTrue();
    assertThat(l.resting(t + 99 * ms)).isTrue();
    assertThat(l.resting(t + 100 * ms)).isFalse();
    assertThat(l.rests()).isEqualTo(1);
    window(l, 50_000, 300_000, t + 200 * ms); // after a rest, two bad windows again
    assertThat(l.resting(t + 200 * ms)).isFalse();
    window(l, 50_000, 300_000, t + 201 * ms);
    assertThat(l.resting(t + 201 * ms)).isTrue();
    assertThat(l.rests()).isEqualTo(2);
  }

  private static void window(Lateness l, long own, long waited, long now) {
    for (int i = 0; i < Lateness.WINDOW; i++) {
      l.record(own, waited, now);
    }
  }

  /**
   * The rule wired into forRange: loops whose worker chunk takes 2 ms while the caller's takes
   * nothing (the caller waits, as for a worker on a busy core) rest the workers, and the next loop
   * runs whole on the caller (one chunk, on the calling thread). On a one-core machine there are
   * no workers to rest.
   */
  @Test
  void loopsWaitingForALateWorkerMoveToTheCaller() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Parallel.threads() > 1, "one core: no workers");
    Thread.sleep(Lateness.REST_NANOS / 1_000_000 + 20); // any rest begun by earlier loops ends
    Thread caller = Thread.currentThread();
    AtomicInteger onWorker = new AtomicInteger();
    for (int i = 0; i < 3 * Lateness.WINDOW; i++) { // two whole windows: the first may be under way
      Parallel.forRange(2, Long.MAX_VALUE / 4, (from, to) -> {
        if (Thread.currentThread() != caller) {
          onWorker.incrementAndGet();
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
    }
    java.util.List<String> chunks = new java.util.concurrent.CopyOnWriteArrayList<>();
    Parallel.forRange(2, Long.MAX_VALUE / 4, (from, to) -> chunks.add(from + "-" + to + " "
        + (Thread.currentThread() == caller)));
    assertThat(onWorker.get()).as("loops whose second chunk ran on a worker").isPositive();
    assertThat(chunks).containsExactly("0-2 true");
  }
}
