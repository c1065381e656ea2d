///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Ch.6 — The latent space: why the KL term makes it continuous and complete
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Chapter 6 — The latent space: why the KL term makes it continuous and complete
 * What the KL term does to the codes, and what that buys: points between and around the data
 * decode to data. The notes tell it with the Moon; ours are generated, so every phase is measured.
 *
 * **This chapter verifies:** LS-1, LS-2, LS-3, LS-6 (erratum of note 004 eq. (3)), LS-8 … LS-10
 * **Run:** `./jbang chapters/06_latent_space.java [--quick] [--seed N]`  (alias `latent`)
 * **Figures** (in `figures/`): `06_encoded_gaussians.png`, `06_pooled_codes.png`,
 * `06_continuity.png`, `06_nearest_distances.png`, `06_moon_interpolation.png`, `06_two_moons.png`
 *
 * Each claim in one line (its source, tests and tolerance are in `CLAIMS.md`):
 * - **LS-1** — Without the KL term the encoder's σ shrinks toward 0 and its means spread out
 * - **LS-2** — New codes (prior draws, midpoints) decode to data for a VAE, not for a plain AE
 * - **LS-3** — Halfway between a full-moon and a half-moon code decodes to an in-between phase
 * - **LS-6** — Erratum: the pooled codes q(z) are near N(0, I), equal to it only if z ignores x
 * - **LS-8** — A full and a new moon averaged pixel by pixel give a dim full disc, not a half moon
 * - **LS-9** — An autoencoder trained on a full and a half moon decodes their midpoint to neither
 * - **LS-10** — Code noise, no KL: the midpoint decodes in between, but the codes outrun the noise
 */
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.math3.distribution.MixtureMultivariateNormalDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Fmt;
import vae.data.Digits;
import vae.data.MoonPhases;
import vae.fig.Cdf;
import vae.fig.DensityMap;
import vae.fig.Ellipses;
import vae.fig.Figures;
import vae.fig.GridRow;
import vae.fig.MoonStrips;
import vae.fig.Panels;
import vae.model.Autoencoder;
import vae.model.Dataset;
import vae.model.Likelihood;
import vae.model.MoonLines;
import vae.model.NewCodes;
import vae.model.Recipe;
import vae.model.Vae;
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
    Digits digits = Digits.load(); // pixel/16 ∈ [0, 1], scored by the Bernoulli decoder
    train = Dataset.digits(digits.train, Likelihood.parse("bernoulli"));
    test = Dataset.digits(digits.test, Likelihood.parse("bernoulli"));
    System.out.printf("digits: train %d, test %d images of 8×8%n", train.size(), test.size());
    aggregatePosterior(whyRegularise());
    continuityAndCompleteness();
    theMoon();
    twoMoons();
    int exit = checks.summary();
    System.out.printf(java.util.Locale.ROOT, "RESULT chapter=06 wall_s=%.1f%n",
        (System.nanoTime() - start) / 1e9);
    return exit;
  }

  /*
   * ## 1. Why regularise (LS-1)
   * The encoder gives each image a Gaussian N(μ, σ²), training decodes z = μ + σ ⊙ ε from it, and
   *
   *     loss = −E_q[log p(x|z)] + β · KL(N(μ, σ²) ‖ N(0, I)).
   *
   * With β = 0 the noise only blurs what the decoder sees: σ shrinks toward 0 (a point per image,
   * as in a plain AE) and the means drift apart. With β = 1 the KL, ½ Σ (μ² + σ² − log σ² − 1), is
   * least at μ = 0, σ = 1. One network trained both ways in 2-D: mean σ and ‖μ‖ over test images,
   * paired. σ grows a hundredfold, to about 0.25, not 1: two dimensions must still tell ten digits
   * apart (σ ≈ 1 marks an unused one, chapter 07).
   */
  Vae whyRegularise() {
    Chapter.section("1. Without the KL term the Gaussians shrink to points and drift apart (LS-1)");
    Regularisation r = regularise(train, test, opt.pick(150, 10), opt, true);
    String[] what = {"mean σ: β=0 %s < β=1 %s", "mean ‖μ‖: β=0 %s > β=1 %s"};
    for (int w = 0; w < 2; w++) {
      double[][] v = w == 0 ? r.sigma() : r.norm();
      // paired over test images: the same image encoded by both models, larger minus smaller
      Estimate d = MonteCarlo.of(w == 0 ? minus(v[1], v[0]) : minus(v[0], v[1]));
      checks.that("LS-1", String.format(what[w] + "; paired difference %s = %.0f SE (> 4)",
          Fmt.num(mean(v[0])), Fmt.num(mean(v[1])), pm(d), d.mean() / d.se()),
          d.mean() > 4 * d.se());
    }
    figEncodedGaussians(r);
    return r.models()[1];
  }

  /** VAEs of one shape and initial weights trained with β = 0, 1: codes, σ and ‖μ‖ per image. */
  record Regularisation(Vae[] models, Vae.Encoding[] codes, double[][] sigma, double[][] norm) {}

  static Regularisation regularise(Dataset train, Dataset test, int epochs, ChapterOptions opt,
      boolean print) {
    Vae[] models = new Vae[2];
    Vae.Encoding[] codes = new Vae.Encoding[2];
    double[][][] stats = new double[2][2][]; // [σ or ‖μ‖][β][test image]
    for (int k = 0; k < 2; k++) {
      models[k] = new Vae(Recipe.config(64, 2), opt.rng("regularise: weights")).training(k, 1);
      Recipe.fit(models[k], train, epochs, k, print ? "β=" + k : null,
          opt.seed("regularise: batches"));
      Vae.Encoding c = codes[k] = models[k].encode(test.input());
      // per image: σ = exp(½ log σ²) averaged over the two dimensions, and ‖μ‖
      stats[0][k] = Arrays.stream(c.logVar().a)
          .mapToDouble(lv -> (Math.exp(lv[0] / 2) + Math.exp(lv[1] / 2)) / 2).toArray();
      stats[1][k] = Arrays.stream(c.mu().a).mapToDouble(m -> Math.hypot(m[0], m[1])).toArray();
    }
    return new Regularisation(models, codes, stats[0], stats[1]);
  }

  private void figEncodedGaussians(Regularisation r) {
    List<java.awt.image.BufferedImage> panels = new ArrayList<>();
    for (int k = 0; k < 2; k++) {
      panels.add(Panels.image(Ellipses.of(String.format("β = %d: mean σ %s, mean ‖μ‖ %s", k,
          Fmt.num(mean(r.sigma()[k])), Fmt.num(mean(r.norm()[k]))), r.codes()[k].mu().a,
          r.codes()[k].logVar().a, test.labels(),
          Math.ceil(Arrays.stream(r.norm()[k]).max().orElseThrow() + 1))));
    }
    Figures.saveImage(Panels.row(List.of("LS-1, β = 0 (no KL term): each test image's Gaussian "
        + "shrinks to a point", "β = 1: wide Gaussians (1σ ellipses), packed around the origin"),
        panels), "06_encoded_gaussians");
  }

  /*
   * ## 2. The aggregate posterior (LS-6, erratum of note 004 eq. (3))
   * Pooled over the n training images, the encoder's Gaussians give q(z) = (1/n) Σ_i q(z|x_i), the
   * *aggregate posterior*: the codes the decoder meets. Note 004 eq. (3) makes it N(0, I) by
   * putting N(0, I) for every q(z|x), which assumes z ignores x. What holds is
   *
   *     (1/n) Σ_i KL(q(z|x_i) ‖ p(z)) = I(x; z) + KL(q(z) ‖ p(z)):
   *
   * the KL paid is the information the codes carry about the images plus the pooled codes'
   * distance from the prior. Training keeps it small, so q(z) is *near* N(0, I), but not equal
   * while z depends on x: a finite mixture of Gaussians is one Gaussian only if every component
   * is (mixtures are identifiable), and then I(x; z) = 0. The figure draws q(z) as note 003 does,
   * Gaussians pooled into a warped shape: its densest 39, 86 and 99 %, over N(0, I)'s.
   */
  void aggregatePosterior(Vae vae) {
    Chapter.section("2. The pooled codes are near N(0, I), not equal to it (LS-6)");
    Vae.Encoding q = vae.encode(train.input());
    AggregatePosterior agg = new AggregatePosterior(q.mu().a, q.logVar().a);
    System.out.printf("%s%nmean [%s] against [0, 0]; covariance [[%s], [%s]] against I%n", agg,
        nums(agg.mean()), nums(agg.covariance()[0]), nums(agg.covariance()[1]));
    // (1/n) Σ KL(q(z|x_i) ‖ p) = I(x; z) + KL(q(z) ‖ p): both parts by Monte Carlo
    AggregatePosterior.Split split = agg.split(opt.pick(20_000, 4_000), opt.rng("pooled: split"));
    Estimate kl = split.klToPrior();
    Estimate info = split.mutualInformation();
    // an identity draw by draw (log q(z) cancels): it checks the closed-form mean KL, not q(z)
    checks.mc("LS-6", "mean KL (closed form)", split.meanKl(),
        "E[log q(z|x) − log p(z)] (MC; = I + KL, log q(z) cancels)", split.total());
    // q(z) itself, against commons-math's own mixture of n Gaussians
    MixtureMultivariateNormalDistribution mixture = mixture(q);
    double worst = 0;
    var at = opt.rng("pooled: points");
    for (int s = 0; s < 200; s++) { // z from q(z) (100 points) and from N(0, I) (100 points)
      int i = at.nextInt(agg.size());
      double[] z = (s % 2 == 0 ? q.q().row(i) : DiagGaussian.standard(2)).sample(at);
      worst = Math.max(worst, Math.abs(agg.logDensity(z) - Math.log(mixture.density(z))));
    }
    checks.that("LS-6", String.format("log q(z) at 200 points: log-sum-exp against commons-math's "
        + "MixtureMultivariateNormalDistribution, max |Δ| %s ≤ 1e-9", Fmt.sci(worst)),
        worst <= 1e-9);
    checks.that("LS-6", String.format("q(z) ≠ N(0, I): KL(q(z)‖p) %s > 4 SE, because z depends on "
        + "x: I(x;z) %s > 4 SE (≤ log n = %s)", pm(kl), pm(info), Fmt.num(Math.log(agg.size()))),
        kl.mean() > 4 * kl.se() && info.mean() > 4 * info.se()
        && info.mean() <= Math.log(agg.size()) + 4 * info.se());
    double momentKl = agg.momentMatchedKl();
    checks.that("LS-6", String.format("matching (0, I) in mean and covariance is less: "
        + "KL(N(mean, cov)‖N(0,I)) %s ≤ KL(q(z)‖p) %s + 4 SE", Fmt.num(momentKl),
        Fmt.num(kl.mean())), momentKl <= kl.mean() + 4 * kl.se());
    figPooledCodes(agg, kl, info);
  }

  /** (1/n) Σ_i N(μ_i, diag σ_i²) as commons-math builds it: no code of ours, no log-sum-exp. */
  static MixtureMultivariateNormalDistribution mixture(Vae.Encoding q) {
    int n = q.mu().rows;
    double[][][] cov = new double[n][2][2];
    for (int i = 0; i < n; i++) {
      cov[i][0][0] = Math.exp(q.logVar().a[i][0]); // diag σ_i²
      cov[i][1][1] = Math.exp(q.logVar().a[i][1]);
    }
    double[] weights = java.util.stream.DoubleStream.generate(() -> 1.0 / n).limit(n).toArray();
    return new MixtureMultivariateNormalDistribution(weights, q.mu().a, cov);
  }

  private void figPooledCodes(AggregatePosterior agg, Estimate kl, Estimate info) {
    double[] masses = {1 - Math.exp(-0.5), 1 - Math.exp(-2), 1 - Math.exp(-4.5)}; // r = 1, 2, 3
    double[] levels = agg.levels(masses, opt.pick(20_000, 4_000), opt.rng("pooled: levels"));
    Figures.save(DensityMap.of(String.format(java.util.Locale.ROOT, "LS-6: pooled codes q(z) "
        + "vs N(0, I): KL(q‖p) %.3f ± %.3f, I(x; z) %.2f ± %.2f nats", kl.mean(), kl.se(),
        info.mean(), info.se()), 3.5, opt.pick(90, 30), agg::logDensity, masses, levels),
        "06_pooled_codes");
  }

  /*
   * ## 3. Continuity and completeness (LS-2, AE-5)
   * A generator must turn *any* plausible code into data: prior draws (completeness) and points
   * between two codes (continuity). A plain AE and a VAE of one size (8-D latent) decode, by
   * `NewCodes`, (a) random codes: from N(0, I) for the VAE and, to be fair to the AE, from a
   * Gaussian with its own codes' mean and covariance; (b) midpoints of two test images' codes.
   * "Looks like data" is the distance to the nearest training image. A VAE decodes smooth *mean*
   * images, which can sit nearer a training image than a real digit does; the pictures tell
   * plausibility from blur. Random codes are checked; midpoints are printed, as their sign
   * depends on training (after 150 epochs the VAE's are nearer, after 40 the AE's sharp ghosts).
   */
  void continuityAndCompleteness() {
    Chapter.section("3. Decoding new codes: plain autoencoder against VAE (LS-2, AE-5)");
    NewCodes.Result c = continuity(train, test, opt.pick(150, 25), 300, opt, true);
    System.out.println("distance to the nearest training image (64 pixels in [0, 1]), mean ± SE:");
    Estimate[] est = new Estimate[NewCodes.NAMES.length];
    for (int g = 0; g < est.length; g++) {
      est[g] = MonteCarlo.of(c.distances()[g]);
      System.out.printf("  %-20s %s%n", NewCodes.NAMES[g], pm(est[g]));
    }
    // independent samples: SE of a difference = √(SE_AE² + SE_VAE²)
    double diff = est[1].mean() - est[2].mean();
    double se = Math.hypot(est[1].se(), est[2].se());
    checks.that("LS-2", String.format("random codes: VAE decodings nearer the data than the AE's, "
        + "%s < %s; difference %s ± %s = %.1f SE (> 4)", Fmt.num(est[2].mean()),
        Fmt.num(est[1].mean()), Fmt.num(diff), Fmt.num(se), diff / se), diff > 4 * se);
    System.out.printf("midpoints: AE − VAE distance %s ± %s (not a check: the sign depends on "
        + "how long the VAE trained)%n", Fmt.num(est[3].mean() - est[4].mean()),
        Fmt.num(Math.hypot(est[3].se(), est[4].se())));
    figContinuity(c);
  }

  static NewCodes.Result continuity(Dataset train, Dataset test, int epochs, int n,
      ChapterOptions opt, boolean print) {
    Autoencoder ae = Autoencoder.shapedLike(Recipe.config(64, 8), opt.rng("continuity: weights"));
    Vae vae = new Vae(Recipe.config(64, 8), opt.rng("continuity: weights")).training(1, 1);
    Recipe.fit(ae, train, epochs, 0, print ? "AE " : null, opt.seed("continuity: batches"));
    Recipe.fit(vae, train, epochs, 1, print ? "VAE" : null, opt.seed("continuity: batches"));
    return NewCodes.compare(ae, vae, train, test, n, opt.rng("continuity: codes"));
  }

  private void figContinuity(NewCodes.Result c) {
    List<String> captions = new ArrayList<>();
    for (int g = 0; g < 5; g++) { // real images, then random codes and midpoints, AE and VAE
      captions.add(NewCodes.NAMES[g] + ": " + Fmt.num(mean(c.distances()[g])));
    }
    Figures.saveImage(GridRow.of("LS-2: decoded new codes; after each label, the mean distance "
        + "to the nearest training image", captions, Arrays.copyOf(c.decoded(), 5), 48, 8, 8, 6),
        "06_continuity");
    Figures.save(Cdf.of("LS-2: codes a plain autoencoder never saw decode farther from the data",
        "distance to the nearest training image (pixel units)", Arrays.copyOf(NewCodes.NAMES, 5),
        Arrays.copyOf(c.distances(), 5)), "06_nearest_distances");
  }

  /*
   * ## 4. The moon (LS-3)
   * Our moons are generated (`MoonPhases`): the phase φ of any image, decoded ones included, is
   * read back from its lit fraction f = (1 − cos φ)/2 and the lit side. A plain AE and a VAE learn
   * 1,000 moons at random phases and decode the line from the full moon (φ = π) to the first
   * quarter (φ = π/2). The VAE's midpoint is in between; so is the AE's, as 1,000 phases on one
   * curve (one generating factor) leave it no gaps.
   */
  void theMoon() {
    Chapter.section("4. Halfway between a full and a half moon (LS-3)");
    MoonLines.Line[] lines = moon(opt.pick(100, 15), opt, true);
    double[][] phi = {lines[0].phases(), lines[1].phases()};
    System.out.printf("measured phase along the line, full → half moon (rad):%n  AE:  %s%n"
        + "  VAE: %s%n", nums(phi[0]), nums(phi[1]));
    checks.that("LS-3", String.format("VAE midpoint phase %s lies between its decoded full moon %s "
        + "and half moon %s (true π = %s, π/2 = %s)", Fmt.num(phi[1][4]), Fmt.num(phi[1][0]),
        Fmt.num(phi[1][8]), Fmt.num(Math.PI), Fmt.num(Math.PI / 2)),
        phi[1][4] > phi[1][8] && phi[1][4] < phi[1][0]);
    figMoonInterpolation(lines, phi);
  }

  /** A plain AE and a VAE trained on 1,000 moons at random phases: their full → half lines. */
  static MoonLines.Line[] moon(int epochs, ChapterOptions opt, boolean print) {
    Dataset data = MoonLines.phases(1000, opt.rng("moon: data"));
    Autoencoder ae = Autoencoder.shapedLike(Recipe.config(256, 2), opt.rng("moon: weights"));
    Vae vae = new Vae(Recipe.config(256, 2), opt.rng("moon: weights")).training(1, 1);
    Recipe.fit(ae, data, epochs, 0, print ? "AE " : null, opt.seed("moon: batches"));
    Recipe.fit(vae, data, epochs, 1, print ? "VAE" : null, opt.seed("moon: batches"));
    return new MoonLines.Line[] {MoonLines.of(ae), MoonLines.of(vae)};
  }

  private void figMoonInterpolation(MoonLines.Line[] lines, double[][] phi) {
    Figures.saveImage(MoonStrips.of(List.of(String.format("LS-3, plain autoencoder: the line "
        + "from full moon (φ = π) to half moon (φ = π/2); midpoint's measured φ = %.2f",
        phi[0][4]), String.format("VAE: the same line; midpoint's measured φ = %.2f "
        + "(three-quarters lit: 3π/4 = %.2f)", phi[1][4], 3 * Math.PI / 4)),
        List.of(lines[0].images(), lines[1].images()), 16, 5), "06_moon_interpolation");
  }

  /*
   * ## 5. The notes' two moons, measured (LS-8, LS-9, LS-10)
   * `measure` also reads the light's brightness Σp²/Σp (0.96 for our moons, ½ for a grey disc)
   * and its centroid, which a moon of lit fraction f has 8(1 − f)/(3π) radii from the centre; an
   * image missing that by over `OFFSET_TOLERANCE` = 0.02 (3× the worst rendered moon) is no moon.
   * *LS-8, note 002*: between a full and a new moon, a half moon? Not in pixels: their average is
   * the disc at half brightness, a half moon by lit fraction but with centred, grey light.
   * *LS-9, note 004*: an autoencoder trained on just a full and a half moon; the note says their
   * codes' midpoint decodes to an unrecognisable image. Ours decodes to neither: a half moon with a
   * speckled ghost of the disc, in between by lit fraction and (at most seeds) no moon by offset.
   * *LS-10, the note's fix*: fixed noise on the codes (σ = 1, no KL term), so each image's codes
   * reach the midpoint and the decoder must compromise there. Its midpoint is in between (seed 42:
   * no moon), but not for that reason: nothing pins the codes' scale, so the encoder moves them
   * apart until the noise no longer reaches halfway. Pinning it is the KL term's work (§1).
   */
  void twoMoons() {
    Chapter.section("5. The notes' two moons, measured (LS-8, LS-9, LS-10)");
    MoonPhases moons = MoonLines.MOONS;
    double[] full = MoonLines.ENDS.a[0];
    double[] dark = moons.render(0, 6);
    double[] average = new double[dark.length];
    Arrays.setAll(average, i -> (full[i] + dark[i]) / 2);
    MoonPhases.Measurement f = moons.measure(full);
    MoonPhases.Measurement h = moons.measure(MoonLines.ENDS.a[1]);
    MoonPhases.Measurement a = moons.measure(average);
    System.out.printf("full moon: %s%nhalf moon: %s%n(full + new moon)/2: %s%n", f, h, a);
    checks.that("LS-8", String.format("(full + new)/2: a half moon's lit fraction, %s vs %s "
        + "(± 0.04), but no moon: centred light (offset %s, a moon's %s; miss > %s), grey "
        + "(brightness %s = ½ × %s)", Fmt.num(a.litFraction()), Fmt.num(h.litFraction()),
        Fmt.num(a.offset()), Fmt.num(a.moonOffset()), MoonPhases.OFFSET_TOLERANCE,
        Fmt.num(a.brightness()), Fmt.num(f.brightness())),
        Math.abs(a.litFraction() - h.litFraction()) <= 0.04 && Math.abs(a.offset()) <= 1e-12
        && a.moonMiss() > MoonPhases.OFFSET_TOLERANCE
        && Math.abs(a.brightness() - f.brightness() / 2) <= 1e-12);
    MoonLines.Line[] t = {twoImages(0, opt), twoImages(1, opt)};
    double[][] p = {t[0].phases(), t[1].phases()};
    for (int k = 0; k < 2; k++) {
      System.out.printf("code noise σ = %d: codes %s apart; phases along the line %s%n  "
          + "midpoint: %s%n", k, Fmt.num(t[k].gap()), nums(p[k]), t[k].midpoint());
    }
    checks.that("LS-9", String.format("σ = 0: midpoint phase %s strictly between the ends' %s and "
        + "%s: neither moon (and its light misses a moon's offset by %s; a rendered moon's ≤ %s)",
        Fmt.num(p[0][4]), Fmt.num(p[0][0]), Fmt.num(p[0][8]),
        Fmt.num(t[0].midpoint().moonMiss()), MoonPhases.OFFSET_TOLERANCE),
        p[0][4] < p[0][0] && p[0][4] > p[0][8]);
    double reach = t[1].gap() / 2; // from a code to the midpoint, in units of the noise σ = 1
    checks.that("LS-10", String.format("σ = 1: midpoint phase %s strictly between the ends' %s and "
        + "%s, but the codes outran the noise: the midpoint is %s σ from each (> 4), reached with "
        + "probability %s", Fmt.num(p[1][4]), Fmt.num(p[1][0]), Fmt.num(p[1][8]), Fmt.num(reach),
        Fmt.sci(new NormalDistribution().cumulativeProbability(-reach))),
        p[1][4] < p[1][0] && p[1][4] > p[1][8] && reach > 4);
    figTwoMoons(average, dark, t);
  }

  /** An autoencoder trained on a full and a half moon only, with code noise σ: its line. */
  static MoonLines.Line twoImages(double sigma, ChapterOptions opt) {
    Autoencoder ae = Autoencoder.shapedLike(Recipe.config(256, 2), opt.rng("two moons: weights"))
        .withCodeNoise(sigma);
    Recipe.fit(ae, MoonLines.twoImages(), opt.pick(600, 300), 0, null,
        opt.seed("two moons: batches"));
    return MoonLines.of(ae);
  }

  private void figTwoMoons(double[] average, double[] dark, MoonLines.Line[] t) {
    MoonPhases.Measurement a = MoonLines.MOONS.measure(average);
    Figures.saveImage(MoonStrips.of(List.of(String.format("LS-8 (note 002): full moon, new moon, "
        + "their pixel average (f = %.2f, light centred, brightness %.2f), a half moon",
        a.litFraction(), a.brightness()), String.format("LS-9 (note 004): an autoencoder "
        + "trained on two moons only, full → half; midpoint φ = %.2f, its light %.2f off a moon's",
        t[0].phases()[4], t[0].midpoint().moonMiss()), String.format("LS-10: the same with "
        + "code noise σ = 1, no KL; midpoint φ = %.2f; the codes end %.0f σ apart",
        t[1].phases()[4], t[1].gap())), List.of(new double[][] {MoonLines.ENDS.a[0], dark, average,
        MoonLines.ENDS.a[1]}, t[0].images(), t[1].images()), 16, 5), "06_two_moons");
  }

  /*
   * ## Summary
   * - Without the KL term the Gaussians collapse to points and drift apart; with it they stay wide
   *   near the origin (LS-1), and pooled they are near N(0, I), not equal to it (LS-6).
   * - Random codes decode nearer real data for a VAE than for a plain AE (LS-2); halfway between a
   *   full and a half moon's codes lies a moon in between (LS-3).
   * - Halfway between a full and a new moon's pixels lies a dim disc (LS-8). An AE trained on two
   *   moons decodes their midpoint to neither (LS-9), and fixed code noise with no KL term does
   *   not help: the codes move away from it (LS-10).
   *
   * ## Questions
   * Q1. Train with β = 0.1 and β = 10 in section 1. Where between the two pictures do they fall?
   * Q2. Decode N(0, I) codes with section 3's AE instead of its own Gaussian. Why is it unfair?
   * Q3. Give section 4's models an 8-D latent and 100 moons. Is the AE's midpoint still between?
   * Q4. Train a VAE (β = 1) on section 5's two moons. How many σ apart are its codes now?
   */

  private static String nums(double[] a) {
    return String.join(", ", Arrays.stream(a).mapToObj(v -> String.format("%.2f", v)).toList());
  }

  private static String pm(Estimate e) {
    return Fmt.num(e.mean()) + " ± " + Fmt.num(e.se());
  }

  static double mean(double[] a) {
    return Arrays.stream(a).average().orElseThrow();
  }

  static double[] minus(double[] a, double[] b) {
    return java.util.stream.IntStream.range(0, a.length).mapToDouble(i -> a[i] - b[i]).toArray();
  }
}
