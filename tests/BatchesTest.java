import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vae.data.Batches;

/** Seeded minibatches: every example once per epoch, same seed same order. */
class BatchesTest {
  @Test
  void anEpochCoversEveryExampleOnceInBatchesOfTheGivenSize() {
    int[][] epoch = new Batches(10, 4, new SplittableRandom(1)).epoch();
    assertThat(epoch).hasNumberOfRows(3);
    assertThat(epoch[2]).hasSize(2);
    int[] all = Arrays.stream(epoch).flatMapToInt(Arrays::stream).sorted().toArray();
    assertThat(all).isEqualTo(IntStream.range(0, 10).toArray());
  }

  @Test
  void sameSeedSameBatchesAndEpochsDiffer() {
    Batches a = new Batches(100, 16, new SplittableRandom(42));
    Batches b = new Batches(100, 16, new SplittableRandom(42));
    int[][] a1 = a.epoch();
    assertThat(a1).isDeepEqualTo(b.epoch());
    assertThat(Arrays.deepEquals(a.epoch(), a1)).isFalse();
  }

  @Test
  void badSizesAreRejected() {
    assertThatThrownBy(() -> new Batches(10, 0, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize=0");
  }
}
