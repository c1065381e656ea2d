package vae.data;

import java.util.SplittableRandom;

/**
 * Seeded minibatches: each epoch a fresh random permutation of 0…n−1 (Fisher–Yates), cut into
 * batches of {@code batchSize} (the last one may be smaller). Same seed, same batches. Chapter 01.
 */
public final class Batches {
  private final int n;
  private final int batchSize;
  private final SplittableRandom rng;

  /**
   * Batches over {@code n} examples.
   *
   * @throws IllegalArgumentException if n or batchSize is not positive
   */
  public Batches(int n, int batchSize, SplittableRandom rng) {
    if (n <= 0 || batchSize <= 0) {
      throw new IllegalArgumentException("need n > 0 and batchSize > 0, got n=" + n + ", batchSize=" + batchSize);
    }
    this.n = n;
    this.batchSize = batchSize;
    this.rng = rng;
  }

  /** A random permutation of 0…n−1 drawn from {@code rng}. */
  public static int[] permutation(int n, SplittableRandom rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) { // Fisher–Yates: swap i with a uniform j ≤ i
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** The next epoch: ⌈n / batchSize⌉ index arrays that together hold every example once. */
  public int[][] epoch() {
    int[] p = permutation(n, rng);
    int count = (n + batchSize - 1) / batchSize;
    int[][] out = new int[count][];
    for (int b = 0; b < count; b++) {
      int from = b * batchSize;
      out[b] = java.util.Arrays.copyOfRange(p, from, Math.min(n, from + batchSize));
    }
    return out;
  }

  /** Batches per epoch. */
  public int perEpoch() {
    return (n + batchSize - 1) / batchSize;
  }

  @Override
  public String toString() {
    return "Batches[n=" + n + ", batchSize=" + batchSize + ", " + perEpoch() + " per epoch]";
  }
}
