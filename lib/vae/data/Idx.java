package vae.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import vae.nn.Matrix;

/**
 * The IDX format of MNIST, raw or gzip-compressed: a magic number 0x0000 08 NN (unsigned bytes,
 * NN dimensions), NN big-endian sizes, then the bytes. Every check says what is wrong with
 * which file. Chapters 05–07 (MNIST runs).
 */
public final class Idx {
  /** Magic number of an image file: unsigned bytes, 3 dimensions (count, rows, cols). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of a label file: unsigned bytes, 1 dimension (count). */
  public static final int LABELS_MAGIC = 0x00000801;

  private Idx() {}

  /** Images as unsigned bytes, row-major: image i, pixel p is {@code data[i·rows·cols + p] & 0xFF}. */
  public record Images(int count, int rows, int cols, byte[] data) {
    public int pixels() {
      return rows * cols;
    }

    /** The images {@code idx} scaled to [0, 1] (x = byte/255)  [idx.length][rows·cols]. */
    public Matrix scaled(int[] idx) {
      Matrix m = new Matrix(idx.length, pixels());
      for (int i = 0; i < idx.length; i++) {
        int base = idx[i] * pixels();
        for (int p = 0; p < pixels(); p++) {
          m.a[i][p] = (data[base + p] & 0xFF) / 255.0;
        }
      }
      return m;
    }

    /** The images {@code idx} binarised: 1 where byte ≥ 128, else 0. */
    public Matrix binarised(int[] idx) {
      return scaled(idx).map(v -> v >= 128 / 255.0 ? 1 : 0);
    }

    @Override
    public String toString() {
      return "Idx.Images[" + count + " × " + rows + "×" + cols + "]";
    }
  }

  /**
   * Reads an image file (magic 0x00000803).
   *
   * @throws IllegalStateException naming the file and the problem: magic, dimensions, length
   * @throws UncheckedIOException if the file cannot be read at all
   */
  public static Images readImages(Path file) {
    return read(file, IMAGES_MAGIC, (in, dims) -> {
      int n = dims[0];
      int rows = dims[1];
      int cols = dims[2];
      if (rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096) {
        throw bad(file, "image size " + rows + "×" + cols + " is not plausible (MNIST is 28×28)");
      }
      return new Images(n, rows, cols, body(in, file, (long) n * rows * cols, n + " images of " + rows + "×" + cols));
    });
  }

  /**
   * Reads a label file (magic 0x00000801); labels must be 0…9.
   *
   * @throws IllegalStateException naming the file and the problem
   */
  public static int[] readLabels(Path file) {
    return read(file, LABELS_MAGIC, (in, dims) -> {
      byte[] b = body(in, file, dims[0], dims[0] + " labels");
      int[] labels = new int[b.length];
      for (int i = 0; i < b.length; i++) {
        labels[i] = b[i] & 0xFF;
        if (labels[i] > 9) {
          throw bad(file, "label " + i + " is " + labels[i] + ", outside 0…9");
        }
      }
      return labels;
    });
  }

  private interface Body<T> {
    T read(DataInputStream in, int[] dims) throws IOException;
  }

  private static <T> T read(Path file, int magic, Body<T> body) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
      raw.reset();
      DataInputStream in = new DataInputStream(gz ? new BufferedInputStream(new GZIPInputStream(raw)) : raw);
      int m;
      try {
        m = in.readInt();
      } catch (EOFException e) {
        throw bad(file, "is shorter than the 4-byte magic number");
      }
      if (m != magic) {
        throw bad(file, String.format("has magic number 0x%08X, expected 0x%08X (%s)", m, magic,
            magic == IMAGES_MAGIC ? "an IDX image file: unsigned bytes, 3 dimensions"
                : "an IDX label file: unsigned bytes, 1 dimension"));
      }
      int[] dims = new int[magic & 0xFF];
      for (int d = 0; d < dims.length; d++) {
        try {
          dims[d] = in.readInt();
        } catch (EOFException e) {
          throw bad(file, "ends inside its header (dimension " + (d + 1) + " of " + dims.length + " missing)");
        }
        if (dims[d] < 0) {
          throw bad(file, "dimension " + (d + 1) + " is negative (" + dims[d] + ")");
        }
      }
      return body.read(in, dims);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read IDX file " + file + ": " + e, e);
    }
  }

  private static byte[] body(DataInputStream in, Path file, long expected, String what) throws IOException {
    if (expected > Integer.MAX_VALUE - 16) {
      throw bad(file, "header announces " + what + ", more than fits in memory");
    }
    byte[] b = in.readNBytes((int) expected);
    if (b.length < expected) {
      throw bad(file, "is truncated: the header announces " + what + " (" + expected + " bytes) but only "
          + b.length + " follow");
    }
    if (in.read() != -1) {
      throw bad(file, "has bytes after the " + what + " its header announces (wrong dimensions?)");
    }
    return b;
  }

  private static IllegalStateException bad(Path file, String problem) {
    return new IllegalStateException("IDX file " + file + " " + problem);
  }
}
