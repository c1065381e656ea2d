package vae.book;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vae.model.Trainer;
import vae.model.Vae;

/**
 * The flags that choose what a VAE trains on (picocli mixin): {@code --objective elbo|iwae},
 * {@code --k-train K}, {@code --warmup-epochs W}, {@code --free-bits λ}. Each is validated with a
 * one-line message naming the flag and the value (a usage error: exit 2). Chapter 08.
 */
public final class ObjectiveOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec spec;
  @Option(names = "--objective", defaultValue = "iwae",
      description = "elbo or iwae: the bound the chapter's own model trains on (default iwae)")
  String objective;
  @Option(names = "--k-train", paramLabel = "K",
      description = "importance samples per image in the IWAE loss (default 5; elbo: 1)")
  Integer kTrain;
  @Option(names = "--warmup-epochs", paramLabel = "W", defaultValue = "0",
      description = "KL warm-up: β rises from 0 to 1 over the first W epochs (default 0 = off)")
  int warmupEpochs;
  @Option(names = "--free-bits", paramLabel = "λ", defaultValue = "0",
      description = "free bits: each dimension's KL floored at λ nats in the loss (default 0 = "
          + "off; "
          + "elbo only)")
  double freeBits;

  /** The validated choice. */
  public record Choice(boolean iwae, int k, int warmupEpochs, double freeBits) {
    /** Sets the objective on {@code vae} (a fresh one), and returns it. */
    public Vae apply(Vae vae) {
      return iwae ? vae.iwae(k) : vae.freeBits(freeBits);
    }

    /** The training options with this choice's warm-up. */
    public Trainer.Options apply(Trainer.Options o) {
      return o.warmedUp(warmupEpochs);
    }

    /** A short name: {@code IWAE K=5}, {@code VAE + warm-up 10 + free bits 0.1}. */
    public String label() {
      return (iwae ? "IWAE K=" + k : "VAE") + (warmupEpochs > 0 ? " + warm-up " + warmupEpochs : "")
          + (freeBits > 0 ? " + free bits " + freeBits : "");
    }
  }

  /**
   * The choice these flags make, checked against {@code epochs} (the warm-up must end in time).
   *
   * @throws ParameterException for a bad value (one line naming the flag)
   */
  public Choice choice(int epochs) {
    boolean iwae = switch (objective) {
      case "iwae" -> true;
      case "elbo" -> false;
      default -> throw usage("--objective must be elbo or iwae, got '" + objective + "'");
    };
    int k = kTrain == null ? (iwae ? 5 : 1) : kTrain;
    require(k >= 1 && k <= 1000, "--k-train must be an integer in 1…1000, got " + k);
    require(iwae || k == 1, "--k-train " + k + " needs --objective iwae (the ELBO uses one code)");
    require(warmupEpochs >= 0 && warmupEpochs <= epochs, "--warmup-epochs must be in 0…" + epochs
        + " (the epochs of a run), got " + warmupEpochs);
    require(freeBits >= 0 && freeBits <= 10, "--free-bits must be in [0, 10] nats, got "
        + freeBits);
    require(!iwae || freeBits == 0, "--free-bits " + freeBits + " needs --objective elbo");
    return new Choice(iwae, k, warmupEpochs, freeBits);
  }

  private void require(boolean ok, String message) {
    if (!ok) {
      throw usage(message);
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  @Override
  public String toString() {
    return "ObjectiveOptions[--objective " + objective + ", --k-train " + kTrain
        + ", --warmup-epochs " + warmupEpochs + ", --free-bits " + freeBits + "]";
  }
}
