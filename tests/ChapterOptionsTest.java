import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vae.book.ChapterOptions;

/** Named seed streams: fixed by the seed and the name, and different for different names. */
class ChapterOptionsTest {
  private static ChapterOptions seeded(long seed) {
    ChapterOptions opt = new ChapterOptions();
    opt.seed = seed;
    return opt;
  }

  @Test
  void aStreamIsFixedByTheSeedAndItsName() {
    assertThat(seeded(42).seed("training")).isEqualTo(seeded(42).seed("training"));
    assertThat(seeded(42).rng("figure").nextLong()).isEqualTo(seeded(42).rng("figure").nextLong());
  }

  @Test
  void namesAndSeedsGiveDifferentStreams() {
    ChapterOptions opt = seeded(42);
    assertThat(opt.seed("training")).isNotEqualTo(opt.seed("figure"))
        .isNotEqualTo(opt.seed("trainin")).isNotEqualTo(seeded(43).seed("training"));
    assertThat(opt.seed("ab")).isNotEqualTo(opt.seed("ba"));
  }

  @Test
  void aStreamNeedsAName() {
    assertThatThrownBy(() -> seeded(1).seed(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
  }
}
