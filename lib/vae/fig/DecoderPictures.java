package vae.fig;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import vae.nn.Matrix;
import vae.prob.MonteCarlo;

/**
 * A trained VAE's pictures, from its encoder's mean and its decoder's mean as functions: test
 * images over their reconstructions, images decoded from the prior, each latent dimension
 * traversed, and for a 2-D latent space the test codes by digit and the decoded latent plane.
 * Introduced in chapter 05.
 *
 * @param encodeMu images [n][pixels] ↦ their codes' means μ(x), [n][latent]
 * @param decode codes [n][latent] ↦ the decoder's mean images, in 0…max
 * @param latent the latent dimensions
 * @param max the largest pixel value (16 for the digits' levels, 1 for pixels in [0, 1])
 * @param side the images' side in pixels (8 or 28)
 */
public record DecoderPictures(Function<Matrix, Matrix> encodeMu,
    Function<Matrix, double[][]> decode, int latent, double max, int side) {
  /**
   * Saves {@code PREFIX_reconstructions} (the first 16 images over x̂ at z = μ),
   * {@code PREFIX_prior_samples} (64 codes z ~ N(0, I) from {@code rng}, decoded),
   * {@code PREFIX_traversal} (row d decodes z = t·e_d, t from −2.5 to 2.5) and, when the latent
   * space is 2-D, {@code PREFIX_latent_scatter} and {@code PREFIX_manifold} (z = (Φ⁻¹(u), Φ⁻¹(v))
   * on an even 15×15 grid of u, v in (0, 1)).
   *
   * @throws IllegalArgumentException if there are fewer than 16 images or input and target differ
   *     in their number of rows
   */
  public void save(String prefix, Matrix input, double[][] target, int[] labels,
      SplittableRandom rng) {
    if (input.rows < 16 || target.length != input.rows) {
      throw new IllegalArgumentException("need ≥ 16 images, as many targets as inputs; got "
          + input.rows + " inputs and " + target.length + " targets");
    }
    int scale = side == 8 ? 8 : 3;
    Matrix shown = Matrix.of(Arrays.copyOf(input.a, 16));
    double[][] pairs = Stream.concat(Arrays.stream(target, 0, 16),
        Arrays.stream(decode.apply(encodeMu.apply(shown)))).toArray(double[][]::new);
    Figures.saveImage(ImageGrid.of(pairs, max, side, 16, scale), prefix + "_reconstructions");
    Matrix z = Matrix.of(IntStream.range(0, 64).mapToObj(i -> MonteCarlo.gaussians(latent, 1, rng))
        .toArray(double[][]::new));
    Figures.saveImage(ImageGrid.of(decode.apply(z), max, side, 16, scale),
        prefix + "_prior_samples");
    Figures.saveImage(Traversal.of(latent, 11, 2.5, decode, max, side, scale),
        prefix + "_traversal");
    if (latent == 2) {
      Figures.save(Scatter.byDigit("Test images' codes μ(x) in a 2-D latent space, by digit",
          "z₁", "z₂", encodeMu.apply(input).a, labels), prefix + "_latent_scatter");
      Figures.saveImage(Manifold.of(15, decode, max, side, side == 8 ? 6 : 2),
          prefix + "_manifold");
    }
  }
}
