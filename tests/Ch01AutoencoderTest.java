import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vae.book.Chapter;
import vae.fig.ImageGrid;
import vae.nn.Matrix;

/** Chapter 01 runs in quick mode with every CHECK passing; a bad flag exits 2; the image grid helper. */
class Ch01AutoencoderTest {
  @Test
  void chapter01QuickRunPassesEveryCheck() {
    assertThat(QuickRuns.of(Ch01Autoencoder.class).exit()).isZero();
  }

  @Test
  void chapter01RejectsAnUnknownFlag() {
    assertThat(Chapter.run(new Ch01Autoencoder(), "--bogus")).isEqualTo(2);
  }

  @Test
  void imageGridOfAMatrixAndItsTitledFrame() {
    Matrix two = Matrix.of(new double[] {0, 1, 1, 0}, new double[] {1, 1, 1, 1});
    BufferedImage grid = ImageGrid.of(two, 2, 2, 3);
    // 2 cells of 2·3 + 1 pixels plus the closing line: 15 wide, 8 high
    assertThat(grid.getWidth()).isEqualTo(15);
    assertThat(grid.getHeight()).isEqualTo(8);
    assertThat(grid.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0xFFFFFF); // value 0 → white paper
    assertThat(grid.getRGB(1 + 3, 1) & 0xFFFFFF).isZero();        // value 1 → black ink
    assertThat(ImageGrid.titled(grid, "t", "c").getHeight()).isGreaterThan(grid.getHeight());
  }

  @Test
  @Tag("AE-20")
  void AE_20_principalLineLosesLambdaTwoAndNoDirectionLosesLess() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(42);
    double[][] pts = new double[300][];
    for (int i = 0; i < pts.length; i++) {
      double u = rng.nextGaussian();
      pts[i] = new double[] {2 * u + 0.3 * rng.nextGaussian(), -u + 0.5 * rng.nextGaussian()};
    }
    vae.model.Pca p = vae.model.Pca.fit(Matrix.of(pts));
    double[] dir = {p.components.a[0][0], p.components.a[1][0]};
    double loss = Ch01Autoencoder.meanSquaredDistance(pts, p.mean, dir);
    assertThat(loss).isCloseTo(p.variances[1], org.assertj.core.api.Assertions.within(1e-12));
    for (int t = 0; t < 720; t++) { // every other direction loses more
      double th = Math.PI * t / 720;
      assertThat(Ch01Autoencoder.meanSquaredDistance(pts, p.mean,
          new double[] {Math.cos(th), Math.sin(th)})).isGreaterThanOrEqualTo(loss - 1e-12);
    }
    // the orthogonal direction loses λ₁
    assertThat(Ch01Autoencoder.meanSquaredDistance(pts, p.mean, new double[] {-dir[1], dir[0]}))
        .isCloseTo(p.variances[0], org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  @Tag("ER-4")
  void ER_4_noTrainingDigitLiesOnTheTwoDimensionalPcaPlane() {
    Matrix x = vae.data.Digits.load().train.scaled();
    vae.model.Pca p = vae.model.Pca.fit(x);
    Matrix xc = p.center(x);
    Matrix q = p.basis(2);
    Matrix resid = xc.minus(xc.matmul(q).matmulTransB(q));
    double nearest = Double.POSITIVE_INFINITY;
    for (double[] row : resid.a) {
      nearest = Math.min(nearest, java.util.Arrays.stream(row).map(r -> r * r).sum());
    }
    assertThat(nearest).isGreaterThan(0.5); // ≈ 1.0: every digit is off the plane
  }
}
