import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import vae.fig.Traversal;
import vae.nn.Matrix;

/** The latent traversal grid: row d moves only z_d, evenly from −reach to +reach. */
class TraversalTest {
  @Test
  void eachRowSweepsOneDimensionAndHoldsTheOthersAtZero() {
    Matrix z = Traversal.codes(3, 5, 2.0);
    assertThat(z.rows).isEqualTo(15);
    for (int d = 0; d < 3; d++) {
      for (int c = 0; c < 5; c++) {
        double[] code = z.a[d * 5 + c];
        for (int j = 0; j < 3; j++) {
          assertThat(code[j]).isEqualTo(j == d ? -2.0 + c : 0.0);
        }
      }
    }
  }

  @Test
  void drawsOneRowPerDimensionAndRejectsBadSizes() {
    // decode: a 2×2 "image" whose pixels are the code's first entries, rescaled into [0, 1]
    BufferedImage img = Traversal.of(2, 4, 1.0, m -> {
      double[][] out = new double[m.rows][4];
      for (int r = 0; r < m.rows; r++) {
        java.util.Arrays.fill(out[r], (m.a[r][0] + 1) / 2);
      }
      return out;
    }, 1.0, 2, 3);
    assertThat(img.getHeight()).isLessThan(img.getWidth()); // 2 rows of 4 images
    assertThatThrownBy(() -> Traversal.codes(0, 5, 1)).hasMessageContaining("latent=0");
    assertThatThrownBy(() -> Traversal.codes(2, 1, 1)).hasMessageContaining("n=1");
  }
}
