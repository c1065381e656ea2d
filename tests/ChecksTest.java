import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vae.book.Checks;
import vae.prob.Estimate;

/** The CHECK printer: the 4·SE rule, tolerances, NaN, the summary and the exit code. */
class ChecksTest {
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
  private final Checks checks = new Checks(new PrintStream(buf, true, StandardCharsets.UTF_8));

  private String printed() {
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void monteCarloPassesWithinFourStandardErrorsAndFailsBeyond() {
    assertThat(checks.mc("KL-4", "closed form", 1.0, "MC", new Estimate(1.039, 0.01, 100))).isTrue();
    assertThat(checks.mc("KL-4", "closed form", 1.0, "MC", new Estimate(1.041, 0.01, 100))).isFalse();
    assertThat(printed()).contains("CHECK KL-4  closed form 1.000 | MC 1.039 ± 0.01000 | 3.9 SE  ✓")
        .contains("4.1 SE  ✗");
    assertThat(checks.exitCode()).isEqualTo(1);
  }

  @Test
  void closeUsesAnAbsoluteToleranceAndNaNFails() {
    assertThat(checks.close("EL-1", "log p(x)", 1.0, "ELBO + KL", 1.0 + 1e-12, 1e-9)).isTrue();
    assertThat(checks.close("EL-1", "log p(x)", 1.0, "ELBO + KL", Double.NaN, 1e-9)).isFalse();
    assertThat(checks.summary()).isEqualTo(1);
    assertThat(printed()).contains("checks: 1 passed, 1 failed  ✗ EL-1");
  }

  @Test
  void allPassingGivesExitCodeZero() {
    checks.that("KL-3", "KL(P‖Q) 0.5 ≠ KL(Q‖P) 0.7", true);
    assertThat(checks.summary()).isZero();
    assertThat(checks.results()).hasSize(1);
  }

  @Test
  void zeroStandardErrorIsRejectedWithTheReason() {
    assertThatThrownBy(() -> checks.mc("MC-1", "π", Math.PI, "darts", new Estimate(3.1, 0, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("standard error");
  }
}
