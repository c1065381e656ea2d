///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Benchmark — matrix products (GFLOP/s) and VAE training steps (samples/s), 1 thread and all cores
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Benchmark: how fast is the neural core?
 * Prints machine-readable lines `BENCH name value unit`: the matrix product in GFLOP/s on the
 * shapes a VAE step multiplies, on one thread and on all cores, and whole training steps
 * (forward, backward, Adam) in samples per second. Every figure is the median of at least five
 * timed repetitions after a JIT warm-up. On a shared machine the `_1t_cpu` lines help: they divide
 * by the process's CPU time rather than the wall clock, so time spent waiting for a core is not
 * counted. The training step is the book's own (`vae.model.Vae`,
 * chapter 05): encoder, reparameterized sample, Bernoulli decoder, closed-form KL, backward, Adam.
 *
 * **Run:** `./jbang bench [--quick]`
 */
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.data.Digits;
import vae.model.Dataset;
import vae.model.Vae;
import vae.nn.Activation;
import vae.nn.Adam;
import vae.nn.MatMul;
import vae.nn.Matrix;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark: matmul GFLOP/s and VAE training samples/s, 1 thread and all cores")
class Bench implements Callable<Integer> {
  @Mixin ChapterOptions opt;

  public static void main(String[] args) {
    System.exit(Chapter.run(new Bench(), args));
  }

  private double seconds;      // minimum length of one timed repetition
  private int reps;            // repetitions; the median is reported

  @Override
  public Integer call() {
    seconds = opt.quick ? 0.05 : 0.4;
    reps = opt.quick ? 5 : 7;
    int all = Runtime.getRuntime().availableProcessors();
    System.out.printf("java %s, %d cores, median of %d repetitions of ≥ %.2f s each%n",
        System.getProperty("java.version"), all, reps, seconds);
    System.out.println("BENCH threads " + all + " count");
    System.out.printf("load average %.1f at the start%n", loadAverage());
    SplittableRandom rng = new SplittableRandom(opt.seed);
    for (int[] s : new int[][] {{128, 784, 400}, {128, 400, 784}, {512, 512, 512}}) {
      Matrix x = random(s[0], s[1], rng);
      Matrix y = random(s[1], s[2], rng);
      String name = s[0] == 512 ? "matmul_512" : "matmul_" + s[0] + "x" + s[1] + "x" + s[2];
      double flops = 2.0 * s[0] * s[1] * s[2];
      for (int t : new int[] {1, all}) {
        MatMul.setThreads(t);
        Timing time = median(() -> x.matmul(y));
        report(name + (t == 1 ? "_1t" : "_all"), flops / 1e9 / time.wall(), "GFLOP/s");
        if (t == 1) {
          report(name + "_1t_cpu", flops / 1e9 / time.cpu(), "GFLOP/cpu-s");
        }
      }
    }
    MatMul.setThreads(1);
    Matrix x = random(128, 784, rng);
    Matrix y = random(784, 400, rng);
    report("matmul_reference_128x784x400_1t", 2.0 * 128 * 784 * 400 / 1e9
        / median(() -> MatMul.reference(x, y)).wall(), "GFLOP/s");

    Matrix binary = random(1024, 784, rng).map(v -> v > 1.1 ? 1 : 0); // ≈ 13 % ink, like MNIST
    Matrix digits = Digits.load().train.scaled();
    for (int t : new int[] {1, all}) {
      MatMul.setThreads(t);
      String suffix = t == 1 ? "_1t" : "_all";
      Timing big = trainStep(binary, 784, 400, 20, 128, rng);
      report("vae784_train" + suffix, 128 / big.wall(), "samples/s");
      Timing small = trainStep(digits, 64, 256, 16, 64, rng);
      report("vae64_train" + suffix, 64 / small.wall(), "samples/s");
      if (t == 1) {
        report("vae784_train_1t_cpu", 128 / big.cpu(), "samples/cpu-s");
        report("vae64_train_1t_cpu", 64 / small.cpu(), "samples/cpu-s");
      }
    }
    MatMul.setThreads(all);
    System.out.printf("load average %.1f at the end (%d cores): above ~0.5 per core, other processes share them "
        + "and the wall-clock figures drop; the _cpu figures count this process's CPU time instead%n",
        loadAverage(), all);
    return 0;
  }

  /**
   * Time per step of the book's VAE training step ({@link Vae#lossAndGradient} + Adam) with a
   * Bernoulli decoder: hidden sizes {@code h} (one layer for 784, two for 64), latent {@code latent}.
   */
  private Timing trainStep(Matrix data, int d, int h, int latent, int batch, SplittableRandom rng) {
    int[] hidden = d == 64 ? new int[] {h, h} : new int[] {h};
    Activation.Kind act = d == 64 ? Activation.Kind.LEAKY_RELU : Activation.Kind.RELU;
    Vae vae = new Vae(new Vae.Config(d, hidden, latent, act, "bernoulli"), rng);
    Adam adam = new Adam(vae.params(), 1e-3);
    Dataset all = new Dataset("bench", data, data, null);
    Dataset[] batches = new Dataset[data.rows / batch];
    for (int b = 0; b < batches.length; b++) {
      int[] idx = new int[batch];
      final int off = b * batch;
      Arrays.setAll(idx, i -> off + i);
      batches[b] = all.rows(idx);
    }
    int[] next = {0};
    double[] loss = {0};
    Timing perStep = median(() -> {
      adam.zeroGrad();
      loss[0] = vae.lossAndGradient(batches[next[0]++ % batches.length], rng).recon();
      adam.step();
    });
    System.out.printf("  (%s, batch %d, reconstruction term %.1f)%n", vae, batch, loss[0]);
    return perStep;
  }

  /** Seconds per call: by the wall clock, and in CPU time of the whole process. */
  record Timing(double wall, double cpu) {}

  /** Median seconds per call of {@code work} (wall and CPU), after a warm-up, over {@link #reps} repetitions. */
  private Timing median(Runnable work) {
    long warmEnd = System.nanoTime() + (long) (seconds * 2e9);
    while (System.nanoTime() < warmEnd) {
      work.run();
    }
    double[] t = new double[reps];
    double[] c = new double[reps];
    for (int r = 0; r < reps; r++) {
      long start = System.nanoTime();
      long cpuStart = cpuNanos();
      int n = 0;
      do {
        work.run();
        n++;
      } while (System.nanoTime() - start < seconds * 1e9);
      t[r] = (System.nanoTime() - start) / 1e9 / n;
      c[r] = (cpuNanos() - cpuStart) / 1e9 / n;
    }
    Arrays.sort(t);
    Arrays.sort(c);
    return new Timing(t[reps / 2], c[reps / 2]);
  }

  /** CPU time used by this JVM so far, all threads (JIT and GC included), in nanoseconds. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static void report(String name, double value, String unit) {
    System.out.printf("BENCH %s %.1f %s%n", name, value, unit);
  }

  private static Matrix random(int rows, int cols, SplittableRandom rng) {
    Matrix m = new Matrix(rows, cols);
    for (double[] row : m.a) {
      for (int c = 0; c < cols; c++) {
        row[c] = rng.nextGaussian();
      }
    }
    return m;
  }
}
