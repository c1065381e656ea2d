package vae.prob;

import java.util.SplittableRandom;

/**
 * A batch of diagonal Gaussians q_i = N(μ_i, diag σ_i²), one per row, as a VAE encoder outputs
 * them for a minibatch: μ and log σ², each [batch][latent]. Every formula is
 * {@link DiagGaussian}'s, applied row by row (a {@code DiagGaussian} is the one-row case), so the
 * VAE trains and evaluates through the code that chapters 02 and 04 check.
 *
 * <p>Samples use one layout everywhere: with K codes per Gaussian, row {@code i·K + k} of ε and z
 * is code k of Gaussian i. Chapter 05.
 */
public final class DiagGaussianBatch {
  private final double[][] mu; // [batch][latent]
  private final double[][] logVar; // [batch][latent]

  /**
   * The batch with rows {@code mu[i]} and {@code logVar[i]} (not copied: a view of the encoder's
   * output). Values are not checked for finiteness, so a diverging network shows as NaN losses.
   *
   * @throws IllegalArgumentException if the shapes differ or there is no row or no column
   */
  public DiagGaussianBatch(double[][] mu, double[][] logVar) {
    if (mu.length == 0 || mu.length != logVar.length) {
      throw new IllegalArgumentException("need the same positive number of μ and log σ² rows, got "
          + mu.length + " and " + logVar.length);
    }
    int m = mu[0].length;
    for (int i = 0; i < mu.length; i++) {
      if (m == 0 || mu[i].length != m || logVar[i].length != m) {
        throw new IllegalArgumentException("row " + i + " has " + mu[i].length + " means and "
            + logVar[i].length + " log-variances, expected " + m + " (> 0) of each");
      }
    }
    this.mu = mu;
    this.logVar = logVar;
  }

  /** Number of Gaussians (rows). */
  public int size() {
    return mu.length;
  }

  /** Latent dimensions. */
  public int dim() {
    return mu[0].length;
  }

  /** Row i as a {@link DiagGaussian} (a copy). */
  public DiagGaussian row(int i) {
    return new DiagGaussian(mu[i], logVar[i]);
  }

  /** μ_i, the row itself (not copied). */
  public double[] mu(int i) {
    return mu[i];
  }

  /** log σ_i², the row itself (not copied). */
  public double[] logVar(int i) {
    return logVar[i];
  }

  /** The batch N(μ_i, diag (c·σ_i)²): every standard deviation times c (this batch when c = 1). */
  public DiagGaussianBatch widened(double c) {
    if (c == 1) {
      return this;
    }
    double shift = 2 * Math.log(c); // log (c·σ)² = log σ² + 2 log c
    double[][] lv = new double[logVar.length][];
    for (int i = 0; i < lv.length; i++) {
      lv[i] = logVar[i].clone();
      for (int d = 0; d < lv[i].length; d++) {
        lv[i][d] += shift;
      }
    }
    return new DiagGaussianBatch(mu, lv);
  }

  /** KL(q_i ‖ N(0, I)) for every row, in closed form. */
  public double[] klToStandardNormal() {
    double[] kl = new double[mu.length];
    for (int i = 0; i < kl.length; i++) {
      kl[i] = DiagGaussian.klToStandardNormal(mu[i], logVar[i]);
    }
    return kl;
  }

  /** Σ_i KL(q_i ‖ N(0, I)). */
  public double klSum() {
    double s = 0;
    for (double kl : klToStandardNormal()) {
      s += kl;
    }
    return s;
  }

  /** ε ~ N(0, I) for K codes per row: [size·K][latent], row i·K + k. */
  public double[][] drawEps(int k, SplittableRandom rng) {
    if (k < 1) {
      throw new IllegalArgumentException("need K ≥ 1 codes per row, got " + k);
    }
    double[][] eps = new double[mu.length * k][];
    for (int r = 0; r < eps.length; r++) {
      eps[r] = MonteCarlo.gaussians(dim(), 1, rng);
    }
    return eps;
  }

  /**
   * z_{i·K+k} = μ_i + σ_i ⊙ ε_{i·K+k}, with K = eps.length / size(): [size·K][latent].
   *
   * @throws IllegalArgumentException if ε's rows are not a multiple of size() or its width differs
   */
  public double[][] reparameterize(double[][] eps) {
    int k = codesPerRow(eps);
    double[][] z = new double[eps.length][dim()];
    for (int r = 0; r < eps.length; r++) {
      DiagGaussian.reparameterize(mu[r / k], logVar[r / k], eps[r], z[r]);
    }
    return z;
  }

  /** log q_i(z_r) for every code row r = i·K + k of {@code z}. */
  public double[] logDensity(double[][] z) {
    int k = codesPerRow(z);
    double[] out = new double[z.length];
    for (int r = 0; r < z.length; r++) {
      out[r] = DiagGaussian.logDensity(z[r], mu[r / k], logVar[r / k]);
    }
    return out;
  }

  /** log N(z_r; 0, I) for every row of {@code z}: the VAE's prior p(z). */
  public static double[] logStandardNormal(double[][] z) {
    double[] zero = new double[z.length == 0 ? 0 : z[0].length];
    double[] out = new double[z.length];
    for (int r = 0; r < z.length; r++) {
      out[r] = DiagGaussian.logDensity(z[r], zero, zero);
    }
    return out;
  }

  /** Adds c·∇KL(q_i ‖ N(0, I)) to row i of {@code dMu} and {@code dLogVar}, for every row. */
  public void addKlGradient(double c, double[][] dMu, double[][] dLogVar) {
    for (int i = 0; i < mu.length; i++) {
      DiagGaussian.addKlGradient(mu[i], logVar[i], c, dMu[i], dLogVar[i]);
    }
  }

  /**
   * Backprop through z = μ + σ ⊙ ε: for every code row r = i·K + k, adds ∂L/∂z_r · ∂z_r/∂(μ_i,
   * log σ_i²) to row i of {@code dMu} and {@code dLogVar} (so the K codes' gradients sum).
   */
  public void addPathwiseGradient(double[][] eps, double[][] dz, double[][] dMu,
      double[][] dLogVar) {
    int k = codesPerRow(eps);
    for (int r = 0; r < eps.length; r++) {
      int i = r / k;
      DiagGaussian.addPathwiseGradient(logVar[i], eps[r], dz[r], dMu[i], dLogVar[i]);
    }
  }

  /**
   * Σ_i KL(q_i,d ‖ N(0, 1)) for every latent dimension d: the KL term split by dimension (its
   * entries sum to {@link #klSum()}, up to rounding).
   */
  public double[] klPerDimension() {
    double[] out = new double[dim()];
    for (int i = 0; i < mu.length; i++) {
      for (int d = 0; d < out.length; d++) {
        out[d] += DiagGaussian.klToStandardNormal(new double[] {mu[i][d]},
            new double[] {logVar[i][d]});
      }
    }
    return out;
  }

  /**
   * Adds c_d·∂KL(q_i ‖ N(0, I))/∂(μ_i,d, log σ_i,d²) to {@code dMu} and {@code dLogVar}: the KL
   * gradient with its own weight per dimension (free bits switch dimensions off, chapter 08).
   */
  public void addKlGradient(double[] c, double[][] dMu, double[][] dLogVar) {
    double[] gMu = new double[dim()];
    double[] gLogVar = new double[dim()];
    for (int i = 0; i < mu.length; i++) {
      java.util.Arrays.fill(gMu, 0);
      java.util.Arrays.fill(gLogVar, 0);
      DiagGaussian.addKlGradient(mu[i], logVar[i], 1, gMu, gLogVar);
      for (int d = 0; d < gMu.length; d++) {
        dMu[i][d] += c[d] * gMu[d];
        dLogVar[i][d] += c[d] * gLogVar[d];
      }
    }
  }

  /**
   * For every code row r = i·K + k drawn as z_r = μ_i + σ_i ⊙ ε_r: adds c_r·∂log q_i(z_r)/∂log σ_i²
   * at fixed ε to row i of {@code dLogVar} (∂/∂μ is 0; see
   * {@link DiagGaussian#addLogDensityGradientAtFixedEps}).
   */
  public void addLogDensityGradient(double[] c, double[][] dLogVar) {
    int k = c.length / mu.length;
    if (k < 1 || c.length != k * mu.length) {
      throw new IllegalArgumentException("need K·" + mu.length + " weights, got " + c.length);
    }
    for (int r = 0; r < c.length; r++) {
      DiagGaussian.addLogDensityGradientAtFixedEps(c[r], dLogVar[r / k]);
    }
  }

  /** Adds c_r·∇_z log N(z_r; 0, I) to row r of {@code dz} for every code row r of {@code z}. */
  public static void addLogStandardNormalGradient(double[] c, double[][] z, double[][] dz) {
    for (int r = 0; r < z.length; r++) {
      DiagGaussian.addLogStandardNormalGradient(c[r], z[r], dz[r]);
    }
  }

  private int codesPerRow(double[][] rows) {
    if (rows.length == 0 || rows.length % mu.length != 0 || rows[0].length != dim()) {
      throw new IllegalArgumentException("need K·" + mu.length + " rows of " + dim()
          + " values (row i·K + k = code k of Gaussian i), got " + rows.length + " rows of "
          + (rows.length == 0 ? 0 : rows[0].length));
    }
    return rows.length / mu.length;
  }

  @Override
  public String toString() {
    return "DiagGaussianBatch[" + mu.length + " × N(μ_i, diag σ_i²) in " + dim() + " dimensions]";
  }
}
