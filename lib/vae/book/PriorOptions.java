package vae.book;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags that choose a VAE's prior (picocli mixin): {@code --prior standard|mog|vamp} and
 * {@code --components K}, validated with a one-line message naming the flag (a usage error:
 * exit 2). Chapter 09.
 */
public final class PriorOptions {
  /** The largest K accepted: more pseudo-inputs than the digits have training images is absurd. */
  public static final int MAX_COMPONENTS = 500;

  @Spec(Spec.Target.MIXEE) CommandSpec spec;
  @Option(names = "--prior", defaultValue = "vamp", paramLabel = "KIND",
      description = "standard, mog or vamp: the prior set against the standard one, seed by "
          + "seed (default vamp)")
  String prior;
  @Option(names = "--components", defaultValue = "16", paramLabel = "K",
      description = "components of the mixture prior and pseudo-inputs of the VampPrior "
          + "(default 16)")
  int components;

  /** The validated choice: the prior's kind and K. */
  public record Choice(String kind, int k) {
    /** The prior as {@link vae.model.Vae#prior} takes it: {@code standard}, {@code mog:K}, … */
    public String spec() {
      return kind.equals("standard") ? kind : kind + ":" + k;
    }

    /** The spec of a learned prior of another kind with the same K. */
    public String spec(String otherKind) {
      return new Choice(otherKind, k).spec();
    }
  }

  /**
   * The choice these flags make.
   *
   * @throws ParameterException for a bad value (one line naming the flag)
   */
  public Choice choice() {
    if (!prior.equals("standard") && !prior.equals("mog") && !prior.equals("vamp")) {
      throw new ParameterException(spec.commandLine(), "--prior must be standard, mog or vamp, "
          + "got '" + prior + "'");
    }
    if (components < 1 || components > MAX_COMPONENTS) {
      throw new ParameterException(spec.commandLine(), "--components must be an integer in 1…"
          + MAX_COMPONENTS + ", got " + components);
    }
    return new Choice(prior, components);
  }

  @Override
  public String toString() {
    return "PriorOptions[--prior " + prior + ", --components " + components + "]";
  }
}
