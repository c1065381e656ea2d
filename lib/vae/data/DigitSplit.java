package vae.data;

import java.util.List;
import vae.nn.Matrix;

/**
 * One part of the digits (train, valid or test): pixels as integers 0…16, scaled to [0, 1] or
 * binarised, with the labels 0…9. Chapter 01.
 */
public final class DigitSplit {
  public final String name;
  /** [n][64], integers 0…16, row-major 8×8. */
  public final int[][] pixels;
  /** [n], the digit 0…9. */
  public final int[] labels;

  DigitSplit(String name, int[][] pixels, int[] labels) {
    this.name = name;
    this.pixels = pixels;
    this.labels = labels;
  }

  static DigitSplit of(String name, List<int[]> rows) {
    int[][] px = new int[rows.size()][];
    int[] lab = new int[rows.size()];
    for (int i = 0; i < px.length; i++) {
      px[i] = java.util.Arrays.copyOf(rows.get(i), Digits.PIXELS);
      lab[i] = rows.get(i)[Digits.PIXELS];
    }
    return new DigitSplit(name, px, lab);
  }

  public int size() {
    return labels.length;
  }

  /** x = pixel / 16 ∈ [0, 1]  [n][64]. */
  public Matrix scaled() {
    Matrix m = new Matrix(size(), Digits.PIXELS);
    for (int i = 0; i < size(); i++) {
      for (int j = 0; j < Digits.PIXELS; j++) {
        m.a[i][j] = pixels[i][j] / (double) Digits.MAX;
      }
    }
    return m;
  }

  /** x = 1 if pixel &gt; 8 (more than half the block on), else 0  [n][64]. */
  public Matrix binarised() {
    Matrix m = new Matrix(size(), Digits.PIXELS);
    for (int i = 0; i < size(); i++) {
      for (int j = 0; j < Digits.PIXELS; j++) {
        m.a[i][j] = pixels[i][j] > Digits.MAX / 2 ? 1 : 0;
      }
    }
    return m;
  }

  @Override
  public String toString() {
    return "DigitSplit[" + name + ", " + size() + " images of 8×8]";
  }
}
