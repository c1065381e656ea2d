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
import static vae.book.ModelReport.activeGains;
import static vae.book.ModelReport.nllDrops;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Direction;
import vae.book.Experiment;
import vae.book.ExperimentOptions;
import vae.book.Fmt;
import vae.book.ModelReport;
import vae.book.ModelSuite;
import vae.book.ObjectiveOptions;
import vae.data.Digits;
import vae.fig.Figures;
import vae.fig.SeedPoints;
import vae.fig.UnitUsage;
import vae.model.Dataset;
import vae.model.LatentUsage;
import vae.model.Trainer;
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
  /** K of the IWAE objective in the sweep of section 3 (K = 1 is the VAE); --quick: 1, 5, 20. */
  static final int[] K_TRAIN = {1, 5, 50};
  static final int[] K_TRAIN_QUICK = {1, 5, 20};
  /** Replicates per setting of sections 3–4, each its own seed stream; comparisons pair them. */
  static final int SEEDS = 5;
  /** Replicates of chapter 05's model in section 5 (the target is a mean of three). */
  static final int TARGET_SEEDS = 3;

  @Mixin ChapterOptions opt;
  @Mixin ExperimentOptions flags; // chapter 05's model: --latent, --hidden, --lr, …
  @Mixin ObjectiveOptions objective; // the chapter's own model: --objective, --k-train, …

  private final Checks checks = new Checks();
  private Digits digits;
  private ModelSuite models; // every model of the chapter, for the table of section 6
  private ModelReport wide; // section 1's 50-unit VAE: also K = 1 of section 3, replicate 1

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
    ObjectiveOptions.Choice own = objective.choice(opt.pick(40, 2));
    digits = Digits.load();
    models = new ModelSuite(opt, digits);
    System.out.printf("digits: train %d, test %d%n", digits.train.size(), run.test().size());
    ModelReport ch05 = whichUnitsCarryInformation(run);
    theGradientOfTheBound();
    ModelReport[][] sweep = trainingOnTheBound();
    remedies(sweep);
    theTarget(run, own, ch05);
    Chapter.section("6. Every model of the chapter");
    System.out.println(models.table());
    int exit = checks.summary();
    System.out.printf(Locale.ROOT, "RESULT chapter=08 wall_s=%.1f%n",
        (System.nanoTime() - start) / 1e9);
    return exit;
  }

  /** Chapter 05's recipe (Adam, weight decay, weight average) for 40 epochs, no early stopping. */
  Trainer.Options options05(Experiment run) {
    Trainer.Options o = run.options();
    return new Trainer.Options(opt.pick(40, 2), o.batch(), o.lr(), 0, o.optimizer(), o.average(),
        o.weightDecay());
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
    long seed = opt.seed("ch05 model/1");
    ModelReport ch05 = models.train("ch05 VAE (16 units)", run.newVae(MonteCarlo.rng(seed)),
        run.train(), run.test(), options05(run), run.k(), seed);
    wide = models.wide(1, 0, 0, 1);
    List<Dataset> tests = List.of(run.test(), models.binarisedTest());
    for (int m = 0; m < 2; m++) {
      ModelReport r = m == 0 ? ch05 : wide;
      LatentUsage u = r.usage();
      System.out.printf("%s: %d of %d units active; KL %s nats = Σ_u KL_u%n", r.name(), u.active(),
          u.kl().length, Fmt.num(u.klTotal()));
      // the loss's KL term, whole rows at a time, against the per-unit split
      checks.close("AU-1", r.name() + ": Σ_u KL_u", u.klTotal(), "the loss's KL term",
          r.vae().evaluate(tests.get(m), opt.rng("units")).kl(), 1e-9);
    }
    LatentUsage u = wide.usage();
    int n = tests.get(1).size(); // A_u is the unbiased variance over these n images
    boolean bound = IntStream.range(0, u.kl().length)
        .allMatch(d -> u.kl()[d] >= 0.5 * u.activity()[d] * (1 - 1.0 / n) - 1e-12);
    checks.that("AU-1", String.format("%s: every unit's KL_u ≥ ½·A_u (the bound above)",
        wide.name()), bound);
    double maxDead = IntStream.range(0, u.kl().length).filter(d -> !u.isActive(d))
        .mapToDouble(d -> u.kl()[d]).max().orElse(0);
    double minLive = IntStream.range(0, u.kl().length).filter(u::isActive)
        .mapToDouble(d -> u.kl()[d]).min().orElse(Double.POSITIVE_INFINITY);
    System.out.printf("the %d inactive units have KL ≤ %s nats, the %d active ones ≥ %s: %s%n",
        u.kl().length - u.active(), Fmt.sci(maxDead), u.active(), Fmt.sci(minLive),
        maxDead < minLive ? "KL separates them" : "the two ranges overlap");
    // per test image: mean KL of an active unit against mean KL of an inactive unit
    Estimate g = MonteCarlo.of(u.klGapPerImage(wide.vae(), tests.get(1)));
    checks.that("AU-1", String.format("%s: KL per active unit − per inactive unit, paired over %d "
        + "images: %s ± %s > 4 SE", wide.name(), g.n(), Fmt.num(g.mean()), Fmt.num(g.se())),
        g.mean() > 4 * g.se());
    sweepAUnit(wide, tests.get(1));
    figLatentUsage(ch05.usage(), u);
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
        + "(inactive), mean over units and images%n", Fmt.num(MonteCarlo.of(moved[0]).mean()),
        Fmt.num(MonteCarlo.of(moved[1]).mean()));
    checks.that("AU-2", String.format("active − inactive, paired over %d images: %s ± %s > 4 SE",
        test.size(), Fmt.num(diff.mean()), Fmt.num(diff.se())), diff.mean() > 4 * diff.se());
  }

  private void figLatentUsage(LatentUsage ch05, LatentUsage wide) {
    Figures.save(UnitUsage.of("AU-1: per-unit KL (sorted) and activity A_u; active when A_u > "
        + "10⁻²", List.of("ch05 VAE, 16 units", "Bernoulli VAE, 50 units"),
        List.of(ch05.kl(), wide.kl()), List.of(ch05.activity(), wide.activity()),
        LatentUsage.THRESHOLD), "08_latent_usage");
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
    SplittableRandom rng = opt.rng("gradient/data");
    Matrix px = Matrix.of(IntStream.range(0, 3) // 3 images of 8 pixels with 5 levels
        .mapToObj(i -> IntStream.range(0, 8).mapToDouble(d -> rng.nextInt(5)).toArray())
        .toArray(double[][]::new));
    Dataset batch = new Dataset("random", px.scale(0.25), px, null);
    Vae.Config tiny = new Vae.Config(8, new int[] {6}, 2, Activation.Kind.TANH, "categorical:5");
    for (int k : new int[] {1, 5}) {
      Vae iw = new Vae(tiny, opt.rng("gradient/init")).iwae(k);
      List<GradCheck.Row> rows = GradCheck.check(iw.params(),
          () -> iw.loss(batch, opt.rng("gradient/eps")),
          () -> iw.lossAndGradient(batch, opt.rng("gradient/eps")));
      double worst = rows.stream().mapToDouble(GradCheck.Row::maxRelErr).max().orElseThrow();
      checks.that("IW-2", String.format("K = %d: %d tensors, worst relative error %s < %s", k,
          rows.size(), Fmt.sci(worst), Fmt.sci(GradCheck.TOLERANCE)), worst < GradCheck.TOLERANCE);
    }
    // K = 1: the decoder's gradient against the ELBO's, same weights, same ε
    Vae elbo = new Vae(tiny, opt.rng("gradient/init"));
    Vae one = new Vae(tiny, opt.rng("gradient/init")).iwae(1);
    elbo.lossAndGradient(batch, opt.rng("gradient/eps"));
    one.lossAndGradient(batch, opt.rng("gradient/eps"));
    double diff = IntStream.range(elbo.params().size() / 2, elbo.params().size()) // decoder
        .mapToDouble(p -> elbo.params().get(p).grad.maxAbsDiff(one.params().get(p).grad))
        .max().orElseThrow();
    checks.that("IW-2", "K = 1: the decoder's gradient equals the ELBO's, max |Δ| = "
        + Fmt.sci(diff), diff == 0);
  }

  /*
   * ## 3. Training on the bound: K = 1, 5, 50
   * Burda et al. train on L_K itself. Three claims, on the 50-unit Bernoulli model of section 1,
   * each K trained from the same initial weights and minibatches for the same epochs, for 5
   * replicates (each its own seed stream); every comparison is a difference paired by replicate,
   * with its standard error over the replicates.
   * First, for a *fixed* model, L_K rises with K (L_1 is the ELBO; each step closes part of the gap
   * to log p(x)): paired over test images. Then the trained models' test NLL (importance sampling,
   * K = 1,000) and their active units, K = 50 against K = 1 (`--quick`: K = 20, to save time).
   */
  ModelReport[][] trainingOnTheBound() {
    int[] ks = opt.quick ? K_TRAIN_QUICK : K_TRAIN;
    String iw = "IWAE(K=" + ks[2] + ")";
    Chapter.section("3. IWAE training with K = 1, 5, " + ks[2] + " (" + SEEDS + " replicates)");
    ModelReport[][] r = new ModelReport[ks.length][SEEDS];
    for (int s = 0; s < SEEDS; s++) {
      for (int j = 0; j < ks.length; j++) {
        r[j][s] = j == 0 && s == 0 ? wide : models.wide(ks[j], 0, 0, s + 1);
      }
    }
    for (ModelReport fixed : List.of(r[0][0], r[2][0])) {
      int[] at = fixed.curve().ks();
      StringBuilder steps = new StringBuilder();
      for (int j = 1; j < at.length; j++) {
        Estimate up = fixed.curve().rise(j);
        steps.append(String.format(" %d→%d %+.3f ± %.3f;", at[j - 1], at[j], up.mean(), up.se()));
      }
      Estimate gain = fixed.curve().gain();
      checks.that("IW-1", String.format("%s, L_K paired over images, K =%s no fall beyond 4 SE, "
          + "gain > 4 SE", fixed.name(), steps), fixed.curve().rises()
          && gain.mean() > 4 * gain.se());
    }
    for (int s = 0; s < SEEDS; s++) {
      System.out.printf("replicate %d: NLL %s (K=1) %s (K=5) %s (K=%d) | active %d, %d, %d of 50%n",
          s + 1, Fmt.num(r[0][s].nll()), Fmt.num(r[1][s].nll()), Fmt.num(r[2][s].nll()), ks[2],
          r[0][s].usage().active(), r[1][s].usage().active(), r[2][s].usage().active());
    }
    direction("IW-3", "test NLL, VAE − " + iw, nllDrops(r[0], r[2]), "nats");
    direction("IW-4", "active units, " + iw + " − VAE", activeGains(r[2], r[0]), "units");
    figNllVsK(r, ks);
    return r;
  }

  /** A claim's direction from differences paired by replicate ({@link Direction}: never bent). */
  void direction(String id, String what, double[] diffs, String unit) {
    Direction d = Direction.of(what, diffs, unit);
    checks.that(id, d.line(), d.ok());
  }

  private void figNllVsK(ModelReport[][] r, int[] ks) {
    double[][] nll = IntStream.range(0, SEEDS).mapToObj(s -> Arrays.stream(r)
        .mapToDouble(row -> row[s].nll()).toArray()).toArray(double[][]::new);
    Figures.save(SeedPoints.lines("IW-3: test NLL (IS, K = 1,000) against K of the training loss",
        "K_train (log scale)", "test NLL, nats per image",
        Arrays.stream(ks).asDoubleStream().toArray(), nll, true, "replicate "),
        "08_nll_vs_k_train");
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
   * the NLL is not part of the claims). At c = 10 collapse is the *optimum* of the bound: no code
   * is worth its KL. Warm-up delays the KL, but once β = 1 the optimum wins again and every unit
   * dies; free bits keep all units active by construction, and the bound gets worse, which is the
   * price of using z where the model gains nothing from it.
   */
  void remedies(ModelReport[][] sweep) {
    ModelReport[] plain = sweep[0];
    Chapter.section("4. KL warm-up and free bits against dead units (" + SEEDS + " replicates)");
    ModelReport[] warm = new ModelReport[SEEDS];
    ModelReport[] free = new ModelReport[SEEDS];
    ModelReport[][] c10 = new ModelReport[3][SEEDS];
    for (int s = 0; s < SEEDS; s++) {
      warm[s] = models.wide(1, opt.pick(10, 5), 0, s + 1);
      free[s] = models.wide(1, 0, 0.1, s + 1);
      c10[0][s] = models.collapsed(0, 0, s + 1);
      c10[1][s] = models.collapsed(opt.pick(20, 1), 0, s + 1);
      c10[2][s] = models.collapsed(0, 0.5, s + 1);
    }
    for (ModelReport[] m : new ModelReport[][] {plain, warm, free, c10[0], c10[1], c10[2]}) {
      System.out.printf("%-40s active %s | NLL %s%n", m[0].name().replaceAll(" r\\d+$", ""),
          Arrays.toString(Arrays.stream(m).mapToInt(x -> x.usage().active()).toArray()),
          Arrays.toString(Arrays.stream(m).mapToDouble(ModelReport::nll)
              .map(v -> Math.round(v * 100) / 100.0).toArray()));
    }
    direction("AU-3", "50 units: active units, free bits − VAE", activeGains(free, plain), "units");
    direction("AU-3", "c=10: active units, free bits − VAE", activeGains(c10[2], c10[0]), "units");
    direction("AU-4", "50 units: active units, warm-up − VAE", activeGains(warm, plain), "units");
    direction("AU-4", "c=10: active units, warm-up − VAE", activeGains(c10[1], c10[0]), "units");
    // the test NLL: printed, not a claim (its direction depends on the setting, see the prose)
    printPaired("50 units: test NLL, VAE − free bits", nllDrops(plain, free));
    printPaired("50 units: test NLL, VAE − warm-up", nllDrops(plain, warm));
    printPaired("c=10: test NLL, VAE − free bits", nllDrops(c10[0], c10[2]));
    printPaired("c=10: test NLL, VAE − warm-up", nllDrops(c10[0], c10[1]));
    figActiveUnits(new ModelReport[][] {plain, warm, free, sweep[2], null, c10[0], c10[1], c10[2]});
  }

  static void printPaired(String what, double[] diffs) {
    System.out.println(Direction.measured(what, diffs, "nats"));
  }

  private void figActiveUnits(ModelReport[][] groups) {
    double[][] au = Arrays.stream(groups).map(m -> m == null ? null : Arrays.stream(m)
        .mapToDouble(x -> x.usage().active()).toArray()).toArray(double[][]::new);
    Figures.save(SeedPoints.of("AU-3, AU-4, IW-4: active units by training loss",
        "1 VAE · 2 warm-up · 3 free bits · 4 IWAE, largest K (50 units) | 6 VAE · 7 warm-up · "
        + "8 free bits (c = 10, 8 units)", "active units", au, "replicate "), "08_active_units");
  }

  /*
   * ## 5. A target: chapter 05's model, trained on a tighter bound
   * Chapter 05's default run reached a test NLL of 92.14 nats. The chapter's own model, chosen by
   * `--objective`, `--k-train`, `--warmup-epochs` and `--free-bits` (default: IWAE with K = 5),
   * keeps chapter 05's architecture, data split and recipe for 40 epochs, and aims for ≤ 91.5
   * nats at K = 1,000, as the mean of three replicates. The comparison is printed as a `REF`
   * line, not a CHECK: the target is an aim of this book, not a claim of a paper, and missing it
   * says nothing false about the claims above, so it should not turn the chapter's exit code to 1.
   * Replicate 1 of this model starts from the same weights and minibatches as section 1's VAE:
   * the pair shows what the objective alone buys at equal epochs.
   */
  void theTarget(Experiment run, ObjectiveOptions.Choice own, ModelReport ch05) {
    Chapter.section("5. Chapter 05's model trained as " + own.label() + ": the target 91.5 nats");
    Trainer.Options o = own.apply(options05(run));
    double[] nll = new double[TARGET_SEEDS];
    for (int s = 0; s < TARGET_SEEDS; s++) {
      long seed = opt.seed("ch05 model/" + (s + 1)); // replicate 1: section 1's start
      Vae vae = own.apply(run.newVae(MonteCarlo.rng(seed)));
      nll[s] = models.train("ch05 " + own.label() + " r" + (s + 1), vae, run.train(),
          run.test(), o, run.k(), seed).nll();
    }
    System.out.printf("replicate 1, same start and minibatches: VAE %s, %s %s: %+.2f nats%n",
        Fmt.num(ch05.nll()), own.label(), Fmt.num(nll[0]), nll[0] - ch05.nll());
    Estimate mean = MonteCarlo.of(nll);
    String line = String.format("ch05 model as %s: test NLL (IS, K=%d) %s ± %s (mean of %d "
        + "replicates) against target 91.5 (chapter 05's VAE 92.14; here after %d epochs, "
        + "replicate 1: %s)", own.label(), run.k(), Fmt.num(mean.mean()), Fmt.num(mean.se()),
        TARGET_SEEDS, opt.pick(40, 2), Fmt.num(ch05.nll()));
    // a target, not a claim: printed, never a ✓ or ✗ (see the prose above)
    System.out.println("REF  " + line + (!run.reference() ? " — applies to the full default run "
        + "only" : mean.mean() <= 91.5 ? " — reached" : " — NOT reached"));
  }

  /*
   * ## Summary
   * The default full run (seed 42; 5 replicates in sections 3–4, 3 in section 5):
   * - Chapter 05's model uses all 16 units (KL 7.82 nats) after 40 epochs; the 50-unit Bernoulli
   *   model leaves 4 of 50 unused, with KL ≤ 6.6e-3 nats against ≥ 6.3e-3 for the active ones, and
   *   sweeping an inactive unit moves the image 0.35 against 0.45 (AU-1, AU-2).
   * - ∇L_K matches finite differences; L_K rises with K for trained models (IW-1, IW-2).
   * - Training on L_50 instead of the ELBO lowers the test NLL by 3.68 ± 0.08 nats (19.5 against
   *   23.1) and keeps 7.4 ± 1.6 more units active, all 50 in every replicate (IW-3, IW-4).
   * - On the 50-unit model warm-up and free bits keep all 50 units too (AU-3, AU-4) and improve the
   *   NLL by 1.70 ± 0.09 and 2.41 ± 0.08 nats. At c = 10 free bits keep all 8 units (AU-3) at a
   *   cost of 0.36 ± 0.08 nats; warm-up keeps none: collapse is the optimum there (AU-4: not
   *   supported, and not contradicted).
   * - Chapter 05's model as IWAE (K = 5, 40 epochs): test NLL 92.09 (92.15, 92.05, 92.07) against
   *   92.39 for the VAE from the same start and 92.14 for chapter 05's: the target 91.5 is **not
   *   reached**. All 16 CHECKs pass; the 44 models took 28 minutes on two cores shared with other
   *   jobs (load ~20), most of it K = 50 training and chapter 05's 447 × 1,000-sample passes.
   *
   * ## Questions
   * Q1. Train the chapter's own model with `--objective elbo --warmup-epochs 20`: does warm-up
   *     help chapter 05's model?
   * Q2. Why can free bits not rescue the NLL in the c = 10 setting, even though they keep units
   *     active? (Hint: what does the bound gain from a unit that costs λ nats?)
   * Q3. Run `--k-train 50`: what does it cost in time, and what does it buy?
   */
}
