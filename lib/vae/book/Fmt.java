package vae.book;

import java.util.Locale;

/** Number formatting for CHECK lines and tables: short, readable, locale-independent. */
public final class Fmt {
  private Fmt() {}

  /** Four significant digits, plain notation for ordinary magnitudes, scientific otherwise. */
  public static String num(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return Double.toString(x);
    }
    if (x == 0) {
      return "0";
    }
    double a = Math.abs(x);
    if (a >= 1e-3 && a < 1e6) {
      int decimals = Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
      return String.format(Locale.ROOT, "%." + decimals + "f", x);
    }
    return sci(x);
  }

  /** Scientific notation with two significant digits: {@code 3.1e-12}. */
  public static String sci(double x) {
    if (x == 0) {
      return "0";
    }
    return String.format(Locale.ROOT, "%.1e", x).replace("e+0", "e").replace("e-0", "e-")
        .replace("e+", "e");
  }
}
