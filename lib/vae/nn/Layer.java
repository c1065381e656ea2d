package vae.nn;

import java.util.List;

/**
 * One step of a network: {@code forward} maps a batch [batch][in] to [batch][out] and remembers
 * what {@code backward} needs; {@code backward} takes dL/d(output), ADDS the parameter gradients
 * into each {@link Param#grad} and returns dL/d(input). Chapter 01.
 */
public interface Layer {
  /** y = f(x) for a batch x [batch][in]; caches what backward needs. */
  Matrix forward(Matrix x);

  /** Given dL/dy of the last forward, accumulates (+=) parameter gradients and returns dL/dx. */
  Matrix backward(Matrix gradOut);

  /** The trainable parameters (empty for an activation). */
  List<Param> params();
}
