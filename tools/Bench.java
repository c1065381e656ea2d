///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Benchmark — matrix products (GFLOP/s) and VAE training steps (samples/s), 1 thread and all cores
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Benchmark: how fast is the neural core?
 * Prints machine-readable lines `BENCH name value unit`: the matrix product in GFLOP/s on the
 * shapes a VAE step multiplies, on one thread and on all cores, and whole training steps
 * (forward, backward, Adam) in samples per second. Every figure is the median of at least five
 * timed repetitions after a JIT warm-up.
 *
 * **Run:** `./jbang bench [--quick]`
 */
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.data.Digits;
import vae.nn.Activation;
import vae.nn.Adam;
import vae.nn.MatMul;
import vae.nn.Matrix;
import vae.nn.Mlp;
import vae.nn.Param;

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
    SplittableRandom rng = new SplittableRandom(opt.seed);
    for (int[] s : new int[][] {{128, 784, 400}, {128, 400, 784}, {512, 512, 512}}) {
      Matrix x = random(s[0], s[1], rng);
      Matrix y = random(s[1], s[2], rng);
      String name = s[0] == 512 ? "matmul_512" : "matmul_" + s[0] + "x" + s[1] + "x" + s[2];
      double flops = 2.0 * s[0] * s[1] * s[2];
      for (int t : new int[] {1, all}) {
        MatMul.setThreads(t);
        report(name + (t == 1 ? "_1t" : "_all"), flops / 1e9 / median(() -> x.matmul(y)), "GFLOP/s");
      }
    }
    MatMul.setThreads(1);
    Matrix x = random(128, 784, rng);
    Matrix y = random(784, 400, rng);
    report("matmul_reference_128x784x400_1t", 2.0 * 128 * 784 * 400 / 1e9
        / median(() -> MatMul.reference(x, y)), "GFLOP/s");

    Matrix binary = random(1024, 784, rng).map(v -> v > 1.1 ? 1 : 0); // ≈ 13 % ink, like MNIST
    Matrix digits = Digits.load().train.scaled();
    for (int t : new int[] {1, all}) {
      MatMul.setThreads(t);
      String suffix = t == 1 ? "_1t" : "_all";
      report("vae784_train" + suffix, trainThroughput(binary, 784, 400, 20, 128, rng), "samples/s");
      report("vae64_train" + suffix, trainThroughput(digits, 64, 256, 16, 64, rng), "samples/s");
    }
    MatMul.setThreads(all);
    return 0;
  }

  /** Samples per second of a VAE training step with the given sizes (two hidden layers for 64). */
  private double trainThroughput(Matrix data, int d, int h, int latent, int batch, SplittableRandom rng) {
    int[] enc = d == 64 ? new int[] {d, h, h, 2 * latent} : new int[] {d, h, 2 * latent};
    int[] dec = d == 64 ? new int[] {latent, h, h, d} : new int[] {latent, h, d};
    Activation.Kind act = d == 64 ? Activation.Kind.LEAKY_RELU : Activation.Kind.RELU;
    BenchVae vae = new BenchVae(new Mlp(enc, act, Activation.Kind.IDENTITY, rng),
        new Mlp(dec, act, Activation.Kind.IDENTITY, rng), latent, rng);
    int[][] idx = new int[data.rows / batch][];
    for (int b = 0; b < idx.length; b++) {
      idx[b] = new int[batch];
      final int off = b * batch;
      Arrays.setAll(idx[b], i -> off + i);
    }
    int[] next = {0};
    double perStep = median(() -> vae.step(data.rows(idx[next[0]++ % idx.length])));
    System.out.printf("  (%s + %s, batch %d, %d parameters, loss %.1f per example)%n", vae.encoder,
        vae.decoder, batch, vae.encoder.parameterCount() + vae.decoder.parameterCount(), vae.lastLoss);
    return batch / perStep;
  }

  /** Median seconds per call of {@code work}, after a warm-up, over {@link #reps} repetitions. */
  private double median(Runnable work) {
    long warmEnd = System.nanoTime() + (long) (seconds * 2e9);
    while (System.nanoTime() < warmEnd) {
      work.run();
    }
    double[] t = new double[reps];
    for (int r = 0; r < reps; r++) {
      long start = System.nanoTime();
      int n = 0;
      do {
        work.run();
        n++;
      } while (System.nanoTime() - start < seconds * 1e9);
      t[r] = (System.nanoTime() - start) / 1e9 / n;
    }
    Arrays.sort(t);
    return t[reps / 2];
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

  /**
   * A minimal VAE training step (Bernoulli decoder on logits, Gaussian encoder, Adam), written
   * here so the benchmark depends only on vae.nn; chapter 05 builds the real one.
   */
  static final class BenchVae {
    final Mlp encoder;
    final Mlp decoder;
    final int latent;
    final SplittableRandom rng;
    final Adam adam;
    double lastLoss;

    BenchVae(Mlp encoder, Mlp decoder, int latent, SplittableRandom rng) {
      this.encoder = encoder.setInputGradient(false);
      this.decoder = decoder;
      this.latent = latent;
      this.rng = rng;
      List<Param> params = new ArrayList<>(encoder.params());
      params.addAll(decoder.params());
      this.adam = new Adam(params, 1e-3);
    }

    void step(Matrix x) {
      int n = x.rows;
      adam.zeroGrad();
      Matrix h = encoder.forward(x);                 // [batch][2·latent] = (mu, logVar)
      Matrix z = new Matrix(n, latent);
      Matrix eps = new Matrix(n, latent);
      double kl = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < latent; j++) {
          double mu = h.a[i][j];
          double logVar = h.a[i][latent + j];
          eps.a[i][j] = rng.nextGaussian();
          // z = mu + sigma·eps
          z.a[i][j] = mu + Math.exp(0.5 * logVar) * eps.a[i][j];
          // KL = −½ Σ (1 + logVar − mu² − exp logVar)
          kl += -0.5 * (1 + logVar - mu * mu - Math.exp(logVar));
        }
      }
      Matrix logits = decoder.forward(z);            // [batch][d]
      Matrix dLogits = new Matrix(n, logits.cols);
      double bce = 0;
      for (int i = 0; i < n; i++) {
        double[] l = logits.a[i];
        double[] t = x.a[i];
        double[] g = dLogits.a[i];
        for (int j = 0; j < l.length; j++) {
          // BCE with logits: softplus(l) − x·l;  d/dl = sigmoid(l) − x
          double e = Math.exp(-Math.abs(l[j]));
          bce += Math.max(l[j], 0) + Math.log(1 + e) - t[j] * l[j];
          double sig = l[j] >= 0 ? 1 / (1 + e) : e / (1 + e);
          g[j] = (sig - t[j]) / n;
        }
      }
      lastLoss = (bce + kl) / n;
      Matrix dz = decoder.backward(dLogits);         // [batch][latent]
      Matrix dh = new Matrix(n, 2 * latent);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < latent; j++) {
          double mu = h.a[i][j];
          double sigma = Math.exp(0.5 * h.a[i][latent + j]);
          // dL/dmu = dz + mu;  dL/dlogVar = dz·eps·sigma/2 + (sigma² − 1)/2   (per example, /n)
          dh.a[i][j] = dz.a[i][j] + mu / n;
          dh.a[i][latent + j] = dz.a[i][j] * eps.a[i][j] * 0.5 * sigma + 0.5 * (sigma * sigma - 1) / n;
        }
      }
      encoder.backward(dh);
      adam.step();
    }
  }
}
