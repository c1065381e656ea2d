package vae.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A multi-layer perceptron: Dense layers with an activation between them, e.g. sizes
 * {64, 256, 256, 32} give 64→256→256→32. Forward runs the layers in order, backward in reverse.
 * Chapter 01; the encoders and decoders of chapters 05–07.
 */
public final class Mlp implements Layer {
  private final int[] sizes;
  private final Activation.Kind hidden;
  private final Activation.Kind output;
  private final List<Layer> layers = new ArrayList<>();
  private final List<Param> params = new ArrayList<>();

  /**
   * An MLP with {@code hidden} after every inner layer and {@code output} after the last one
   * (IDENTITY for none), weights initialised from {@code rng} (He for ReLU-like, else Glorot).
   *
   * @throws IllegalArgumentException if fewer than two sizes are given or one is not positive
   */
  public Mlp(int[] sizes, Activation.Kind hidden, Activation.Kind output, SplittableRandom rng) {
    this("", sizes, hidden, output, rng);
  }

  /**
   * The same, with parameters named {@code name.layer1.W}, {@code name.layer1.b}, … (so an
   * encoder's and a decoder's rows in a gradient table can be told apart).
   *
   * @throws IllegalArgumentException if fewer than two sizes are given or one is not positive
   */
  public Mlp(String name, int[] sizes, Activation.Kind hidden, Activation.Kind output,
      SplittableRandom rng) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException("an MLP needs at least an input and an output size, got "
          + Arrays.toString(sizes));
    }
    for (int s : sizes) {
      if (s <= 0) {
        throw new IllegalArgumentException("layer sizes must be positive, got " + Arrays.toString(sizes));
      }
    }
    this.sizes = sizes.clone();
    this.hidden = hidden;
    this.output = output;
    for (int l = 0; l + 1 < sizes.length; l++) {
      boolean last = l + 2 == sizes.length;
      Activation.Kind act = last ? output : hidden;
      Dense d = new Dense((name.isEmpty() ? "" : name + ".") + "layer" + (l + 1), sizes[l],
          sizes[l + 1], Init.forActivation(act), rng);
      layers.add(d);
      params.addAll(d.params());
      if (act != Activation.Kind.IDENTITY) { // hidden: in place on the Dense layer's own output
        layers.add(last ? Activation.of(act) : Activation.inPlace(act));
      }
    }
  }

  @Override
  public Matrix forward(Matrix x) {
    Matrix h = x;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      Layer next = i + 1 < layers.size() ? layers.get(i + 1) : null;
      if (layer instanceof Dense d && next instanceof Activation a && a.inPlace()) {
        h = d.forward(h, a); // the hidden activation runs inside the layer's product
        i++;
      } else {
        h = layer.forward(h);
      }
    }
    return h;
  }

  /** Backpropagates through the layers in reverse; returns dL/dx (null if switched off). */
  @Override
  public Matrix backward(Matrix gradOut) {
    Matrix g = gradOut;
    for (int i = layers.size() - 1; i >= 0; i--) {
      g = layers.get(i).backward(g);
    }
    return g;
  }

  /**
   * Whether backward computes dL/dx of the input (default true). An encoder fed with data does
   * not need it; switching it off saves the largest product of the backward pass.
   */
  public Mlp setInputGradient(boolean needed) {
    ((Dense) layers.get(0)).setInputGradient(needed);
    return this;
  }

  @Override
  public List<Param> params() {
    return List.copyOf(params);
  }

  /** Input width. */
  public int in() {
    return sizes[0];
  }

  /** Output width. */
  public int out() {
    return sizes[sizes.length - 1];
  }

  /** The number of trainable scalars: Σ (in·out + out) over the Dense layers. */
  public int parameterCount() {
    return params.stream().mapToInt(Param::size).sum();
  }

  /** {@code Mlp[64→256→256→32, leakyRelu]} (plus the output activation, if any). */
  @Override
  public String toString() {
    String arrows = Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining("→"));
    return "Mlp[" + arrows + ", " + hidden
        + (output == Activation.Kind.IDENTITY ? "" : ", " + output + " output") + "]";
  }
}
