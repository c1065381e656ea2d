package vae.nn;

/** Updates parameters from their accumulated gradients. Chapter 01. */
public interface Optimizer {
  /** One update of every parameter from its gradient. */
  void step();

  /** Sets every gradient to zero, before the next backward pass. */
  void zeroGrad();
}
