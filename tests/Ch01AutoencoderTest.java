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
    Matrix c = p.center(Matrix.of(pts));
    // the chapter's loss of the line along u: Pca.projectionError with Q = u as one 2×1 column
    double loss = vae.model.Pca.projectionError(c, p.basis(1));
    assertThat(loss).isCloseTo(p.variances[1], org.assertj.core.api.Assertions.within(1e-12));
    // the same by geometry, point by point: ‖x − m − ((x − m)·u) u‖²
    double[] u = {p.components.a[0][0], p.components.a[1][0]};
    double byHand = 0;
    for (double[] q : c.a) {
      double t = q[0] * u[0] + q[1] * u[1];
      byHand += ((q[0] - t * u[0]) * (q[0] - t * u[0]) + (q[1] - t * u[1]) * (q[1] - t * u[1]))
          / pts.length;
    }
    assertThat(byHand).isCloseTo(loss, org.assertj.core.api.Assertions.within(1e-12));
    for (int t = 0; t < 720; t++) { // every other direction loses more
      double th = Math.PI * t / 720;
      assertThat(vae.model.Pca.projectionError(c, Matrix.of(new double[] {Math.cos(th)},
          new double[] {Math.sin(th)}))).isGreaterThanOrEqualTo(loss - 1e-12);
    }
    // the orthogonal direction loses λ₁
    assertThat(vae.model.Pca.projectionError(c, Matrix.of(new double[] {-u[1]},
        new double[] {u[0]}))).isCloseTo(p.variances[0],
        org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void theCodesBoxIsWidenedOnBothSidesAndTheGridRunsFromTheTopLeft() {
    Matrix z = Matrix.of(new double[] {0, 10}, new double[] {2, 14}, new double[] {1, 12});
    double[][] box = vae.model.LatentPaths.box(z, 0.25); // widths 2 and 4
    assertThat(box[0]).containsExactly(-0.5, 2.5);
    assertThat(box[1]).containsExactly(9.0, 15.0);
    Matrix grid = vae.model.LatentPaths.grid(box, 3); // [9][2], row by row from the top
    assertThat(grid.a[0]).containsExactly(-0.5, 15.0);
    assertThat(grid.a[2]).containsExactly(2.5, 15.0);
    assertThat(grid.a[4]).containsExactly(1.0, 12.0);
    assertThat(grid.a[8]).containsExactly(2.5, 9.0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> vae.model.LatentPaths.box(z, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("f = -1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> vae.model.LatentPaths.grid(box, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n = 1");
  }

  @Test
  @Tag("EL-8")
  void EL_8_everyLayerTypeIsCheckedAndAgrees() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    Matrix x = new Matrix(3, 5).map(v -> 1.5 * rng.nextGaussian());
    java.util.List<vae.nn.GradCheck.Row> rows = vae.nn.GradCheck.everyLayer(x, rng);
    // Dense: W, b, x; each activation kind: x
    assertThat(rows).hasSize(3 + vae.nn.Activation.Kind.values().length);
    assertThat(rows).allMatch(vae.nn.GradCheck.Row::ok);
    assertThat(rows.get(0).name()).startsWith("Dense 5→4");
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
