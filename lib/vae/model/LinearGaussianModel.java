package vae.model;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import vae.prob.DiagGaussian;

/**
 * The linear-Gaussian latent model p(z) = N(0, I), p(x|z) = N(Wz + b, s²I): a VAE whose
 * log p(x) and posterior p(z|x) are known exactly, so every ELBO identity can be checked to
 * rounding error (chapter 05, claims EL-1, EL-2, EL-5, EL-9).
 */
public final class LinearGaussianModel {
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  /** A Gaussian N(mean, cov) with a full covariance: the exact posterior, or any q(z|x). */
  public static final class Gaussian {
    private final double[] mean;
    private final RealMatrix cov;
    private final CholeskyDecomposition chol;
    private final double[][] lower; // L with LLᵀ = Σ
    private final double logDet;

    /** N(mean, cov); @throws IllegalArgumentException if cov is not symmetric positive definite. */
    public Gaussian(double[] mean, double[][] cov) {
      this.mean = mean.clone();
      this.cov = new Array2DRowRealMatrix(cov);
      try {
        this.chol = new CholeskyDecomposition(this.cov);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("covariance must be symmetric positive definite: " + e.getMessage(), e);
      }
      this.lower = chol.getL().getData();
      this.logDet = Math.log(chol.getDeterminant());
    }

    /** The same distribution as the diagonal Gaussian (μ, log σ²) an encoder outputs. */
    public static Gaussian of(DiagGaussian q) {
      double[] sd = q.sigma();
      double[][] cov = new double[sd.length][sd.length];
      for (int d = 0; d < sd.length; d++) {
        cov[d][d] = sd[d] * sd[d];
      }
      return new Gaussian(q.mu(), cov);
    }

    public double[] mean() {
      return mean.clone();
    }

    public double[][] cov() {
      return cov.getData();
    }

    /** log det Σ. */
    public double logDet() {
      return logDet;
    }

    /** One draw mean + L·ε with LLᵀ = Σ, ε ~ N(0, I). */
    public double[] sample(SplittableRandom rng) {
      int m = mean.length;
      double[] eps = new double[m];
      for (int d = 0; d < m; d++) {
        eps[d] = rng.nextGaussian();
      }
      double[] z = mean.clone();
      for (int i = 0; i < m; i++) {
        for (int j = 0; j <= i; j++) {
          z[i] += lower[i][j] * eps[j];
        }
      }
      return z;
    }

    /** log N(z; mean, Σ) = −½(M log 2π + log det Σ + (z − mean)ᵀΣ⁻¹(z − mean)). */
    public double logDensity(double[] z) {
      // (z − mean)ᵀΣ⁻¹(z − mean) = ‖y‖² with L y = z − mean (forward substitution)
      int m = mean.length;
      double[] y = new double[m];
      double quad = 0;
      for (int i = 0; i < m; i++) {
        double r = z[i] - mean[i];
        for (int j = 0; j < i; j++) {
          r -= lower[i][j] * y[j];
        }
        y[i] = r / lower[i][i];
        quad += y[i] * y[i];
      }
      return -0.5 * (m * LOG_2PI + logDet + quad);
    }

    @Override
    public String toString() {
      return "Gaussian[mean=" + java.util.Arrays.toString(mean) + ", cov=" + java.util.Arrays.deepToString(cov()) + "]";
    }
  }

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

  public int dataDim() {
    return w.getRowDimension();
  }

  public int latentDim() {
    return w.getColumnDimension();
  }

  /** Draws x: z ~ N(0, I), then x = Wz + b + s·ε. */
  public double[] sampleX(SplittableRandom rng) {
    double[] z = Gaussian.of(DiagGaussian.standard(latentDim())).sample(rng);
    RealVector x = w.operate(new ArrayRealVector(z)).add(b);
    for (int i = 0; i < x.getDimension(); i++) {
      x.addToEntry(i, s * rng.nextGaussian());
    }
    return x.toArray();
  }

  /** Exact log p(x) with p(x) = N(b, WWᵀ + s²I): the marginal, by a D×D Cholesky factor. */
  public double logMarginal(double[] x) {
    RealMatrix c = w.multiply(w.transpose()).add(MatrixUtils.createRealIdentityMatrix(dataDim()).scalarMultiply(s * s));
    return new Gaussian(b.toArray(), c.getData()).logDensity(x);
  }

  /** The exact posterior p(z|x) = N(m, S) with S = (I + WᵀW/s²)⁻¹ and m = S Wᵀ(x − b)/s². */
  public Gaussian posterior(double[] x) {
    RealMatrix sCov = MatrixUtils.inverse(precision());
    RealVector m = sCov.operate(w.transpose().operate(new ArrayRealVector(x).subtract(b))).mapDivide(s * s);
    return new Gaussian(m.toArray(), sCov.getData());
  }

  /** log p(x|z) = log N(x; Wz + b, s²I) = −(D/2) log 2πs² − ‖x − Wz − b‖²/(2s²). */
  public double logLikelihood(double[] x, double[] z) {
    double sq = 0;
    for (int i = 0; i < wa.length; i++) {
      double r = x[i] - ba[i];
      for (int j = 0; j < z.length; j++) {
        r -= wa[i][j] * z[j];
      }
      sq += r * r;
    }
    return -0.5 * wa.length * (LOG_2PI + Math.log(s * s)) - sq / (2 * s * s);
  }

  /** log p(x, z) = log p(x|z) + log N(z; 0, I). */
  public double logJoint(double[] x, double[] z) {
    double sq = 0;
    for (double zd : z) {
      sq += zd * zd;
    }
    return logLikelihood(x, z) - 0.5 * (z.length * LOG_2PI + sq);
  }

  /** E_q[log p(x|z)] = −(D/2) log 2πs² − (‖x − Wμ − b‖² + tr(WΣWᵀ))/(2s²), in closed form. */
  public double expectedLogLikelihood(double[] x, Gaussian q) {
    RealMatrix sigma = q.cov;
    RealVector r = new ArrayRealVector(x).subtract(w.operate(new ArrayRealVector(q.mean())).add(b));
    double trace = w.multiply(sigma).multiply(w.transpose()).getTrace();
    return -0.5 * dataDim() * (LOG_2PI + Math.log(s * s)) - (r.dotProduct(r) + trace) / (2 * s * s);
  }

  /** KL(q ‖ N(0, I)) = ½(tr Σ + μᵀμ − M − log det Σ). */
  public static double klToPrior(Gaussian q) {
    RealVector mu = new ArrayRealVector(q.mean());
    RealMatrix sigma = q.cov;
    return 0.5 * (sigma.getTrace() + mu.dotProduct(mu) - mu.getDimension()
        - q.logDet());
  }

  /** ELBO, first form (EL-2): E_q[log p(x|z)] − KL(q ‖ p(z)). */
  public double elbo(double[] x, Gaussian q) {
    // BEGIN SOLUTION (Exercise 5.2: the ELBO, E_q[log p(x|z)] − KL(q ‖ p(z)), in closed form)
    return expectedLogLikelihood(x, q) - klToPrior(q);
    // END SOLUTION
  }

  /** ELBO, second form: E_q[log p(x, z)] + H(q), with E_q[log p(z)] = −(M/2) log 2π − ½(μᵀμ + tr Σ). */
  public double elboJointPlusEntropy(double[] x, Gaussian q) {
    RealVector mu = new ArrayRealVector(q.mean());
    RealMatrix sigma = q.cov;
    int m = latentDim();
    double logPrior = -0.5 * m * LOG_2PI - 0.5 * (mu.dotProduct(mu) + sigma.getTrace());
    // H(q) = ½ log det(2πe Σ)
    double entropy = 0.5 * (m * (LOG_2PI + 1) + q.logDet());
    return expectedLogLikelihood(x, q) + logPrior + entropy;
  }

  /** KL(q ‖ p(z|x)) = ½(tr(PΣ) + (m − μ)ᵀP(m − μ) − M − log det Σ − log det P), P = S⁻¹. */
  public double klToPosterior(double[] x, Gaussian q) {
    Gaussian post = posterior(x);
    RealMatrix p = precision();
    RealMatrix sigma = q.cov;
    RealVector diff = new ArrayRealVector(post.mean()).subtract(new ArrayRealVector(q.mean()));
    return 0.5 * (p.multiply(sigma).getTrace() + diff.dotProduct(p.operate(diff)) - latentDim()
        - q.logDet()
        - Math.log(new CholeskyDecomposition(p).getDeterminant()));
  }

  /** One Monte Carlo draw of the ELBO: log p(x, z) − log q(z) with z ~ q. */
  public double elboSample(double[] x, Gaussian q, SplittableRandom rng) {
    double[] z = q.sample(rng);
    return logJoint(x, z) - q.logDensity(z);
  }

  /** One draw of the importance-weighted bound log (1/K) Σ_k p(x, z_k)/q(z_k), z_k ~ q (EL-9). */
  public double importanceWeightedSample(double[] x, Gaussian q, int k, SplittableRandom rng) {
    if (k < 1) {
      throw new IllegalArgumentException("K must be at least 1, got " + k);
    }
    // BEGIN SOLUTION (Exercise 5.3: one draw of the importance-weighted bound log (1/K) Σ_k p(x, z_k)/q(z_k))
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
