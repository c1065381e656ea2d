import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import vae.fig.Figures;
import vae.fig.Layers;

/** Chart layers: the band is one closed polygon, curves respect log axes, bad input is named. */
class LayersTest {
  @Test
  void bandGoesAlongTheTopAndBackAlongTheBottom() {
    XYChart chart = Figures.xy("t", "x", "y");
    var s = Layers.band(chart, "band", new double[] {1, 2, 3}, new double[] {0, 0, 0}, new double[] {5, 6, 7}, Color.GRAY);
    assertThat(s.getXData()).containsExactly(1, 2, 3, 3, 2, 1);
    assertThat(s.getYData()).containsExactly(5, 6, 7, 0, 0, 0);
  }

  @Test
  void curveOnALogAxisIsSpacedEvenlyInLogX() {
    XYChart chart = Figures.xy("t", "x", "y", 400, 400);
    chart.getStyler().setXAxisLogarithmic(true);
    double[] x = Layers.curve(chart, "1/x", 1, 1000, v -> 1 / v, Color.BLACK).getXData();
    assertThat(x[0]).isEqualTo(1.0);
    assertThat(x[x.length - 1]).isCloseTo(1000.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(chart.getWidth()).isEqualTo(400);
  }

  @Test
  void preconditionsNameTheBadValue() {
    XYChart chart = Figures.xy("t", "x", "y");
    assertThatThrownBy(() -> Layers.band(chart, "b", new double[] {1, 2}, new double[] {0}, new double[] {1, 2}, Color.GRAY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2, 1, 2");
    chart.getStyler().setXAxisLogarithmic(true);
    assertThatThrownBy(() -> Layers.curve(chart, "c", 0, 1, v -> v, Color.BLACK))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lo=0");
  }
}
