///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Ch.1 — Autoencoders: PCA is the best linear code, and a network learns the same plane
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Chapter 1 — Autoencoders: PCA is the best linear code, and a network learns the same plane
 * Squeeze 64 pixels through a 2-number code and back: the best linear way is PCA, a trained linear
 * network finds the same plane in another basis, and a non-linear one does better but leaves
 * holes in its code space.
 *
 * **This chapter verifies:** AE-1, AE-2, AE-3, AE-4, AE-5, AE-20, ER-4 (and EL-8 for the network it
 * trains)
 * **Graded exercises:** 1.1 (§2), 1.2 (§3)
 *
 * **Run:** `./jbang chapters/01_autoencoder.java [--quick] [--seed N]` (alias `./jbang ae`)
 * **Figures** (`figures/*.png` and `.svg`): `01_autoencoder_diagram`, `01_digits`,
 * `01_explained_variance`, `01_pca_projection`, `01_linear_ae_angle`, `01_training_curve`,
 * `01_codes`, `01_decoded_grid`, `01_latent_gaps`
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
 * An *encoder* e maps x (an 8×8 digit) to a shorter code z, a *decoder* d maps it back; we want
 * the pair with least mean ‖x − d(e(x))‖² over the 1,797 UCI digits of `data/uci-digits/`.
 */
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Fmt;
import vae.book.Progress;
import vae.data.Digits;
import vae.fig.AutoencoderFigures;
import vae.fig.Figures;
import vae.fig.Projection;
import vae.fig.Schematics;
import vae.model.Autoencoder;
import vae.model.Dataset;
import vae.model.LatentPaths;
import vae.model.NearestNeighbours;
import vae.model.Pca;
import vae.model.Subspaces;
import vae.model.Trainer;
import vae.nn.Activation.Kind;
import vae.nn.GradCheck;
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
  static final int K = 2; // the code size n_e throughout: two numbers, drawn on a page
  private Digits digits;
  private Matrix x;      // training images, pixels/16  [1000][64]
  private Pca pca;

  public static void main(String[] args) {
    System.exit(Chapter.run(new Ch01Autoencoder(), args));
  }

  @Override
  public Integer call() {
    data();
    bestLinearSubspace(opt.rng("random planes"));
    pcaAsProjection(opt.rng("projection cloud"));
    notTheSameBasis(linearAutoencoder(opt.rng("linear autoencoder")));
    backpropChecked(opt.rng("gradient check"));
    irregularLatentSpace(nonLinearAutoencoder(opt.rng("training")), opt.rng("midpoints"));
    return checks.summary();
  }

  /*
   * ## 1. The data
   * Each digit is an 8×8 grid of counts 0…16 (inked pixels of a 4×4 block of the 32×32 scan).
   * Divided by 16, pixels lie in [0, 1] and an image is a point in ℝ⁶⁴.
   */
  void data() {
    Chapter.section("1. The data");
    // the whole idea in one picture: x → encoder → code z → decoder → x̂, trained on ‖x − x̂‖²
    Figures.saveDiagram(Schematics.autoencoder(), "01_autoencoder_diagram");
    digits = Digits.load();
    x = digits.train.scaled();
    System.out.println(digits);
    Figures.saveImage(AutoencoderFigures.digits(x.rows(IntStream.range(0, 40).toArray())),
        "01_digits");
  }

  /*
   * ## 2. PCA: the best linear subspace  (AE-2)
   * With linear e and d, x̂ lies in a k-dimensional subspace and the best decoder projects onto
   * it. PCA takes the top-k eigenvectors Q of the covariance C = (1/N) Σ (x − x̄)(x − x̄)ᵀ: the
   * mean squared distance to their span is the sum of the eigenvalues left out, and no other
   * subspace does better (we try 1,000 random planes and 1,000 nudged slightly from PCA's).
   *
   * *Graded exercise 1.1* — the mean squared distance to a subspace, (1/N) Σ ‖x − QQᵀx‖², is
   * `Pca.projectionError`; in a student copy you write it.
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
      bestRandom = Math.min(bestRandom, Pca.projectionError(xc, Subspaces.random(64, K, rng)));
      // a nudged plane: span(Q + 0.05·G), G a random orthonormal 64×2
      Matrix g = Subspaces.random(64, K, rng);
      Matrix nudged = Subspaces.orthonormalize(pca.basis(K).plus(g.scale(0.05)));
      bestNudged = Math.min(bestNudged, Pca.projectionError(xc, nudged));
    }
    checks.that("AE-2", String.format("PCA %s ≤ best of 1,000 random planes %s and of 1,000 "
        + "nudged PCA planes %s", Fmt.num(errPca), Fmt.num(bestRandom), Fmt.num(bestNudged)),
        errPca <= bestRandom && errPca <= bestNudged);
    Figures.save(AutoencoderFigures.explainedVariance(pca.variances, K, bestRandom, 1000),
        "01_explained_variance");
  }

  /*
   * ### PCA as a projection, in two dimensions  (AE-20, ER-4)
   * Note 002's picture: 100 points from a tilted Gaussian, the principal line (k = 1), and each
   * point's orthogonal projection onto it, its one-number code decoded. The mean squared length of
   * the segments is what the code loses: the smaller eigenvalue λ₂ of the 2×2 covariance (by the
   * quadratic formula, not the eigen-solver), and no direction of a 3,600-step scan loses less.
   *
   * Note 000 wants a bijection between codes h and images (ER-4). A decoder from k < D numbers
   * reaches only a k-dimensional surface: the best 2-number linear code misses every one of the
   * 1,000 training digits. (A VAE's decoder is moreover a distribution p(x|h): one h, many x.)
   */
  void pcaAsProjection(SplittableRandom rng) {
    Matrix pts = new Matrix(100, 2).map(v -> rng.nextGaussian()); // rows (u, v) ~ N(0, I)
    for (double[] q : pts.a) { // a tilted Gaussian cloud: (1 + 1.6u, ½ + 0.9u + 0.45v)
      q[1] = 0.5 + 0.9 * q[0] + 0.45 * q[1];
      q[0] = 1 + 1.6 * q[0];
    }
    Pca p2 = Pca.fit(pts);
    Matrix c2 = p2.center(pts);
    Matrix cov = c2.matmulTransA(c2).scale(1.0 / pts.rows); // C = (1/N) Σ (x − x̄)(x − x̄)ᵀ
    // λ₂ = (c₁₁ + c₂₂)/2 − √(((c₁₁ − c₂₂)/2)² + c₁₂²)
    double lambda2 = (cov.a[0][0] + cov.a[1][1]) / 2
        - Math.hypot((cov.a[0][0] - cov.a[1][1]) / 2, cov.a[0][1]);
    double lossPca = Pca.projectionError(c2, p2.basis(1)); // the line's Q is one column, 2×1
    checks.close("AE-20", "mean squared distance to the principal line", lossPca,
        "λ₂ (quadratic formula)", lambda2, 1e-12);
    // the line along (cos θ, sin θ) for θ = π t/3600, t = 0 … 3599: the one that loses least
    double[] loss = IntStream.range(0, 3600).mapToDouble(t -> Pca.projectionError(c2,
        Matrix.of(new double[] {Math.cos(Math.PI * t / 3600)}, new double[] {Math.sin(Math.PI
            * t / 3600)}))).toArray();
    int tBest = IntStream.range(0, 3600).reduce((a, b) -> loss[b] < loss[a] ? b : a).orElse(0);
    double bestAngle = Math.PI * tBest / 3600;
    double[] dir = {p2.components.a[0][0], p2.components.a[1][0]};
    double pcaAngle = (Math.atan2(dir[1], dir[0]) + 2 * Math.PI) % Math.PI; // in [0, π)
    checks.that("AE-20", String.format("best of 3,600 directions loses %s at %.2f°, PCA's line %s "
        + "at %.2f° | none below PCA's (1e-12), within 0.05°", Fmt.num(loss[tBest]),
        Math.toDegrees(bestAngle), Fmt.num(lossPca), Math.toDegrees(pcaAngle)), loss[tBest]
        >= lossPca - 1e-12 && Math.abs(bestAngle - pcaAngle) <= Math.toRadians(0.05));
    Matrix xc = pca.center(x); // the digits: x − QQᵀx is what 2-number PCA cannot reach
    Matrix resid = xc.minus(xc.matmul(pca.basis(K)).matmulTransB(pca.basis(K)));
    double nearest = Arrays.stream(rowSquares(resid)).min().orElse(Double.NaN);
    checks.that("ER-4", String.format("no decoded 2-number code equals a training digit: the "
        + "closest is %s away (squared), the mean %s = Σ discarded λ", Fmt.num(nearest),
        Fmt.num(pca.discardedVariance(K))), nearest > 1e-6);
    figProjection(pts, p2.mean, dir, lambda2);
  }

  private static void figProjection(Matrix pts, double[] mean, double[] dir, double lambda2) {
    Figures.save(Projection.chart(String.format("AE-20: PCA projects onto the principal line (loss "
        + "λ₂ = %.3f)", lambda2), pts.transpose().a[0], pts.transpose().a[1], mean, dir, pts.rows),
        "01_pca_projection");
  }

  /*
   * ## 3. A linear autoencoder finds the same subspace  (AE-3)
   * Now train instead of solving: z = W_e x + b_e and x̂ = W_d z + b_d, from random weights, by
   * full-batch gradient descent on the mean squared error (`Trainer.fit`, the book's one training
   * loop: one step per epoch). Nothing mentions eigenvectors, yet the columns of W_d come to span
   * PCA's plane: the largest principal angle between the two planes (0 for the same plane) shrinks.
   *
   * *Graded exercise 1.2* — the loss the trainer minimises, ‖x̂ − x‖² per image, and its gradient
   * 2(x̂ − x)/n, are computed in `Autoencoder`; in a student copy you write them.
   */
  Matrix linearAutoencoder(SplittableRandom rng) {
    Chapter.section("3. A linear autoencoder finds the same subspace  (AE-3)");
    Matrix xc = pca.center(x);
    Autoencoder lin = Autoencoder.linear(64, K, rng);
    int steps = opt.pick(2000, 1000); // (quick: a start near a saddle can take ~800 steps)
    System.out.println(lin + " | full-batch gradient descent, lr 0.5, " + steps + " steps");
    // θ ← θ − 0.5·∇L(θ) with L = (1/N) Σ ‖x − x̂‖² over all N = 1,000 images: one step per epoch
    Trainer.Options gd = new Trainer.Options(steps, xc.rows, 0.5, 0, ps -> new Sgd(ps, 0.5));
    double[] angle = new double[steps / 10]; // the largest principal angle every 10 steps
    Trainer.fit(lin, Dataset.of("centred train", xc.a), null, gd, rng, (e, o) -> {
      if (e.epoch() % 10 == 0) {
        angle[e.epoch() / 10 - 1] = Subspaces.principalAngles(decoderColumns(lin), pca.basis(K))[0];
      }
    });
    System.out.printf("reconstruction error %s (PCA's optimum %s)%n", Fmt.num(lin.loss(xc)),
        Fmt.num(pca.discardedVariance(K)));
    double[] theta = Subspaces.principalAngles(decoderColumns(lin), pca.basis(K));
    checks.that("AE-3", String.format("principal angles decoder vs PCA plane: %s, %s rad; "
        + "largest < 1e-2", Fmt.sci(theta[0]), Fmt.sci(theta[1])), theta[0] < 1e-2);
    Figures.save(AutoencoderFigures.principalAngle(angle, 10, 1e-2), "01_linear_ae_angle");
    return decoderColumns(lin);
  }

  /** The decoder's weight W [k][64] read as 64×k: its columns span the plane of reconstructions. */
  static Matrix decoderColumns(Autoencoder lin) {
    return lin.decoder.params().get(0).value.transpose();
  }

  /*
   * ## 4. …but not the same basis  (AE-4)
   * The loss only sees W_d W_e: W_d M and M⁻¹ W_e, for any invertible 2×2 M, do as well. Gradient
   * descent settles on whichever pair its start leads to. PCA's basis is orthonormal (QᵀQ = I);
   * the network's need not be.
   */
  void notTheSameBasis(Matrix wd) {
    Chapter.section("4. …but not the same basis  (AE-4)");
    // G = W_dᵀ W_d (Gram matrix of the decoder columns);  cos = G₁₂ / √(G₁₁ G₂₂)
    Matrix g = wd.matmulTransA(wd);
    double cos = g.a[0][1] / Math.sqrt(g.a[0][0] * g.a[1][1]);
    Matrix q = pca.basis(K);
    System.out.println("Gram matrix of the decoder columns, G = W_dᵀW_d  " + g2(g));
    System.out.println("decoder columns in PCA's basis, M = QᵀW_d       " + g2(q.matmulTransA(wd)));
    checks.that("AE-4", String.format("decoder columns: |cos angle| %s, norms %s and %s (PCA "
        + "basis: |cos| %s, norms 1); ≥ 1e-3 counts as measurably non-orthogonal",
        Fmt.num(Math.abs(cos)), Fmt.num(Math.sqrt(g.a[0][0])), Fmt.num(Math.sqrt(g.a[1][1])),
        Fmt.sci(Math.abs(q.matmulTransA(q).a[0][1]))), Math.abs(cos) >= 1e-3);
  }

  /*
   * ## 5. The network's backward pass, checked  (EL-8)
   * Before trusting a non-linear network we check its hand-written gradients against central
   * finite differences (L(θ + h) − L(θ − h))/2h: every layer type the book uses, then a small
   * autoencoder through the loss we train (a wrong gradient in exercise 1.2 shows here).
   */
  void backpropChecked(SplittableRandom rng) {
    Chapter.section("5. The network's backward pass, checked  (EL-8)");
    Matrix input = new Matrix(3, 5).map(v -> 1.5 * rng.nextGaussian()); // [batch][5]
    List<GradCheck.Row> rows = new ArrayList<>(GradCheck.everyLayer(input, rng)); // each kind
    Autoencoder small = Autoencoder.mlp(5, new int[] {4}, 2, Kind.TANH, Kind.IDENTITY, rng);
    GradCheck.check(small.params(), () -> small.loss(input), () -> small.lossAndGradient(
        Dataset.of("random", input.a), null)).forEach(r -> rows.add(new GradCheck.Row(
            "AE ∂L/∂" + r.name(), r.exact(), r.finiteDiff(), r.maxRelErr())));
    System.out.println(GradCheck.header());
    rows.forEach(System.out::println);
    double worst = rows.stream().mapToDouble(GradCheck.Row::maxRelErr).max().orElse(Double.NaN);
    checks.that("EL-8", String.format("backprop vs finite differences, %d gradients: "
        + "max rel err %s < 1e-6", rows.size(), Fmt.sci(worst)), worst < GradCheck.TOLERANCE);
  }

  /*
   * ## 6. A non-linear autoencoder with a 2-number code  (AE-1)
   * Networks 64 → 256 → 256 → 2 and back (LeakyReLU, a sigmoid output as pixels lie in [0, 1]),
   * trained on the same error by Adam on minibatches of 64, the validation set watched only. The
   * test set is scored once, at the end, beside the mean image (code size 0) and 2-number PCA.
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
    Trainer.History h = Trainer.fit(ae, Dataset.of("train", x.a), Dataset.of("valid", valid.a),
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
    double testLoss = ae.loss(test);
    // yardsticks: ‖x − x̄‖² (code size 0) and ‖x − x̄ − QQᵀ(x − x̄)‖² (PCA, 2 numbers)
    double meanImage = pca.center(test).sumOfSquares() / test.rows;
    System.out.printf("test error: autoencoder %s | PCA with 2 numbers %s | mean image %s%n",
        Fmt.num(testLoss), Fmt.num(Pca.projectionError(pca.center(test), pca.basis(K))),
        Fmt.num(meanImage));
    // paired per-image differences, each mean > 4 SE over the images: error after epoch 1 minus
    // after the last (train, valid); ‖x − x̄‖² minus ‖x − x̂‖² (test)
    var trainFall = MonteCarlo.of(minus(first[0], errors(ae, x)));
    var validFall = MonteCarlo.of(minus(first[1], errors(ae, valid)));
    var testGain = MonteCarlo.of(minus(rowSquares(pca.center(test)), errors(ae, test)));
    checks.that("AE-1", String.format("error falls from epoch 1 to %d by %s ± %s (train), %s ± %s "
        + "(valid); held-out test error %s below the mean image's %s by %s ± %s; each > 4 SE",
        epochs, Fmt.num(trainFall.mean()), Fmt.num(trainFall.se()), Fmt.num(validFall.mean()),
        Fmt.num(validFall.se()), Fmt.num(testLoss), Fmt.num(meanImage), Fmt.num(testGain.mean()),
        Fmt.num(testGain.se())), trainFall.mean() > 4 * trainFall.se()
        && validFall.mean() > 4 * validFall.se() && testGain.mean() > 4 * testGain.se());
    figTraining(h, valid, ae);
    return ae;
  }

  /** The training curve, the training digits' codes, and decodings over the codes' box. */
  private void figTraining(Trainer.History h, Matrix valid, Autoencoder ae) {
    double[][] c = h.curves(); // epoch, train recon, train KL (0), val recon, val KL (0)
    Figures.save(AutoencoderFigures.trainingCurve(c[0], c[1], c[3],
        Pca.projectionError(pca.center(valid), pca.basis(K)),
        pca.center(valid).sumOfSquares() / valid.rows), "01_training_curve");
    Matrix z = ae.encode(x); // [1000][2]
    Figures.save(AutoencoderFigures.codes(z.a, digits.train.labels), "01_codes");
    // decodings on a 15×15 grid over the codes' box, widened by a quarter on each side
    double[][] box = LatentPaths.box(z, 0.25);
    Figures.saveImage(AutoencoderFigures.decodedGrid(ae.decode(LatentPaths.grid(box, 15)), 15,
        box), "01_decoded_grid");
  }

  /*
   * ## 7. The irregular latent space  (AE-5)
   * Nothing in the loss says what a code *between* or *beyond* the training codes decodes to. We
   * measure a decoding's distance to the nearest training image, against the reconstructions': at
   * midpoints ½(z_p + z_q) of random pairs (Mann–Whitney, p < 0.001), and over a grid reaching
   * half the codes' range beyond them (does the drift grow with the distance to the codes?). A
   * blurry blend of strokes is never far from *some* digit, so midpoint decodings sit about as far
   * out as new real digits; they are given away by being worse than the decoder's own
   * reconstructions. Chapter 06 measures a VAE the same way (LS-2).
   */
  void irregularLatentSpace(Autoencoder ae, SplittableRandom rng) {
    Chapter.section("7. The irregular latent space  (AE-5)");
    Matrix z = ae.encode(x);
    int[][] pairs = new int[500][]; // midpoints ½(z_p + z_q) of 500 random pairs of codes
    Arrays.setAll(pairs, i -> new int[] {rng.nextInt(z.rows), rng.nextInt(z.rows)});
    double[] atCodes = NearestNeighbours.distances(ae.decode(z), x);
    double[] between = NearestNeighbours.distances(ae.decode(LatentPaths.midpoints(z, pairs)), x);
    double mCodes = Quantiles.median(atCodes);
    double mBetween = Quantiles.median(between);
    double mHeldOut = Quantiles.median(NearestNeighbours.distances(digits.test.scaled(), x));
    System.out.printf("median distance to the nearest training image: reconstructions %s | "
        + "midpoints %s | held-out digits %s%n", Fmt.num(mCodes), Fmt.num(mBetween),
        Fmt.num(mHeldOut));
    double pMid = new MannWhitneyUTest().mannWhitneyUTest(between, atCodes);
    checks.that("AE-5", String.format("decodings between codes lie farther from every training "
        + "image than reconstructions: median %s vs %s, Mann–Whitney p %s < 0.001",
        Fmt.num(mBetween), Fmt.num(mCodes), pValue(pMid)), mBetween > mCodes && pMid < 1e-3);
    int n = 40; // an n×n grid: code to nearest training code vs decoding to nearest image
    Matrix grid = LatentPaths.grid(LatentPaths.box(z, 0.5), n);
    double[] codeGap = NearestNeighbours.distances(grid, z);
    double[] pixelGap = NearestNeighbours.distances(ae.decode(grid), x);
    double rho = new SpearmansCorrelation().correlation(codeGap, pixelGap);
    // t = ρ √((m − 2)/(1 − ρ²)) ~ Student t with m − 2 = n² − 2 degrees of freedom if unrelated
    double pRho = 1 - new TDistribution(n * n - 2).cumulativeProbability(rho * Math.sqrt((n * n
        - 2) / (1 - rho * rho)));
    checks.that("AE-5", String.format("%d×%d grid reaching beyond the codes: the farther a code "
        + "from the training codes, the farther its decoding from every image: Spearman ρ = %.2f, "
        + "one-sided p %s < 0.001", n, n, rho, pValue(pRho)), rho > 0 && pRho < 1e-3);
    Figures.save(AutoencoderFigures.latentGaps(n, codeGap, pixelGap, mHeldOut, mCodes),
        "01_latent_gaps");
  }

  /*
   * ## Summary
   * PCA gives the best linear plane (AE-2); a linear autoencoder finds it (AE-3) in a skewed basis
   * of its own (AE-4). A non-linear one does better on unseen digits (AE-1), but off its codes the
   * decodings drift (AE-5): no code is known safe to decode. The VAE (chapters 05–06) fixes this.
   *
   * **Questions.** Q1. With `--seed 7`, does the AE-4 basis change while the AE-3 plane stays?
   * Q2. With weight decay (`gd.decayed(0.01)`), what happens to the Gram matrix of section 4?
   * Q3. A 1-number code and 20 training images: how isolated do the codes become? Q4. Measure AE-5
   * with distances between PCA coefficients instead of pixels.
   */

  /** "[[a, b], [c, d]]" for a 2×2 matrix. */
  static String g2(Matrix m) {
    return String.format("[[%.4f, %.4f], [%.4f, %.4f]]", m.a[0][0], m.a[0][1], m.a[1][0],
        m.a[1][1]);
  }

  /** "= 6.1e-34", or "< 1e-15" where double precision cannot resolve the tail probability. */
  static String pValue(double p) {
    return p < 1e-15 ? "< 1e-15" : "= " + Fmt.sci(p);
  }

  /** Each row's squared length ‖m_i‖²  [rows of m]. */
  static double[] rowSquares(Matrix m) {
    return Arrays.stream(m.a).mapToDouble(r -> Arrays.stream(r).map(v -> v * v).sum()).toArray();
  }

  /** Each image's squared reconstruction error ‖x − d(e(x))‖²  [rows of m]. */
  static double[] errors(Autoencoder ae, Matrix m) {
    return rowSquares(m.minus(ae.reconstruct(m)));
  }

  /** a − b elementwise. */
  static double[] minus(double[] a, double[] b) {
    return IntStream.range(0, a.length).mapToDouble(i -> a[i] - b[i]).toArray();
  }
}
