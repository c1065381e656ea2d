import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vae.fig.BoundVsK;
import vae.fig.Manifold;
import vae.fig.TrainingCurves;
import vae.nn.Matrix;
import vae.prob.ImportanceCurve;
import vae.prob.MonteCarlo;

/** The lib pieces chapter 05 draws and evaluates with: the bound against K, the manifold grid. */
class ImportanceCurveTest {
  @Test
  @Tag("EL-9")
  void EL_9_importanceCurveOfEqualWeightsIsFlatAndOfSpreadWeightsRises() {
    // equal log-weights c: log (1/K) Σ e^c = c for every K (exact), and the ELBO is c too
    double[][] flat = {{-3, -3, -3, -3}, {-5, -5, -5, -5}};
    ImportanceCurve c = ImportanceCurve.of(flat, 1, 2, 4, 8);
    assertThat(c.ks()).containsExactly(1, 2, 4); // 8 > the 4 weights per item: left out
    assertThat(c.last().mean()).isCloseTo(-4, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(c.gain().mean()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
    // log-weights that differ: log-mean-exp ≥ mean (Jensen), so the bound at K = 4 is above the ELBO
    double[][] spread = {{0, -2, -4, -1}, {-1, -3, 0, -2}};
    ImportanceCurve s = ImportanceCurve.of(spread, 1, 2, 4);
    assertThat(s.last().mean()).isGreaterThan(s.elbo().mean());
  }

  @Test
  void importanceCurveRejectsRaggedWeightsAndImpossibleK() {
    assertThatThrownBy(() -> ImportanceCurve.of(new double[][] {{0, 1}, {0}}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one length");
    assertThatThrownBy(() -> ImportanceCurve.of(new double[][] {{0, 1}}, 5, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no K in [5, 10]");
  }

  @Test
  void manifoldCodesAreNormalQuantilesSymmetricAboutZero() {
    Matrix z = Manifold.codes(3); // Φ⁻¹(1/6), 0, Φ⁻¹(5/6) along each axis
    assertThat(z.rows).isEqualTo(9);
    assertThat(z.a[4][0]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(z.a[0][0]).isCloseTo(-z.a[2][0], org.assertj.core.data.Offset.offset(1e-12));
    assertThat(z.a[0][1]).isGreaterThan(0); // the top row has z₂ > 0
    assertThatThrownBy(() -> Manifold.codes(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n=0");
  }

  @Test
  void chartHelpersRejectMismatchedSeries() {
    assertThatThrownBy(() -> BoundVsK.of("t", "K", "nats", "b", new double[] {1, 10},
        new double[] {1}, new double[] {0, 0}, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one mean");
    assertThatThrownBy(() -> TrainingCurves.of("t", "validation", new double[0], new double[0],
        new double[0], new double[0], new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("≥ 1 epoch");
    assertThatThrownBy(() -> MonteCarlo.gaussians(-1, 1, MonteCarlo.rng(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n=-1");
  }
}
