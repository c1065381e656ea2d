package vae.model;

import java.util.List;
import vae.nn.BlockEffects;
import vae.nn.Matrix;
import vae.nn.Param;
import vae.nn.Sgd;

/**
 * The smallest GAN, the "Dirac-GAN" of Mescheder, Geiger and Nowozin (2018, "Which training
 * methods for GANs do actually converge?"): the data are the point 0, the generator is a point θ,
 * the discriminator is D(x) = sigmoid(ψx). The discriminator maximises
 * V(θ, ψ) = log D(0) + log(1 − D(θ)) = −log 2 + log sigmoid(−ψθ), the generator minimises it:
 * two players, opposite objectives. Chapter 05's contrast to the VAE (claim EL-6).
 */
public final class DiracGan {
  private DiracGan() {}

  /** V(θ, ψ) = −log 2 + log sigmoid(−ψθ), computed stably. */
  public static double value(double theta, double psi) {
    double t = -psi * theta;
    // log sigmoid(t) = −log(1 + e^(−t))
    return -Math.log(2) - (t >= 0 ? Math.log1p(Math.exp(-t)) : -t + Math.log1p(Math.exp(t)));
  }

  /**
   * Plays {@code steps} simultaneous gradient steps from (θ, ψ) with step size {@code lr} and
   * returns, for each, the change of V caused by the generator's part alone (first) and by the
   * discriminator's part alone (second).
   *
   * @throws IllegalArgumentException if lr is not positive and finite or steps &lt; 1
   */
  public static List<BlockEffects.Effect> play(double theta, double psi, double lr, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("need at least 1 step, got " + steps);
    }
    Param g = new Param("θ", Matrix.of(new double[][] {{theta}}));
    Param d = new Param("ψ", Matrix.of(new double[][] {{psi}}));
    List<Param> both = List.of(g, d);
    BlockEffects probe = new BlockEffects(new Sgd(both, lr), both, 1,
        () -> value(g.value.a[0][0], d.value.a[0][0]), steps);
    for (int s = 0; s < steps; s++) {
      double th = g.value.a[0][0];
      double ps = d.value.a[0][0];
      double dd = 1 / (1 + Math.exp(-ps * th)); // D(θ) = sigmoid(ψθ)
      // ∂V/∂θ = −ψ·D(θ), ∂V/∂ψ = −θ·D(θ); G descends V, D descends −V (ascends V)
      g.grad.a[0][0] = -ps * dd;
      d.grad.a[0][0] = th * dd;
      probe.step();
    }
    return probe.effects();
  }
}
