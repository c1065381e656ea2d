package vae.model;

import java.util.Arrays;
import vae.nn.Matrix;
import vae.prob.DiagGaussian;
import vae.prob.DiagGaussianBatch;

/**
 * Which latent dimensions a VAE uses, on a data set: the KL term split by dimension, and the
 * activity statistic of Burda, Grosse &amp; Salakhutdinov (2015), A_u = Cov_x(E_{q(u|x)}[u]), the
 * variance over the images of the encoder's mean μ_u(x); unit u is active when A_u &gt; 10⁻².
 * Chapter 08.
 *
 * @param kl mean KL(q(z_u|x) ‖ N(0, 1)) over the images, per dimension u (nats)
 * @param activity A_u per dimension u
 */
public record LatentUsage(double[] kl, double[] activity) {
  /** Burda et al.'s threshold: a unit is active when its activity exceeds it. */
  public static final double THRESHOLD = 1e-2;

  /**
   * The usage of {@code vae}'s latent dimensions on {@code data}.
   *
   * @throws IllegalArgumentException if data holds fewer than two images
   */
  public static LatentUsage of(Vae vae, Dataset data) {
    if (data.size() < 2) {
      throw new IllegalArgumentException("need ≥ 2 images for a variance, got " + data.size());
    }
    Vae.Encoding enc = vae.encode(data.input());
    DiagGaussianBatch q = enc.q();
    int n = q.size();
    double[] kl = q.klPerDimension();
    double[] act = new double[q.dim()];
    for (int u = 0; u < act.length; u++) {
      double mean = 0;
      for (int i = 0; i < n; i++) {
        mean += q.mu(i)[u] / n;
      }
      double ss = 0;
      for (int i = 0; i < n; i++) {
        double d = q.mu(i)[u] - mean;
        ss += d * d;
      }
      kl[u] /= n;
      act[u] = ss / (n - 1); // the unbiased variance over images
    }
    return new LatentUsage(kl, act);
  }

  /** Number of active units: A_u &gt; 10⁻². */
  public int active() {
    return (int) Arrays.stream(activity).filter(a -> a > THRESHOLD).count();
  }

  /** Whether unit u is active. */
  public boolean isActive(int u) {
    return activity[u] > THRESHOLD;
  }

  /** The sum of the per-dimension KLs: the model's mean KL term. */
  public double klTotal() {
    return Arrays.stream(kl).sum();
  }

  /**
   * How much decoding moves when dimension u is swept: for each image, the distance
   * ‖x̂(μ with z_u = +s) − x̂(μ with z_u = −s)‖ between the mean images decoded at the two ends
   * (the other coordinates held at μ(x)); [images].
   */
  public static double[] sweepChange(Vae vae, Matrix mu, int u, double s) {
    Matrix lo = mu.copy();
    Matrix hi = mu.copy();
    for (int i = 0; i < mu.rows; i++) {
      lo.a[i][u] = -s;
      hi.a[i][u] = s;
    }
    double[][] a = vae.decodeMean(lo);
    double[][] b = vae.decodeMean(hi);
    double[] out = new double[mu.rows];
    for (int i = 0; i < out.length; i++) {
      double ss = 0;
      for (int d = 0; d < a[i].length; d++) {
        ss += (a[i][d] - b[i][d]) * (a[i][d] - b[i][d]);
      }
      out[i] = Math.sqrt(ss);
    }
    return out;
  }

  /**
   * Per image of {@code data}: the mean KL(q(z_u|x) ‖ N(0, 1)) over active units minus the mean
   * over inactive units (this usage's split); [images].
   *
   * @throws IllegalStateException if every unit, or none, is active
   */
  public double[] klGapPerImage(Vae vae, Dataset data) {
    int live = active();
    int dead = kl.length - live;
    if (live == 0 || dead == 0) {
      throw new IllegalStateException(live + " of " + kl.length + " units active: no two groups");
    }
    Vae.Encoding enc = vae.encode(data.input());
    double[] gap = new double[data.size()];
    for (int i = 0; i < gap.length; i++) {
      for (int u = 0; u < kl.length; u++) {
        double k = DiagGaussian.klToStandardNormal(new double[] {enc.mu().a[i][u]},
            new double[] {enc.logVar().a[i][u]});
        gap[i] += isActive(u) ? k / live : -k / dead;
      }
    }
    return gap;
  }

  /**
   * {@link #sweepChange} averaged over the active units and over the inactive units, per image:
   * {active[images], inactive[images]}.
   *
   * @throws IllegalStateException if every unit, or none, is active
   */
  public double[][] sweepByActivity(Vae vae, Matrix mu, double s) {
    int live = active();
    int dead = kl.length - live;
    if (live == 0 || dead == 0) {
      throw new IllegalStateException(live + " of " + kl.length + " units active: no two groups");
    }
    double[][] out = new double[2][mu.rows];
    for (int u = 0; u < kl.length; u++) {
      double[] moved = sweepChange(vae, mu, u, s);
      for (int i = 0; i < moved.length; i++) {
        out[isActive(u) ? 0 : 1][i] += moved[i] / (isActive(u) ? live : dead);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "LatentUsage[" + active() + " of " + kl.length + " units active, KL "
        + vae.book.Fmt.num(klTotal()) + " nats]";
  }
}
