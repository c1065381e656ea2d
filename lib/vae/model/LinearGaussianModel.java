package vae.model;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import vae.nn.Activation;
import vae.nn.Param;
import vae.prob.DiagGaussian;
import vae.prob.GaussHermite;
import vae.prob.MvGaussian;

/**
 * The linear-Gaussian latent model p(z) = N(0, I), p(x|z) = N(Wz + b, s²I): a VAE whose
 * log p(x) and posterior p(z|x) are known exactly, so every ELBO identity can be checked to
 * rounding error (chapter 05, claims EL-1, EL-2, EL-5, EL-9).
 */
public final class LinearGaussianModel {

  private final RealMatrix w; // [D][M]
  private final RealVector b; // [D]
  private final double s;
  private final double[][] wa; // W as arrays, for the sampling loops
  private final double[] ba;

  /**
   * The model with weights W (D rows, M columns), offset b and noise standard deviation s.
   *
   * @throws IllegalArgumentException if the shapes disagree or s ≤ 0
   */
  public LinearGaussianModel(double[][] w, double[] b, double s) {
    if (w.length == 0 || w.length != b.length) {
      throw new IllegalArgumentException("W needs one row per data dimension: W has " + w.length
          + " rows but b has length " + b.length);
    }
    if (!(s > 0) || Double.isInfinite(s)) {
      throw new IllegalArgumentException("noise standard deviation s must be positive and finite, got " + s);
    }
    this.w = new Array2DRowRealMatrix(w);
    this.b = new ArrayRealVector(b);
    this.s = s;
    this.wa = this.w.getData();
    this.ba = this.b.toArray();
  }

  /** A model with N(0, 1) weights and offsets: D data dimensions, M latent ones. */
  public static LinearGaussianModel random(int dataDim, int latentDim, double s, SplittableRandom rng) {
    double[][] w = new double[dataDim][latentDim];
    double[] b = new double[dataDim];
    for (int i = 0; i < dataDim; i++) {
      b[i] = rng.nextGaussian();
      for (int j = 0; j < latentDim; j++) {
        w[i][j] = rng.nextGaussian();
      }
    }
    return new LinearGaussianModel(w, b, s);
  }

  /**
   * A model whose W has orthogonal columns of random lengths in [0.5, 2]: then WᵀW is diagonal, so
   * the posterior covariance S = (I + WᵀW/s²)⁻¹ is diagonal too and a VAE's diagonal q can equal
   * the posterior exactly.
   */
  public static LinearGaussianModel randomOrthogonal(int dataDim, int latentDim, double s,
      SplittableRandom rng) {
    if (latentDim > dataDim) {
      throw new IllegalArgumentException("orthogonal columns need latentDim ≤ dataDim, got "
          + latentDim + " > " + dataDim);
    }
    LinearGaussianModel g = random(dataDim, latentDim, s, rng);
    RealMatrix q = new QRDecomposition(g.w).getQ(); // [D][D], orthonormal columns
    double[][] w = new double[dataDim][latentDim];
    for (int j = 0; j < latentDim; j++) {
      double length = 0.5 + 1.5 * rng.nextDouble();
      for (int i = 0; i < dataDim; i++) {
        w[i][j] = length * q.getEntry(i, j);
      }
    }
    return new LinearGaussianModel(w, g.ba, s);
  }

  /**
   * This model as a {@link Vae} with no hidden layers, so that the VAE's own code (its encoder,
   * reparameterization, Gaussian likelihood, KL and importance weights) can be checked against
   * this class's exact answers. The decoder is z ↦ Wz + b with the likelihood {@code gaussian:s}.
   * The encoder is linear: μ(x) = m(x) = S Wᵀ(x − b)/s², the exact posterior mean, and log σ_d² =
   * −log Λ_dd with Λ = S⁻¹ = I + WᵀW/s², the best diagonal q (the mean-field optimum). When S is
   * diagonal ({@link #randomOrthogonal}) q is the exact posterior.
   */
  public Vae asVae() {
    int d = dataDim();
    int m = latentDim();
    Vae vae = new Vae(new Vae.Config(d, new int[0], m, Activation.Kind.IDENTITY, "gaussian:" + s),
        new SplittableRandom(0));
    RealMatrix sCov = MatrixUtils.inverse(precision());
    // encoder: the row μᵀ = (x − b)ᵀ W S / s², so the weights are W S/s² and the bias −bᵀ W S/s²
    RealMatrix a = w.multiply(sCov).scalarMultiply(1 / (s * s)); // [D][M]
    double[] c = a.preMultiply(ba);
    List<Param> p = vae.params(); // encoder W [D][2M], b [1][2M]; decoder W [M][D], b [1][D]
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < d; i++) {
        p.get(0).value.a[i][j] = a.getEntry(i, j);
        p.get(0).value.a[i][m + j] = 0;
      }
      p.get(1).value.a[0][j] = -c[j];
      p.get(1).value.a[0][m + j] = -Math.log(precision().getEntry(j, j));
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < m; j++) {
        p.get(2).value.a[j][i] = wa[i][j];
      }
      p.get(3).value.a[0][i] = ba[i];
    }
    return vae;
  }

  /** The same model with noise standard deviation {@code t} in place of s (same W and b). */
  public LinearGaussianModel withNoise(double t) {
    return new LinearGaussianModel(wa, ba, t);
  }

  /** The noise standard deviation s of p(x|z) = N(Wz + b, s²I). */
  public double noise() {
    return s;
  }

  /** x = Wz + b: the mean of p(x|z), the decoder's output at z. */
  public double[] decode(double[] z) {
    return w.operate(new ArrayRealVector(z)).add(b).toArray();
  }

  public int dataDim() {
    return w.getRowDimension();
  }

  public int latentDim() {
    return w.getColumnDimension();
  }

  /** Draws x: z ~ N(0, I), then x = Wz + b + s·ε. */
  public double[] sampleX(SplittableRandom rng) {
    double[] z = MvGaussian.of(DiagGaussian.standard(latentDim())).sample(rng);
    RealVector x = w.operate(new ArrayRealVector(z)).add(b);
    for (int i = 0; i < x.getDimension(); i++) {
      x.addToEntry(i, s * rng.nextGaussian());
    }
    return x.toArray();
  }

  /** Exact log p(x) with p(x) = N(b, WWᵀ + s²I): the marginal, by a D×D Cholesky factor. */
  public double logMarginal(double[] x) {
    RealMatrix c = w.multiply(w.transpose()).add(MatrixUtils.createRealIdentityMatrix(dataDim()).scalarMultiply(s * s));
    return new MvGaussian(b.toArray(), c.getData()).logDensity(x);
  }

  /** The exact posterior p(z|x) = N(m, S) with S = (I + WᵀW/s²)⁻¹ and m = S Wᵀ(x − b)/s². */
  public MvGaussian posterior(double[] x) {
    RealMatrix sCov = MatrixUtils.inverse(precision());
    RealVector m = sCov.operate(w.transpose().operate(new ArrayRealVector(x).subtract(b))).mapDivide(s * s);
    return new MvGaussian(m.toArray(), sCov.getData());
  }

  /** log p(x|z) = log N(x; Wz + b, s²I) = Σ_i log N(x_i; (Wz + b)_i, s²). */
  public double logLikelihood(double[] x, double[] z) {
    double logVar = Math.log(s * s);
    double sum = 0;
    for (int i = 0; i < wa.length; i++) {
      double mean = ba[i];
      for (int j = 0; j < z.length; j++) {
        mean += wa[i][j] * z[j];
      }
      sum += DiagGaussian.logNormal(x[i], mean, logVar);
    }
    return sum;
  }

  /** log p(x, z) = log p(x|z) + log N(z; 0, I). */
  public double logJoint(double[] x, double[] z) {
    return logLikelihood(x, z) + DiagGaussian.standard(z.length).logDensity(z);
  }

  /** E_q[log p(x|z)] = −(D/2) log 2πs² − (‖x − Wμ − b‖² + tr(WΣWᵀ))/(2s²), in closed form. */
  public double expectedLogLikelihood(double[] x, MvGaussian q) {
    RealMatrix sigma = MatrixUtils.createRealMatrix(q.cov());
    RealVector r = new ArrayRealVector(x).subtract(w.operate(new ArrayRealVector(q.mu())).add(b));
    double trace = w.multiply(sigma).multiply(w.transpose()).getTrace();
    return -0.5 * dataDim() * (DiagGaussian.LOG_2PI + Math.log(s * s)) - (r.dotProduct(r) + trace) / (2 * s * s);
  }

  /** KL(q ‖ N(0, I)) = ½(tr Σ + μᵀμ − M − log det Σ). */
  public static double klToPrior(MvGaussian q) {
    RealVector mu = new ArrayRealVector(q.mu());
    RealMatrix sigma = MatrixUtils.createRealMatrix(q.cov());
    return 0.5 * (sigma.getTrace() + mu.dotProduct(mu) - mu.getDimension()
        - q.logDet());
  }

  /** ELBO, first form (EL-2): E_q[log p(x|z)] − KL(q ‖ p(z)). */
  public double elbo(double[] x, MvGaussian q) {
    // BEGIN SOLUTION (Exercise 5.2: the ELBO, E_q[log p(x|z)] − KL(q ‖ p(z)), in closed form)
    // HINT: expectedLogLikelihood(x, q) and klToPrior(q) are already written
    return expectedLogLikelihood(x, q) - klToPrior(q);
    // END SOLUTION
  }

  /**
   * ELBO, second form: E_q[log p(x, z)] + H(q), with the expectation of the pointwise
   * {@link #logJoint} by Gauss–Hermite quadrature (exact for this quadratic in z), so it shares
   * no code with {@link #expectedLogLikelihood} or {@link #klToPrior}; H(q) = ½ log det(2πeΣ).
   */
  public double elboJointPlusEntropy(double[] x, MvGaussian q) {
    double expectedLogJoint = GaussHermite.expect(q, 3, z -> logJoint(x, z));
    double entropy = 0.5 * (latentDim() * (DiagGaussian.LOG_2PI + 1) + q.logDet());
    return expectedLogJoint + entropy;
  }

  /** KL(q ‖ p(z|x)), the gap between log p(x) and the ELBO: the Gaussian KL of chapter 02 (KL-6). */
  public double klToPosterior(double[] x, MvGaussian q) {
    return q.klTo(posterior(x));
  }

  /** One Monte Carlo draw of the ELBO: log p(x, z) − log q(z) with z ~ q. */
  public double elboSample(double[] x, MvGaussian q, SplittableRandom rng) {
    double[] z = q.sample(rng);
    return logJoint(x, z) - q.logDensity(z);
  }

  /** One draw of the importance-weighted bound log (1/K) Σ_k p(x, z_k)/q(z_k), z_k ~ q (EL-9). */
  public double importanceWeightedSample(double[] x, MvGaussian q, int k, SplittableRandom rng) {
    if (k < 1) {
      throw new IllegalArgumentException("K must be at least 1, got " + k);
    }
    // BEGIN SOLUTION (Exercise 5.3: one draw of the importance-weighted bound log (1/K) Σ_k p(x, z_k)/q(z_k))
    // HINT: K draws of elboSample(x, q, rng), then LogSumExp.of(…) − log K
    double[] logW = new double[k];
    for (int i = 0; i < k; i++) {
      logW[i] = elboSample(x, q, rng);
    }
    return vae.prob.LogSumExp.of(logW) - Math.log(k);
    // END SOLUTION
  }

  private RealMatrix precision() {
    return MatrixUtils.createRealIdentityMatrix(latentDim()).add(w.transpose().multiply(w).scalarMultiply(1 / (s * s)));
  }

  @Override
  public String toString() {
    return "LinearGaussianModel[p(z)=N(0,I_" + latentDim() + "), p(x|z)=N(Wz+b, " + s + "²·I_" + dataDim() + ")]";
  }
}
