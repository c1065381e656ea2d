package vae.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import vae.io.Project;
import vae.data.Npz;
import vae.nn.Activation;
import vae.nn.Init;
import vae.nn.Matrix;
import vae.nn.Param;

/**
 * A {@link Vae} as a NumPy {@code .npz} file, laid out like a PyTorch state dict of two
 * {@code nn.Sequential(Linear, act, Linear, act, …, Linear)}: {@code encoder.0.weight} [out×in],
 * {@code encoder.0.bias} [out], {@code encoder.2.…}, …, {@code decoder.0.…}, plus the
 * configuration ({@code config.*}) and the format and project versions. The encoder's output is
 * (μ, log σ²) side by side; the decoder's is the likelihood's parameters (see
 * {@code tools/numpy_vae.py}). Chapter 05; read by NumPy in {@code tools/numpy_vae.py}.
 */
public final class VaeNpz {
  /** The value of the {@code format} array. */
  public static final String FORMAT = "vae-verified/vae";
  /** The format version this code writes and reads. */
  public static final int VERSION = 1;

  private VaeNpz() {}

  /** Whether {@code path} names an .npz file (what {@code --save} and {@code --load} go by). */
  public static boolean named(Path path) {
    return path.getFileName() != null && path.getFileName().toString().endsWith(".npz");
  }

  /**
   * Writes {@code vae}'s weights and configuration to {@code path} atomically.
   *
   * @throws IllegalArgumentException for a conditional VAE (the format has no condition)
   */
  public static void save(Vae vae, Path path) {
    if (!vae.prior().spec().equals("standard")) {
      throw new IllegalArgumentException("the .npz export holds the standard prior only, this VAE "
          + "has " + vae.prior().spec() + "; save it under a name not ending in .npz");
    }
    Vae.Config c = vae.config();
    if (c.condition() > 0) {
      throw new IllegalArgumentException(path + ": the .npz format holds unconditional VAEs "
          + "only; save a conditional one without .npz (the book's own model format)");
    }
    Npz npz = new Npz().putText("format", FORMAT).putInt("format_version", VERSION)
        .putText("project_version", Project.VERSION)
        .putInt("config.data_dim", c.dataDim()).putInts("config.hidden", c.hidden())
        .putInt("config.latent", c.latent()).putText("config.activation", c.activation().toString())
        .putScalar("config.leaky_relu_slope", Activation.LEAKY_SLOPE)
        .putText("config.likelihood", vae.likelihood().spec())
        .putText("config.init", vae.init().toString())
        .putScalar("config.beta", vae.beta()).putInt("config.samples", vae.samples());
    List<Param> params = vae.params();
    List<String> names = names(c);
    for (int p = 0; p < params.size(); p += 2) {
      // Dense holds y = x·W + b with W [in][out]; nn.Linear holds y = x·Wᵀ + b with W [out][in]
      npz.put(names.get(p / 2) + ".weight", params.get(p).value.transpose().a);
      npz.put(names.get(p / 2) + ".bias", params.get(p + 1).value.a[0]);
    }
    npz.write(path);
  }

  /**
   * Reads a VAE written by {@link #save}: the same weights, so the same numbers bit for bit.
   *
   * @throws IllegalArgumentException naming the file and the problem if it is missing, not an
   *     .npz, not a VAE of this book, of another format version, or its arrays do not fit its
   *     configuration
   */
  public static Vae load(Path path) {
    if (!java.nio.file.Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no model file at " + path
          + " (train and export one with --save FILE.npz)");
    }
    Npz npz = Npz.read(path);
    if (!npz.has("format") || !npz.text("format").equals(FORMAT)) {
      throw new IllegalArgumentException(path + " is not a VAE exported by this book (no array "
          + "'format' = '" + FORMAT + "'); write one with VaeNpz.save or --save FILE.npz");
    }
    long version = npz.integer("format_version");
    if (version != VERSION) {
      throw new IllegalArgumentException(path + " has VAE format version " + version + ", this "
          + "code reads version " + VERSION + "; export the model again");
    }
    Vae vae;
    try {
      String act = npz.text("config.activation");
      Activation.Kind kind = Arrays.stream(Activation.Kind.values())
          .filter(k -> k.toString().equals(act)).findFirst().orElseThrow(() ->
              new IllegalArgumentException("unknown activation '" + act + "'"));
      Vae.Config c = new Vae.Config(toInt(npz.integer("config.data_dim")),
          Arrays.stream(npz.ints("config.hidden")).mapToInt(VaeNpz::toInt).toArray(),
          toInt(npz.integer("config.latent")), kind, npz.text("config.likelihood"));
      // how the weights started: a label only (files written before it existed are all 'he')
      String init = npz.has("config.init") ? npz.text("config.init") : "he";
      Init.Scheme scheme = Arrays.stream(Init.Scheme.values())
          .filter(k -> k.toString().equals(init)).findFirst().orElseThrow(() ->
              new IllegalArgumentException("unknown initialisation '" + init + "'"));
      vae = new Vae(c, scheme, new SplittableRandom(0))
          .training(npz.scalar("config.beta"), toInt(npz.integer("config.samples")));
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      throw new IllegalArgumentException(m.startsWith(path.toString()) ? m
          : path + " has a bad configuration: " + m, e);
    }
    List<String> names = names(vae.config());
    TreeSet<String> expected = new TreeSet<>();
    names.forEach(n -> expected.addAll(List.of(n + ".weight", n + ".bias")));
    TreeSet<String> found = new TreeSet<>(npz.names().stream()
        .filter(n -> n.startsWith("encoder.") || n.startsWith("decoder.")).toList());
    if (!found.equals(expected)) {
      throw new IllegalArgumentException(path + " does not fit its configuration "
          + vae.config() + ": it holds the layers " + found + ", the configuration needs "
          + expected);
    }
    List<Param> params = vae.params();
    for (int p = 0; p < params.size(); p += 2) {
      Matrix w = params.get(p).value; // [in][out]
      String name = names.get(p / 2);
      int[] ws = npz.shape(name + ".weight");
      int[] bs = npz.shape(name + ".bias");
      if (!Arrays.equals(ws, new int[] {w.cols, w.rows})
          || !Arrays.equals(bs, new int[] {w.cols})) {
        throw new IllegalArgumentException(path + ": layer " + name + " has weight "
            + Arrays.toString(ws) + " and bias " + Arrays.toString(bs) + "; the configuration "
            + vae.config() + " needs [" + w.cols + ", " + w.rows + "] and [" + w.cols + "]");
      }
      double[][] weight = npz.matrix(name + ".weight"); // [out][in]
      double[] bias = npz.vector(name + ".bias");
      for (int i = 0; i < w.rows; i++) {
        for (int o = 0; o < w.cols; o++) {
          w.a[i][o] = weight[o][i];
        }
      }
      System.arraycopy(bias, 0, params.get(p + 1).value.a[0], 0, bias.length);
    }
    return vae;
  }

  /**
   * The module names of the Dense layers, in {@link Vae#params} order: the index of each Linear
   * in an {@code nn.Sequential} that puts an activation module after every hidden layer.
   */
  static List<String> names(Vae.Config c) {
    int step = c.activation() == Activation.Kind.IDENTITY ? 1 : 2;
    List<String> names = new ArrayList<>();
    for (String net : List.of("encoder", "decoder")) {
      for (int l = 0; l <= c.hidden().length; l++) {
        names.add(net + "." + l * step);
      }
    }
    return names;
  }

  private static int toInt(long v) {
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("size " + v + " is out of range");
    }
    return (int) v;
  }
}
