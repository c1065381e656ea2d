import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.data.Idx;
import vae.data.Mnist;

/** The MNIST IDX reader on small files the test writes itself: good (raw, .gz) and corrupted. */
class IdxTest {
  @TempDir Path dir;

  /** An IDX file: magic, big-endian dimensions, then {@code body}. */
  static byte[] idx(int magic, int[] dims, byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(magic);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(body);
    return bytes.toByteArray();
  }

  static byte[] images(int n, int rows, int cols) throws IOException {
    byte[] body = new byte[n * rows * cols];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) (i * 37);
    }
    return idx(Idx.IMAGES_MAGIC, new int[] {n, rows, cols}, body);
  }

  static byte[] labels(int n) throws IOException {
    byte[] body = new byte[n];
    for (int i = 0; i < n; i++) {
      body[i] = (byte) (i % 10);
    }
    return idx(Idx.LABELS_MAGIC, new int[] {n}, body);
  }

  Path write(String name, byte[] bytes, boolean gz) throws IOException {
    Path p = dir.resolve(gz ? name + ".gz" : name);
    try (OutputStream out = gz ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
      out.write(bytes);
    }
    return p;
  }

  @Test
  void readsRawAndGzippedFilesAlike() throws IOException {
    Idx.Images raw = Idx.readImages(write("a", images(3, 4, 5), false));
    Idx.Images gz = Idx.readImages(write("b", images(3, 4, 5), true));
    assertThat(raw.count()).isEqualTo(3);
    assertThat(raw.rows()).isEqualTo(4);
    assertThat(raw.cols()).isEqualTo(5);
    assertThat(gz.data()).isEqualTo(raw.data());
    // pixel 1 of image 0 is byte 37 → 37/255
    assertThat(raw.scaled(new int[] {0}).a[0][1]).isEqualTo(37 / 255.0);
    assertThat(Idx.readLabels(write("l", labels(12), true))).startsWith(0, 1, 2).hasSize(12);
  }

  @Test
  void loadsAFolderOfFourFilesAndChecksImagesAgainstLabels() throws IOException {
    write(Mnist.FILES[0], images(6, 28, 28), true);
    write(Mnist.FILES[1], labels(6), false);
    write(Mnist.FILES[2], images(2, 28, 28), false);
    write(Mnist.FILES[3], labels(3), true);
    assertThatThrownBy(() -> Mnist.load(dir)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2 images but").hasMessageContaining("3 labels");
    write(Mnist.FILES[3], labels(2), true);
    assertThat(Mnist.load(dir)).hasToString("Mnist[6 train / 2 test, 28×28]");
  }

  @Test
  void aMissingFileSaysWhereToPutIt() {
    assertThatThrownBy(() -> Mnist.load(dir)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("train-images-idx3-ubyte").hasMessageContaining(dir.toString())
        .hasMessageContaining("--download");
  }

  @Test
  void downloadWithoutNetworkSaysWhereToPutTheFilesAndLeavesNothingBehind() throws IOException {
    Path cache = dir.resolve("cache");
    // port 1 on the loopback address: refused at once, no traffic leaves the machine
    assertThatThrownBy(() -> Mnist.download(cache, "http://127.0.0.1:1/"))
        .hasMessageContaining("could not download http://127.0.0.1:1/train-images-idx3-ubyte.gz")
        .hasMessageContaining("Without network").hasMessageContaining(cache.toAbsolutePath().toString())
        .hasMessageContaining("--data-dir");
    try (var files = Files.list(cache)) {
      assertThat(files).isEmpty(); // no half-written file
    }
  }

  @Test
  void badMagicNumberIsNamed() throws IOException {
    Path p = write("m", labels(4), false);
    assertThatThrownBy(() -> Idx.readImages(p)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(p.toString()).hasMessageContaining("0x00000801").hasMessageContaining("expected 0x00000803");
  }

  @Test
  void truncatedBodyIsNamedWithTheByteCounts() throws IOException {
    byte[] full = images(3, 4, 5);
    Path p = write("t", Arrays.copyOf(full, full.length - 7), true);
    assertThatThrownBy(() -> Idx.readImages(p)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("truncated").hasMessageContaining("60 bytes").hasMessageContaining("only 53");
    Path h = write("h", Arrays.copyOf(full, 9), false);
    assertThatThrownBy(() -> Idx.readImages(h)).hasMessageContaining("header");
  }

  @Test
  void wrongDimensionsAreNamed() throws IOException {
    // header says 2 images of 4×5 but the body holds 3: extra bytes
    byte[] body = Arrays.copyOfRange(images(3, 4, 5), 16, 16 + 60);
    Path p = write("d", idx(Idx.IMAGES_MAGIC, new int[] {2, 4, 5}, body), false);
    assertThatThrownBy(() -> Idx.readImages(p)).hasMessageContaining("bytes after").hasMessageContaining("2 images of 4×5");
    Path z = write("z", idx(Idx.IMAGES_MAGIC, new int[] {1, 0, 5}, new byte[0]), false);
    assertThatThrownBy(() -> Idx.readImages(z)).hasMessageContaining("0×5");
    Path l = write("l", idx(Idx.LABELS_MAGIC, new int[] {2}, new byte[] {3, 12}), false);
    assertThatThrownBy(() -> Idx.readLabels(l)).hasMessageContaining("label 1 is 12");
  }
}
