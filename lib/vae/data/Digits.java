package vae.data;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import vae.io.Project;

/**
 * The UCI 8×8 handwritten digits (1,797 images, pixels 0…16; Alpaydin &amp; Kaynak 1998, CC BY 4.0),
 * split as in Tomczak's <em>Deep Generative Modeling</em>: the first 1,000 rows train, the next
 * 350 validate, the last 447 test, in file order. Chapter 01; chapters 05–07.
 */
public final class Digits {
  /** SHA-256 of {@code data/uci-digits/digits.csv.gz}: the loader refuses any other file. */
  public static final String SHA256 = "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a";
  public static final int SIDE = 8;
  public static final int PIXELS = SIDE * SIDE;
  /** The largest pixel value (the count of "on" pixels in a 4×4 block). */
  public static final int MAX = 16;
  public static final int TRAIN = 1000;
  public static final int VALID = 350;
  public static final int TEST = 447;

  public final DigitSplit train;
  public final DigitSplit valid;
  public final DigitSplit test;

  private Digits(DigitSplit train, DigitSplit valid, DigitSplit test) {
    this.train = train;
    this.valid = valid;
    this.test = test;
  }

  /** The project's copy, {@code data/uci-digits/digits.csv.gz}. */
  public static Path defaultFile() {
    return Project.root().resolve("data/uci-digits/digits.csv.gz");
  }

  /**
   * Loads the project's copy.
   *
   * @throws UncheckedIOException if it is missing; IllegalStateException if it was altered
   */
  public static Digits load() {
    return load(defaultFile());
  }

  /**
   * Loads and checks {@code file}: SHA-256, 1,797 rows of 64 pixels in 0…16 and a label in 0…9.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws IllegalStateException if its checksum or contents are not the expected ones
   */
  public static Digits load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the digits file " + file + " (" + e
          + "); it ships with the project as data/uci-digits/digits.csv.gz", e);
    }
    String sha = Checksums.sha256(bytes);
    if (!sha.equals(SHA256)) {
      throw new IllegalStateException("digits file " + file + " has SHA-256 " + sha + ", expected "
          + SHA256 + ": restore data/uci-digits/digits.csv.gz from the project");
    }
    List<int[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(new ByteArrayInputStream(bytes)), StandardCharsets.US_ASCII))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        rows.add(parse(line, rows.size() + 1, file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decompress " + file + ": " + e.getMessage(), e);
    }
    if (rows.size() != TRAIN + VALID + TEST) {
      throw new IllegalStateException(file + " has " + rows.size() + " rows, expected " + (TRAIN + VALID + TEST));
    }
    return new Digits(DigitSplit.of("train", rows.subList(0, TRAIN)),
        DigitSplit.of("valid", rows.subList(TRAIN, TRAIN + VALID)),
        DigitSplit.of("test", rows.subList(TRAIN + VALID, rows.size())));
  }

  private static int[] parse(String line, int lineNo, Path file) {
    String[] f = line.split(",");
    if (f.length != PIXELS + 1) {
      throw new IllegalStateException(file + " line " + lineNo + " has " + f.length + " fields, expected 65");
    }
    int[] v = new int[PIXELS + 1];
    for (int i = 0; i <= PIXELS; i++) {
      v[i] = Integer.parseInt(f[i].trim());
      int max = i < PIXELS ? MAX : 9;
      if (v[i] < 0 || v[i] > max) {
        throw new IllegalStateException(file + " line " + lineNo + " field " + (i + 1) + " is " + v[i]
            + ", outside 0…" + max);
      }
    }
    return v;
  }

  @Override
  public String toString() {
    return "Digits[8×8, pixels 0…16, " + train.size() + " train / " + valid.size() + " valid / "
        + test.size() + " test]";
  }
}
