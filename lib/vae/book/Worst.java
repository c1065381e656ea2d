package vae.book;

/**
 * The worst case of an identity a = b checked on many inputs: keeps the pair (a, b) with the
 * largest |a − b| seen so far (a NaN difference is worst of all), for one CHECK line to print.
 * Introduced in chapter 02.
 */
public final class Worst {
  private double a = Double.NaN;
  private double b = Double.NaN;
  private boolean seen;

  /** Looks at one pair: keeps it if |a − b| is the largest so far or not a number. */
  public void see(double a, double b) {
    double d = Math.abs(a - b);
    if (!seen || Double.isNaN(d) || d > Math.abs(this.a - this.b)) {
      this.a = a;
      this.b = b;
    }
    seen = true;
  }

  /** The left side of the worst pair (NaN before any). */
  public double a() {
    return a;
  }

  /** The right side of the worst pair (NaN before any). */
  public double b() {
    return b;
  }

  @Override
  public String toString() {
    return "Worst[a=" + a + ", b=" + b + "]";
  }
}
