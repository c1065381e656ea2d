package vae.fig;

import vae.fig.Diagram.Flow;
import vae.fig.Diagram.Node;
import vae.fig.Diagram.Shape;

/**
 * The block diagrams of the VAE notes, redrawn in the book's own design and labelled with the
 * symbols the code uses (x, z, μ, log σ², ε, x̂): the autoencoder (chapter 01), sampling before and
 * after the reparameterization (chapter 04), the generative model, the encoder with its two
 * heads, the decoder and the whole VAE with its loss (chapter 05).
 */
public final class Schematics {
  private Schematics() {}

  /** x → encoder → code z → decoder → x̂, trained on ‖x − x̂‖². */
  public static Diagram autoencoder() {
    Diagram d = new Diagram("An autoencoder: squeeze x through a small code z, then rebuild it",
        900, 260);
    Node x = d.node(70, 120, 90, 60, Shape.BOX, "x", "input (64 pixels)", "");
    Node enc = d.node(240, 120, 150, 110, Shape.NARROWING, "encoder", "network e", "z = e(x)");
    Node z = d.node(420, 120, 80, 50, Shape.BOX, "z", "code (2 numbers)", "");
    Node dec = d.node(600, 120, 150, 110, Shape.WIDENING, "decoder", "network d", "x̂ = d(z)");
    Node xHat = d.node(790, 120, 100, 60, Shape.BOX, "x̂", "reconstruction", "");
    Node loss = d.node(430, 225, 300, 30, Shape.TEXT, "loss ‖x − x̂‖²", "", "");
    d.arrow(x, enc, Flow.GRADIENT, "").arrow(enc, z, Flow.GRADIENT, "")
        .arrow(z, dec, Flow.GRADIENT, "").arrow(dec, xHat, Flow.GRADIENT, "");
    d.arrow(x, loss, Flow.PLAIN, "").arrow(xHat, loss, Flow.PLAIN, "");
    return d;
  }

  /**
   * Two computation graphs side by side: z drawn directly from N(μ, σ²) (no gradient reaches μ or
   * σ), and z = μ + σ ⊙ ε with ε drawn outside (the gradient flows to μ and σ).
   */
  public static Diagram sampling() {
    Diagram d = new Diagram("Where the gradient can flow: sampling z directly (left) and "
        + "z = μ + σ ⊙ ε (right)", 960, 330);
    Node mu1 = d.node(70, 110, 70, 44, Shape.BOX, "μ", "", "");
    Node s1 = d.node(70, 220, 70, 44, Shape.BOX, "σ", "", "");
    Node z1 = d.node(240, 165, 150, 56, Shape.CIRCLE, "z", "z ~ N(μ, σ²): a random draw", "");
    Node f1 = d.node(400, 165, 90, 50, Shape.BOX, "f(z)", "loss", "");
    d.arrow(mu1, z1, Flow.BLOCKED, "∂z/∂μ ?").arrow(s1, z1, Flow.BLOCKED, "∂z/∂σ ?")
        .arrow(z1, f1, Flow.GRADIENT, "");
    Node mu2 = d.node(520, 110, 70, 44, Shape.BOX, "μ", "", "");
    Node s2 = d.node(520, 220, 70, 44, Shape.BOX, "σ", "", "");
    Node eps = d.node(745, 290, 60, 40, Shape.CIRCLE, "ε", "", "");
    Node z2 = d.node(745, 165, 130, 56, Shape.BOX, "z", "", "μ + σ ⊙ ε");
    Node f2 = d.node(900, 165, 90, 50, Shape.BOX, "f(z)", "loss", "");
    d.arrow(mu2, z2, Flow.GRADIENT, "∂z/∂μ = 1").arrow(s2, z2, Flow.GRADIENT, "∂z/∂σ = ε")
        .arrow(eps, z2, Flow.PLAIN, "ε ~ N(0, I)").arrow(z2, f2, Flow.GRADIENT, "");
    return d;
  }

  /** The generative model z → x with decoder weights θ, and the encoder q_φ(z|x) going back. */
  public static Diagram graphicalModel() {
    Diagram d = new Diagram("The model behind a VAE: z ~ p(z), then x ~ p_θ(x|z); q_φ(z|x) "
        + "goes back", 640, 320);
    Node z = d.node(200, 130, 70, 70, Shape.CIRCLE, "z", "latent code, p(z) = N(0, I)", "");
    Node x = d.node(440, 130, 70, 70, Shape.OBSERVED, "x", "image (observed)", "");
    Node theta = d.node(440, 50, 40, 26, Shape.TEXT, "θ", "", "");
    d.arrow(z, x, Flow.GRADIENT, "p_θ(x|z): decoder");
    d.arrow(theta, x, Flow.PLAIN, "");
    Node corner = d.node(320, 235, 2, 2, Shape.TEXT, "", "", "");
    d.line(x, corner, Flow.PLAIN, "");
    d.arrow(corner, z, Flow.PLAIN, "");
    Node phi = d.node(320, 285, 40, 26, Shape.TEXT, "φ", "", "");
    d.line(phi, corner, Flow.PLAIN, "");
    d.node(450, 215, 2, 2, Shape.TEXT, "", "q_φ(z|x): encoder", "");
    return d;
  }

  /** The encoder: a shared trunk, then two heads for μ and log σ². */
  public static Diagram encoder() {
    Diagram d = new Diagram("The VAE encoder: one shared trunk, two heads (a mean and a log "
        + "variance per latent dimension)", 900, 300);
    Node x = d.node(70, 150, 90, 60, Shape.BOX, "x", "image", "");
    Node trunk = d.node(270, 150, 200, 150, Shape.NARROWING, "trunk", "shared hidden layers",
        "64 → 256 → 256");
    Node mu = d.node(560, 90, 110, 56, Shape.BOX, "μ", "16 means", "linear head");
    Node lv = d.node(560, 215, 110, 56, Shape.BOX, "log σ²", "16 log variances", "linear head");
    Node q = d.node(790, 150, 150, 60, Shape.BOX, "q(z|x)", "", "N(μ, diag σ²)");
    d.arrow(x, trunk, Flow.GRADIENT, "").arrow(trunk, mu, Flow.GRADIENT, "")
        .arrow(trunk, lv, Flow.GRADIENT, "").arrow(mu, q, Flow.GRADIENT, "")
        .arrow(lv, q, Flow.GRADIENT, "");
    return d;
  }

  /** The decoder: z through widening layers to the parameters of p(x|z). */
  public static Diagram decoder() {
    Diagram d = new Diagram("The VAE decoder: from a code z to a distribution over images",
        900, 260);
    Node z = d.node(70, 130, 80, 50, Shape.BOX, "z", "16 numbers", "");
    Node net = d.node(280, 130, 200, 140, Shape.WIDENING, "decoder", "hidden layers",
        "16 → 256 → 256");
    Node out = d.node(520, 130, 130, 56, Shape.BOX, "out", "network output", "");
    Node p = d.node(760, 130, 220, 84, Shape.BOX, "p(x|z)", "categorical / Bernoulli / Gaussian",
        "17 logits per pixel, or x̂");
    d.arrow(z, net, Flow.GRADIENT, "").arrow(net, out, Flow.GRADIENT, "")
        .arrow(out, p, Flow.GRADIENT, "");
    return d;
  }

  /** The whole VAE and its loss C‖x − x̂‖² + KL(N(μ, σ²) ‖ N(0, I)) (the Gaussian-decoder form). */
  public static Diagram vae() {
    Diagram d = new Diagram("A VAE and its loss: C‖x − x̂‖² + KL(N(μ, σ²) ‖ N(0, I))", 980, 360);
    Node x = d.node(60, 150, 80, 56, Shape.BOX, "x", "image", "");
    Node enc = d.node(200, 150, 130, 120, Shape.NARROWING, "encoder", "", "");
    Node mu = d.node(350, 95, 80, 46, Shape.BOX, "μ", "", "");
    Node lv = d.node(350, 205, 80, 46, Shape.BOX, "log σ²", "", "");
    Node eps = d.node(490, 265, 56, 40, Shape.CIRCLE, "ε", "ε ~ N(0, I)", "");
    Node z = d.node(510, 150, 120, 56, Shape.BOX, "z", "", "μ + σ ⊙ ε");
    Node dec = d.node(680, 150, 130, 120, Shape.WIDENING, "decoder", "", "");
    Node xHat = d.node(850, 150, 80, 56, Shape.BOX, "x̂", "reconstruction", "");
    Node recon = d.node(640, 320, 200, 30, Shape.TEXT, "C‖x − x̂‖²", "", "");
    Node kl = d.node(290, 320, 260, 30, Shape.TEXT, "KL(N(μ, σ²) ‖ N(0, I))", "", "");
    d.arrow(x, enc, Flow.GRADIENT, "").arrow(enc, mu, Flow.GRADIENT, "")
        .arrow(enc, lv, Flow.GRADIENT, "").arrow(mu, z, Flow.GRADIENT, "")
        .arrow(lv, z, Flow.GRADIENT, "").arrow(eps, z, Flow.PLAIN, "")
        .arrow(z, dec, Flow.GRADIENT, "").arrow(dec, xHat, Flow.GRADIENT, "");
    d.arrow(xHat, recon, Flow.PLAIN, "").arrow(lv, kl, Flow.PLAIN, "");
    return d;
  }
}
