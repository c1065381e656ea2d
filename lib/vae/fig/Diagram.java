package vae.fig;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A schematic drawn from code: boxes (a symbol, a caption, a formula), network blocks drawn as
 * trapezoids, circles for random variables, and arrows between them that either carry a gradient
 * (solid), carry none (dashed, marked ✗) or only show dependence (grey). Coordinates are pixels
 * of a {@code width × height} canvas; {@link Figures#saveDiagram} writes it as PNG and SVG. Used
 * for the notes' block diagrams (chapters 01, 04, 05).
 */
public final class Diagram {
  /** How a node is drawn. */
  public enum Shape {
    /** A rounded box: data or a computed value. */
    BOX,
    /** A trapezoid narrowing left to right: an encoder network. */
    NARROWING,
    /** A trapezoid widening left to right: a decoder network. */
    WIDENING,
    /** A circle: a random variable of a graphical model. */
    CIRCLE,
    /** A grey-filled circle: an observed random variable. */
    OBSERVED,
    /** Plain text, no frame: a parameter or a note. */
    TEXT
  }

  /** How an arrow is drawn. */
  public enum Flow {
    /** Solid: the value flows forward and a gradient can flow back. */
    GRADIENT,
    /** Dashed and marked ✗: sampling, which no gradient can pass back through. */
    BLOCKED,
    /** Grey: a dependence in a graphical model, or an input that needs no gradient. */
    PLAIN
  }

  /** One node: centre (x, y), size, shape, the symbol, a caption under it and a formula line. */
  public record Node(double x, double y, double w, double h, Shape shape, String symbol,
      String caption, String formula, Color fill) {}

  private record Arrow(Node from, Node to, Flow flow, String label, boolean head) {}

  private final String title;
  private final int width;
  private final int height;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Arrow> arrows = new ArrayList<>();

  /**
   * An empty diagram with a title on a {@code width × height} canvas.
   *
   * @throws IllegalArgumentException if a size is not positive
   */
  public Diagram(String title, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("diagram size must be positive, got " + width + "×"
          + height);
    }
    this.title = title;
    this.width = width;
    this.height = height;
  }

  /** Adds a node centred at (x, y) and returns it, for arrows. */
  public Node node(double x, double y, double w, double h, Shape shape, String symbol,
      String caption, String formula) {
    Color fill = switch (shape) {
      case NARROWING -> Palette.ENCODER;
      case WIDENING -> Palette.DECODER;
      case OBSERVED -> new Color(215, 215, 215);
      case TEXT -> null;
      default -> Color.WHITE;
    };
    Node n = new Node(x, y, w, h, shape, symbol, caption, formula, fill);
    nodes.add(n);
    return n;
  }

  /** Adds an arrow from one node's border to another's, with an optional label at its middle. */
  public Diagram arrow(Node from, Node to, Flow flow, String label) {
    arrows.add(new Arrow(from, to, flow, label, true));
    return this;
  }

  /** A line without a head: the first leg of a bent arrow (through a TEXT node as its corner). */
  public Diagram line(Node from, Node to, Flow flow, String label) {
    arrows.add(new Arrow(from, to, flow, label, false));
    return this;
  }

  public String title() {
    return title;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** Draws the diagram onto {@code g} (a bitmap's or an SVG document's). */
  public void paint(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
        RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    centred(g, title, width / 2.0, 24);
    for (Arrow a : arrows) {
      drawArrow(g, a);
    }
    for (Node n : nodes) {
      drawNode(g, n);
    }
  }

  private void drawNode(Graphics2D g, Node n) {
    double x0 = n.x() - n.w() / 2;
    double y0 = n.y() - n.h() / 2;
    java.awt.Shape outline = switch (n.shape()) {
      case BOX -> new RoundRectangle2D.Double(x0, y0, n.w(), n.h(), 14, 14);
      case NARROWING -> trapezoid(x0, y0, n.w(), n.h(), true);
      case WIDENING -> trapezoid(x0, y0, n.w(), n.h(), false);
      case CIRCLE, OBSERVED -> new java.awt.geom.Ellipse2D.Double(x0, y0, n.w(), n.h());
      case TEXT -> null;
    };
    if (outline != null) {
      g.setColor(n.fill());
      g.fill(outline);
      g.setColor(new Color(60, 60, 60));
      g.setStroke(new BasicStroke(1.6f));
      g.draw(outline);
    }
    boolean hasFormula = n.formula() != null && !n.formula().isEmpty();
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SERIF, Font.BOLD | Font.ITALIC, 20));
    centred(g, n.symbol(), n.x(), n.y() + (hasFormula ? -4 : 7));
    if (hasFormula) {
      g.setFont(new Font(Font.SERIF, Font.PLAIN, 13));
      centred(g, n.formula(), n.x(), n.y() + 16);
    }
    if (n.caption() != null && !n.caption().isEmpty()) {
      g.setColor(new Color(70, 70, 70));
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      centred(g, n.caption(), n.x(), n.y() + n.h() / 2 + 16);
    }
  }

  private static Polygon trapezoid(double x0, double y0, double w, double h, boolean narrowing) {
    int inset = (int) Math.round(h * 0.25);
    int l = (int) Math.round(x0);
    int r = (int) Math.round(x0 + w);
    int t = (int) Math.round(y0);
    int b = (int) Math.round(y0 + h);
    return narrowing
        ? new Polygon(new int[] {l, r, r, l}, new int[] {t, t + inset, b - inset, b}, 4)
        : new Polygon(new int[] {l, r, r, l}, new int[] {t + inset, t, b, b - inset}, 4);
  }

  private static void drawArrow(Graphics2D g, Arrow a) {
    double[] p = border(a.from(), a.to().x(), a.to().y());
    double[] q = border(a.to(), a.from().x(), a.from().y());
    Color c = a.flow() == Flow.PLAIN ? new Color(130, 130, 130)
        : a.flow() == Flow.BLOCKED ? Palette.WARNING : new Color(40, 40, 40);
    g.setColor(c);
    g.setStroke(a.flow() == Flow.BLOCKED
        ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {7, 5},
            0)
        : new BasicStroke(2f));
    g.draw(new Line2D.Double(p[0], p[1], q[0], q[1]));
    if (a.head()) {
      drawHead(g, p, q);
    }
    double mx = (p[0] + q[0]) / 2;
    double my = (p[1] + q[1]) / 2;
    String label = a.flow() == Flow.BLOCKED ? "✗ " + nullToEmpty(a.label()) : a.label();
    if (label != null && !label.isBlank()) {
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      boolean vertical = Math.abs(q[0] - p[0]) < Math.abs(q[1] - p[1]);
      if (vertical) {
        g.drawString(label.strip(), (float) (mx + 8), (float) (my + 4));
      } else {
        centred(g, label.strip(), mx, my - 7);
      }
    }
  }

  private static void drawHead(Graphics2D g, double[] p, double[] q) {
    double angle = Math.atan2(q[1] - p[1], q[0] - p[0]);
    Polygon head = new Polygon();
    head.addPoint((int) Math.round(q[0]), (int) Math.round(q[1]));
    head.addPoint((int) Math.round(q[0] - 11 * Math.cos(angle - 0.4)),
        (int) Math.round(q[1] - 11 * Math.sin(angle - 0.4)));
    head.addPoint((int) Math.round(q[0] - 11 * Math.cos(angle + 0.4)),
        (int) Math.round(q[1] - 11 * Math.sin(angle + 0.4)));
    g.fill(head);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Where the segment from n's centre toward (tx, ty) leaves n's bounding shape. */
  private static double[] border(Node n, double tx, double ty) {
    double dx = tx - n.x();
    double dy = ty - n.y();
    double len = Math.hypot(dx, dy);
    if (len == 0 || n.shape() == Shape.TEXT) {
      double s = n.shape() == Shape.TEXT && len > 0 ? Math.min(n.w() / 2 / Math.abs(dx + 1e-9),
          n.h() / 2 / Math.abs(dy + 1e-9)) : 0;
      return new double[] {n.x() + dx * Math.min(s, 1), n.y() + dy * Math.min(s, 1)};
    }
    double s;
    if (n.shape() == Shape.CIRCLE || n.shape() == Shape.OBSERVED) {
      s = (n.w() / 2) / len;
    } else {
      s = Math.min(n.w() / 2 / Math.max(Math.abs(dx), 1e-9), n.h() / 2 / Math.max(Math.abs(dy),
          1e-9));
    }
    return new double[] {n.x() + dx * s, n.y() + dy * s};
  }

  private static void centred(Graphics2D g, String s, double x, double y) {
    FontMetrics fm = g.getFontMetrics();
    g.drawString(s, (float) (x - fm.stringWidth(s) / 2.0), (float) y);
  }

  @Override
  public String toString() {
    return "Diagram[" + title + ", " + nodes.size() + " nodes, " + arrows.size() + " arrows]";
  }
}
