package vae.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import vae.io.AtomicFile;

/**
 * Named arrays in NumPy's {@code .npz} format, as {@code np.savez} writes and {@code np.load}
 * reads: a zip archive of {@code NAME.npy} files, each a header dict then the values in C order
 * (float64 {@code <f8}, int64 {@code <i8}, one unicode string {@code <U}). The only code that
 * knows these bytes. Chapter 05 (a model exported for NumPy, {@code tools/numpy_vae.py}).
 */
public final class Npz {
  /** One array: dtype ({@code <f8}, {@code <i8} or {@code <U}), shape, values (one kind set). */
  private record Array(String dtype, int[] shape, double[] f8, long[] i8, String text) {
    String describe() {
      return dtype + " " + shapeString(shape);
    }
  }

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
  private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([0-9,\\s]*)\\)");
  /** The time stamp of every entry, so equal arrays give equal files (1980 would add a field). */
  private static final LocalDateTime STAMP = LocalDateTime.of(2000, 1, 1, 0, 0);

  private final String source; // the file name for messages, or "new arrays"
  private final Map<String, Array> arrays = new LinkedHashMap<>();

  /** An empty set of arrays, to fill with {@code put…} and {@link #write}. */
  public Npz() {
    this("new arrays");
  }

  private Npz(String source) {
    this.source = source;
  }

  /** Adds a 2-D float64 array {@code [rows][cols]}; @throws IllegalArgumentException if ragged. */
  public Npz put(String name, double[][] m) {
    int cols = m.length == 0 ? 0 : m[0].length;
    double[] flat = new double[m.length * cols];
    for (int r = 0; r < m.length; r++) {
      if (m[r].length != cols) {
        throw new IllegalArgumentException(name + ": row " + r + " has " + m[r].length
            + " values, row 0 has " + cols + "; a .npy array must be rectangular");
      }
      System.arraycopy(m[r], 0, flat, r * cols, cols);
    }
    return add(name, new Array("<f8", new int[] {m.length, cols}, flat, null, null));
  }

  /** Adds a 1-D float64 array. */
  public Npz put(String name, double[] v) {
    return add(name, new Array("<f8", new int[] {v.length}, v.clone(), null, null));
  }

  /** Adds a float64 scalar (a 0-d array). */
  public Npz putScalar(String name, double v) {
    return add(name, new Array("<f8", new int[0], new double[] {v}, null, null));
  }

  /** Adds a 1-D int64 array. */
  public Npz putInts(String name, int[] v) {
    return add(name, new Array("<i8", new int[] {v.length}, null,
        Arrays.stream(v).asLongStream().toArray(), null));
  }

  /** Adds an int64 scalar (a 0-d array). */
  public Npz putInt(String name, long v) {
    return add(name, new Array("<i8", new int[0], null, new long[] {v}, null));
  }

  /** Adds a string (a 0-d unicode array; NumPy's {@code str(a)} gives it back). */
  public Npz putText(String name, String text) {
    return add(name, new Array("<U", new int[0], null, null, text));
  }

  private Npz add(String name, Array a) {
    if (name.isEmpty() || name.contains("/")) {
      throw new IllegalArgumentException("array name '" + name + "': need a non-empty name "
          + "without '/'");
    }
    arrays.put(name, a);
    return this;
  }

  /** The array names, in file order. */
  public List<String> names() {
    return List.copyOf(arrays.keySet());
  }

  /** Whether an array {@code name} is present. */
  public boolean has(String name) {
    return arrays.containsKey(name);
  }

  /** The shape of array {@code name}; @throws IllegalArgumentException if there is none. */
  public int[] shape(String name) {
    return get(name).shape().clone();
  }

  /** A 2-D float64 array; @throws IllegalArgumentException if missing or of another kind. */
  public double[][] matrix(String name) {
    Array a = expect(name, "<f8", 2, "a 2-D float64 array");
    double[][] m = new double[a.shape()[0]][a.shape()[1]];
    for (int r = 0; r < m.length; r++) {
      System.arraycopy(a.f8(), r * m[r].length, m[r], 0, m[r].length);
    }
    return m;
  }

  /** A 1-D float64 array; @throws IllegalArgumentException if missing or of another kind. */
  public double[] vector(String name) {
    return expect(name, "<f8", 1, "a 1-D float64 array").f8().clone();
  }

  /** A float64 scalar; @throws IllegalArgumentException if missing or of another kind. */
  public double scalar(String name) {
    return expect(name, "<f8", 0, "a float64 scalar").f8()[0];
  }

  /** A 1-D integer array; @throws IllegalArgumentException if missing or of another kind. */
  public long[] ints(String name) {
    return expect(name, "<i8", 1, "a 1-D integer array").i8().clone();
  }

  /** An integer scalar; @throws IllegalArgumentException if missing or of another kind. */
  public long integer(String name) {
    return expect(name, "<i8", 0, "an integer scalar").i8()[0];
  }

  /** A string; @throws IllegalArgumentException if missing or of another kind. */
  public String text(String name) {
    return expect(name, "<U", 0, "a string").text();
  }

  private Array get(String name) {
    Array a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException(source + " has no array '" + name + "' (it holds: "
          + String.join(", ", arrays.keySet()) + ")");
    }
    return a;
  }

  private Array expect(String name, String dtype, int dims, String what) {
    Array a = get(name);
    if (!a.dtype().equals(dtype) || a.shape().length != dims) {
      throw new IllegalArgumentException(source + ": array '" + name + "' is " + a.describe()
          + ", expected " + what);
    }
    return a;
  }

  /** Writes the arrays to {@code path} atomically (a temp file, then a rename), uncompressed. */
  public void write(Path path) {
    AtomicFile.write(path, raw -> {
      ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(raw));
      for (Map.Entry<String, Array> e : arrays.entrySet()) {
        byte[] npy = npy(e.getValue());
        CRC32 crc = new CRC32();
        crc.update(npy);
        ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
        entry.setMethod(ZipEntry.STORED); // as np.savez: no compression
        entry.setSize(npy.length);
        entry.setCompressedSize(npy.length);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(STAMP);
        zip.putNextEntry(entry);
        zip.write(npy);
        zip.closeEntry();
      }
      zip.finish();
      zip.flush();
    });
  }

  /** One .npy file, format 1.0: magic, version, header length, header dict, values. */
  private static byte[] npy(Array a) {
    int width = a.text() == null ? 0 : Math.max(1, a.text().codePointCount(0, a.text().length()));
    String descr = a.dtype().equals("<U") ? "<U" + width : a.dtype();
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
        + shapeString(a.shape()) + ", }";
    // pad with spaces and end with '\n' so that the values start at a multiple of 64 bytes
    int total = (MAGIC.length + 4 + dict.length() + 1 + 63) / 64 * 64;
    String header = dict + " ".repeat(total - MAGIC.length - 4 - dict.length() - 1) + "\n";
    int values = a.f8() != null ? a.f8().length : a.i8() != null ? a.i8().length : 1;
    ByteBuffer b = ByteBuffer.allocate(total + values * (a.text() == null ? 8 : 4 * width))
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.US_ASCII));
    if (a.f8() != null) {
      b.asDoubleBuffer().put(a.f8());
    } else if (a.i8() != null) {
      b.asLongBuffer().put(a.i8());
    } else {
      b.asIntBuffer().put(a.text().codePoints().toArray()); // UTF-32LE, zero-padded to width
    }
    return b.array();
  }

  /**
   * Reads every array of an .npz file.
   *
   * @throws IllegalArgumentException naming the file and the problem if it is missing, not a zip
   *     archive, truncated, corrupted, or holds an array this reader does not handle
   */
  public static Npz read(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no .npz file at " + path);
    }
    Npz out = new Npz(path.toString());
    try (ZipFile zip = new ZipFile(path.toFile())) {
      for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
        ZipEntry e = en.nextElement();
        String where = path + ": entry " + e.getName();
        if (!e.getName().endsWith(".npy")) {
          throw new IllegalArgumentException(where + " is not a .npy array");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
          bytes = in.readAllBytes();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (bytes.length != e.getSize() || crc.getValue() != e.getCrc()) {
          throw new IllegalArgumentException(where + " is corrupted (its bytes do not match the "
              + "archive's checksum); write the file again");
        }
        String name = e.getName().substring(0, e.getName().length() - 4);
        out.arrays.put(name, parse(bytes, where));
      }
    } catch (ZipException e) {
      throw new IllegalArgumentException(path + " is not a readable .npz file (a zip archive): "
          + e.getMessage() + "; it may be truncated or not an .npz at all", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Parses one .npy file (format 1.0, 2.0 or 3.0). */
  private static Array parse(byte[] bytes, String where) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
      throw new IllegalArgumentException(where + " does not start with the .npy magic \\x93NUMPY");
    }
    int major = bytes[6];
    if (major < 1 || major > 3 || (major > 1 && bytes.length < 12)) {
      throw new IllegalArgumentException(where + " has .npy format version " + major + "."
          + bytes[7] + "; this reader handles 1.0, 2.0 and 3.0");
    }
    int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
    int start = major == 1 ? 10 : 12;
    if (headerLen < 0 || start + headerLen > bytes.length) {
      throw new IllegalArgumentException(where + " is truncated inside its header");
    }
    String header = new String(bytes, start, headerLen,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher descr = DESCR.matcher(header);
    Matcher order = ORDER.matcher(header);
    Matcher shapeM = SHAPE.matcher(header);
    if (!descr.find() || !order.find() || !shapeM.find()) {
      throw new IllegalArgumentException(where + " has a malformed header: " + header.strip());
    }
    int[] shape = Arrays.stream(shapeM.group(1).split(",")).map(String::strip)
        .filter(s -> !s.isEmpty()).mapToInt(s -> dimension(s, where)).toArray();
    String dtype = descr.group(1);
    if (order.group(1).equals("True") && shape.length > 1) {
      throw new IllegalArgumentException(where + " is stored in Fortran order; save it with "
          + "np.ascontiguousarray(a) first");
    }
    long count = 1;
    for (int d : shape) {
      count *= d;
      if (count > Integer.MAX_VALUE / 8) {
        throw new IllegalArgumentException(where + " has shape " + shapeString(shape)
            + ", too large for this reader");
      }
    }
    int item = switch (dtype) {
      case "<f8", "<i8" -> 8;
      case "<i4" -> 4;
      default -> dtype.matches("<U[0-9]+") ? 4 * Integer.parseInt(dtype.substring(2)) : -1;
    };
    if (item < 0 || (dtype.startsWith("<U") && shape.length != 0)) {
      throw new IllegalArgumentException(where + " holds dtype '" + dtype + "' of shape "
          + shapeString(shape) + "; this reader handles float64 '<f8', int64 '<i8', int32 '<i4' "
          + "arrays and single strings '<U…'");
    }
    long expected = count * item;
    long found = bytes.length - start - headerLen;
    if (found != expected) {
      throw new IllegalArgumentException(where + " has " + found + " bytes of values; shape "
          + shapeString(shape) + " of '" + dtype + "' needs " + expected
          + (found < expected ? " (truncated)" : ""));
    }
    b.position(start + headerLen);
    ByteBuffer v = b.slice().order(ByteOrder.LITTLE_ENDIAN);
    int n = (int) count;
    switch (dtype) {
      case "<f8": {
        double[] f = new double[n];
        v.asDoubleBuffer().get(f);
        return new Array("<f8", shape, f, null, null);
      }
      case "<i8": {
        long[] l = new long[n];
        v.asLongBuffer().get(l);
        return new Array("<i8", shape, null, l, null);
      }
      case "<i4": {
        int[] ints = new int[n];
        v.asIntBuffer().get(ints);
        return new Array("<i8", shape, null, Arrays.stream(ints).asLongStream().toArray(), null);
      }
      default: {
        int[] cps = new int[item / 4];
        v.asIntBuffer().get(cps);
        int len = cps.length;
        while (len > 0 && cps[len - 1] == 0) { // NumPy pads strings with NULs
          len--;
        }
        return new Array("<U", shape, null, null, new String(cps, 0, len));
      }
    }
  }

  private static int dimension(String s, String where) {
    if (!s.matches("[0-9]{1,9}")) {
      throw new IllegalArgumentException(where + " has a malformed or too large dimension '" + s
          + "' in its shape");
    }
    return Integer.parseInt(s);
  }

  private static String shapeString(int[] shape) {
    return shape.length == 1 ? "(" + shape[0] + ",)"
        : Arrays.stream(shape).mapToObj(Integer::toString)
            .collect(Collectors.joining(", ", "(", ")"));
  }

  @Override
  public String toString() {
    return "Npz[" + source + ": " + arrays.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue().describe()).collect(Collectors.joining(", "))
        + "]";
  }
}
