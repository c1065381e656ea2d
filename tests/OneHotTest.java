import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vae.model.Dataset;
import vae.model.OneHot;
import vae.nn.Matrix;

/** One-hot labels appended to rows: the condition y of chapter 10's conditional VAE. */
class OneHotTest {
  @Test
  void appendsEachRowsLabelAsOneHot() {
    Matrix m = OneHot.appended(Matrix.of(new double[] {0.5, 0.25}, new double[] {1, 2}),
        new int[] {2, 0}, 3);
    assertThat(m.a[0]).containsExactly(0.5, 0.25, 0, 0, 1);
    assertThat(m.a[1]).containsExactly(1, 2, 1, 0, 0);
  }

  @Test
  @Tag("CV-4")
  void CV_4_conditionsADataSetOnItsOwnOrOnNewLabels() {
    Matrix x = Matrix.of(new double[] {3}, new double[] {4});
    Dataset d = new Dataset("d", x.scale(0.1), x, new int[] {1, 0});
    Dataset own = OneHot.conditioned(d, 2);
    assertThat(own.input().a[0]).containsExactly(0.30000000000000004, 0, 1);
    assertThat(own.target()).isSameAs(d.target());
    assertThat(own.labels()).containsExactly(1, 0);
    Dataset other = OneHot.conditioned(d, new int[] {0, 1}, 2);
    assertThat(other.input().a[1]).containsExactly(0.4, 0, 1);
    assertThat(other.labels()).containsExactly(0, 1);
  }

  @Test
  void refusesMissingOrOutOfRangeLabels() {
    Matrix x = Matrix.of(new double[] {1});
    assertThatThrownBy(() -> OneHot.appended(x, new int[] {3}, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 3");
    assertThatThrownBy(() -> OneHot.appended(x, new int[] {0, 1}, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 labels for 1 rows");
    assertThatThrownBy(() -> OneHot.conditioned(Dataset.of("u", new double[][] {{1}}), 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no labels");
  }
}
