package vae.prob;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A discrete distribution P over outcomes 0 … k−1, with its information quantities: self-information,
 * entropy, cross-entropy and KL divergence (natural log, so in nats). Introduced in chapter 02
 * (claims INF-1, INF-2, KL-1 … KL-3).
 */
public final class Discrete {
  /** How far Σ P(i) may be from 1 (rounding in a sum of doubles, not a licence for sloppy input). */
  public static final double SUM_TOLERANCE = 1e-9;

  private final double[] p;

  private Discrete(double[] p) {
    this.p = p;
  }

  /**
   * P with P(i) = {@code probs[i]}.
   *
   * @throws IllegalArgumentException if there are no values, a value is outside [0, 1] or not a
   *     number (naming it), or the values do not sum to 1 (naming the sum)
   */
  public static Discrete of(double... probs) {
    if (probs.length == 0) {
      throw new IllegalArgumentException("a distribution needs at least one outcome, got none");
    }
    double sum = 0;
    for (int i = 0; i < probs.length; i++) {
      if (!(probs[i] >= 0 && probs[i] <= 1)) {
        throw new IllegalArgumentException("P(" + i + ") = " + probs[i]
            + " is not a probability: each value must lie in [0, 1]");
      }
      sum += probs[i];
    }
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      throw new IllegalArgumentException("probabilities sum to " + sum
          + ", not 1: divide each by the sum (or use Discrete.normalized)");
    }
    return new Discrete(probs.clone());
  }

  /**
   * P(i) = w_i / Σ w: any non-negative weights made into a distribution.
   *
   * @throws IllegalArgumentException if a weight is negative or not finite, or all are zero
   */
  public static Discrete normalized(double... weights) {
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weight " + i + " = " + weights[i] + " must be finite and ≥ 0");
      }
      sum += weights[i];
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("weights sum to " + sum + ": at least one must be positive");
    }
    double[] p = new double[weights.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = weights[i] / sum;
    }
    return new Discrete(p);
  }

  /** P(i) = exp(θ_i) / Σ_j exp(θ_j): the softmax of real-valued logits θ. */
  public static Discrete softmax(double... logits) {
    double max = Arrays.stream(logits).max().orElseThrow(
        () -> new IllegalArgumentException("softmax needs at least one logit, got none"));
    double[] w = new double[logits.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = Math.exp(logits[i] - max); // shifting by the max changes nothing but avoids overflow
    }
    return normalized(w);
  }

  /** A random distribution on k outcomes, uniform over the probability simplex (normalized Exp(1) draws). */
  public static Discrete random(int k, SplittableRandom rng) {
    double[] w = new double[k];
    for (int i = 0; i < k; i++) {
      w[i] = -Math.log(1 - rng.nextDouble());
    }
    return normalized(w);
  }

  /**
   * I(p) = −log p: the surprise, in nats, of seeing an event of probability p (claim INF-1).
   *
   * @throws IllegalArgumentException if p is outside [0, 1]
   */
  public static double selfInformation(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("self-information needs a probability in [0, 1], got " + p);
    }
    return -Math.log(p);
  }

  public int size() {
    return p.length;
  }

  /** P(i). */
  public double p(int i) {
    return p[i];
  }

  public double[] probs() {
    return p.clone();
  }

  /** H(P) = −Σ P(i) log P(i), with 0 · log 0 = 0. */
  public double entropy() {
    double h = 0;
    for (double pi : p) {
      if (pi > 0) {
        h -= pi * Math.log(pi);
      }
    }
    return h;
  }

  /** H(P, Q) = −Σ P(i) log Q(i); +∞ if Q(i) = 0 where P(i) > 0. */
  public double crossEntropy(Discrete q) {
    sameSize(q);
    double h = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] > 0) {
        h -= p[i] * Math.log(q.p[i]);
      }
    }
    return h;
  }

  /** KL(P ‖ Q) = Σ P(i) log(P(i)/Q(i)); +∞ if Q(i) = 0 where P(i) > 0. */
  public double klTo(Discrete q) {
    sameSize(q);
    double kl = 0;
    for (int i = 0; i < p.length; i++) {
      if (p[i] > 0) {
        kl += p[i] * Math.log(p[i] / q.p[i]);
      }
    }
    return kl;
  }

  /** One outcome drawn from P by inverting its cumulative distribution. */
  public int sample(SplittableRandom rng) {
    double u = rng.nextDouble();
    double c = 0;
    for (int i = 0; i < p.length - 1; i++) {
      c += p[i];
      if (u < c) {
        return i;
      }
    }
    return p.length - 1;
  }

  private void sameSize(Discrete q) {
    if (q.p.length != p.length) {
      throw new IllegalArgumentException("P has " + p.length + " outcomes but Q has " + q.p.length
          + ": both must live on the same outcomes");
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Discrete[");
    for (int i = 0; i < p.length; i++) {
      s.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4g", p[i]));
    }
    return s.append(']').toString();
  }
}
