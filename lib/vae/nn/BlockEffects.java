package vae.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * An optimiser that wraps another and, for its first steps, measures what each of two blocks of
 * parameters contributes: the change of a probe function f caused by the whole update, by the
 * first block's part of it alone (the second block held at its old values), and by the second
 * block's part alone. The weights after each step are exactly the wrapped optimiser's. Chapter 05
 * (claim EL-6: the encoder's and the decoder's parts of one step both raise the one bound).
 */
public final class BlockEffects implements Optimizer {
  /** One step: f(after) − f(before), and the same for each block's part alone, and which moved. */
  public record Effect(double whole, double first, double second, boolean firstMoved,
      boolean secondMoved) {}

  private final Optimizer inner;
  private final List<Param> params;
  private final int split;
  private final DoubleSupplier f;
  private final int maxSteps;
  private final List<Effect> effects = new ArrayList<>();

  /**
   * Wraps {@code inner}, which updates {@code params}; the first block is params[0, split), the
   * second params[split, end); {@code f} is evaluated at the current weights.
   *
   * @throws IllegalArgumentException if a block is empty or maxSteps &lt; 0
   */
  public BlockEffects(Optimizer inner, List<Param> params, int split, DoubleSupplier f,
      int maxSteps) {
    if (split < 1 || split >= params.size() || maxSteps < 0) {
      throw new IllegalArgumentException("need 1 ≤ split < " + params.size()
          + " parameters and maxSteps ≥ 0, got split=" + split + ", maxSteps=" + maxSteps);
    }
    this.inner = inner;
    this.params = List.copyOf(params);
    this.split = split;
    this.f = f;
    this.maxSteps = maxSteps;
  }

  @Override
  public void step() {
    if (effects.size() >= maxSteps) {
      inner.step();
      return;
    }
    List<Matrix> before = snapshot();
    double f0 = f.getAsDouble();
    inner.step();
    List<Matrix> after = snapshot();
    double fBoth = f.getAsDouble();
    set(before, after, split, params.size()); // first block old, second new
    double fSecond = f.getAsDouble();
    set(after, before, split, params.size()); // first block new, second old
    double fFirst = f.getAsDouble();
    set(after, after, split, params.size()); // back to exactly the wrapped optimiser's weights
    effects.add(new Effect(fBoth - f0, fFirst - f0, fSecond - f0, moved(before, after, 0, split),
        moved(before, after, split, params.size())));
  }

  @Override
  public void zeroGrad() {
    inner.zeroGrad();
  }

  /** The measured steps, in order. */
  public List<Effect> effects() {
    return List.copyOf(effects);
  }

  private List<Matrix> snapshot() {
    return params.stream().map(p -> p.value.copy()).toList();
  }

  /** Block one (params below {@code split}) from {@code first}, block two from {@code second}. */
  private void set(List<Matrix> first, List<Matrix> second, int split, int end) {
    for (int i = 0; i < end; i++) {
      params.get(i).value.setFrom(i < split ? first.get(i) : second.get(i));
    }
  }

  private static boolean moved(List<Matrix> a, List<Matrix> b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a.get(i).maxAbsDiff(b.get(i)) > 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "BlockEffects[" + inner + ", blocks of " + split + " and " + (params.size() - split)
        + " tensors, " + effects.size() + "/" + maxSteps + " steps measured]";
  }
}
