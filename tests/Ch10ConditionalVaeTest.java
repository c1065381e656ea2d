import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.model.Vae;
import vae.model.VaeFile;
import vae.nn.Activation;
import vae.prob.MonteCarlo;

/**
 * Chapter 10 as a program: the quick run keeps every CHECK and writes its two figures; bad flags
 * are one line, exit 2; a saved model of the wrong kind (conditional or not) is refused.
 */
class Ch10ConditionalVaeTest {
  private static Object[] run(Supplier<? extends Callable<Integer>> chapter, String... args) {
    return ChapterRun.run(chapter, args);
  }

  @Test
  @Tag("CV-1")
  @Tag("CV-2")
  @Tag("CV-3")
  @Tag("CV-4")
  void quickRunPassesEveryCheckAndPrintsTheSummary() {
    QuickRuns.Run r = QuickRuns.of(Ch10ConditionalVae.class);
    assertThat(r.exit()).as(r.out()).isZero();
    for (String id : new String[] {"CV-1", "CV-2", "CV-3", "CV-4"}) {
      assertThat(r.out()).contains("CHECK " + id);
    }
    assertThat(r.out()).doesNotContain("✗").contains("figure: ").contains("10_class_grid")
        .contains("10_style_transfer").contains("conditional VAE p(x|y)")
        .contains("plain VAE p(x)").containsPattern("RESULT chapter=10 test_neg_elbo=\\S+ "
            + "test_nll_is=\\S+ k=100 kl_qz_pz=\\S+ params=445536 train_s=\\S+ ");
  }

  @Test
  void badFlagsAreOneLineAndExitTwo() {
    for (String[] args : new String[][] {{"--latent", "0"}, {"--epochs", "-3"}, {"--lr", "2"},
        {"--likelihood", "poisson"}, {"--iw-samples", "many"}, {"--bogus"}}) {
      Object[] r = run(Ch10ConditionalVae::new, args);
      assertThat((int) r[0]).as(String.join(" ", args) + r[2]).isEqualTo(2);
      String err = ((String) r[2]).strip();
      assertThat(err.lines().count()).as(err).isEqualTo(1);
      assertThat(err).contains(args[0]);
    }
  }

  @Test
  void aSavedModelOfTheOtherKindIsRefusedWithOneLine(@TempDir Path dir) {
    Path plain = dir.resolve("plain.vae");
    Path conditional = dir.resolve("conditional.vae");
    VaeFile.save(new Vae(new Vae.Config(64, new int[] {8}, 2, Activation.Kind.LEAKY_RELU,
        "categorical:17"), MonteCarlo.rng(1)), plain);
    VaeFile.save(new Vae(new Vae.Config(64, new int[] {8}, 2, Activation.Kind.LEAKY_RELU,
        "categorical:17", 10), MonteCarlo.rng(1)), conditional);
    Object[] r = run(Ch10ConditionalVae::new, "--quick", "--load", plain.toString());
    assertThat((int) r[0]).isEqualTo(1);
    assertThat(((String) r[2]).strip()).hasLineCount(1).contains(plain.toString())
        .contains("an unconditional VAE").contains("conditioned on 10 labels")
        .contains("chapter 05");
    r = run(Ch05Elbo::new, "--quick", "--load", conditional.toString());
    assertThat((int) r[0]).isEqualTo(1);
    assertThat(((String) r[2]).strip()).hasLineCount(1).contains(conditional.toString())
        .contains("a VAE conditioned on 10 labels").contains("chapter 10");
  }
}
