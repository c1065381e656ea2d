package vae.fig;

import java.awt.Color;

/**
 * The book's colours, named once: the ten categorical colours of matplotlib's "tab10" (so figures
 * look like the plots learners know), their light tints for bands, and the roles that diagrams
 * give them. Chapters take colours from here rather than building their own.
 */
public final class Palette {
  private Palette() {}

  public static final Color BLUE = new Color(31, 119, 180);
  public static final Color ORANGE = new Color(255, 127, 14);
  public static final Color GREEN = new Color(44, 160, 44);
  public static final Color RED = new Color(214, 39, 40);
  public static final Color PURPLE = new Color(148, 103, 189);
  public static final Color BROWN = new Color(140, 86, 75);
  public static final Color PINK = new Color(227, 119, 194);
  public static final Color GREY = new Color(127, 127, 127);
  public static final Color OLIVE = new Color(188, 189, 34);
  public static final Color CYAN = new Color(23, 190, 207);

  /** The ten categorical colours in order (digit d gets CATEGORICAL[d]). */
  public static Color[] categorical() {
    return new Color[] {BLUE, ORANGE, GREEN, RED, PURPLE, BROWN, PINK, GREY, OLIVE, CYAN};
  }

  /** {@code c} with opacity {@code alpha} (0…255): a band or a cloud of points. */
  public static Color translucent(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /** The i-th of a family of blues that grow greener with i: one line per seed in one chart. */
  public static Color blueShade(int i) {
    return new Color(0x1f77b4 + 0x202000 * i);
  }

  /** Light blue: the encoder network in diagrams, the reconstruction term in stacked curves. */
  public static final Color ENCODER = new Color(174, 199, 232);
  /** Light orange: the decoder network in diagrams, the KL term in stacked curves. */
  public static final Color DECODER = new Color(255, 187, 120);
  /** Red: what is wrong or blocked (a gradient that cannot pass, an erratum's curve). */
  public static final Color WARNING = RED;
}
