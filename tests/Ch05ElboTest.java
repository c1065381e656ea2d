import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.book.Chapter;
import vae.data.Mnist;

/** Chapter 05 as a program: quick run, flags, model files, the MNIST path on small IDX files. */
class Ch05ElboTest {
  /** Runs the chapter, capturing standard output and error; returns {exit code, out, err}. */
  private static Object[] run(String... args) {
    return ChapterRun.run(Ch05Elbo::new, args);
  }

  @Test
  void quickRunPassesEveryCheckSavesAndReloads(@TempDir Path dir) {
    Path model = dir.resolve("m.vae");
    Object[] r = run("--quick", "--save", model.toString());
    assertThat((int) r[0]).as((String) r[1] + r[2]).isZero();
    String out = (String) r[1];
    for (String id : new String[] {"EL-1", "EL-2", "EL-3", "EL-4", "EL-5", "EL-6", "EL-7", "EL-8", "EL-9", "EL-10",
        "EL-11", "EL-12", "EL-13"}) {
      assertThat(out).contains("CHECK " + id);
    }
    assertThat(out).contains("RESULT data=digits test_neg_elbo=").contains("epoch 1/2 | −ELBO");
    String saved = out.substring(out.indexOf("RESULT")).split(" ")[2];
    Object[] again = run("--quick", "--load", model.toString());
    assertThat((int) again[0]).isZero();
    String loaded = ((String) again[1]).substring(((String) again[1]).indexOf("RESULT")).split(" ")[2];
    assertThat(loaded).isEqualTo(saved); // same model, same seed: the same test −ELBO
  }

  @Test
  void badFlagsAreOneLineAndExitTwo() {
    for (String[] args : new String[][] {{"--bogus"}, {"--latent", "0"}, {"--likelihood", "poisson"}, {"--lr", "-1"},
        {"--epochs", "many"}, {"--data", "cifar"}, {"--download"}, {"--samples", "0"}, {"--beta", "-2"}}) {
      Object[] r = run(args);
      assertThat((int) r[0]).as(String.join(" ", args)).isEqualTo(2);
      assertThat(((String) r[2]).strip().lines().count()).as((String) r[2]).isEqualTo(1);
    }
  }

  @Test
  void badModelFilesExitOneWithAClearMessage(@TempDir Path dir) throws IOException {
    Path foreign = dir.resolve("notes.txt");
    Files.writeString(foreign, "hello");
    Object[] r = run("--quick", "--load", foreign.toString());
    assertThat((int) r[0]).isEqualTo(1);
    assertThat((String) r[2]).contains("not a model file");
  }

  @Test
  void mnistPathTrainsThePyTorchExampleArchitectureOnSmallIdxFiles(@TempDir Path dir) throws IOException {
    SplittableRandom rng = new SplittableRandom(1);
    writeIdx(dir, Mnist.FILES[0], Mnist.FILES[1], 256, rng);
    writeIdx(dir, Mnist.FILES[2], Mnist.FILES[3], 64, rng);
    // --init he: with the MNIST default, --init pytorch, this 1-epoch model of 256 random strokes
    // fails EL-13's "one limit" (the ×1.5 and ×1.2 bounds 3.6 ± 0.5 nats apart at K = 300: its
    // importance estimates have not converged); this test is about the path, not that model
    Object[] r = run("--quick", "--data", "mnist", "--data-dir", dir.toString(), "--iw-samples",
        "20", "--init", "he");
    String out = (String) r[1];
    assertThat((int) r[0]).as(out + r[2]).isZero();
    assertThat(out).contains("Mlp[784→400→40").contains("Mlp[20→400→784").contains("| test ").contains("RESULT data=mnist");
  }

  /** Writes an IDX image file (magic 0x803) of n random 28×28 strokes and its label file (0x801). */
  private static void writeIdx(Path dir, String images, String labels, int n, SplittableRandom rng) throws IOException {
    ByteArrayOutputStream img = new ByteArrayOutputStream();
    DataOutputStream im = new DataOutputStream(img);
    im.writeInt(0x803);
    im.writeInt(n);
    im.writeInt(28);
    im.writeInt(28);
    ByteArrayOutputStream lab = new ByteArrayOutputStream();
    DataOutputStream lb = new DataOutputStream(lab);
    lb.writeInt(0x801);
    lb.writeInt(n);
    for (int i = 0; i < n; i++) {
      int label = rng.nextInt(10);
      for (int p = 0; p < 784; p++) {
        int row = p / 28;
        int col = p % 28;
        boolean ink = Math.abs(col - 8 - 1.2 * label) < 2 && row > 4 && row < 24; // a vertical bar whose place is the label
        im.writeByte(ink ? 200 + rng.nextInt(56) : rng.nextInt(20));
      }
      lb.writeByte(label);
    }
    Files.write(dir.resolve(images), img.toByteArray());
    Files.write(dir.resolve(labels), lab.toByteArray());
  }
}
