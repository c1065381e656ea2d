import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.Arrays;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.data.Digits;
import vae.nn.Matrix;

/** The shipped UCI digits: checksum, Tomczak's split in file order, the three views. */
class DigitsTest {
  @Test
  void loadsWithTheStatedSplitInFileOrder() {
    Digits d = Digits.load();
    assertThat(d.train.size()).isEqualTo(1000);
    assertThat(d.valid.size()).isEqualTo(350);
    assertThat(d.test.size()).isEqualTo(447);
    // first and last rows of data/uci-digits/digits.csv.gz (zcat | head -1, tail -1): labels 0 and 8
    assertThat(d.train.labels[0]).isZero();
    assertThat(d.train.pixels[0]).startsWith(0, 0, 5, 13, 9, 1, 0, 0);
    assertThat(d.test.labels[446]).isEqualTo(8);
    assertThat(d).hasToString("Digits[8×8, pixels 0…16, 1000 train / 350 valid / 447 test]");
  }

  @Test
  void scaledAndBinarisedViewsFollowThePixels() {
    Digits d = Digits.load();
    Matrix s = d.train.scaled();
    Matrix b = d.train.binarised();
    assertThat(s.rows).isEqualTo(1000);
    assertThat(s.cols).isEqualTo(64);
    assertThat(s.a[0][2]).isEqualTo(5 / 16.0);
    assertThat(b.a[0][2]).isZero();   // 5 ≤ 8
    assertThat(b.a[0][3]).isOne();    // 13 > 8
    for (int[] row : d.train.pixels) {
      assertThat(Arrays.stream(row).min().getAsInt()).isGreaterThanOrEqualTo(0);
      assertThat(Arrays.stream(row).max().getAsInt()).isLessThanOrEqualTo(16);
    }
  }

  @Test
  void anAlteredFileIsRefusedNamingTheChecksum(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("digits.csv.gz");
    byte[] bytes = Files.readAllBytes(Digits.defaultFile());
    bytes[bytes.length / 2] ^= 1;
    Files.write(f, bytes);
    assertThatThrownBy(() -> Digits.load(f)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SHA-256").hasMessageContaining(Digits.SHA256);
    assertThatThrownBy(() -> Digits.load(dir.resolve("missing.csv.gz")))
        .hasMessageContaining("missing.csv.gz").hasMessageContaining("data/uci-digits");
  }
}
