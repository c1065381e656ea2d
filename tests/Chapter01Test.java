import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import vae.book.Chapter;
import vae.fig.ImageGrid;
import vae.nn.Matrix;

/** Chapter 01 runs in quick mode with every CHECK passing; a bad flag exits 2; the image grid helper. */
class Chapter01Test {
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
}
