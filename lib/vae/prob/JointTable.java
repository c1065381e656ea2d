package vae.prob;

import java.util.SplittableRandom;

/**
 * A discrete joint distribution p(x, z) as a table {@code [x][z]}, with its marginal p(x) and
 * conditionals p(z|x): the smallest model with a data variable and a latent one. Introduced in
 * chapter 02 (the chain rule KL-7 and the gradient identity KL-8).
 */
public final class JointTable {
  private final double[][] t; // [x][z]
  private final Discrete flat;

  private JointTable(double[][] t) {
    this.t = t;
    int nz = t[0].length;
    double[] f = new double[t.length * nz];
    for (int x = 0; x < t.length; x++) {
      System.arraycopy(t[x], 0, f, x * nz, nz);
    }
    this.flat = Discrete.of(f);
  }

  /**
   * p(x, z) = {@code table[x][z]}.
   *
   * @throws IllegalArgumentException if the rows are ragged or empty, or the entries are not a
   *     distribution (a value outside [0, 1], or a sum other than 1 — named in the message)
   */
  public static JointTable of(double[][] table) {
    if (table.length == 0 || table[0].length == 0) {
      throw new IllegalArgumentException("a joint table needs at least one row and one column");
    }
    double[][] t = new double[table.length][];
    for (int x = 0; x < table.length; x++) {
      if (table[x].length != table[0].length) {
        throw new IllegalArgumentException("row " + x + " has " + table[x].length + " entries, row 0 has "
            + table[0].length + ": the table must be rectangular");
      }
      t[x] = table[x].clone();
    }
    return new JointTable(t);
  }

  /** p(x, z) = p(x) · q(z|x): a marginal and one conditional row per x, like data × encoder. */
  public static JointTable of(Discrete px, Discrete[] zGivenX) {
    if (zGivenX.length != px.size()) {
      throw new IllegalArgumentException("p(x) has " + px.size() + " outcomes but there are "
          + zGivenX.length + " conditionals q(z|x): give one per x");
    }
    double[][] t = new double[px.size()][zGivenX[0].size()];
    for (int x = 0; x < t.length; x++) {
      if (zGivenX[x].size() != t[0].length) {
        throw new IllegalArgumentException("q(z|x=" + x + ") has " + zGivenX[x].size()
            + " outcomes, q(z|x=0) has " + t[0].length);
      }
      for (int z = 0; z < t[0].length; z++) {
        t[x][z] = px.p(x) * zGivenX[x].p(z);
      }
    }
    return new JointTable(t);
  }

  /** p(x, z) = softmax(θ) over all cells, θ read row by row: a smooth parametric family. */
  public static JointTable softmax(double[] theta, int nx, int nz) {
    if (theta.length != nx * nz) {
      throw new IllegalArgumentException("theta has " + theta.length + " entries, expected nx·nz = " + nx * nz);
    }
    return fromFlat(Discrete.softmax(theta), nx, nz);
  }

  /** A random joint table, uniform over the simplex of nx·nz cells. */
  public static JointTable random(int nx, int nz, SplittableRandom rng) {
    return fromFlat(Discrete.random(nx * nz, rng), nx, nz);
  }

  private static JointTable fromFlat(Discrete d, int nx, int nz) {
    double[][] t = new double[nx][nz];
    for (int x = 0; x < nx; x++) {
      for (int z = 0; z < nz; z++) {
        t[x][z] = d.p(x * nz + z);
      }
    }
    return new JointTable(t);
  }

  public int nx() {
    return t.length;
  }

  public int nz() {
    return t[0].length;
  }

  /** p(x, z). */
  public double p(int x, int z) {
    return t[x][z];
  }

  /** p(x) = Σ_z p(x, z). */
  public Discrete marginalX() {
    double[] m = new double[t.length];
    for (int x = 0; x < t.length; x++) {
      for (double v : t[x]) {
        m[x] += v;
      }
    }
    return Discrete.normalized(m);
  }

  /** p(z) = Σ_x p(x, z). */
  public Discrete marginalZ() {
    double[] m = new double[nz()];
    for (double[] row : t) {
      for (int z = 0; z < m.length; z++) {
        m[z] += row[z];
      }
    }
    return Discrete.normalized(m);
  }

  /** p(z | x) = p(x, z) / p(x). */
  public Discrete conditionalZ(int x) {
    return Discrete.normalized(t[x]);
  }

  /** The table as one distribution over the nx·nz cells (x major). */
  public Discrete flat() {
    return flat;
  }

  /** KL(p(x, z) ‖ r(x, z)) over all cells. */
  public double klTo(JointTable r) {
    if (r.nx() != nx() || r.nz() != nz()) {
      throw new IllegalArgumentException("tables differ in shape: " + nx() + "×" + nz() + " vs "
          + r.nx() + "×" + r.nz());
    }
    return flat.klTo(r.flat);
  }

  /**
   * −Σ_x P(x) Σ_z q(z|x) log p(x|z) — or, without {@code likelihood}, with the joint log p(x, z)
   * — for this table as the model p, data weights P(x) and an encoder q(z|x), one row per x:
   * the reconstruction term of a VAE on the table. Chapter 02 (KL-8, ER-5).
   *
   * @throws IllegalArgumentException if data or q do not match the table's shape
   */
  public double expectedNegLog(Discrete data, Discrete[] q, boolean likelihood) {
    if (data.size() != nx() || q.length != nx()
        || java.util.Arrays.stream(q).anyMatch(r -> r.size() != nz())) {
      throw new IllegalArgumentException("need P(x) on " + nx() + " outcomes and " + nx()
          + " rows q(z|x) on " + nz() + ", got " + data.size() + " and " + q.length + " rows");
    }
    Discrete prior = marginalZ();
    double sum = 0;
    for (int x = 0; x < nx(); x++) {
      for (int z = 0; z < nz(); z++) {
        // log p(x|z) = log p(x, z) − log p(z)
        sum -= data.p(x) * q[x].p(z) * (Math.log(t[x][z])
            - (likelihood ? Math.log(prior.p(z)) : 0));
      }
    }
    return sum;
  }

  @Override
  public String toString() {
    return "JointTable[" + nx() + "×" + nz() + ", p(x)=" + marginalX() + "]";
  }
}
