package vae.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import vae.io.AtomicFile;
import vae.nn.Activation;
import vae.nn.Param;

/**
 * Saves and loads a {@link Vae}: a magic word, a format version, the architecture (the width of
 * its condition, 0 for a plain VAE, and its prior: {@code standard}, {@code mog:K}, {@code vamp:K}),
 * every parameter matrix (the prior's last), and a CRC-32 of all of it. Version 1 files (no
 * condition, standard prior) and version 2 files (a condition, standard prior) still load.
 * Written atomically (a temp file, then a rename),
 * so a crash never leaves half a model; a truncated, corrupted or foreign file is refused with a
 * message that says which. Chapter 05.
 */
public final class VaeFile {
  /** The first bytes of every model file. */
  public static final String MAGIC = "VAE-VERIFIED-MODEL";
  /** The format version this code writes (and the newest it reads). */
  public static final int VERSION = 3;
  private static final byte[] MAGIC_BYTES = (MAGIC + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private VaeFile() {}

  /** Writes {@code vae} to {@code path} atomically. */
  public static void save(Vae vae, Path path) {
    AtomicFile.write(path, raw -> {
      CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(raw), new CRC32());
      DataOutputStream out = new DataOutputStream(checked);
      out.write(MAGIC_BYTES);
      String prior = vae.prior().spec();
      out.writeInt(VERSION);
      Vae.Config c = vae.config();
      out.writeInt(c.dataDim());
      out.writeInt(c.hidden().length);
      for (int h : c.hidden()) {
        out.writeInt(h);
      }
      out.writeInt(c.latent());
      out.writeUTF(c.activation().name());
      out.writeUTF(c.likelihood());
      out.writeInt(c.condition()); // from version 2: a conditional VAE's label width (chapter 10)
      out.writeUTF(prior); // from version 3: the prior (chapter 09)
      List<Param> params = vae.params();
      out.writeInt(params.size());
      for (Param p : params) {
        out.writeInt(p.value.rows);
        out.writeInt(p.value.cols);
        for (double[] row : p.value.a) {
          for (double v : row) {
            out.writeDouble(v);
          }
        }
      }
      out.flush();
      long crc = checked.getChecksum().getValue();
      out.writeLong(crc);
      out.flush();
    });
  }

  /**
   * Reads a model written by {@link #save}.
   *
   * @throws IllegalArgumentException if the file is missing, not a model file, of another version, truncated or corrupted
   */
  public static Vae load(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no model file at " + path + " (train one with --save FILE)");
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
      CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
      DataInputStream in = new DataInputStream(checked);
      byte[] head = in.readNBytes(MAGIC_BYTES.length);
      if (!java.util.Arrays.equals(head, MAGIC_BYTES)) {
        if (java.util.Arrays.equals(head, java.util.Arrays.copyOf(MAGIC_BYTES, head.length))) {
          throw new EOFException();
        }
        throw new IllegalArgumentException(path + " is not a model file of this book (it does not start with "
            + MAGIC + "); give a file written by --save");
      }
      int version = in.readInt();
      if (version < 1 || version > VERSION) {
        throw new IllegalArgumentException(path + " has model format version " + version
            + ", this code reads versions 1 to " + VERSION + "; retrain and save it again");
      }
      int dataDim = in.readInt();
      int[] hidden = new int[checkCount(in.readInt(), 64, path)];
      for (int i = 0; i < hidden.length; i++) {
        hidden[i] = in.readInt();
      }
      int latent = in.readInt();
      Activation.Kind act = Activation.Kind.valueOf(in.readUTF());
      String likelihood = in.readUTF();
      int condition = version >= 2 ? in.readInt() : 0;
      Vae vae = new Vae(new Vae.Config(dataDim, hidden, latent, act, likelihood, condition),
          new SplittableRandom(0));
      if (version >= 3) {
        vae.prior(in.readUTF(), new SplittableRandom(0)); // its parameters are read below
      }
      List<Param> params = vae.params();
      int count = in.readInt();
      if (count != params.size()) {
        throw new IllegalArgumentException(path + " is corrupted: it holds " + count + " parameter matrices, the architecture needs " + params.size());
      }
      for (Param p : params) {
        int rows = in.readInt();
        int cols = in.readInt();
        if (rows != p.value.rows || cols != p.value.cols) {
          throw new IllegalArgumentException(path + " is corrupted: parameter " + p.name + " is " + rows + "×" + cols
              + ", the architecture needs " + p.value.shape());
        }
        for (double[] row : p.value.a) {
          for (int j = 0; j < row.length; j++) {
            row[j] = in.readDouble();
          }
        }
      }
      long expected = checked.getChecksum().getValue();
      long stored = in.readLong();
      if (stored != expected || in.read() != -1) {
        throw new IllegalArgumentException(path + " is corrupted (checksum mismatch or trailing bytes); save the model again");
      }
      return vae;
    } catch (EOFException e) {
      throw new IllegalArgumentException(path + " is truncated: the file ends before the model does; save it again", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(path.toString())) {
        throw e;
      }
      throw new IllegalArgumentException(path + " is corrupted: " + e.getMessage(), e);
    }
  }

  /**
   * {@code vae}, loaded from {@code path}, if its prior is {@code spec} ({@code standard},
   * {@code mog:K}, {@code vamp:K}).
   *
   * @throws IllegalArgumentException naming both priors if it is another
   */
  public static Vae requirePrior(Vae vae, String spec, Path path) {
    String has = vae.prior().spec();
    if (!has.equals(spec)) {
      throw new IllegalArgumentException(path + " holds a VAE with the prior " + has + ", this run "
          + "needs " + spec + (spec.equals("standard") ? " (a learned prior is chapter 09's)"
          : " (--prior and --components choose it)") + "; load a model saved with that prior");
    }
    return vae;
  }

  private static int checkCount(int n, int max, Path path) {
    if (n < 0 || n > max) {
      throw new IllegalArgumentException(path + " is corrupted: " + n + " hidden layers");
    }
    return n;
  }
}
