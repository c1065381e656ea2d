///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Ch.1 — Autoencoders: PCA is the best linear code, and a network learns the same plane
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Chapter 1 — Autoencoders: PCA is the best linear code, and a network learns the same plane
 * Squeeze 64 pixels through a 2-number bottleneck and back: the best linear way is PCA, a trained
 * linear network finds the same plane in another basis, and a non-linear one does better but
 * leaves holes in its code space.
 *
 * **This chapter verifies:** AE-1, AE-2, AE-3, AE-4, AE-5, AE-20, ER-4 (and EL-8 for the network it
 * trains)
 *
 * **Run:** `./jbang chapters/01_autoencoder.java [--quick] [--seed N]` (alias `./jbang ae`)
 *
 * **Figures:** `figures/01_autoencoder_diagram.png`, `01_digits.png`, `01_explained_variance.png`,
 * `01_pca_projection.png`, `01_linear_ae_angle.png`, `01_training_curve.png`, `01_codes.png`,
 * `01_decoded_grid.png`, `01_latent_gaps.png` (and `.svg`)
 *
 * Each claim in one line (its source, tests and tolerance are in `CLAIMS.md`):
 * - **AE-1** — An autoencoder is trained to make its reconstruction error ‖x − d(e(x))‖² small
 * - **AE-2** — PCA's top-k eigenvectors span the k-dim. subspace with least projection error
 * - **AE-3** — A linear autoencoder trained by gradient descent finds PCA's subspace
 * - **AE-4** — …but its basis need not be PCA's: the decoder's columns need not be orthogonal
 * - **AE-5** — A free autoencoder's code space has holes: codes off the data decode to non-data
 * - **AE-20** — PCA's principal line is the line with least mean squared distance to the points
 * - **ER-4** — Erratum: a decoder from k < D numbers cannot be a bijection onto the images
 * - **EL-8** — Hand-written backprop gradients equal finite differences
 *
 * Dimensionality reduction describes each data point with fewer numbers. An *encoder* e maps x
 * (here an 8×8 digit, 64 numbers) to a code z with n_e numbers; a *decoder* d maps the code back.
 * Information is lost on the way, so we look for the pair that loses the least:
 * (e*, d*) = argmin over (e, d) of the reconstruction error ‖x − d(e(x))‖², averaged over the data.
 * The data are the 1,797 UCI digits shipped in `data/uci-digits/` (first 1,000 train, next 350
 * validate, last 447 test).
 */
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler.LegendPosition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Fmt;
import vae.book.Progress;
import vae.data.Digits;
import vae.fig.Figures;
import vae.fig.Palette;
import vae.fig.Schematics;
import vae.fig.ImageGrid;
import vae.fig.Layers;
import vae.fig.Projection;
import vae.fig.Scatter;
import vae.model.Autoencoder;
import vae.model.LatentPaths;
import vae.model.NearestNeighbours;
import vae.model.Pca;
import vae.model.Subspaces;
import vae.model.Trainer;
import vae.model.Dataset;
import vae.nn.Activation;
import vae.nn.Activation.Kind;
import vae.nn.Dense;
import vae.nn.GradCheck;
import vae.nn.Init;
import vae.nn.Matrix;
import vae.nn.Sgd;
import vae.prob.MonteCarlo;
import vae.prob.Quantiles;

@Command(name = "01_autoencoder", mixinStandardHelpOptions = true,
    description = "Chapter 1 — Autoencoders: PCA is the best linear code, and a network learns "
        + "the same plane")
class Ch01Autoencoder implements Callable<Integer> {
  @Mixin ChapterOptions opt;
  private final Checks checks = new Checks();

  /** The code size n_e used throughout: two numbers, so codes can be drawn on a page. */
  static final int K = 2;
  static final String[] DIGITS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
  static final Color BLUE = Scatter.PALETTE[0];
  static final Color ORANGE = Scatter.PALETTE[1];
  static final Color GREEN = Scatter.PALETTE[2];
  static final Color RED = Palette.RED;
  static final Color GREY = Scatter.PALETTE[7];

  private Digits digits;
  private Matrix x;      // training images, pixels/16  [1000][64]
  private Pca pca;

  public static void main(String[] args) {
    System.exit(Chapter.run(new Ch01Autoencoder(), args));
  }

  @Override
  public Integer call() {
    SplittableRandom root = MonteCarlo.rng(opt.seed);
    data();
    bestLinearSubspace(root.split());
    Matrix decoder = linearAutoencoder(root.split());
    notTheSameBasis(decoder);
    backpropChecked(root.split());
    Autoencoder ae = nonLinearAutoencoder(root.split());
    irregularLatentSpace(ae, root.split());
    summary();
    return checks.summary();
  }

  /*
   * ## 1. The data
   * Each digit is an 8×8 grid of counts 0…16 (how many pixels of a 4×4 block were inked in the
   * original 32×32 scan). We divide by 16, so pixels lie in [0, 1] and an image is a point in ℝ⁶⁴.
   */
  void data() {
    Chapter.section("1. The data");
    // the whole idea in one picture: x → encoder → code z → decoder → x̂, trained on ‖x − x̂‖²
    Figures.saveDiagram(Schematics.autoencoder(), "01_autoencoder_diagram");
    digits = Digits.load();
    x = digits.train.scaled();
    System.out.println(digits);
    BufferedImage first40 = ImageGrid.of(x.rows(IntStream.range(0, 40).toArray()), 8, 10, 8);
    Figures.saveImage(ImageGrid.titled(first40, "The first 40 training digits (8×8, pixel/16; "
        + "dark = ink)", "UCI optical digits, CC BY 4.0"), "01_digits");
  }

  /*
   * ## 2. PCA: the best linear subspace  (AE-2)
   * Restrict e and d to linear maps. Then x̂ = d(e(x)) lies in a k-dimensional subspace, and the
   * best decoder projects orthogonally onto it. PCA picks the subspace: centre the data, form the
   * covariance C = (1/N) Σ (x − x̄)(x − x̄)ᵀ, and keep its top-k eigenvectors. The mean squared
   * distance of the data to that subspace is the sum of the eigenvalues left out, and no other
   * k-dimensional subspace does better. We test that against 1,000 random planes and against
   * 1,000 planes nudged slightly away from PCA's.
   */
  void bestLinearSubspace(SplittableRandom rng) {
    Chapter.section("2. PCA: the best linear subspace  (AE-2)");
    pca = Pca.fit(x);
    Matrix xc = pca.center(x);
    System.out.printf("%s | the top %d keep %.1f %% of the variance%n", pca, K,
        100 * pca.explainedVariance(K));
    // E_k = (1/N) Σ ‖x − Q Qᵀ x‖²  with Q the top-k eigenvectors;  E_k = Σ_{j>k} λ_j
    double errPca = Pca.projectionError(xc, pca.basis(K));
    checks.close("AE-2", "PCA projection error", errPca, "Σ discarded λ",
        pca.discardedVariance(K), 1e-9);
    double bestRandom = Double.POSITIVE_INFINITY;
    double bestNudged = Double.POSITIVE_INFINITY;
    for (int t = 0; t < 1000; t++) {
      Matrix random = Subspaces.random(64, K, rng);
      bestRandom = Math.min(bestRandom, Pca.projectionError(xc, random));
      // a nudged plane: span(Q + 0.05·G), G a random orthonormal 64×2
      Matrix g = Subspaces.random(64, K, rng);
      Matrix nudged = Subspaces.orthonormalize(pca.basis(K).plus(g.scale(0.05)));
      bestNudged = Math.min(bestNudged, Pca.projectionError(xc, nudged));
    }
    checks.that("AE-2", String.format("PCA %s ≤ best of 1,000 random planes %s and of 1,000 "
        + "nudged PCA planes %s", Fmt.num(errPca), Fmt.num(bestRandom), Fmt.num(bestNudged)),
        errPca <= bestRandom && errPca <= bestNudged);

    XYChart chart = Figures.xy("AE-2: PCA keeps more variance than any other k-dim. subspace",
        "code size k (dimensions kept)", "share of the variance kept");
    double[] k = IntStream.rangeClosed(1, 64).asDoubleStream().toArray();
    double[] kept = Arrays.stream(k).map(j -> pca.explainedVariance((int) j)).toArray();
    Layers.line(chart, "PCA (top-k eigenvectors)", k, kept, BLUE);
    // a uniformly random k-plane keeps k/d of the variance on average
    Layers.dashed(chart, "random k-plane (expected k/64)", new double[] {1, 64},
        new double[] {1 / 64.0, 1}, GREY);
    double keptByBest = 1 - bestRandom / pca.discardedVariance(0); // discardedVariance(0) = Σ λ
    Layers.points(chart, String.format("best of 1,000 random 2-planes (%.2f)", keptByBest),
        new double[] {K}, new double[] {keptByBest}, null, RED);
    chart.getStyler().setLegendPosition(LegendPosition.InsideSE);
    chart.getStyler().setMarkerSize(9);
    Figures.save(chart, "01_explained_variance");
    pcaAsProjection(rng, xc);
  }

  /*
   * ### PCA as a projection, in two dimensions  (AE-20, ER-4)
   * The same idea drawn in the plane, as note 002 pictures it: 100 points from a tilted Gaussian,
   * the principal line (k = 1), and each point's orthogonal projection onto it — the point's
   * one-number code, decoded. The mean squared length of the segments is what the code loses; it
   * equals the smaller eigenvalue λ₂ of the 2×2 covariance (the quadratic formula, independent of
   * the eigen-solver), and a scan of 3,600 directions finds none that loses less.
   *
   * Note 000 wants a bijection between codes h and images (ER-4). A decoder from k numbers to
   * D > k numbers reaches only a k-dimensional surface: here no point but the few that happen to
   * lie on the line is a decoded code, and on the digits the best 2-number linear code misses every
   * one of the 1,000 training images. (A continuous one-to-one map from ℝᵏ cannot fill ℝᴰ either,
   * and a VAE's decoder is a distribution p(x|h), not a map: one h gives many x.)
   */
  void pcaAsProjection(SplittableRandom rng, Matrix xc) {
    double[][] pts = new double[100][];
    for (int i = 0; i < pts.length; i++) {
      double u = rng.nextGaussian();
      double v = rng.nextGaussian();
      pts[i] = new double[] {1 + 1.6 * u, 0.5 + 0.9 * u + 0.45 * v}; // a tilted Gaussian cloud
    }
    Pca p2 = Pca.fit(Matrix.of(pts));
    double[] dir = {p2.components.a[0][0], p2.components.a[1][0]};
    double[][] cov = new double[2][2];
    for (double[] q : pts) {
      for (int r = 0; r < 2; r++) {
        for (int s = 0; s < 2; s++) {
          cov[r][s] += (q[r] - p2.mean[r]) * (q[s] - p2.mean[s]) / pts.length;
        }
      }
    }
    // λ₂ = (c₁₁ + c₂₂)/2 − √(((c₁₁ − c₂₂)/2)² + c₁₂²)
    double lambda2 = (cov[0][0] + cov[1][1]) / 2
        - Math.hypot((cov[0][0] - cov[1][1]) / 2, cov[0][1]);
    double lossPca = meanSquaredDistance(pts, p2.mean, dir);
    checks.close("AE-20", "mean squared distance to the principal line", lossPca,
        "λ₂ (quadratic formula)", lambda2, 1e-12);
    double best = Double.POSITIVE_INFINITY;
    double bestAngle = 0;
    for (int t = 0; t < 3600; t++) {
      double th = Math.PI * t / 3600;
      double loss = meanSquaredDistance(pts, p2.mean, new double[] {Math.cos(th), Math.sin(th)});
      if (loss < best) {
        best = loss;
        bestAngle = th;
      }
    }
    double pcaAngle = (Math.atan2(dir[1], dir[0]) + 2 * Math.PI) % Math.PI; // in [0, π)
    checks.that("AE-20", String.format("best of 3,600 directions loses %s at %.2f°, PCA's line %s "
        + "at %.2f° | none below PCA's (1e-12), within 0.05°", Fmt.num(best),
        Math.toDegrees(bestAngle), Fmt.num(lossPca), Math.toDegrees(pcaAngle)),
        best >= lossPca - 1e-12 && Math.abs(bestAngle - pcaAngle) <= Math.toRadians(0.05));
    double nearest = Double.POSITIVE_INFINITY;
    Matrix q = pca.basis(K);
    Matrix resid = xc.minus(xc.matmul(q).matmulTransB(q)); // x − QQᵀx: what the code cannot reach
    for (double[] row : resid.a) {
      nearest = Math.min(nearest, Arrays.stream(row).map(r -> r * r).sum());
    }
    checks.that("ER-4", String.format("no decoded 2-number code equals a training digit: the "
        + "closest is %s away (squared), the mean %s = Σ discarded λ", Fmt.num(nearest),
        Fmt.num(pca.discardedVariance(K))), nearest > 1e-6);
    double[][] cols = new double[2][pts.length];
    for (int i = 0; i < pts.length; i++) {
      cols[0][i] = pts[i][0];
      cols[1][i] = pts[i][1];
    }
    Figures.save(Projection.chart(String.format("AE-20: PCA projects onto the principal line "
        + "(loss λ₂ = %.3f)", lambda2), cols[0], cols[1], p2.mean, dir, pts.length),
        "01_pca_projection");
  }

  /** (1/N) Σ ‖x − m − ((x − m)·u) u‖²: the mean squared distance to the line m + t·u. */
  static double meanSquaredDistance(double[][] pts, double[] m, double[] u) {
    double sum = 0;
    for (double[] q : pts) {
      double dx = q[0] - m[0];
      double dy = q[1] - m[1];
      double t = dx * u[0] + dy * u[1];
      sum += (dx - t * u[0]) * (dx - t * u[0]) + (dy - t * u[1]) * (dy - t * u[1]);
    }
    return sum / pts.length;
  }

  /*
   * ## 3. A linear autoencoder finds the same subspace  (AE-3)
   * Now train instead of solving: one linear layer each way, z = W_e x + b_e and x̂ = W_d z + b_d,
   * by plain gradient descent on the mean squared error, starting from random weights. The book's
   * one training loop, `Trainer.fit`, does the work; with a batch of all 1,000 images each epoch is
   * one gradient step. Nothing in the training mentions eigenvectors, yet the columns of the
   * decoder matrix end up spanning PCA's plane. We measure how far apart two planes are by their
   * principal angles (all zero for the same plane) and watch the largest one shrink.
   */
  Matrix linearAutoencoder(SplittableRandom rng) {
    Chapter.section("3. A linear autoencoder finds the same subspace  (AE-3)");
    Matrix xc = pca.center(x);
    Autoencoder lin = Autoencoder.linear(64, K, rng);
    int steps = opt.pick(2000, 400);
    System.out.println(lin + " | full-batch gradient descent, lr 0.5, " + steps + " steps");
    // θ ← θ − 0.5·∇L(θ) with L = (1/N) Σ ‖x − x̂‖² over all N = 1,000 images: one step per epoch
    Trainer.Options gd = new Trainer.Options(steps, xc.rows, 0.5, 0, ps -> new Sgd(ps, 0.5));
    double[] step = new double[steps / 10];
    double[] angle = new double[steps / 10];
    Trainer.fit(lin, images("centred train", xc), null, gd, rng, (e, o) -> {
      if (e.epoch() % 10 == 0) {
        step[e.epoch() / 10 - 1] = e.epoch();
        angle[e.epoch() / 10 - 1] = Subspaces.principalAngles(decoderColumns(lin), pca.basis(K))[0];
      }
    });
    System.out.printf("reconstruction error %s (PCA's optimum %s)%n", Fmt.num(lin.loss(xc)),
        Fmt.num(pca.discardedVariance(K)));
    double[] theta = Subspaces.principalAngles(decoderColumns(lin), pca.basis(K));
    checks.that("AE-3", String.format("principal angles decoder vs PCA plane: %s, %s rad; "
        + "largest < 1e-2", Fmt.sci(theta[0]), Fmt.sci(theta[1])), theta[0] < 1e-2);

    XYChart chart = Figures.xy("AE-3: gradient descent turns the decoder's plane onto PCA's",
        "gradient-descent step", "largest principal angle (rad)");
    chart.getStyler().setYAxisLogarithmic(true);
    Layers.line(chart, "linear autoencoder vs PCA", step, angle, BLUE);
    Layers.dashed(chart, "AE-3 threshold 1e-2 rad", new double[] {0, steps}, level(1e-2), RED);
    Figures.save(chart, "01_linear_ae_angle");
    return decoderColumns(lin);
  }

  /** The decoder's weight W [k][64] read as 64×k: its columns span the plane of reconstructions. */
  static Matrix decoderColumns(Autoencoder lin) {
    return lin.decoder.params().get(0).value.transpose();
  }

  /*
   * ## 4. …but not the same basis  (AE-4)
   * The loss only sees the product W_d W_e: replace W_d by W_d M and W_e by M⁻¹ W_e for any
   * invertible 2×2 matrix M and nothing changes. So many encoder/decoder pairs are optimal, and
   * gradient descent settles on whichever one its start leads to. PCA's basis is orthonormal
   * (its Gram matrix QᵀQ is the identity) and its codes are uncorrelated; the network's need be
   * neither.
   */
  void notTheSameBasis(Matrix wd) {
    Chapter.section("4. …but not the same basis  (AE-4)");
    // G = W_dᵀ W_d (Gram matrix of the decoder columns);  cos = G₁₂ / √(G₁₁ G₂₂)
    Matrix g = wd.matmulTransA(wd);
    double cos = g.a[0][1] / Math.sqrt(g.a[0][0] * g.a[1][1]);
    Matrix q = pca.basis(K);
    double pcaOff = Math.abs(q.matmulTransA(q).a[0][1]);
    // M = Qᵀ W_d: the decoder columns written in PCA's basis
    Matrix m = q.matmulTransA(wd);
    System.out.println("Gram matrix of the decoder columns, G = W_dᵀW_d  " + g2(g));
    System.out.println("decoder columns in PCA's basis, M = QᵀW_d       " + g2(m));
    checks.that("AE-4", String.format("decoder columns: |cos angle| %s, norms %s and %s (PCA "
        + "basis: |cos| %s, norms 1); ≥ 1e-3 counts as measurably non-orthogonal",
        Fmt.num(Math.abs(cos)), Fmt.num(Math.sqrt(g.a[0][0])), Fmt.num(Math.sqrt(g.a[1][1])),
        Fmt.sci(pcaOff)), Math.abs(cos) >= 1e-3);
  }

  /*
   * ## 5. The network's backward pass, checked  (EL-8)
   * Before trusting a non-linear network we check its hand-written gradients against central
   * finite differences (L(θ + h) − L(θ − h))/2h: every layer type the book uses, one row per
   * gradient, and then a small autoencoder through the very loss we train, ‖x − d(e(x))‖².
   * Chapter 05 does the same for the whole VAE.
   */
  void backpropChecked(SplittableRandom rng) {
    Chapter.section("5. The network's backward pass, checked  (EL-8)");
    Matrix input = new Matrix(3, 5).map(v -> 1.5 * rng.nextGaussian()); // [batch][5]
    List<GradCheck.Row> rows = new ArrayList<>(
        GradCheck.layer("Dense 5→4", new Dense("dense", 5, 4, Init.GLOROT, rng), input, rng));
    for (Kind kind : Kind.values()) {
      rows.addAll(GradCheck.layer(kind.toString(), Activation.of(kind), input, rng));
    }
    Autoencoder small = Autoencoder.mlp(5, new int[] {4}, 2, Kind.TANH, Kind.IDENTITY, rng);
    Dataset batch = images("random", input);
    List<GradCheck.Row> ae = GradCheck.check(small.params(), () -> small.loss(input),
        () -> small.lossAndGradient(batch, null));
    for (int i = 0; i < ae.size(); i++) { // encoder parameters first, then the decoder's
      GradCheck.Row r = ae.get(i);
      String part = i < small.encoder.params().size() ? "AE enc. ∂L/∂" : "AE dec. ∂L/∂";
      rows.add(new GradCheck.Row(part + r.name(), r.exact(), r.finiteDiff(), r.maxRelErr()));
    }
    System.out.println(GradCheck.header());
    rows.forEach(System.out::println);
    double worst = rows.stream().mapToDouble(GradCheck.Row::maxRelErr).max().orElse(Double.NaN);
    checks.that("EL-8", String.format("backprop vs finite differences, %d gradients: "
        + "max rel err %s < 1e-6", rows.size(), Fmt.sci(worst)), worst < GradCheck.TOLERANCE);
  }

  /*
   * ## 6. A non-linear autoencoder with a 2-number code  (AE-1)
   * Replace the linear maps by networks, 64 → 256 → 256 → 2 and back, with LeakyReLU in between
   * and a sigmoid at the end (pixels lie in [0, 1]). Training minimises the same reconstruction
   * error, (1/N) Σ ‖x − d(e(x))‖², by Adam on shuffled minibatches of 64 through the same
   * `Trainer`. We track it on the training set and on the validation set (watched only: patience 0
   * keeps the last weights), and report it once at the end on the test set, which training never
   * saw, beside two yardsticks: the mean image (code size 0) and PCA with the same 2 numbers.
   */
  Autoencoder nonLinearAutoencoder(SplittableRandom rng) {
    Chapter.section("6. A non-linear autoencoder with a 2-number code  (AE-1)");
    Matrix valid = digits.valid.scaled();
    Matrix test = digits.test.scaled();
    Autoencoder ae = Autoencoder.mlp(64, new int[] {256, 256}, K, Kind.LEAKY_RELU, Kind.SIGMOID,
        rng);
    int epochs = opt.pick(100, 12);
    System.out.println(ae + " | Adam lr 1e-3, batch 64, " + epochs + " epochs");
    Progress progress = new Progress(epochs);
    double[][] first = new double[2][]; // per-image errors after epoch 1: {train, valid}
    Trainer.History h = Trainer.fit(ae, images("train", x), images("valid", valid),
        Trainer.Options.adam(epochs, 64, 1e-3, 0), rng, (e, o) -> {
          if (e.epoch() == 1) {
            first[0] = errors(ae, x);
            first[1] = errors(ae, valid);
          }
          if (e.epoch() % Math.max(1, epochs / 10) == 0 || e.epoch() == 1) {
            progress.step("epoch", e.epoch(), String.format("train %.3f | valid %.3f",
                e.train().recon(), e.val().recon()));
          }
        });
    double[] epoch = h.epochs().stream().mapToDouble(Trainer.Epoch::epoch).toArray();
    double[] trainLoss = h.epochs().stream().mapToDouble(e -> e.train().recon()).toArray();
    double[] validLoss = h.epochs().stream().mapToDouble(e -> e.val().recon()).toArray();
    double testLoss = ae.loss(test);
    // yardsticks: ‖x − x̄‖² (code size 0) and ‖x − x̄ − QQᵀ(x − x̄)‖² (PCA, 2 numbers)
    double meanImage = pca.center(test).sumOfSquares() / test.rows;
    double pcaTest = Pca.projectionError(pca.center(test), pca.basis(K));
    System.out.printf("test error: autoencoder %s | PCA with 2 numbers %s | mean image %s%n",
        Fmt.num(testLoss), Fmt.num(pcaTest), Fmt.num(meanImage));
    // paired per-image differences, each mean > 4 SE over the images: the error after epoch 1
    // minus after the last (train, valid), and ‖x − x̄‖² minus ‖x − x̂‖² on the test images
    var trainFall = MonteCarlo.of(minus(first[0], errors(ae, x)));
    var validFall = MonteCarlo.of(minus(first[1], errors(ae, valid)));
    double[] toMean = Arrays.stream(pca.center(test).a)
        .mapToDouble(r -> Arrays.stream(r).map(v -> v * v).sum()).toArray();
    var testGain = MonteCarlo.of(minus(toMean, errors(ae, test)));
    checks.that("AE-1", String.format("error falls from epoch 1 to %d by %s ± %s (train), %s ± %s "
        + "(valid); held-out test error %s below the mean image's %s by %s ± %s; each > 4 SE",
        epochs, Fmt.num(trainFall.mean()), Fmt.num(trainFall.se()), Fmt.num(validFall.mean()),
        Fmt.num(validFall.se()), Fmt.num(testLoss), Fmt.num(meanImage), Fmt.num(testGain.mean()),
        Fmt.num(testGain.se())), trainFall.mean() > 4 * trainFall.se()
        && validFall.mean() > 4 * validFall.se() && testGain.mean() > 4 * testGain.se());

    XYChart curve = Figures.xy("AE-1: training lowers the reconstruction error ‖x − d(e(x))‖²",
        "epoch", "mean squared error per image (pixels in [0, 1])");
    Layers.line(curve, "training set", epoch, trainLoss, BLUE);
    Layers.line(curve, "validation set", epoch, validLoss, ORANGE);
    double pcaValid = Pca.projectionError(pca.center(valid), pca.basis(K));
    double meanValid = pca.center(valid).sumOfSquares() / valid.rows;
    double[] ends = {1, epochs};
    Layers.dashed(curve, "PCA, 2 numbers (validation)", ends, level(pcaValid), GREEN);
    Layers.dashed(curve, "mean image (validation)", ends, level(meanValid), GREY);
    Figures.save(curve, "01_training_curve");

    Matrix z = ae.encode(x); // [1000][2]
    XYChart codes = Scatter.byLabel("AE-1: the 2-number codes of the 1,000 training digits",
        "z₁", "z₂", z.transpose().a[0], z.transpose().a[1], digits.train.labels, DIGITS);
    codes.getStyler().setMarkerSize(5);
    Figures.save(codes, "01_codes");
    // decodings on a 15×15 grid over the codes' box, widened by a quarter on each side
    double[][] box = box(z, 0.25);
    String axes = String.format("z₁ from %.1f (left) to %.1f (right); z₂ from %.1f (bottom) to "
        + "%.1f (top)", box[0][0], box[0][1], box[1][0], box[1][1]);
    Figures.saveImage(ImageGrid.titled(ImageGrid.of(ae.decode(codeGrid(box, 15)), 8, 15, 5),
        "Decodings d(z) across the code plane (the codes' box, widened by a quarter each side)",
        axes), "01_decoded_grid");
    return ae;
  }

  /*
   * ## 7. The irregular latent space  (AE-5)
   * The autoencoder is only ever asked to decode the codes of training images. Nothing in its
   * loss says what a code *between* two of them, or *beyond* all of them, should decode to. If the
   * network has enough freedom it can give each training image its own isolated spot and decode
   * the space in between to whatever is convenient. We measure "meaningful" bluntly: the distance
   * from a decoded image to the nearest of the 1,000 training images. Decodings at the training
   * codes (reconstructions) set the yardstick. First, midpoints ½(z_p + z_q) of random pairs of
   * codes: a Mann–Whitney test says whether they lie farther out than chance allows (p < 0.001).
   * Then a grid of codes reaching half the codes' range beyond them on every side: the farther a
   * code from its nearest training code, the farther its decoding from every training image.
   * Mind the size of the effect: in plain pixel distance a blurry blend of strokes is never far
   * from *some* digit, so midpoint decodings sit about as far from the training set as genuinely
   * new digits do. What gives them away is that they are worse than the decoder's own output at
   * the codes it was trained on, and that the drift grows steadily with the distance from those
   * codes. Chapter 06 puts a VAE on the same scale (LS-2).
   */
  void irregularLatentSpace(Autoencoder ae, SplittableRandom rng) {
    Chapter.section("7. The irregular latent space  (AE-5)");
    Matrix z = ae.encode(x);
    int[][] pairs = new int[500][];
    Arrays.setAll(pairs, i -> new int[] {rng.nextInt(z.rows), rng.nextInt(z.rows)});
    // midpoints ½(z_p + z_q) of random pairs of training codes
    Matrix mid = LatentPaths.midpoints(z, pairs);
    double[] atCodes = NearestNeighbours.distances(ae.decode(z), x);
    double[] between = NearestNeighbours.distances(ae.decode(mid), x);
    double[] heldOut = NearestNeighbours.distances(digits.test.scaled(), x);
    double mCodes = Quantiles.median(atCodes);
    double mBetween = Quantiles.median(between);
    double mHeldOut = Quantiles.median(heldOut);
    System.out.printf("median distance to the nearest training image: reconstructions %s | "
        + "midpoints %s | (held-out real digits %s)%n", Fmt.num(mCodes), Fmt.num(mBetween),
        Fmt.num(mHeldOut));
    double pMid = new MannWhitneyUTest().mannWhitneyUTest(between, atCodes);
    checks.that("AE-5", String.format("decodings between codes lie farther from every training "
        + "image than reconstructions: median %s vs %s, Mann–Whitney p %s < 0.001",
        Fmt.num(mBetween), Fmt.num(mCodes), pValue(pMid)), mBetween > mCodes && pMid < 1e-3);

    // Over a grid of codes: distance to the nearest training code vs distance of the decoding
    // to the nearest training image.
    int n = 40;
    Matrix grid = codeGrid(box(z, 0.5), n);
    double[] codeGap = NearestNeighbours.distances(grid, z);
    double[] pixelGap = NearestNeighbours.distances(ae.decode(grid), x);
    double rho = new SpearmansCorrelation().correlation(codeGap, pixelGap);
    // t = ρ √((n − 2)/(1 − ρ²)) ~ Student t with n − 2 degrees of freedom under "no association"
    double t = rho * Math.sqrt((n * n - 2) / (1 - rho * rho));
    double pRho = 1 - new TDistribution(n * n - 2).cumulativeProbability(t);
    checks.that("AE-5", String.format("%d×%d grid reaching beyond the codes: the farther a code "
        + "from the training codes, the farther its decoding from every image: Spearman ρ = %.2f, "
        + "one-sided p %s < 0.001", n, n, rho, pValue(pRho)), rho > 0 && pRho < 1e-3);

    XYChart chart = Figures.xy("AE-5: off the training codes, decodings drift away from the data",
        "distance from the code to the nearest training code (code units)",
        "distance from d(z) to the nearest training image");
    Layers.points(chart, String.format("%d×%d grid of codes", n, n), codeGap, pixelGap, null,
        Palette.translucent(Palette.BLUE, 90));
    Quantiles.Binned trend = Quantiles.binnedMedians(codeGap, pixelGap, 12);
    Layers.line(chart, "median in bins of code distance", trend.centres(), trend.medians(), BLUE);
    double[] xs = {0, Arrays.stream(codeGap).max().orElse(1)};
    Layers.dashed(chart, "held-out real digits (median)", xs, level(mHeldOut), RED);
    Layers.dashed(chart, "reconstructions of training digits (median)", xs, level(mCodes), GREEN);
    chart.getStyler().setMarkerSize(3);
    chart.getStyler().setLegendPosition(LegendPosition.InsideSE);
    Figures.save(chart, "01_latent_gaps");
  }

  /*
   * ## Summary
   * - Linear codes: PCA's top eigenvectors give the best plane, with error = the discarded
   *   eigenvalues (AE-2). A linear autoencoder trained by gradient descent finds that plane (AE-3)
   *   but describes it in a skewed, non-orthogonal basis of its own (AE-4).
   * - A non-linear autoencoder does better with the same 2 numbers on unseen digits (AE-1), but
   *   its code space is only trained where the data land: away from the training codes its
   *   decodings drift away from anything it has seen (AE-5). Nothing tells us which codes are
   *   safe to decode, so the autoencoder is no generator. The VAE (chapters 05–06) fixes this.
   *
   * **Exercises.** (1) Rerun with `--seed 7`: does the AE-4 basis change while the AE-3 plane
   * stays? (2) Train the linear autoencoder with weight decay (`gd.decayed(0.01)`, an L2 pull on
   * W_d and W_e): what happens to the Gram matrix? (3) Give the non-linear autoencoder a 1-number
   * code and 20 training images: how isolated do the codes become? (4) Measure AE-5 with distances
   * between PCA coefficients instead of pixels.
   */
  static void summary() {
    Chapter.section("Summary");
    System.out.println("PCA = best linear plane (AE-2); a linear AE finds it (AE-3) in its own");
    System.out.println("basis (AE-4); a non-linear AE reconstructs better (AE-1) but its code");
    System.out.println("space has holes (AE-5).");
  }

  /** "[[a, b], [c, d]]" for a 2×2 matrix. */
  static String g2(Matrix m) {
    return String.format("[[%.4f, %.4f], [%.4f, %.4f]]", m.a[0][0], m.a[0][1], m.a[1][0],
        m.a[1][1]);
  }

  /** "= 6.1e-34", or "< 1e-15" where double precision cannot resolve the tail probability. */
  static String pValue(double p) {
    return p < 1e-15 ? "< 1e-15" : "= " + Fmt.sci(p);
  }

  /** Each image's squared reconstruction error ‖x − d(e(x))‖²  [rows of m]. */
  static double[] errors(Autoencoder ae, Matrix m) {
    Matrix xHat = ae.reconstruct(m);
    double[] err = new double[m.rows];
    for (int i = 0; i < m.rows; i++) {
      for (int j = 0; j < m.cols; j++) {
        err[i] += (m.a[i][j] - xHat.a[i][j]) * (m.a[i][j] - xHat.a[i][j]);
      }
    }
    return err;
  }

  /** a − b elementwise. */
  static double[] minus(double[] a, double[] b) {
    return IntStream.range(0, a.length).mapToDouble(i -> a[i] - b[i]).toArray();
  }

  /** The codes' range along each axis, [min − f·w, max + f·w] with w = max − min  [K][2]. */
  static double[][] box(Matrix z, double f) {
    double[][] b = new double[K][];
    for (int j = 0; j < K; j++) {
      double[] v = z.transpose().a[j];
      double lo = Arrays.stream(v).min().orElse(0);
      double hi = Arrays.stream(v).max().orElse(1);
      b[j] = new double[] {lo - f * (hi - lo), hi + f * (hi - lo)};
    }
    return b;
  }

  /** An n×n grid of codes over {@code box}, row by row from the top (z₂ grows upwards)  [n²][K]. */
  static Matrix codeGrid(double[][] box, int n) {
    Matrix grid = new Matrix(n * n, K);
    for (int i = 0; i < n * n; i++) {
      grid.a[i][0] = box[0][0] + (box[0][1] - box[0][0]) * (i % n) / (n - 1);
      grid.a[i][1] = box[1][1] - (box[1][1] - box[1][0]) * (i / n) / (n - 1);
    }
    return grid;
  }

  /** {v, v}: the y values of a horizontal line between two x values. */
  static double[] level(double v) {
    return new double[] {v, v};
  }

  /** Images that are their own target, as the {@link Trainer} reads them. */
  static Dataset images(String name, Matrix x) {
    return new Dataset(name, x, x, null);
  }
}
