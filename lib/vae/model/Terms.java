package vae.model;

/**
 * The two terms of the negative ELBO, averaged over images (nats per image):
 * −ELBO = recon + kl with recon = −E_q[log p(x|z)] and kl = KL(q(z|x) ‖ p(z)). Chapter 05.
 */
public record Terms(double recon, double kl) {
  /** −ELBO = recon + kl (β = 1: the bound itself, whatever β training used). */
  public double negElbo() {
    return recon + kl;
  }

  /** Whether both terms are finite numbers. */
  public boolean finite() {
    return Double.isFinite(recon) && Double.isFinite(kl);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "Terms[−ELBO %.3f = recon %.3f + kl %.3f]", negElbo(), recon, kl);
  }
}
