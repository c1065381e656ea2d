import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vae.book.Chapter;

/** Chapter 08 as a program: the quick run keeps every CHECK; bad flags are one line, exit 2. */
class Ch08TighterBoundsTest {
  /** Runs the chapter, capturing standard output and error; returns {exit code, out, err}. */
  private static Object[] run(String... args) {
    return ChapterRun.run(Ch08TighterBounds::new, args);
  }

  @Test
  @Tag("IW-1")
  @Tag("IW-3")
  @Tag("IW-4")
  @Tag("AU-1")
  @Tag("AU-2")
  @Tag("AU-3")
  @Tag("AU-4")
  void quickRunPrintsEveryCheckAndTheSummaryTable() {
    Object[] r = run("--quick");
    String out = (String) r[1];
    assertThat((int) r[0]).as(out + r[2]).isZero();
    for (String id : new String[] {"AU-1", "AU-2", "AU-3", "AU-4", "IW-1", "IW-2", "IW-3",
        "IW-4"}) {
      assertThat(out).contains("CHECK " + id);
    }
    assertThat(out).contains("epoch 2/2 | −ELBO").contains("test−ELBO").contains("IWAE K=50")
        .contains("RESULT chapter=08");
  }

  @Test
  void badFlagsAreOneLineAndExitTwo() {
    for (String[] args : new String[][] {{"--objective", "vae"}, {"--k-train", "0"},
        {"--objective", "elbo", "--k-train", "5"}, {"--warmup-epochs", "-1"},
        {"--warmup-epochs", "500"}, {"--free-bits", "-0.5"}, {"--free-bits", "NaN"},
        {"--free-bits", "0.2"}, {"--k-train", "many"}}) {
      Object[] r = run(args);
      assertThat((int) r[0]).as(String.join(" ", args) + r[2]).isEqualTo(2);
      String err = ((String) r[2]).strip();
      assertThat(err.lines().count()).as(err).isEqualTo(1);
      assertThat(err).as(err).contains(args[args.length - 2]);
    }
  }
}
