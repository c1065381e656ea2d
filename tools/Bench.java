///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Benchmark — matrix products (GFLOP/s), VAE training steps (samples/s) and the importance pass, against PyTorch
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
 * chapter 05): encoder, reparameterized sample, decoder and likelihood, closed-form KL, backward,
 * Adam; the importance pass is chapter 05's K = 1,000 log-weights on the digits model.
 * With `--vs-torch`, a `python3` that imports torch runs `tools/torch/bench_torch.py` (the same
 * three workloads in PyTorch, float64 and float32, one thread and all cores) in the same run,
 * each workload right after this project's, and the benchmark prints `BENCH ratio_NAME value x`
 * = this project ÷ PyTorch float64 (and `_vs_f32`).
 * docs/BENCHMARK.md says how to set PyTorch up fairly and what the figures were.
 *
 * **Run:** `./jbang bench [--quick] [--vs-torch]`
 */
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.io.Project;
import vae.data.Digits;
import vae.model.CategoricalLikelihood;
import vae.model.Dataset;
import vae.model.Vae;
import vae.nn.Activation;
import vae.nn.Adam;
import vae.nn.MatMul;
import vae.nn.Matrix;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark: matmul GFLOP/s, VAE training samples/s and the importance pass, "
        + "1 thread and all cores; --vs-torch: against PyTorch")
class Bench implements Callable<Integer> {
  @Mixin ChapterOptions opt;

  @Option(names = "--vs-torch", description = "also run tools/torch/bench_torch.py (needs a "
      + "python3 with torch) and print BENCH ratio_… lines: this project ÷ PyTorch")
  boolean vsTorch;

  /** Every figure printed so far, by name (for the ratios). */
  private final Map<String, Double> figures = new LinkedHashMap<>();

  public static void main(String[] args) {
    System.exit(Chapter.run(new Bench(), args));
  }

  private double seconds;      // minimum length of one timed repetition
  private double stepWarmUp;   // seconds of warm-up before a training step is timed
  private double passWarmUp;   // the same for the importance pass
  private int reps;            // repetitions; the median is reported

  @Override
  public Integer call() {
    seconds = opt.quick ? 0.05 : 0.4;
    reps = opt.quick ? 5 : 7;
    // whole steps and the importance pass warm up for 4 s (see median); bench_torch.py is told
    // the same numbers, so both sides of a ratio warm up alike
    stepWarmUp = opt.quick ? 2 * seconds : 4;
    passWarmUp = opt.quick ? 0.4 : 4;
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

    Matrix binaryData = random(1024, 784, rng).map(v -> v > 1.1 ? 1 : 0); // ≈ 13 % ink, like MNIST
    Dataset binary = new Dataset("binary", binaryData, binaryData, null);
    Digits digitSets = Digits.load();
    Dataset digits = Dataset.digits(digitSets.train, new CategoricalLikelihood(Digits.MAX + 1));
    // each workload on one thread and on all cores, then (--vs-torch) PyTorch's peer right after
    // it: the two are timed seconds apart, so a change in the machine's load hits both
    for (String name : List.of("vae784_train", "vae64_train")) {
      boolean big = name.equals("vae784_train");
      int batch = big ? 128 : 64;
      for (int t : new int[] {1, all}) {
        MatMul.setThreads(t);
        Timing step = trainStep(big ? binary : digits, big ? BIG : SMALL, batch, rng);
        report(name + (t == 1 ? "_1t" : "_all"), batch / step.wall(), "samples/s");
        if (t == 1) {
          report(name + "_1t_cpu", batch / step.cpu(), "samples/cpu-s");
        }
      }
      MatMul.setThreads(all);
      if (vsTorch && !torch(name.substring(0, name.indexOf('_')))) {
        return 1;
      }
    }
    // chapter 05's importance pass: K = 1,000 codes for each of the first 20 test images
    Dataset test = Dataset.digits(digitSets.test, new CategoricalLikelihood(Digits.MAX + 1))
        .head(IMAGES);
    Vae model = new Vae(SMALL, rng);
    for (int t : new int[] {1, all}) {
      MatMul.setThreads(t);
      Timing pass = median(() -> model.logImportanceWeights(test, K, rng), Math.max(seconds, 0.2),
          passWarmUp);
      report("importance_k1000" + (t == 1 ? "_1t" : "_all"), IMAGES * K / pass.wall(), "codes/s");
      if (t == 1) {
        report("importance_k1000_1t_cpu", IMAGES * K / pass.cpu(), "codes/cpu-s");
      }
    }
    MatMul.setThreads(all);
    if (vsTorch && !torch("importance")) {
      return 1;
    }
    System.out.printf("load average %.1f at the end (%d cores): above ~0.5 per core, other processes share them "
        + "and the wall-clock figures drop; the _cpu figures count this process's CPU time instead%n",
        loadAverage(), all);
    if (vsTorch && !torchFigures.isEmpty()) {
      printRatios();
    }
    return 0;
  }

  /** The 784 model (the PyTorch example's sizes) and the digits model of chapter 05. */
  private static final Vae.Config BIG =
      new Vae.Config(784, new int[] {400}, 20, Activation.Kind.RELU, "bernoulli");
  private static final Vae.Config SMALL = new Vae.Config(64, new int[] {256, 256}, 16,
      Activation.Kind.LEAKY_RELU, "categorical:" + (Digits.MAX + 1));
  private static final int IMAGES = 20;
  private static final int K = 1000;

  /** PyTorch's figures so far, by name (torch_…), from bench_torch.py's BENCH lines. */
  private final Map<String, Double> torchFigures = new LinkedHashMap<>();
  private String python;        // the python3 that imports torch, once found
  private boolean noTorch;      // looked, and there is none

  /**
   * Runs PyTorch's peer script on one workload ({@code vae784}, {@code vae64} or
   * {@code importance}) and keeps its figures; false if the script failed (the run then fails).
   */
  private boolean torch(String workload) {
    if (noTorch) {
      return true;
    }
    if (python == null) {
      python = pythonWithTorch();
      if (python == null) {
        noTorch = true;
        System.out.println("vs-torch: no python3 that imports torch (apt-get install python3-torch; "
            + "docs/BENCHMARK.md); no ratios printed");
        return true;
      }
    }
    Path script = Project.root().resolve("tools/torch/bench_torch.py");
    List<String> cmd = new java.util.ArrayList<>(List.of(python, script.toString()));
    if (opt.quick) {
      cmd.add("--quick");
    }
    cmd.addAll(List.of("--threads", Integer.toString(Runtime.getRuntime().availableProcessors()),
        "--only", workload, "--warm-up", Double.toString(stepWarmUp),
        "--warm-up-pass", Double.toString(passWarmUp)));
    System.out.println("vs-torch: " + String.join(" ", cmd));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          System.out.println(line);
          String[] f = line.split(" ");
          if (f.length == 4 && f[0].equals("BENCH")) {
            torchFigures.put(f[1], Double.parseDouble(f[2]));
          }
        }
      }
      if (p.waitFor() != 0) {
        System.out.println("vs-torch: " + script + " exited " + p.exitValue());
        return false;
      }
    } catch (IOException e) {
      System.out.println("vs-torch: could not run " + python + ": " + e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return true;
  }

  /** This project's figures over PyTorch's: BENCH ratio_NAME value x. */
  private void printRatios() {
    // all cores against PyTorch's all cores; one thread against one; per CPU-second on one
    // thread (_1t_cpu: the figure least moved by other processes on a busy machine)
    for (String name : List.of("vae784_train", "vae64_train", "importance_k1000")) {
      for (String threads : List.of("", "_1t", "_1t_cpu")) {
        Double ours = figures.get(name + (threads.isEmpty() ? "_all" : threads));
        for (String dtype : List.of("f64", "f32")) {
          Double theirs = torchFigures.get("torch_" + name + "_" + dtype + threads);
          if (ours != null && theirs != null) {
            System.out.printf("BENCH ratio_%s%s%s %.2f x%n", name, threads,
                dtype.equals("f64") ? "" : "_vs_f32", ours / theirs);
          }
        }
      }
    }
  }

  /** {@code python3} or {@code /usr/bin/python3}, whichever first imports torch; else null. */
  private static String pythonWithTorch() {
    for (String py : List.of("python3", "/usr/bin/python3")) {
      try {
        Process p = new ProcessBuilder(py, "-c", "import torch").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() == 0) {
          return py;
        }
      } catch (IOException e) {
        // not this one
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  /** Time per step of the book's VAE training step ({@link Vae#lossAndGradient} + Adam). */
  private Timing trainStep(Dataset all, Vae.Config config, int batch, SplittableRandom rng) {
    Vae vae = new Vae(config, rng);
    Adam adam = new Adam(vae.params(), 1e-3);
    Dataset[] batches = new Dataset[all.size() / batch];
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
    }, seconds, stepWarmUp);
    System.out.printf("  (%s, batch %d, reconstruction term %.1f)%n", vae, batch, loss[0]);
    return perStep;
  }

  /** Seconds per call: by the wall clock, and in CPU time of the whole process. */
  record Timing(double wall, double cpu) {}

  /** Median seconds per call of {@code work} (wall and CPU), after a warm-up, over {@link #reps} repetitions. */
  private Timing median(Runnable work) {
    return median(work, seconds, 2 * seconds);
  }

  /**
   * The same with repetitions of at least {@code seconds}, after {@code warm} seconds of warm-up.
   * A training step calls some methods once per step, and the JIT compiles those fully only after
   * thousands of calls: in two benchmark runs minutes apart, the 784 step on one thread ran at
   * 10.1k samples/s after 0.8 s of warm-up and at 11.8k after 4 s, so whole steps and the
   * importance pass warm up for 4 s ({@link #stepWarmUp}, {@link #passWarmUp}; PyTorch has no JIT
   * to wait for, and bench_torch.py is given the same warm-up to keep the ratio symmetric).
   */
  private Timing median(Runnable work, double seconds, double warm) {
    long warmEnd = System.nanoTime() + (long) (warm * 1e9);
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

  private void report(String name, double value, String unit) {
    figures.put(name, value);
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
