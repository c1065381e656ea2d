import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import vae.fig.Diagram;
import vae.fig.Schematics;

/** The block diagrams: each draws something in its canvas, the same way every time. */
class DiagramTest {
  @Test
  void everySchematicDrawsTheSamePixelsTwiceAndLeavesTheBackgroundMostlyWhite() {
    for (Diagram d : List.of(Schematics.autoencoder(), Schematics.sampling(),
        Schematics.graphicalModel(), Schematics.encoder(), Schematics.decoder(), Schematics.vae())) {
      int[] first = pixels(d);
      assertThat(pixels(d)).as(d.toString()).isEqualTo(first); // deterministic
      long ink = java.util.Arrays.stream(first).filter(p -> (p & 0xffffff) != 0xffffff).count();
      assertThat(ink).as("%s: drawn pixels", d).isBetween(first.length / 100L, first.length / 2L);
    }
  }

  @Test
  void aDiagramOfNoSizeIsRejectedNamingTheSize() {
    assertThatThrownBy(() -> new Diagram("t", 0, 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0×10");
  }

  private static int[] pixels(Diagram d) {
    BufferedImage img = new BufferedImage(d.width(), d.height(), BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = img.createGraphics();
    d.paint(g);
    g.dispose();
    return img.getRGB(0, 0, d.width(), d.height(), null, 0, d.width());
  }
}
