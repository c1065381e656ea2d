import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.data.Npz;

/** NumPy's .npz format: our writer and reader, bad files, and NumPy itself (if installed). */
class NpzTest {
  @TempDir Path dir;

  /** Awkward values: both zeros, NaN, infinities, the smallest subnormal, a non-terminating 0.1. */
  static final double[][] M = {
      {0.1, -0.0, Double.NaN, 1e308},
      {Double.MIN_VALUE, Double.NEGATIVE_INFINITY, -7.25, Math.PI},
      {1, 2, 3, Double.POSITIVE_INFINITY}};
  static final String TEXT = "gaussian:0.1 σ ✓ \uD835\uDC9B"; // a non-BMP letter (𝒛) too

  static Npz sample() {
    return new Npz().put("encoder.0.weight", M).put("v", new double[] {1.5, -2})
        .putScalar("beta", 0.7).putInts("hidden", new int[] {256, 3, -1}).putInt("latent", 16)
        .putText("likelihood", TEXT).putInts("empty", new int[0]);
  }

  static long[][] bits(double[][] m) {
    return Arrays.stream(m)
        .map(r -> Arrays.stream(r).mapToLong(Double::doubleToRawLongBits).toArray())
        .toArray(long[][]::new);
  }

  @Test
  void roundTripGivesBackEveryArrayBitForBit() {
    Path p = dir.resolve("a.npz");
    sample().write(p);
    Npz back = Npz.read(p);
    assertThat(back.names()).containsExactly("encoder.0.weight", "v", "beta", "hidden", "latent",
        "likelihood", "empty");
    assertThat(bits(back.matrix("encoder.0.weight"))).isDeepEqualTo(bits(M)); // −0.0 and NaN too
    assertThat(back.vector("v")).containsExactly(1.5, -2);
    assertThat(back.scalar("beta")).isEqualTo(0.7);
    assertThat(back.ints("hidden")).containsExactly(256, 3, -1);
    assertThat(back.integer("latent")).isEqualTo(16);
    assertThat(back.text("likelihood")).isEqualTo(TEXT);
    assertThat(back.ints("empty")).isEmpty();
    assertThat(back.shape("encoder.0.weight")).containsExactly(3, 4);
    assertThat(back.toString())
        .contains("encoder.0.weight <f8 (3, 4)", "v <f8 (2,)", "beta <f8 ()");
  }

  @Test
  void theBytesAreNpyVersion1WithValuesAlignedTo64AndTheSameEveryTime() throws IOException {
    Path a = dir.resolve("a.npz");
    Path b = dir.resolve("b.npz");
    sample().write(a);
    sample().write(b);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    byte[] zip = Files.readAllBytes(a);
    // the first entry is stored uncompressed: local header (30 bytes + name), then the .npy
    int name = "encoder.0.weight.npy".length();
    byte[] npy = Arrays.copyOfRange(zip, 30 + name, zip.length);
    assertThat(Arrays.copyOf(npy, 8))
        .isEqualTo(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    int headerLen = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
    int start = 10 + headerLen;
    assertThat(start % 64).isZero();
    String header = new String(npy, 10, headerLen, StandardCharsets.US_ASCII);
    assertThat(header).startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }")
        .endsWith(" \n");
    // the first value, little-endian: 0.1 = 0x3FB999999999999A
    assertThat(npy[start]).isEqualTo((byte) 0x9A);
    assertThat(npy[start + 7]).isEqualTo((byte) 0x3F);
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("a.npz", "b.npz"); // no temp files
  }

  @Test
  void aTruncatedOrGarbageFileIsRejectedNamingTheFileAndTheProblem() throws IOException {
    Path good = dir.resolve("good.npz");
    sample().write(good);
    byte[] bytes = Files.readAllBytes(good);
    Path cut = Files.write(dir.resolve("cut.npz"), Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> Npz.read(cut)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(cut.toString()).hasMessageContaining("truncated");
    Path junk = Files.write(dir.resolve("junk.npz"),
        "not a zip at all".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Npz.read(junk)).hasMessageContaining(junk.toString())
        .hasMessageContaining("not a readable .npz file");
    bytes[30 + 20 + 128 + 9] ^= 1; // one bit of the first array's second value
    Path flipped = Files.write(dir.resolve("flipped.npz"), bytes);
    assertThatThrownBy(() -> Npz.read(flipped)).hasMessageContaining(flipped.toString())
        .hasMessageContaining("encoder.0.weight.npy is corrupted");
    assertThatThrownBy(() -> Npz.read(dir.resolve("none.npz")))
        .hasMessageContaining("no .npz file at");
  }

  /** A zip holding one entry {@code a.npy} with these bytes (a valid archive, a bad array). */
  Path zipWith(String file, byte[] npy) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("a.npy"));
      zip.write(npy);
    }
    return Files.write(dir.resolve(file), bytes.toByteArray());
  }

  /** A .npy file with the header {@code {'descr': …, 'fortran_order': …, 'shape': …}} and zeros. */
  static byte[] npy(String descr, String order, String shape, int valueBytes) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': " + order + ", 'shape': " + shape
        + ", }\n";
    return npy(dict, valueBytes);
  }

  static byte[] npy(String dict, int valueBytes) {
    byte[] head = dict.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[10 + head.length + valueBytes];
    System.arraycopy(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, 0, out, 0, 8);
    out[8] = (byte) head.length;
    System.arraycopy(head, 0, out, 10, head.length);
    return out;
  }

  @Test
  void aBadArrayInsideAGoodArchiveIsRejectedWithWhatIsWrong() throws IOException {
    Path bigEndian = zipWith("be.npz", npy(">f8", "False", "(2,)", 16));
    assertThatThrownBy(() -> Npz.read(bigEndian)).hasMessageContaining(bigEndian + ": entry a.npy")
        .hasMessageContaining("'>f8'").hasMessageContaining("'<f8'");
    Path short_ = zipWith("short.npz", npy("<f8", "False", "(2, 3)", 40));
    assertThatThrownBy(() -> Npz.read(short_)).hasMessageContaining("has 40 bytes of values")
        .hasMessageContaining("needs 48 (truncated)");
    Path fortran = zipWith("f.npz", npy("<f8", "True", "(2, 3)", 48));
    assertThatThrownBy(() -> Npz.read(fortran)).hasMessageContaining("Fortran order");
    Path noMagic = zipWith("m.npz", "hello, world".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> Npz.read(noMagic))
        .hasMessageContaining("does not start with the .npy magic");
    Path noShape = zipWith("s.npz", npy("{'descr': '<f8', 'fortran_order': False}\n", 8));
    assertThatThrownBy(() -> Npz.read(noShape)).hasMessageContaining("malformed header");
  }

  @Test
  void aMissingArrayOrOneOfAnotherKindIsNamedWithWhatTheFileHolds() {
    Path p = dir.resolve("a.npz");
    sample().write(p);
    Npz back = Npz.read(p);
    assertThatThrownBy(() -> back.matrix("decoder.0.weight")).hasMessageContaining(p.toString())
        .hasMessageContaining("no array 'decoder.0.weight'")
        .hasMessageContaining("encoder.0.weight, v, beta");
    assertThatThrownBy(() -> back.matrix("v"))
        .hasMessageContaining("array 'v' is <f8 (2,), expected a 2-D float64");
    assertThatThrownBy(() -> back.text("latent")).hasMessageContaining("expected a string");
    assertThatThrownBy(() -> new Npz().put("m", new double[][] {{1, 2}, {3}}))
        .hasMessageContaining("row 1 has 1 values, row 0 has 2");
  }

  @Test
  void numpyReadsOurFilesAndWeReadNumpys() {
    String python = NumpyPython.require();
    Path ours = dir.resolve("ours.npz");
    sample().write(ours);
    Path theirs = dir.resolve("theirs.npz");
    Path packed = dir.resolve("packed.npz");
    Path fortran = dir.resolve("fortran.npz");
    String script = String.join("\n",
        "import sys, numpy as np",
        "a = np.load(sys.argv[1])",
        "m = a['encoder.0.weight']",
        "assert m.dtype == np.float64 and m.shape == (3, 4) and m.flags.c_contiguous",
        "assert m[0, 0] == 0.1 and str(np.signbit(m[0, 1])) == 'True' and np.isnan(m[0, 2])",
        "assert m[1, 0] == 5e-324 and m[2, 3] == np.inf and m[1, 3] == np.pi",
        "assert a['beta'].shape == () and float(a['beta']) == 0.7",
        "assert a['hidden'].dtype == np.int64 and list(a['hidden']) == [256, 3, -1]",
        "assert int(a['latent']) == 16 and a['empty'].shape == (0,)",
        "assert str(a['likelihood']) == " + "'gaussian:0.1 \\u03c3 \\u2713 \\U0001d49b'",
        "x = np.arange(12.0).reshape(3, 4) / 7",
        "kw = dict(x=x, i=np.arange(5, dtype=np.int64), j=np.arange(3, dtype=np.int32),",
        "          s=np.array('categorical:17'), z=np.float64(-0.0))",
        "np.savez(sys.argv[2], **kw)",
        "np.savez_compressed(sys.argv[3], **kw)",
        "np.savez(sys.argv[4], x=np.asfortranarray(x))",
        "print('ok')");
    NumpyPython.Result r = NumpyPython.run(List.of(python, "-c", script, ours.toString(),
        theirs.toString(), packed.toString(), fortran.toString()), 120);
    assertThat(r.code()).as(r.output()).isZero();
    for (Path p : List.of(theirs, packed)) {
      Npz back = Npz.read(p);
      double[][] x = back.matrix("x");
      for (int i = 0; i < 12; i++) {
        assertThat(x[i / 4][i % 4]).isEqualTo(i / 7.0); // IEEE division: the same double
      }
      assertThat(back.ints("i")).containsExactly(0, 1, 2, 3, 4);
      assertThat(back.ints("j")).containsExactly(0, 1, 2);
      assertThat(back.text("s")).isEqualTo("categorical:17");
      assertThat(Double.doubleToRawLongBits(back.scalar("z"))).isEqualTo(Long.MIN_VALUE); // −0.0
    }
    assertThatThrownBy(() -> Npz.read(fortran)).hasMessageContaining("Fortran order");
  }
}
