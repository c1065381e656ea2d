package vae.model;

import java.util.SplittableRandom;

/**
 * A likelihood p(x | out): how the numbers the decoder network outputs for one image (out)
 * become a distribution over that image. The VAE's reconstruction term is
 * E_q[log p(x|z)]; training needs log p and its gradient with respect to the network output.
 * Introduced in chapter 05 (claims EL-3, EL-10).
 */
public interface Likelihood {
  /** Width of the decoder network's output for images of {@code pixels} values. */
  int outputSize(int pixels);

  /**
   * log p(x | out) for one image; when {@code grad} is not null, writes ∂ log p / ∂ out into it.
   *
   * @param x the image, as this likelihood expects it (see {@link #describeData()})
   * @param out the decoder network's output for this image, {@link #outputSize} values
   * @param grad null, or an array of the same length as {@code out} to receive the gradient
   */
  double logProb(double[] x, int xOffset, double[] out, int outOffset, double[] grad, int gradOffset, int pixels);

  /**
   * log p(x | out) alone, for evaluation passes over many decoded images (the importance-sampled
   * log-likelihood scores hundreds of thousands): the number {@link #logProb} gives without a
   * gradient, up to a relative error below 1e-12 where a likelihood has a faster route (the
   * Bernoulli and categorical ones exponentiate a whole image at once by
   * {@link vae.nn.FastExp}, as their training passes do). {@code logProb} without a gradient
   * stays exact: finite differences compare against it.
   *
   * @param out the decoder network's output for this image, from index 0
   */
  default double logProbValue(double[] x, int xOffset, double[] out, int pixels) {
    return logProb(x, xOffset, out, 0, null, 0, pixels);
  }

  /** log p(x | out) for whole arrays: {@code logProb(x, 0, out, 0, grad, 0, x.length)}. */
  default double logProb(double[] x, double[] out, double[] grad) {
    if (out.length != outputSize(x.length) || (grad != null && grad.length != out.length)) {
      throw new IllegalArgumentException("the network output has " + out.length + " values, expected "
          + outputSize(x.length) + " for " + x.length + " pixels (" + this + ")");
    }
    return logProb(x, 0, out, 0, grad, 0, x.length);
  }

  /** The mean image E[x | out], in the units of x. */
  double[] mean(double[] out, int pixels);

  /** One image drawn from p(x | out). */
  double[] sample(double[] out, int pixels, SplittableRandom rng);

  /** What x must look like, e.g. "pixels in [0, 1]" or "integers 0…16". */
  String describeData();

  /**
   * Checks that {@code x} is data this likelihood can score.
   *
   * @throws IllegalArgumentException naming the first bad value
   */
  void validate(double[] x);

  /** A spec that {@link #parse} turns back into this likelihood: {@code bernoulli}, {@code gaussian:0.1}, … */
  String spec();

  /**
   * The likelihood named by {@code spec}: {@code bernoulli}, {@code gaussian:S} (fixed σ = S),
   * {@code gaussian:learned}, {@code categorical:N} (N values per pixel).
   *
   * @throws IllegalArgumentException naming the spec and the accepted forms
   */
  static Likelihood parse(String spec) {
    String[] p = spec.split(":", 2);
    try {
      switch (p[0]) {
        case "bernoulli":
          if (p.length == 1) {
            return new BernoulliLikelihood();
          }
          break;
        case "gaussian":
          if (p.length == 2) {
            return p[1].equals("learned") ? GaussianLikelihood.learnedVariance() : GaussianLikelihood.fixed(Double.parseDouble(p[1]));
          }
          break;
        case "categorical":
          if (p.length == 2) {
            return new CategoricalLikelihood(Integer.parseInt(p[1]));
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("unknown likelihood '" + spec
        + "' (use bernoulli, gaussian:SIGMA, gaussian:learned or categorical:LEVELS)");
  }
}
