///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Ch.6 — The latent space: why the KL term makes it continuous and complete
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Chapter 6 — The latent space: why the KL term makes it continuous and complete
 * What the KL term does to the codes, and what that buys: points between and around the data decode
 * to data.
 *
 * **This chapter verifies:** LS-1, LS-2, LS-3, LS-6 (erratum of note 004 eq. (3))
 * **Run:** `./jbang chapters/06_latent_space.java [--quick] [--seed N]`  (alias `latent`)
 * **Figures:** `figures/06_encoded_gaussians.png`, `figures/06_continuity.png`,
 * `figures/06_nearest_distances.png`, `figures/06_moon_interpolation.png`
 *
 * Each claim in one line (its source, tests and tolerance are in `CLAIMS.md`):
 * - **LS-1** — Without the KL term the encoder's σ shrinks toward 0 and its means spread out
 * - **LS-2** — New codes (prior draws, midpoints) decode to data for a VAE, not for a plain AE
 * - **LS-3** — Halfway between a full-moon and a half-moon code decodes to an in-between phase
 * - **LS-6** — Erratum: the pooled codes q(z) are near N(0, I), equal to it only if z ignores x
 */
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Fmt;
import vae.data.Digits;
import vae.data.MoonPhases;
import vae.fig.Figures;
import vae.fig.ImageGrid;
import vae.fig.Panels;
import vae.model.Autoencoder;
import vae.model.EpochLog;
import vae.model.LatentPaths;
import vae.prob.MvGaussian;
import vae.model.NearestNeighbours;
import vae.model.Trainable;
import vae.model.Trainer;
import vae.model.Dataset;
import vae.model.Vae;
import vae.nn.Activation;
import vae.nn.Matrix;
import vae.prob.AggregatePosterior;
import vae.prob.DiagGaussian;
import vae.prob.Estimate;
import vae.prob.MonteCarlo;

@Command(name = "06_latent_space", mixinStandardHelpOptions = true,
    description = "Chapter 6 — The latent space: why the KL term makes it continuous and complete")
class Ch06LatentSpace implements Callable<Integer> {
  @Mixin ChapterOptions opt;
  private final Checks checks = new Checks();
  private Dataset train;
  private Dataset test;

  public static void main(String[] args) {
    System.exit(Chapter.run(new Ch06LatentSpace(), args));
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Digits digits = Digits.load();
    // the encoder reads pixel/16 ∈ [0, 1]; the Bernoulli decoder scores the same numbers
    train = Dataset.digits(digits.train, vae.model.Likelihood.parse("bernoulli"));
    test = Dataset.digits(digits.test, vae.model.Likelihood.parse("bernoulli"));
    System.out.printf("digits: train %d, test %d images of 8×8%n", train.size(), test.size());
    Vae vae = whyRegularise();
    aggregatePosterior(vae);
    continuityAndCompleteness();
    theMoon();
    int exit = checks.summary();
    System.out.printf(java.util.Locale.ROOT, "RESULT chapter=06 wall_s=%.1f%n",
        (System.nanoTime() - start) / 1e9);
    return exit;
  }

  /**
   * Trains {@code model} for a fixed number of epochs with Adam, printing a line every few epochs.
   */
  static Trainer.History fit(Trainable model, Dataset data, int epochs, double beta,
      String label, long seed) {
    Trainer.Options o = Trainer.Options.adam(epochs, 64, 2e-3, 0);
    return Trainer.fit(model, data, null, o, MonteCarlo.rng(seed), label == null ? null
        : new EpochLog(label, Math.max(1, epochs / 4), beta));
  }

  static Vae.Config config(int dataDim, int latent) {
    return new Vae.Config(dataDim, new int[] {128, 128}, latent, Activation.Kind.LEAKY_RELU,
        "bernoulli");
  }

  /*
   * ## 1. Why regularise (LS-1)
   * A VAE's encoder returns a Gaussian N(μ, σ²) per image, and training decodes a sample
   * z = μ + σ ⊙ ε from it. The loss of one image is
   *
   *     loss = −E_q[log p(x|z)] + β · KL(N(μ, σ²) ‖ N(0, I)).
   *
   * With β = 0 nothing asks the Gaussians to be wide or central, and the reconstruction term
   * prefers certainty: the noise σ ⊙ ε only blurs what the decoder sees. So the encoder shrinks σ
   * toward 0 (each image a point, as in a plain autoencoder) and is free to push the means apart.
   * With β = 1 the KL term, ½ Σ (μ² + σ² − log σ² − 1), charges for both: it is smallest at μ = 0,
   * σ = 1. We train the same network both ways in a 2-D latent and compare, over the test images,
   * the mean σ and the mean distance ‖μ‖ from the origin, paired image by image.
   *
   * Expect the direction, not the extremes: with the KL term σ grows a hundredfold, but to about
   * 0.25, not 1, because two latent dimensions still have to tell ten digits apart; σ near 1 is
   * what *unused* dimensions show (chapter 07, section 4).
   */
  Vae whyRegularise() {
    Chapter.section("1. Without the KL term the Gaussians shrink to points and drift apart (LS-1)");
    Regularisation r = regularise(train, test, opt.pick(150, 10), opt.seed, true);
    for (int k = 0; k < 2; k++) {
      System.out.printf("β = %d: mean σ %s, mean ‖μ‖ %s over %d test images%n", k,
          Fmt.num(mean(r.sigma()[k])), Fmt.num(mean(r.norm()[k])), test.size());
    }
    // paired over test images: the same image encoded by both models
    Estimate dSigma = MonteCarlo.of(minus(r.sigma()[1], r.sigma()[0]));
    Estimate dNorm = MonteCarlo.of(minus(r.norm()[0], r.norm()[1]));
    checks.that("LS-1",
        String.format("mean σ: β=0 %s < β=1 %s; paired difference %s ± %s = %.0f SE (> 4)",
        Fmt.num(mean(r.sigma()[0])), Fmt.num(mean(r.sigma()[1])), Fmt.num(dSigma.mean()),
        Fmt.num(dSigma.se()),
        dSigma.mean() / dSigma.se()), dSigma.mean() > 4 * dSigma.se());
    checks.that("LS-1",
        String.format("mean ‖μ‖: β=0 %s > β=1 %s; paired difference %s ± %s = %.0f SE (> 4)",
        Fmt.num(mean(r.norm()[0])), Fmt.num(mean(r.norm()[1])), Fmt.num(dNorm.mean()),
        Fmt.num(dNorm.se()),
        dNorm.mean() / dNorm.se()), dNorm.mean() > 4 * dNorm.se());
    Vae.Encoding[] q = {r.models()[0].encode(test.input()), r.models()[1].encode(test.input())};
    double lim = 0;
    for (Vae.Encoding e : q) {
      for (int i = 0; i < e.mu().rows; i++) {
        for (int d = 0; d < 2; d++) {
          lim = Math.max(lim, Math.abs(e.mu().a[i][d]) + Math.exp(0.5 * e.logVar().a[i][d]));
        }
      }
    }
    List<BufferedImage> panels = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      panels.add(Panels.image(ellipses(q[k], test.labels(), Math.ceil(lim),
          String.format("β = %d: mean σ %s, mean ‖μ‖ %s", k, Fmt.num(mean(r.sigma()[k])),
          Fmt.num(mean(r.norm()[k]))))));
    }
    Figures.saveImage(Panels.row(List.of("LS-1, β = 0 (no KL term): each test image's Gaussian "
        + "shrinks to a point",
        "β = 1: wide Gaussians (1σ ellipses), packed around the origin"), panels),
        "06_encoded_gaussians");
    return r.models()[1];
  }

  /**
   * Two VAEs of the same shape and initial weights, trained with β = 0 and β = 1; σ and ‖μ‖ per
   * test image.
   */
  record Regularisation(Vae[] models, double[][] sigma, double[][] norm) {}

  static Regularisation regularise(Dataset train, Dataset test, int epochs, long seed,
      boolean print) {
    Vae[] models = new Vae[2];
    double[][] sigma = new double[2][test.size()];
    double[][] norm = new double[2][test.size()];
    for (int k = 0; k < 2; k++) {
      models[k] = new Vae(config(train.input().cols, 2), MonteCarlo.rng(seed)).training(k, 1);
      if (print && k == 0) {
        System.out.println(models[k]);
      }
      fit(models[k], train, epochs, k, print ? "β=" + k : null, seed + 1);
      Vae.Encoding q = models[k].encode(test.input());
      for (int i = 0; i < test.size(); i++) {
        // σ = exp(½ log σ²), averaged over the latent dimensions;  ‖μ‖ = √(Σ μ_d²)
        sigma[k][i] = Arrays.stream(q.logVar().a[i]).map(lv -> Math.exp(0.5 * lv)).average()
            .orElseThrow();
        norm[k][i] = Math.sqrt(Arrays.stream(q.mu().a[i]).map(m -> m * m).sum());
      }
    }
    return new Regularisation(models, sigma, norm);
  }

  /**
   * The test images' Gaussians as 1σ ellipses (μ_d ± σ_d along each axis), one colour per digit.
   */
  private static XYChart ellipses(Vae.Encoding q, int[] labels, double lim, String title) {
    XYChart chart = Figures.xy(title, "z₁", "z₂");
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setXAxisMin(-lim).setXAxisMax(lim).setYAxisMin(-lim).setYAxisMax(lim);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(0);
    int steps = 24;
    for (int digit = 0; digit < 10; digit++) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] != digit) {
          continue;
        }
        double s1 = Math.exp(0.5 * q.logVar().a[i][0]);
        double s2 = Math.exp(0.5 * q.logVar().a[i][1]);
        for (int t = 0; t <= steps; t++) {
          double a = 2 * Math.PI * t / steps;
          xs.add(q.mu().a[i][0] + s1 * Math.cos(a));
          ys.add(q.mu().a[i][1] + s2 * Math.sin(a));
        }
        xs.add(Double.NaN); // a gap: the next ellipse is a separate outline
        ys.add(Double.NaN);
      }
      if (!xs.isEmpty()) {
        XYSeries s = chart.addSeries("digit " + digit, xs, ys);
        s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
      }
    }
    return chart;
  }

  /*
   * ## 2. The aggregate posterior (LS-6, erratum of note 004 eq. (3))
   * Pool the encoder's Gaussians over all n training images: q(z) = (1/n) Σ_i q(z|x_i), the
   * *aggregate posterior*, the distribution of codes the decoder actually meets. Note 004 eq. (3)
   * argues that it equals the prior N(0, I) by substituting N(0, I) for every q(z|x). That
   * substitution assumes each image's code distribution *is* the prior, i.e. that z ignores x.
   * What holds instead is an identity: the average KL the loss pays splits into
   *
   *     (1/n) Σ_i KL(q(z|x_i) ‖ p(z)) = I(x; z) + KL(q(z) ‖ p(z)),
   *
   * the information the codes carry about the images plus the distance of the pooled codes from
   * the prior. Training keeps the sum small, so q(z) ends up *near* N(0, I), in mean and
   * covariance at least. It cannot be exactly N(0, I) while z depends on x: a finite mixture of
   * Gaussians equals one Gaussian only if every component is that Gaussian (mixtures are
   * identifiable), and then every image has the same q(z|x) and I(x; z) = 0.
   */
  void aggregatePosterior(Vae vae) {
    Chapter.section("2. The pooled codes are near N(0, I), not equal to it (LS-6)");
    Vae.Encoding q = vae.encode(train.input());
    AggregatePosterior agg = new AggregatePosterior(q.mu().a, q.logVar().a);
    double[] mean = agg.mean();
    double[][] cov = agg.covariance();
    System.out.println(agg);
    System.out.printf("mean       [%s, %s]          against [0, 0]%n", Fmt.num(mean[0]),
        Fmt.num(mean[1]));
    System.out.printf("covariance [[%s, %s], [%s, %s]]   against [[1, 0], [0, 1]]%n",
        Fmt.num(cov[0][0]), Fmt.num(cov[0][1]), Fmt.num(cov[1][0]), Fmt.num(cov[1][1]));
    // (1/n) Σ KL(q(z|x_i) ‖ p) = I(x; z) + KL(q(z) ‖ p): both parts by Monte Carlo, the sum in
    // closed form
    AggregatePosterior.Split split = agg.split(opt.pick(20_000, 4_000),
        MonteCarlo.rng(opt.seed + 2));
    double momentKl = agg.momentMatchedKl();
    System.out.printf("mean KL(q(z|x) ‖ p) %s = I(x; z) %s ± %s + KL(q(z) ‖ p) %s ± %s nats;  "
        + "KL(N(mean, cov) ‖ N(0, I)) %s%n",
        Fmt.num(split.meanKl()), Fmt.num(split.mutualInformation().mean()),
        Fmt.num(split.mutualInformation().se()),
        Fmt.num(split.klToPrior().mean()), Fmt.num(split.klToPrior().se()), Fmt.num(momentKl));
    // the split is an identity draw by draw (log q(z) cancels in the sum), so this compares the
    // closed-form mean KL with its Monte Carlo estimate and says nothing about q(z) itself
    checks.mc("LS-6", "mean KL (closed form)", split.meanKl(),
        "E[log q(z|x) − log p(z)] (MC; = I + KL, log q(z) cancels)", split.total());
    // q(z) itself, against the mixture density summed directly from commons-math's normals
    double worst = 0;
    SplittableRandom at = MonteCarlo.rng(opt.seed + 3);
    for (int s = 0; s < 200; s++) { // z from q(z) (100 points) and from N(0, I) (100 points)
      int i = at.nextInt(agg.size());
      double[] z = new double[agg.dim()];
      for (int d = 0; d < z.length; d++) {
        z[d] = s % 2 == 0 ? q.mu().a[i][d] + Math.exp(0.5 * q.logVar().a[i][d]) * at.nextGaussian()
            : at.nextGaussian();
      }
      worst = Math.max(worst, Math.abs(agg.logDensity(z) - bruteForceLogDensity(q, z)));
    }
    checks.that("LS-6", String.format("log q(z) at 200 points: log-sum-exp against log (1/n) Σ_i "
        + "Π_d φ(z_d; μ_id, σ_id) from commons-math, max |Δ| %s ≤ 1e-9", Fmt.sci(worst)),
        worst <= 1e-9);
    Estimate kl = split.klToPrior();
    Estimate info = split.mutualInformation();
    checks.that("LS-6",
        String.format("q(z) ≠ N(0, I): KL(q(z)‖p) %s ± %s > 4 SE, because z depends on x: I(x;z) "
        + "%s ± %s > 4 SE (≤ log n = %s)",
        Fmt.num(kl.mean()), Fmt.num(kl.se()), Fmt.num(info.mean()), Fmt.num(info.se()),
        Fmt.num(Math.log(agg.size()))),
        kl.mean() > 4 * kl.se() && info.mean() > 4 * info.se()
        && info.mean() <= Math.log(agg.size()) + 4 * info.se());
    checks.that("LS-6",
        String.format("matching (0, I) in mean and covariance is less: KL(N(mean, cov)‖N(0,I)) "
        + "%s ≤ KL(q(z)‖p) %s + 4 SE",
        Fmt.num(momentKl), Fmt.num(kl.mean())), momentKl <= kl.mean() + 4 * kl.se());
  }

  /** log (1/n) Σ_i Π_d N(z_d; μ_id, σ_id²), from commons-math's densities, no log-sum-exp. */
  static double bruteForceLogDensity(Vae.Encoding q, double[] z) {
    double sum = 0;
    for (int i = 0; i < q.mu().rows; i++) {
      double p = 1;
      for (int d = 0; d < z.length; d++) {
        double sigma = Math.exp(0.5 * q.logVar().a[i][d]);
        p *= new NormalDistribution(null, q.mu().a[i][d], sigma).density(z[d]);
      }
      sum += p;
    }
    return Math.log(sum / q.mu().rows);
  }

  /*
   * ## 3. Continuity and completeness (LS-2, AE-5)
   * A generator must turn *any* plausible code into something that looks like data: codes drawn
   * from the prior (completeness) and codes between two encodings (continuity). A plain
   * autoencoder is trained only on the codes of the training images; nothing tells its decoder what
   * to do elsewhere. We train a plain autoencoder and a VAE of the same size (8-D latent, the same
   * layers) and decode (a) random codes: from N(0, I) for the VAE and, to be fair to the
   * autoencoder, from a Gaussian with its own codes' mean and covariance; (b) midpoints between
   * the codes of two random test images. "Looks like data" is measured by the distance to the
   * nearest training image, next to the same distance for real test images.
   *
   * Read the numbers with one caveat: a VAE decodes *mean* images, which are smoother than real
   * digits, and a smooth image can sit nearer to some training image than a real test digit does.
   * So the distance rewards plausibility and blur alike; the pictures show which is which. The
   * check is on random codes, where the gap is large. For midpoints the answer depends on training:
   * after the full 150 epochs the VAE's midpoints are nearer the data too, but after 40 or fewer
   * the autoencoder's are (its midpoints are sharp ghosts of two digits), so it is printed, not
   * checked.
   */
  void continuityAndCompleteness() {
    Chapter.section("3. Decoding new codes: plain autoencoder against VAE (LS-2, AE-5)");
    Continuity c = continuity(train, test, opt.pick(150, 25), 300, opt.seed + 3, true);
    System.out.printf("distance to the nearest training image (pixels in [0, 1], 64 of them), "
        + "mean ± SE:%n");
    System.out.printf("  %-20s %s%n", "real test images", pm(MonteCarlo.of(c.real())));
    System.out.printf("  %-20s %s%n", "AE reconstructions",
        pm(MonteCarlo.of(c.reconstructions()[0])));
    System.out.printf("  %-20s %s%n", "VAE reconstructions",
        pm(MonteCarlo.of(c.reconstructions()[1])));
    Estimate[] est = new Estimate[4];
    for (int g = 0; g < 4; g++) {
      est[g] = MonteCarlo.of(c.distances()[g]);
      System.out.printf("  %-20s %s%n", Continuity.NAMES[g], pm(est[g]));
    }
    // independent samples: SE of a difference = √(SE_AE² + SE_VAE²)
    double diff = est[0].mean() - est[1].mean();
    double se = Math.hypot(est[0].se(), est[1].se());
    checks.that("LS-2",
        String.format("random codes: VAE decodings nearer the data than the AE's, %s < %s; "
        + "difference %s ± %s = %.1f SE (> 4)",
        Fmt.num(est[1].mean()), Fmt.num(est[0].mean()), Fmt.num(diff), Fmt.num(se), diff / se),
        diff > 4 * se);
    double midDiff = est[2].mean() - est[3].mean();
    double midSe = Math.hypot(est[2].se(), est[3].se());
    System.out.printf("midpoints: AE − VAE distance %s ± %s = %.1f SE (not a check: the sign "
        + "depends on how long the VAE trained)%n",
        Fmt.num(midDiff), Fmt.num(midSe), midDiff / midSe);
    List<BufferedImage> grids = new ArrayList<>(List.of(ImageGrid.of(Arrays.copyOf(test.input().a,
        48), 8, 8, 6)));
    List<String> captions = new ArrayList<>(List.of("real test images: "
        + Fmt.num(MonteCarlo.of(c.real()).mean())));
    for (int g = 0; g < 4; g++) {
      grids.add(ImageGrid.of(Arrays.copyOf(c.decoded()[g], 48), 8, 8, 6));
      captions.add(Continuity.NAMES[g] + ": " + Fmt.num(est[g].mean()));
    }
    Figures.saveImage(Panels.column(List.of("LS-2: decoded new codes; after each label, the mean "
        + "distance to the nearest training image"),
        List.of(Panels.row(captions, grids))), "06_continuity");
    XYChart chart = Figures.xy("LS-2: codes a plain autoencoder never saw decode farther from "
        + "the data",
        "distance to the nearest training image (pixel units)", "fraction of images ≤ distance");
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    addCdf(chart, "real test images", c.real());
    for (int g = 0; g < 4; g++) {
      addCdf(chart, Continuity.NAMES[g], c.distances()[g]);
    }
    Figures.save(chart, "06_nearest_distances");
  }

  /**
   * Decodings of new codes by a plain AE and a VAE, and their distances to the nearest training
   * image.
   */
  record Continuity(double[][][] decoded, double[][] distances, double[] real,
      double[][] reconstructions) {
    static final String[] NAMES = {"AE, random codes", "VAE, random codes", "AE, midpoints",
        "VAE, midpoints"};
  }

  static Continuity continuity(Dataset train, Dataset test, int epochs, int n, long seed,
      boolean print) {
    int latent = 8;
    Autoencoder ae = Autoencoder.shapedLike(config(64, latent), MonteCarlo.rng(seed));
    Vae vae = new Vae(config(64, latent), MonteCarlo.rng(seed)).training(1, 1);
    if (print) {
      System.out.println(ae);
      System.out.println(vae);
    }
    fit(ae, train, epochs, 0, print ? "AE " : null, seed + 1);
    fit(vae, train, epochs, 1, print ? "VAE" : null, seed + 1);
    SplittableRandom rng = MonteCarlo.rng(seed + 2);
    // the AE has no prior: draw its codes from a Gaussian with the mean and covariance of its
    // training codes
    Matrix aeCodes = ae.encode(train.input());
    AggregatePosterior aeFit = new AggregatePosterior(aeCodes.a, new double[aeCodes.rows][latent]);
    Matrix zAe = sample(n, new MvGaussian(aeFit.mean(), aeFit.covariance()), rng);
    // the VAE's prior: z ~ N(0, I)
    Matrix zVae = sample(n, MvGaussian.of(DiagGaussian.standard(latent)), rng);
    int[][] pairs = new int[n][2];
    for (int[] p : pairs) {
      p[0] = rng.nextInt(test.size());
      p[1] = rng.nextInt(test.size());
    }
    Matrix aeTest = ae.encode(test.input());
    Matrix vaeTest = vae.encode(test.input()).mu();
    double[][][] decoded = {
        ae.decodeMean(zAe), vae.decodeMean(zVae), ae.decodeMean(LatentPaths.midpoints(aeTest,
            pairs)), vae.decodeMean(LatentPaths.midpoints(vaeTest, pairs))};
    // min_j ‖x − x_j‖ over the training images x_j
    double[][] dist = new double[4][];
    for (int g = 0; g < 4; g++) {
      dist[g] = NearestNeighbours.distances(Matrix.of(decoded[g]), train.input());
    }
    double[][] recon = {NearestNeighbours.distances(Matrix.of(ae.decodeMean(aeTest)),
        train.input()),
        NearestNeighbours.distances(Matrix.of(vae.decodeMean(vaeTest)), train.input())};
    return new Continuity(decoded, dist, NearestNeighbours.distances(test.input(), train.input()),
        recon);
  }

  /*
   * ## 4. The moon (LS-3)
   * Notes 002 and 004 tell the story with the Moon: encode a full moon and a half moon, decode the
   * point halfway between their codes, and a well-regularised latent space should give a moon in
   * between, about three-quarters lit; the notes say a plain autoencoder gives an unrecognisable
   * blur there. Here the moons are generated, so the phase φ is known, and it can be read back
   * from any image, a decoded one included, from its lit fraction f = (1 − cos φ)/2 and the side
   * the light is on. We train an autoencoder and a VAE on 1,000 moons at random phases (one
   * generating factor: a circle of images) and decode the straight line from the full moon
   * (φ = π) to the first quarter (φ = π/2).
   *
   * What the run shows: the VAE's midpoint is an in-between moon. So, on this one-factor data set,
   * is the autoencoder's: with 1,000 training phases packed densely along one curve there are no
   * gaps for the autoencoder to fall into. The notes' warning is about sparse data in a roomy
   * latent space, which section 3 (random codes) is closer to.
   */
  void theMoon() {
    Chapter.section("4. Halfway between a full and a half moon (LS-3)");
    Moon m = moon(opt.pick(100, 15), opt.seed + 6, true);
    String[] names = {"AE ", "VAE"};
    for (int k = 0; k < 2; k++) {
      StringBuilder s = new StringBuilder();
      for (double p : m.phases()[k]) {
        s.append(String.format(" %.2f", p));
      }
      System.out.printf("%s: measured phase along the line, full → half moon (rad):%s%n", names[k],
          s);
    }
    double[] phi = m.phases()[1];
    double mid = phi[phi.length / 2];
    checks.that("LS-3",
        String.format("VAE midpoint phase %s lies between its decoded full moon %s and half moon "
        + "%s (true π = %s, π/2 = %s)",
        Fmt.num(mid), Fmt.num(phi[0]), Fmt.num(phi[phi.length - 1]), Fmt.num(Math.PI),
        Fmt.num(Math.PI / 2)),
        mid > phi[phi.length - 1] && mid < phi[0]);
    List<BufferedImage> rows = new ArrayList<>();
    for (double[][] strip : m.strips()) {
      // lit = white on a black sky
      rows.add(ImageGrid.of(Arrays.stream(strip).map(img -> Arrays.stream(img).map(v -> 1 - v)
          .toArray()).toArray(double[][]::new),
          16, strip.length, 5));
    }
    double[] phiAe = m.phases()[0];
    Figures.saveImage(Panels.column(List.of(
        String.format("LS-3, plain autoencoder: the line from full moon (φ = π) to half moon (φ "
        + "= π/2); midpoint's measured φ = %.2f", phiAe[phiAe.length / 2]),
        String.format("VAE: the same line; midpoint's measured φ = %.2f (three-quarters lit: "
        + "3π/4 = %.2f)", mid, 3 * Math.PI / 4)), rows),
        "06_moon_interpolation");
  }

  /**
   * The decoded straight line from a full to a half moon, for a plain AE and a VAE, and each
   * image's measured phase.
   */
  record Moon(double[][][] strips, double[][] phases) {}

  static Moon moon(int epochs, long seed, boolean print) {
    MoonPhases moons = new MoonPhases(16, 6, 6);
    MoonPhases.Sample sample = moons.sample(1000, MonteCarlo.rng(seed));
    Dataset data = new Dataset("moons", sample.images(), sample.images(), null);
    if (print) {
      System.out.println(moons + ", 1000 training images at random phases");
    }
    Autoencoder ae = Autoencoder.shapedLike(config(256, 2), MonteCarlo.rng(seed + 1));
    Vae vae = new Vae(config(256, 2), MonteCarlo.rng(seed + 1)).training(1, 1);
    fit(ae, data, epochs, 0, print ? "AE " : null, seed + 2);
    fit(vae, data, epochs, 1, print ? "VAE" : null, seed + 2);
    Matrix ends = Matrix.of(moons.render(Math.PI, 6), moons.render(Math.PI / 2, 6));
    int steps = 9;
    double[][][] strips = {
        ae.decodeMean(LatentPaths.line(ae.encode(ends), steps)),
            vae.decodeMean(LatentPaths.line(vae.encode(ends).mu(), steps))};
    double[][] phases = new double[2][];
    for (int k = 0; k < 2; k++) {
      phases[k] = Arrays.stream(strips[k]).mapToDouble(img -> moons.measure(img).phase()).toArray();
    }
    return new Moon(strips, phases);
  }

  /*
   * ## Summary
   * - Without the KL term the encoder's Gaussians collapse to points and spread out; with it they
   *   stay wide and gather around the origin (LS-1). In a 2-D latent that still encodes digits,
   *   "wide" means σ ≈ 0.25, not 1: each image's code must stay distinguishable.
   * - The pooled codes of a VAE match N(0, I) closely in mean and covariance but are not N(0, I):
   *   the average KL pays for the information z carries about x plus the aggregate's distance
   *   from the prior, and equality would need the information to be zero (LS-6, erratum of
   *   note 004 eq. (3)).
   * - Random codes decode nearer to real data for a VAE than for a plain autoencoder of the same
   *   size (LS-2); the midpoint between a full and a half moon decodes to a moon in between (LS-3),
   *   for the VAE and, on this simple data set, for the autoencoder too.
   *
   * ## Exercises
   * 1. Train with β = 0.1 and β = 10 in section 1. Where between the two pictures do they fall?
   * 2. In section 3, decode N(0, I) codes with the autoencoder instead of its own Gaussian. Why is
   *    that unfair, and what does the distance say?
   * 3. In section 4, give both models an 8-D latent and train on 100 moons instead of 1,000. Does
   *    the autoencoder's midpoint still land between the two phases?
   * 4. Replace the nearest-image distance by one that does not reward blur (for example, the
   *    distance after sharpening both images to 0/1). Does the midpoint comparison change?
   */

  private static Matrix sample(int n, MvGaussian g, SplittableRandom rng) {
    Matrix z = new Matrix(n, g.dim());
    for (int r = 0; r < n; r++) {
      z.a[r] = g.sample(rng);
    }
    return z;
  }

  private static void addCdf(XYChart chart, String name, double[] values) {
    double[] x = values.clone();
    Arrays.sort(x);
    double[] y = IntStream.range(0, x.length).mapToDouble(i -> (i + 1.0) / x.length).toArray();
    chart.addSeries(name, x, y);
  }

  private static String pm(Estimate e) {
    return Fmt.num(e.mean()) + " ± " + Fmt.num(e.se());
  }

  static double mean(double[] a) {
    return Arrays.stream(a).average().orElseThrow();
  }

  static double[] minus(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }
}
