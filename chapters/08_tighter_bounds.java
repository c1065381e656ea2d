///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Ch.8 — Beyond the notes, part 1: tighter bounds (IWAE), and latent dimensions that die
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Chapter 8 — Beyond the notes, part 1: tighter bounds (IWAE), and latent dimensions that die
 * The importance-weighted bound as a training objective; which latent units a VAE uses, and two
 * remedies for the ones it leaves unused. Each claim comes from the papers, not the notes.
 *
 * **This chapter verifies:** AU-1 … AU-4, IW-1 … IW-4
 * **Run:** `./jbang chapters/08_tighter_bounds.java [--quick] [--seed N] [--objective iwae]
 * [--k-train 5] [--warmup-epochs W] [--free-bits λ]`  (alias `iwae`)
 * **Figures:** `figures/08_latent_usage.png`, `figures/08_nll_vs_k_train.png`,
 * `figures/08_active_units.png`
 *
 * Each claim in one line (its source, tests and tolerance are in `CLAIMS.md`):
 * - **AU-1** — A latent unit with near-zero KL is inactive (Cov_x E_q[u] ≤ 10⁻²), and conversely
 * - **AU-2** — Sweeping an inactive unit moves the decoded image less than sweeping an active one
 * - **AU-3** — Free bits (each unit's KL floored at λ in the loss) keep more units active
 * - **AU-4** — KL warm-up (β from 0 to 1 over the first epochs) keeps more units active
 * - **IW-1** — For a fixed model the importance-weighted bound L_K rises with K
 * - **IW-2** — ∇L_K = Σ_k w̃_k ∇log w_k, the gradient weighted by the self-normalised weights
 * - **IW-3** — Training on L_K (IWAE) beats VAE training in test log-likelihood, at equal epochs
 * - **IW-4** — IWAE training keeps more latent units active than VAE training
 */
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Direction;
import vae.book.Fmt;
import vae.data.DigitSplit;
import vae.data.Digits;
import vae.fig.Figures;
import vae.fig.Palette;
import vae.fig.Layers;
import vae.fig.SeedPoints;
import vae.fig.UnitUsage;
import vae.book.Experiment;
import vae.book.ExperimentOptions;
import vae.model.LatentUsage;
import vae.book.ModelReport;
import vae.book.ObjectiveOptions;
import vae.model.Trainer;
import vae.model.Dataset;
import vae.model.Vae;
import vae.nn.Activation;
import vae.nn.GradCheck;
import vae.nn.Matrix;
import vae.prob.Estimate;
import vae.prob.MonteCarlo;

@Command(name = "08_tighter_bounds", mixinStandardHelpOptions = true,
    description = "Chapter 8 — Beyond the notes, part 1: tighter bounds (IWAE), and latent "
        + "dimensions that die")
class Ch08TighterBounds implements Callable<Integer> {
  /** K of the IWAE objective in the sweep of section 4 (K = 1 is the VAE). */
  static final int[] K_TRAIN = {1, 5, 50};
  /** Seeds per setting of sections 3–4: every comparison is paired over them. */
  static final int SEEDS = 5;
  /** Seeds of chapter 05's model in section 5 (the target is a mean of three). */
  static final int TARGET_SEEDS = 3;

  @Mixin ChapterOptions opt;
  @Mixin ExperimentOptions flags; // chapter 05's model: --latent, --hidden, --lr, …
  @Mixin ObjectiveOptions objective; // the chapter's own model: --objective, --k-train, …

  private final Checks checks = new Checks();
  private final List<ModelReport> table = new ArrayList<>();
  private Digits digits;
  private ModelReport wide; // section 1's 50-unit VAE: also K = 1 of section 3, seed 0

  public static void main(String[] args) {
    System.exit(Chapter.run(new Ch08TighterBounds(), args));
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Experiment run = flags.experiment(opt);
    if (run.mnist() || run.loaded() != null || run.save() != null) {
      throw new IllegalArgumentException("chapter 08 trains its own models on the digits: drop "
          + "--data mnist, --load and --save");
    }
    ObjectiveOptions.Choice own = objective.choice(epochs05());
    digits = Digits.load();
    System.out.printf("digits: train %d, test %d%n", digits.train.size(), run.test().size());
    ModelReport ch05 = whichUnitsCarryInformation(run);
    theGradientOfTheBound();
    ModelReport[][] sweep = trainingOnTheBound();
    remedies(sweep);
    theTarget(run, own, ch05);
    Chapter.section("6. Every model of the chapter");
    System.out.println(ModelReport.table(table));
    int exit = checks.summary();
    System.out.printf(Locale.ROOT, "RESULT chapter=08 wall_s=%.1f%n",
        (System.nanoTime() - start) / 1e9);
    return exit;
  }

  int epochs05() {
    return opt.pick(40, 2);
  }

  /*
   * ## 1. Which latent units carry information
   * The KL term is a sum over latent dimensions, KL(q(z|x) ‖ N(0, I)) = Σ_u KL(q(z_u|x) ‖ N(0, 1)),
   * so it can be read unit by unit. Burda, Grosse & Salakhutdinov (2015) measure a unit's use by
   * how much its posterior mean moves with the image, A_u = Cov_x(E_{q(u|x)}[u]), and call the unit
   * *active* when A_u > 10⁻². An inactive unit has μ_u(x) ≈ constant: whatever the image, q says
   * the same thing about z_u, so z_u carries (almost) nothing about x. Since
   * KL_u = E_x ½(μ_u² + σ_u² − 1 − log σ_u²) ≥ ½ E_x μ_u² ≥ ½ A_u, an active unit pays at least
   * 0.005 nats; the claim is the converse too: the units with tiny KL are the inactive ones. We
   * check it image by image (an inactive unit's KL against an active unit's), and print whether
   * the two ranges of KL_u separate strictly: at the threshold they nearly touch.
   *
   * First chapter 05's model (its architecture, likelihood, Adam, weight decay and weight
   * average), trained for 40 epochs without early stopping (chapter 05's best epoch was 44;
   * nothing is cached). Then a model with 50 latent units on the binarised digits with a Bernoulli
   * decoder, the setting of the IWAE paper (64 → 64 → 64 → 50, no weight decay), which has more
   * units than the digits need.
   */
  ModelReport whichUnitsCarryInformation(Experiment run) {
    Chapter.section("1. The KL term unit by unit, and the active units");
    Vae vae = run.newVae(MonteCarlo.rng(opt.seed));
    Trainer.Options o = run.options();
    ModelReport ch05 = fitAndReport("ch05 VAE (16 units)", vae, run.train(), run.test(),
        new Trainer.Options(epochs05(), o.batch(), o.lr(), 0, o.optimizer(), o.average(),
            o.weightDecay()), run.k(), opt.seed);
    wide = small(1, 0, 0, opt.seed);
    List<Dataset> tests = List.of(run.test(), binarised(digits.test));
    for (int m = 0; m < 2; m++) {
      ModelReport r = m == 0 ? ch05 : wide;
      LatentUsage u = r.usage();
      System.out.printf("%s: %d of %d units active; KL %s nats = Σ_u KL_u%n", r.name(), u.active(),
          u.kl().length, Fmt.num(u.klTotal()));
      // the loss's KL term, whole rows at a time, against the per-unit split
      checks.close("AU-1", r.name() + ": Σ_u KL_u", u.klTotal(), "the loss's KL term",
          r.vae().evaluate(tests.get(m), MonteCarlo.rng(1)).kl(), 1e-9);
    }
    LatentUsage u = wide.usage();
    double maxDead = 0;
    double minLive = Double.POSITIVE_INFINITY;
    boolean bound = true;
    for (int d = 0; d < u.kl().length; d++) {
      if (u.isActive(d)) {
        minLive = Math.min(minLive, u.kl()[d]);
      } else {
        maxDead = Math.max(maxDead, u.kl()[d]);
      }
      bound &= u.kl()[d] >= 0.5 * u.activity()[d] * (1 - 1.0 / run.test().size()) - 1e-12;
    }
    checks.that("AU-1", String.format("%s: every unit's KL_u ≥ ½·A_u (the bound above)",
        wide.name()), bound);
    System.out.printf("the %d inactive units have KL ≤ %s nats, the %d active ones ≥ %s: %s%n",
        u.kl().length - u.active(), Fmt.sci(maxDead), u.active(), Fmt.sci(minLive),
        maxDead < minLive ? "KL separates them" : "the two ranges overlap");
    // per test image: mean KL of an active unit against mean KL of an inactive unit
    Estimate g = MonteCarlo.of(u.klGapPerImage(wide.vae(), tests.get(1)));
    checks.that("AU-1", String.format("%s: KL per active unit − per inactive unit, paired over %d "
        + "images: %s ± %s > 4 SE", wide.name(), g.n(), Fmt.num(g.mean()), Fmt.num(g.se())),
        g.mean() > 4 * g.se());
    sweepAUnit(wide, tests.get(1));
    Figures.save(UnitUsage.of("AU-1: per-unit KL (sorted) and activity A_u; active when A_u > "
        + "10⁻²", List.of("ch05 VAE, 16 units", "Bernoulli VAE, 50 units"),
        List.of(ch05.usage().kl(), u.kl()), List.of(ch05.usage().activity(), u.activity()),
        LatentUsage.THRESHOLD), "08_latent_usage");
    return ch05;
  }

  /*
   * The decoder should ignore a unit that carries nothing: move z_u from −2 to +2 with the other
   * coordinates at μ(x), and measure how far the decoded mean image moves, ‖x̂(+2) − x̂(−2)‖. For
   * every test image, the average over active units against the average over inactive units,
   * paired over images.
   */
  void sweepAUnit(ModelReport wide, Dataset test) {
    Matrix mu = wide.vae().encode(test.input()).mu();
    double[][] moved = wide.usage().sweepByActivity(wide.vae(), mu, 2); // {active, inactive}
    Estimate diff = MonteCarlo.of(IntStream.range(0, test.size())
        .mapToDouble(i -> moved[0][i] - moved[1][i]).toArray());
    System.out.printf("sweep z_u from −2 to +2: the image moves %s (active units) and %s "
        + "(inactive), mean over units and images%n", Fmt.num(mean(moved[0])),
        Fmt.num(mean(moved[1])));
    checks.that("AU-2", String.format("active − inactive, paired over %d images: %s ± %s > 4 SE",
        test.size(), Fmt.num(diff.mean()), Fmt.num(diff.se())), diff.mean() > 4 * diff.se());
  }

  /*
   * ## 2. The gradient of the importance-weighted bound
   * With K codes z_k = μ + σ ⊙ ε_k from q(z|x) and log-weights
   *
   *     log w_k = log p(x|z_k) + log p(z_k) − log q(z_k|x),    L_K = log (1/K) Σ_k w_k,
   *
   * the derivative of a log-sum-exp is a softmax: ∇L_K = Σ_k w̃_k ∇log w_k with the self-normalised
   * weights w̃_k = w_k / Σ_j w_j. Each code's gradient is the VAE's, reweighted: codes that explain
   * x better count more. Inside ∇log w_k the decoder and the prior are differentiated through
   * z = μ + σ ⊙ ε (chapter 04), and log q(z_k|x) = −½ Σ_d (log 2π + log σ_d² + ε_d²) at fixed ε,
   * so ∂log q/∂μ = 0 and ∂log q/∂log σ² = −½. At K = 1, w̃ = 1 and the decoder's gradient is the
   * ELBO's exactly; the encoder's differs only in estimating the KL by log q − log p instead of
   * the closed form (equal in expectation). Both against finite differences, ε held fixed.
   */
  void theGradientOfTheBound() {
    Chapter.section("2. ∇L_K = Σ_k w̃_k ∇log w_k, against finite differences");
    SplittableRandom rng = MonteCarlo.rng(opt.seed + 20);
    Matrix px = Matrix.of(IntStream.range(0, 3) // 3 images of 8 pixels with 5 levels
        .mapToObj(i -> IntStream.range(0, 8).mapToDouble(d -> rng.nextInt(5)).toArray())
        .toArray(double[][]::new));
    Dataset batch = new Dataset("random", px.scale(0.25), px, null);
    for (int k : new int[] {1, 5}) {
      Vae iw = new Vae(new Vae.Config(8, new int[] {6}, 2, Activation.Kind.TANH, "categorical:5"),
          MonteCarlo.rng(opt.seed + 21)).iwae(k);
      List<GradCheck.Row> rows = GradCheck.check(iw.params(),
          () -> iw.loss(batch, MonteCarlo.rng(opt.seed + 22)),
          () -> iw.lossAndGradient(batch, MonteCarlo.rng(opt.seed + 22)));
      double worst = rows.stream().mapToDouble(GradCheck.Row::maxRelErr).max().orElseThrow();
      checks.that("IW-2", String.format("K = %d: %d tensors, worst relative error %s < %s", k,
          rows.size(), Fmt.sci(worst), Fmt.sci(GradCheck.TOLERANCE)), worst < GradCheck.TOLERANCE);
    }
    // K = 1: the decoder's gradient against the ELBO's, same weights, same ε
    Vae elbo = new Vae(new Vae.Config(8, new int[] {6}, 2, Activation.Kind.TANH, "categorical:5"),
        MonteCarlo.rng(opt.seed + 21));
    Vae one = new Vae(elbo.config(), MonteCarlo.rng(opt.seed + 21)).iwae(1);
    elbo.lossAndGradient(batch, MonteCarlo.rng(opt.seed + 22));
    one.lossAndGradient(batch, MonteCarlo.rng(opt.seed + 22));
    double diff = IntStream.range(elbo.params().size() / 2, elbo.params().size()) // decoder
        .mapToDouble(p -> elbo.params().get(p).grad.maxAbsDiff(one.params().get(p).grad))
        .max().orElseThrow();
    checks.that("IW-2", "K = 1: the decoder's gradient equals the ELBO's, max |Δ| = "
        + Fmt.sci(diff), diff == 0);
  }

  /*
   * ## 3. Training on the bound: K = 1, 5, 50
   * Burda et al. train on L_K itself. Three claims, on the 50-unit Bernoulli model of section 1,
   * each K trained from the same initial weights and minibatches for the same epochs, for 3 seeds;
   * every comparison is a difference paired by seed, with its standard error over the seeds.
   * First, for a *fixed* model, L_K rises with K (L_1 is the ELBO; each step closes part of the gap
   * to log p(x)): paired over test images. Then the trained models' test NLL (importance sampling,
   * K = 1,000) and their active units, K = 50 against K = 1.
   */
  ModelReport[][] trainingOnTheBound() {
    Chapter.section("3. IWAE training with K = 1, 5, 50 (" + SEEDS + " seeds)");
    ModelReport[][] r = new ModelReport[K_TRAIN.length][SEEDS];
    for (int s = 0; s < SEEDS; s++) {
      for (int j = 0; j < K_TRAIN.length; j++) {
        r[j][s] = j == 0 && s == 0 ? wide : small(K_TRAIN[j], 0, 0, opt.seed + s);
      }
    }
    for (ModelReport fixed : List.of(r[0][0], r[2][0])) {
      int[] ks = fixed.curve().ks();
      StringBuilder steps = new StringBuilder();
      for (int j = 1; j < ks.length; j++) {
        Estimate up = fixed.curve().rise(j);
        steps.append(String.format(" %d→%d %+.3f ± %.3f;", ks[j - 1], ks[j], up.mean(), up.se()));
      }
      Estimate gain = fixed.curve().gain();
      checks.that("IW-1", String.format("%s, L_K paired over images, K =%s no fall beyond 4 SE, "
          + "gain > 4 SE", fixed.name(), steps), fixed.curve().rises()
          && gain.mean() > 4 * gain.se());
    }
    double[] nllGain = new double[SEEDS];
    double[] auGain = new double[SEEDS];
    for (int s = 0; s < SEEDS; s++) {
      nllGain[s] = r[0][s].nll() - r[2][s].nll();
      auGain[s] = r[2][s].usage().active() - r[0][s].usage().active();
      System.out.printf("seed %d: NLL %s (K=1) %s (K=5) %s (K=50) | active %d, %d, %d of 50%n",
          opt.seed + s, Fmt.num(r[0][s].nll()), Fmt.num(r[1][s].nll()), Fmt.num(r[2][s].nll()),
          r[0][s].usage().active(), r[1][s].usage().active(), r[2][s].usage().active());
    }
    direction("IW-3", "test NLL, VAE − IWAE(K=50)", nllGain, "nats");
    direction("IW-4", "active units, IWAE(K=50) − VAE", auGain, "units");
    XYChart chart = Figures.xy("IW-3: test NLL (IS, K = 1,000) against K of the training loss",
        "K_train (log scale)", "test NLL, nats per image");
    chart.getStyler().setXAxisLogarithmic(true);
    double[] kx = Arrays.stream(K_TRAIN).asDoubleStream().toArray();
    for (int s = 0; s < SEEDS; s++) {
      int ss = s;
      Layers.line(chart, "seed " + (opt.seed + s), kx, Arrays.stream(r).mapToDouble(row ->
          row[ss].nll()).toArray(), Palette.blueShade(s));
    }
    Figures.save(chart, "08_nll_vs_k_train");
    return r;
  }

  /** A claim's direction from differences paired by seed ({@link Direction}: never bent). */
  void direction(String id, String what, double[] diffs, String unit) {
    Direction d = Direction.of(what, diffs, unit);
    checks.that(id, d.line(), d.ok());
  }

  /*
   * ## 4. Two remedies for dead units
   * **KL warm-up** (Bowman et al. 2016; Sønderby et al. 2016): the KL term's weight β rises
   * linearly from 0 to 1 over the first epochs, so the encoder learns to use z before the KL
   * pulls it to the prior. **Free bits** (Kingma et al. 2016): the loss charges each unit
   * max(λ, KL_u), KL_u its mean over the minibatch, so below λ nats a unit feels no pull at all.
   * Both change the training loss only; every number reported is the true bound. First on the
   * 50-unit model (warm-up over the first 10 epochs, λ = 0.1), then on the hard case of chapter
   * 07: a Gaussian decoder with variance c = 10, where the plain VAE collapses entirely.
   *
   * The two cases differ in kind. On the 50-unit model units die because optimisation gives up
   * on them early; both remedies keep them, and the test NLL improves too (printed with its SE;
   * the NLL is not part of the claims, and after the 8 epochs of `--quick` free bits still cost
   * NLL). At c = 10 collapse is the *optimum* of the bound: no code is worth its KL. Warm-up
   * delays the KL, but once β = 1 the optimum wins again and every unit dies; free bits keep all
   * units active by construction, and the bound gets worse, which is the price of using z where
   * the model gains nothing from it.
   */
  void remedies(ModelReport[][] sweep) {
    ModelReport[] plain = sweep[0];
    Chapter.section("4. KL warm-up and free bits against dead units (" + SEEDS + " seeds)");
    ModelReport[] warm = new ModelReport[SEEDS];
    ModelReport[] free = new ModelReport[SEEDS];
    for (int s = 0; s < SEEDS; s++) {
      warm[s] = small(1, opt.pick(10, 3), 0, opt.seed + s);
      free[s] = small(1, 0, 0.1, opt.seed + s);
    }
    ModelReport[][] hard = new ModelReport[3][SEEDS];
    for (int s = 0; s < SEEDS; s++) {
      hard[0][s] = collapsed(0, 0, opt.seed + s);
      hard[1][s] = collapsed(opt.pick(20, 1), 0, opt.seed + s);
      hard[2][s] = collapsed(0, 0.5, opt.seed + s);
    }
    for (ModelReport[] m : new ModelReport[][] {plain, warm, free, hard[0], hard[1], hard[2]}) {
      System.out.printf("%-40s active %s | NLL %s%n", m[0].name().replaceAll(" s\\d+$", ""),
          Arrays.toString(Arrays.stream(m).mapToInt(x -> x.usage().active()).toArray()),
          Arrays.toString(Arrays.stream(m).mapToDouble(ModelReport::nll)
              .map(v -> Math.round(v * 100) / 100.0).toArray()));
    }
    direction("AU-3", "50 units: active units, free bits − VAE", gain(free, plain), "units");
    direction("AU-3", "c = 10: active units, free bits − VAE", gain(hard[2], hard[0]), "units");

    direction("AU-4", "50 units: active units, warm-up − VAE", gain(warm, plain), "units");
    direction("AU-4", "c = 10: active units, warm-up − VAE", gain(hard[1], hard[0]), "units");
    // the test NLL: printed, not a claim (its direction depends on the setting, see the prose)
    printPaired("50 units: test NLL, VAE − free bits", better(plain, free));
    printPaired("50 units: test NLL, VAE − warm-up", better(plain, warm));
    printPaired("c = 10: test NLL, VAE − free bits", better(hard[0], hard[2]));
    printPaired("c = 10: test NLL, VAE − warm-up", better(hard[0], hard[1]));
    double[][] au = Arrays.stream(new ModelReport[][] {plain, warm, free, sweep[2], null,
        hard[0], hard[1], hard[2]}).map(m -> m == null ? null : Arrays.stream(m)
        .mapToDouble(x -> x.usage().active()).toArray()).toArray(double[][]::new);
    XYChart chart = SeedPoints.of("AU-3, AU-4, IW-4: active units by training loss",
        "1 VAE · 2 warm-up · 3 free bits · 4 IWAE K=50 (50 units) | 6 VAE · 7 warm-up · 8 free "
        + "bits (c = 10, 8 units)", "active units", au, opt.seed);
    Figures.save(chart, "08_active_units");
  }

  static void printPaired(String what, double[] diffs) {
    Estimate e = MonteCarlo.of(diffs);
    System.out.printf("%s: %s ± %s nats over %d seeds (%.1f SE)%n", what, Fmt.num(e.mean()),
        Fmt.num(e.se()), diffs.length, e.mean() / e.se());
  }

  /** NLL of a minus NLL of b, per seed: positive when b is the better model. */
  static double[] better(ModelReport[] a, ModelReport[] b) {
    return IntStream.range(0, a.length).mapToDouble(s -> a[s].nll() - b[s].nll()).toArray();
  }

  static double[] gain(ModelReport[] a, ModelReport[] b) {
    return IntStream.range(0, a.length).mapToDouble(s -> a[s].usage().active()
        - b[s].usage().active()).toArray();
  }

  /*
   * ## 5. A target: chapter 05's model, trained on a tighter bound
   * Chapter 05's default run reached a test NLL of 92.14 nats. The chapter's own model, chosen by
   * `--objective`, `--k-train`, `--warmup-epochs` and `--free-bits` (default: IWAE with K = 5),
   * keeps chapter 05's architecture, data split and recipe for 40 epochs, and aims for ≤ 91.5
   * nats at K = 1,000, as the mean of three seeds. The comparison is printed as a `REF` line, not
   * a CHECK: the target is an aim of this book, not a claim of a paper, and missing it says
   * nothing false about the claims above, so it should not turn the chapter's exit code to 1.
   * Seed 42 of this model starts from the same weights and minibatches as section 1's VAE: the
   * pair shows what the objective alone buys at equal epochs.
   */
  void theTarget(Experiment run, ObjectiveOptions.Choice own, ModelReport ch05) {
    Chapter.section("5. Chapter 05's model trained as " + own.label() + ": the target 91.5 nats");
    Trainer.Options o = own.apply(new Trainer.Options(epochs05(), run.options().batch(),
        run.options().lr(), 0, run.options().optimizer(), run.options().average(),
        run.options().weightDecay()));
    double[] nll = new double[TARGET_SEEDS];
    for (int s = 0; s < TARGET_SEEDS; s++) {
      Vae vae = own.apply(run.newVae(MonteCarlo.rng(opt.seed + s)));
      nll[s] = fitAndReport("ch05 " + own.label() + " s" + (opt.seed + s), vae, run.train(),
          run.test(), o, run.k(), opt.seed + s).nll();
    }
    System.out.printf("seed %d, same start and minibatches: VAE %s, %s %s: %+.2f nats%n",
        opt.seed, Fmt.num(ch05.nll()), own.label(), Fmt.num(nll[0]), nll[0] - ch05.nll());
    Estimate mean = MonteCarlo.of(nll);
    String line = String.format("ch05 model as %s: test NLL (IS, K=%d) %s ± %s (mean of %d seeds) "
        + "against target 91.5 (chapter 05's VAE 92.14; here after %d epochs, seed %d: %s)",
        own.label(), run.k(), Fmt.num(mean.mean()), Fmt.num(mean.se()), TARGET_SEEDS, epochs05(),
        opt.seed, Fmt.num(ch05.nll()));
    // a target, not a claim: printed, never a ✓ or ✗ (see the prose above)
    System.out.println("REF  " + line + (!run.reference() ? " — applies to the full default run "
        + "only" : mean.mean() <= 91.5 ? " — reached" : " — NOT reached"));
  }

  // ---- training and evaluation, shared by the sections

  /** The 50-unit Bernoulli model of the IWAE paper's setting on the binarised digits. */
  ModelReport small(int k, int warmup, double freeBits, long seed) {
    Vae vae = new Vae(new Vae.Config(64, new int[] {64, 64}, 50, Activation.Kind.LEAKY_RELU,
        "bernoulli"), MonteCarlo.rng(seed));
    vae = k > 1 ? vae.iwae(k) : vae.freeBits(freeBits);
    String name = (k > 1 ? "IWAE K=" + k : "VAE") + (warmup > 0 ? " + warm-up" : "")
        + (freeBits > 0 ? " + free bits" : "") + ", 50 units s" + seed;
    int epochs = opt.pick(25, 8); // --quick: 8 epochs on 400 images, enough to sort the units
    Dataset train = binarised(digits.train).head(opt.pick(1000, 400));
    return fitAndReport(name, vae, train, binarised(digits.test),
        Trainer.Options.adam(epochs, 64, 1e-3, 0).warmedUp(warmup), opt.pick(1000, 100), seed);
  }

  /** Chapter 07's collapsed setting: Gaussian decoder with variance c = 10, 8 units. */
  ModelReport collapsed(int warmup, double freeBits, long seed) {
    Vae vae = new Vae(new Vae.Config(64, new int[] {128, 128}, 8, Activation.Kind.LEAKY_RELU,
        "gaussian:" + Math.sqrt(10)), MonteCarlo.rng(seed)).freeBits(freeBits);
    String name = "c=10 VAE" + (warmup > 0 ? " + warm-up" : "")
        + (freeBits > 0 ? " + free bits" : "") + ", 8 units s" + seed;
    return fitAndReport(name, vae, Dataset.digits(digits.train, vae.likelihood()),
        Dataset.digits(digits.test, vae.likelihood()).head(opt.pick(447, 100)),
        Trainer.Options.adam(opt.pick(40, 2), 64, 2e-3, 0).warmedUp(warmup), opt.pick(1000, 100),
        seed);
  }

  Dataset binarised(DigitSplit split) {
    Dataset t = new Dataset(split.name + "-bin", split.binarised(), split.binarised(),
        split.labels.clone());
    return opt.quick && split == digits.test ? t.head(100) : t;
  }

  /** Trains {@code vae} with progress lines, evaluates it on {@code test}, adds it to the table. */
  ModelReport fitAndReport(String name, Vae vae, Dataset train, Dataset test,
      Trainer.Options o, int k, long seed) {
    ModelReport r = ModelReport.train(name, vae, train, test, o, k, seed, System.out);
    table.add(r);
    return r;
  }

  static double mean(double[] x) {
    return Arrays.stream(x).average().orElseThrow();
  }

  /*
   * ## Summary
   * The default full run (seed 42; 5 seeds in sections 3–4, 3 in section 5):
   * - Chapter 05's model uses all 16 units (KL 7.10 nats) after 40 epochs. The 50-unit Bernoulli
   *   model leaves 18 of 50 unused; their KL is ≤ 5.6e-3 nats, the active units' ≥ 5.7e-3, and
   *   sweeping an inactive unit moves the image 0.28 against 0.46 for an active one (AU-1, AU-2).
   * - ∇L_K matches finite differences; L_K rises with K for trained models (IW-1, IW-2).
   * - Training on L_50 instead of the ELBO lowers the test NLL by 3.72 ± 0.24 nats (19.5 against
   *   23.2): supported (IW-3). It keeps 17.6 ± 4.9 more units active: every seed agrees, but at
   *   3.6 SE the claim is **not supported at our 4-SE tolerance** with 5 seeds (IW-4).
   * - On the 50-unit model warm-up and free bits keep 17.4 and 17.6 ± 4.9 more units (3.6 SE: not
   *   supported at 4 SE, every seed agrees) and improve the NLL by 1.73 ± 0.25 and 2.53 ± 0.26
   *   nats. At c = 10 free bits keep all 8 units (supported) at a cost of 0.42 ± 0.04 nats of
   *   NLL, and warm-up changes nothing: collapse there is the optimum, not an accident (AU-3,
   *   AU-4).
   * - Chapter 05's model trained as IWAE (K = 5, 40 epochs): test NLL 92.04 (seeds 42, 43, 44:
   *   92.02, 92.03, 92.06) against 93.09 for the VAE from the same start, and chapter 05's 92.14
   *   with early stopping. The target 91.5 is **not reached**.
   * - 44 models: 1,183 s of wall time on two cores shared with other jobs (load ~20), 223 s of
   *   CPU time, so a few minutes on idle cores; most of it is the K = 50 training and chapter
   *   05's 447 × 1,000-sample importance passes. Every CHECK passed (16 of 16).
   *
   * ## Exercises
   * 1. Train the chapter's own model with `--objective elbo --warmup-epochs 20`: does warm-up
   *    help chapter 05's model?
   * 2. Why can free bits not rescue the NLL in the c = 10 setting, even though they keep units
   *    active? (Hint: what does the bound gain from a unit that costs λ nats?)
   * 3. Run `--k-train 50`: what does it cost in time, and what does it buy?
   */
}
