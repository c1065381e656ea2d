///usr/bin/env bash "${0%/*}/../jbang" "$0" "$@" ; exit $?
//DESCRIPTION Ch.10 — Beyond the notes, part 3: a VAE you can ask for a digit
//JAVA 17+
//SOURCES ../lib/**.java

/*
 * # Chapter 10 — Beyond the notes, part 3: a VAE you can ask for a digit
 * A VAE draws digits, but not the one you want. Give its encoder and its decoder the label too,
 * and it draws a 7 when asked for a 7, and redraws any digit's handwriting as another digit.
 * The claims come from the papers, not the notes.
 *
 * **This chapter verifies:** CV-1 … CV-4
 * **Run:** `./jbang chapters/10_conditional_vae.java [--quick] [--seed N] [--latent M]
 * [--epochs E] [--save FILE] [--load FILE]`  (alias `cvae`)
 * **Figures:** `figures/10_class_grid.png`, `figures/10_style_transfer.png`
 *
 * Each claim in one line (its source, tests and tolerance are in `CLAIMS.md`):
 * - **CV-1** — Conditional VAE gradients (label in encoder and decoder) equal finite differences
 * - **CV-2** — Asked for digit y, the conditional decoder draws a y: a classifier reads it so
 * - **CV-3** — The conditional bounds: mean log-weight = ELBO(x|y) ≤ L_K(x|y), rising with K
 * - **CV-4** — Style transfer: a code decoded with another label reads so, in the code's hand
 */
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import vae.book.Chapter;
import vae.book.ChapterOptions;
import vae.book.Checks;
import vae.book.Experiment;
import vae.book.ExperimentOptions;
import vae.book.Fmt;
import vae.book.ModelReport;
import vae.data.Digits;
import vae.fig.Figures;
import vae.fig.ImageGrid;
import vae.model.Dataset;
import vae.model.LogisticRegression;
import vae.model.OneHot;
import vae.model.Trainer;
import vae.model.Vae;
import vae.nn.Activation;
import vae.nn.Adam;
import vae.nn.Adamax;
import vae.nn.GradCheck;
import vae.nn.Matrix;
import vae.prob.Estimate;
import vae.prob.MonteCarlo;

@Command(name = "10_conditional_vae", mixinStandardHelpOptions = true,
    description = "Chapter 10 — Beyond the notes, part 3: a VAE you can ask for a digit")
class Ch10ConditionalVae implements Callable<Integer> {
  /** The digits' ten labels: the condition y is one-hot of this width. */
  static final int CLASSES = 10;
  /** Samples per class drawn from the prior in section 4. */
  static final int PER_CLASS = 100;
  /** CV-2 and CV-4 pass when the rate, less 4 binomial SE, exceeds this (CLAIMS.md). */
  static final double MAJORITY = 0.5;

  @Mixin ChapterOptions opt;
  @Mixin ExperimentOptions flags; // chapter 05's model: --latent, --hidden, --epochs, --load, …
  @Spec CommandSpec spec;

  private final Checks checks = new Checks();
  private Experiment run;
  private LogisticRegression reader;
  private Estimate readerTest; // the reader's accuracy on the real test digits

  public static void main(String[] args) {
    System.exit(Chapter.run(new Ch10ConditionalVae(), args));
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    run = flags.experiment(opt, CLASSES);
    if (run.mnist()) {
      throw new IllegalArgumentException("chapter 10 conditions on the digits' labels and reads "
          + "them with an 8×8 classifier: drop --data mnist");
    }
    aClassifierToReadDigits();
    theLabelGoesInTwice();
    ModelReport[] models = trainBoth();
    askingForADigit(models[0].vae(), models[1].vae());
    theBoundOnLogPOfXGivenY(models[0], models[1]);
    styleTransfer(models[0].vae());
    Chapter.section("7. Both models");
    System.out.println(ModelReport.table(List.of(models)));
    run.saveIfAsked(models[0].vae()).ifPresent(System.out::println);
    int exit = checks.summary();
    System.out.printf(Locale.ROOT, "RESULT chapter=10 test_neg_elbo=%.2f test_nll_is=%.2f k=%d "
        + "params=%d plain_neg_elbo=%.2f plain_nll_is=%.2f wall_s=%.1f%n", models[0].negElbo(),
        models[0].nll(), run.k(), models[0].vae().parameterCount(), models[1].negElbo(),
        models[1].nll(), (System.nanoTime() - start) / 1e9);
    return exit;
  }

  /*
   * ## 1. A classifier to read the digits
   * To check that a decoder drew the digit it was asked for, something has to read its drawings.
   * The simplest reader that reads well: multinomial logistic regression, p(y = k | x) =
   * softmax(x·W + b)_k, trained on the 1,000 training digits (pixels / 16) to minimise the mean
   * cross-entropy plus ½λ‖W‖², λ = 10⁻³. It never sees a generated image in training. Its
   * accuracy on the 447 test digits is the yardstick for everything it reads later: a drawing
   * it reads as often as a real digit is as recognisable as a real digit, to this reader.
   */
  void aClassifierToReadDigits() {
    Chapter.section("1. A classifier to read digits: logistic regression");
    Digits digits = Digits.load();
    double best = -1;
    StringBuilder tried = new StringBuilder("validation accuracy for λ =");
    for (double lambda : new double[] {1e-4, 1e-3, 1e-2}) { // λ chosen on the validation split
      LogisticRegression c = new LogisticRegression(Digits.PIXELS, CLASSES, lambda,
          opt.rng("classifier"));
      c.fit(digits.train.scaled(), digits.train.labels, 500, 0.05);
      double v = c.accuracy(digits.valid.scaled(), digits.valid.labels);
      tried.append(String.format(" %s: %s;", Fmt.sci(lambda), Fmt.num(v)));
      if (v > best) {
        best = v;
        reader = c;
      }
    }
    System.out.println(tried);
    readerTest = rate(reader.predict(digits.test.scaled()), digits.test.labels);
    System.out.printf("%s: accuracy %s on the training digits, %s ± %s on the %d test digits "
        + "(chance 0.10)%n", reader, Fmt.num(reader.accuracy(digits.train.scaled(),
        digits.train.labels)), Fmt.num(readerTest.mean()), Fmt.num(readerTest.se()),
        readerTest.n());
  }

  /*
   * ## 2. The label goes in twice
   * A conditional VAE (Sohn, Lee & Yan, 2015; Doersch's tutorial, §4) models p(x|y): the prior
   * stays N(0, I), the decoder p(x|z, y) reads the code *and* the label, and the encoder
   * q(z|x, y) reads the image and the label. Both read y as a one-hot row appended to their
   * input: [x | y] into the encoder, [z | y] into the decoder. The ELBO is chapter 05's, one
   * condition added everywhere:
   *
   *     log p(x|y) ≥ E_q(z|x,y)[log p(x|z, y)] − KL(q(z|x, y) ‖ N(0, I)).
   *
   * Because the decoder is told the digit, the code z has no reason to spend nats on it: z is
   * left to carry what the label does not say, the *style* (slant, width, stroke). The library
   * needs one change: `Vae.Config` has a `condition` width; the data's input rows end with y, and
   * `Vae` appends each image's y to its codes before the decoder (`OneHot` builds the rows).
   * Backprop then flows through the decoder's input, of which ∂L/∂z is the first part; the
   * label's part goes nowhere. The gradients of a small conditional model, ELBO and IWAE (K = 4)
   * objectives, against central finite differences with ε held fixed:
   */
  void theLabelGoesInTwice() {
    Chapter.section("2. Encoder q(z|x, y) and decoder p(x|z, y): gradients");
    SplittableRandom rng = opt.rng("gradients");
    int[] y = IntStream.range(0, 4).map(i -> rng.nextInt(3)).toArray();
    Matrix px = Matrix.of(IntStream.range(0, 4) // 4 images of 8 pixels with 5 levels
        .mapToObj(i -> IntStream.range(0, 8).mapToDouble(d -> rng.nextInt(5)).toArray())
        .toArray(double[][]::new));
    Dataset batch = OneHot.conditioned(new Dataset("random", px.scale(0.25), px, y), 3);
    for (int k : new int[] {0, 4}) {
      Vae small = new Vae(new Vae.Config(8, new int[] {6}, 2, Activation.Kind.TANH,
          "categorical:5", 3), opt.rng("small model")).iwae(k);
      long eps = opt.seed("gradient noise");
      List<GradCheck.Row> rows = GradCheck.check(small.params(),
          () -> small.loss(batch, MonteCarlo.rng(eps)),
          () -> small.lossAndGradient(batch, MonteCarlo.rng(eps)));
      double worst = rows.stream().mapToDouble(GradCheck.Row::maxRelErr).max().orElseThrow();
      checks.that("CV-1", String.format("%s: %d tensors, worst relative error %s < %s",
          k == 0 ? "ELBO" : "IWAE K = " + k, rows.size(), Fmt.sci(worst),
          Fmt.sci(GradCheck.TOLERANCE)), worst < GradCheck.TOLERANCE);
    }
  }

  /*
   * ## 3. Two models, one recipe
   * Chapter 05's model and recipe (64 → 256 → 256 → 16-D code, categorical decoder, Adam, weight
   * decay, weight average, early stopping on the validation bound) trained twice from the same
   * seed and minibatches: once conditional, once plain. The only difference is the label: 10
   * more inputs to each network's first layer.
   */
  ModelReport[] trainBoth() {
    Chapter.section("3. The conditional VAE and the plain VAE, same recipe");
    Vae.Config c = run.config();
    Vae cvae = run.loaded() != null ? run.loaded() : run.newVae(opt.rng("weights"));
    Vae plain = new Vae(new Vae.Config(c.dataDim(), c.hidden(), c.latent(), c.activation(),
        c.likelihood()), run.init(), opt.rng("weights")).training(run.beta(), run.samples());
    Trainer.Options o = recipe();
    System.out.printf("%s lr %s, batch %d, up to %d epochs, early stopping after %d; %s%n",
        run.optimizer(), Fmt.num(o.lr()), o.batch(), o.epochs(), o.patience(), c);
    return new ModelReport[] {fit("conditional VAE p(x|y)", cvae, true),
        fit("plain VAE p(x)", plain, false)};
  }

  /**
   * The recipe of the run; with --quick, 15 epochs at lr 3·10⁻³ unless --epochs or --lr says
   * otherwise (its default, 2 epochs at 10⁻³, does not teach the decoder the labels).
   */
  Trainer.Options recipe() {
    Trainer.Options o = run.options();
    ParseResult given = spec.commandLine().getParseResult();
    int epochs = opt.quick && !given.hasMatchedOption("--epochs") ? 15 : o.epochs();
    double lr = opt.quick && !given.hasMatchedOption("--lr") ? 3e-3 : o.lr();
    return new Trainer.Options(epochs, o.batch(), lr, o.patience(), run.optimizer()
        .equals("adam") ? ps -> new Adam(ps, lr) : ps -> new Adamax(ps, lr), o.average(),
        o.weightDecay());
  }

  ModelReport fit(String name, Vae vae, boolean conditional) {
    Dataset train = conditional ? OneHot.conditioned(run.train(), CLASSES) : run.train();
    Dataset val = conditional ? OneHot.conditioned(run.val(), CLASSES) : run.val();
    Dataset test = conditional ? OneHot.conditioned(run.test(), CLASSES) : run.test();
    if (conditional && run.loaded() != null) {
      System.out.printf("%s: loaded from %s%n", name, run.load());
      return ModelReport.of(name, vae, test, run.k(), opt.rng("importance"), 0, 0);
    }
    Trainer.History h = Trainer.fit(vae, train, val, recipe(), opt.rng("minibatches"),
        (e, op) -> {});
    System.out.printf("%s: %d epochs (best %d), validation −ELBO %s, %.1f s, %d parameters%n",
        name, h.epochs().size(), h.bestEpoch(), Fmt.num(h.best().val().negElbo()), h.seconds(),
        vae.parameterCount());
    return ModelReport.of(name, vae, test, run.k(), opt.rng("importance"), h.epochs().size(),
        h.seconds());
  }

  /*
   * ## 4. Asking for a digit
   * Draw z ~ N(0, I), append the one-hot row of the digit wanted, decode, and take the mean image
   * E[x|z, y]: 100 draws for each of the ten digits. The classifier of section 1 reads each. A
   * decoder that ignored y would be read as the requested digit exactly 10 % of the time, whatever
   * it drew (its drawings would not depend on the request). The plain VAE is that control: given
   * the same codes it draws the same images whatever we ask, and its agreement rate must be 0.10
   * within its binomial SE.
   */
  void askingForADigit(Vae cvae, Vae plain) {
    Chapter.section("4. Asking the decoder for a digit");
    SplittableRandom rng = opt.rng("asking");
    int n = PER_CLASS * CLASSES;
    Matrix z = Matrix.of(IntStream.range(0, n).mapToObj(i -> MonteCarlo.gaussians(
        cvae.config().latent(), 1, rng)).toArray(double[][]::new));
    int[] asked = IntStream.range(0, n).map(i -> i / PER_CLASS).toArray();
    int[] hits = reader.predict(means(cvae, OneHot.appended(z, asked, CLASSES)));
    Estimate read = rate(hits, asked);
    Estimate control = rate(reader.predict(means(plain, z)), asked);
    System.out.println("read as asked, per digit:" + IntStream.range(0, CLASSES).mapToObj(y ->
        String.format(" %d:%d%%", y, IntStream.range(y * PER_CLASS, (y + 1) * PER_CLASS)
        .filter(i -> hits[i] == y).count() * 100 / PER_CLASS)).collect(Collectors.joining()));
    checks.that("CV-2", String.format("%d drawings read as the digit asked for: %s ± %s (binomial "
        + "SE); − 4 SE > %s (chance 0.10; real test digits %s)", n, Fmt.num(read.mean()),
        Fmt.num(read.se()), Fmt.num(MAJORITY), Fmt.num(readerTest.mean())),
        read.mean() - 4 * read.se() > MAJORITY);
    checks.mc("CV-2", "control: chance", 1.0 / CLASSES, "the plain VAE's drawings, same codes",
        control);
    figClassGrid(cvae);
  }

  /** Each of ten codes (columns) decoded as each digit (rows): one style, ten digits. */
  void figClassGrid(Vae cvae) {
    SplittableRandom rng = opt.rng("figure");
    double[][] z = IntStream.range(0, CLASSES).mapToObj(i -> MonteCarlo.gaussians(
        cvae.config().latent(), 1, rng)).toArray(double[][]::new);
    int[] r = IntStream.range(0, CLASSES * CLASSES).toArray(); // cell r: code r % 10, label r / 10
    double[][] images = cvae.decodeMean(OneHot.appended(Matrix.of(Arrays.stream(r)
        .mapToObj(i -> z[i % CLASSES]).toArray(double[][]::new)),
        Arrays.stream(r).map(i -> i / CLASSES).toArray(), CLASSES));
    BufferedImage grid = ImageGrid.of(images, run.pixelMax(), run.side(), CLASSES, 8);
    Figures.saveImage(ImageGrid.titled(grid, "CV-2: the conditional VAE asked for each digit",
        "row y = 0 … 9: the digit asked for; column: one code z ~ N(0, I), the same down the "
        + "column; mean images E[x|z, y]"), "10_class_grid");
  }

  /*
   * ## 5. The bound on log p(x|y)
   * The conditional model's importance weights are chapter 05's with y appended everywhere:
   * log w_k = log p(x|z_k, y) + log p(z_k) − log q(z_k|x, y), z_k ~ q(z|x, y). Their plain mean
   * estimates ELBO(x|y), so on the same codes it must match the ELBO computed the other way, the
   * reconstruction term minus the KL in closed form (as EL-12); their log-mean-exp L_K rises with K
   * toward log p(x|y) (as EL-9). Both on the test digits with their true labels.
   *
   * How do −log p(x|y) and the plain model's −log p(x) compare? For the true distribution,
   * log p(x|y) = log p(x) + log p(y|x) + log 10 when the ten labels are equally likely: a clean
   * digit (p(y|x) ≈ 1) gains up to log 10 = 2.30 nats from its label, never more. For two trained
   * models nothing forces that relation, and nothing is checked: the difference is printed as
   * measured, paired over test images, with its SE.
   */
  void theBoundOnLogPOfXGivenY(ModelReport cond, ModelReport plain) {
    Chapter.section("5. ELBO(x|y) ≤ L_K(x|y) ≤ log p(x|y), and the plain model's log p(x)");
    Vae vae = cond.vae();
    Dataset few = OneHot.conditioned(run.test(), CLASSES).head(opt.pick(50, 20));
    int k = opt.pick(200, 50);
    double[][] eps = vae.encode(few.input()).q().drawEps(k, opt.rng("same codes"));
    double[][] logW = vae.logImportanceWeights(few, eps);
    double[] gap = IntStream.range(0, few.size()).mapToDouble(i -> Arrays.stream(logW[i])
        .average().orElseThrow() + vae.evaluate(few.rows(new int[] {i}),
        Arrays.copyOfRange(eps, i * k, (i + 1) * k)).negElbo()).toArray();
    checks.mc("CV-3", "exact", 0, few.size() + " test digits: mean log w − (recon − KL)",
        MonteCarlo.of(gap));
    Estimate gain = cond.curve().gain();
    checks.that("CV-3", String.format("test −ELBO(x|y) %s → −L_K(x|y) %s at K = %d: gain %s ± %s "
        + "nats > 4 SE, no step back beyond 4 SE", Fmt.num(cond.negElbo()), Fmt.num(cond.nll()),
        run.k(), Fmt.num(gain.mean()), Fmt.num(gain.se())), cond.curve().rises()
        && gain.mean() > 4 * gain.se());
    double[] a = plain.nllPerImage();
    double[] b = cond.nllPerImage();
    Estimate d = MonteCarlo.of(IntStream.range(0, a.length).mapToDouble(i -> a[i] - b[i])
        .toArray());
    System.out.printf("test NLL: plain −log p(x) %s, conditional −log p(x|y) %s; the label is "
        + "worth %s ± %s nats per digit, paired over %d test digits (the true distribution: "
        + "≤ log 10 = 2.30)%n", Fmt.num(plain.nll()), Fmt.num(cond.nll()), Fmt.num(d.mean()),
        Fmt.num(d.se()), d.n());
  }

  /*
   * ## 6. Style transfer
   * Encode a test digit with its own label, keep the code's mean μ(x, y), and decode it with
   * another label y′: if z holds the style and y the identity, the result is digit y′ in the
   * handwriting of x. Each test digit gets one new label, drawn uniformly from the nine others,
   * so the 447 trials are independent given the model and the binomial SE applies. The classifier
   * must read y′ most of the time; the rate at which it still reads the old label is printed.
   */
  void styleTransfer(Vae cvae) {
    Chapter.section("6. Style transfer: encode with y, decode with y′");
    SplittableRandom rng = opt.rng("style transfer");
    Dataset test = run.test();
    int[] y = test.labels();
    int[] other = Arrays.stream(y).map(v -> (v + 1 + rng.nextInt(CLASSES - 1)) % CLASSES)
        .toArray();
    Matrix mu = cvae.encode(OneHot.appended(test.input(), y, CLASSES)).mu();
    Matrix moved = means(cvae, OneHot.appended(mu, other, CLASSES)); // T(x): x as digit y′
    int[] read = reader.predict(moved);
    Estimate asked = rate(read, other);
    Estimate old = rate(read, y);
    Estimate same = rate(reader.predict(means(cvae, OneHot.appended(mu, y, CLASSES))), y);
    System.out.printf("decoded with their own label the %d codes are read correctly %s ± %s; "
        + "with another label, read as the old digit %s ± %s%n", test.size(),
        Fmt.num(same.mean()), Fmt.num(same.se()), Fmt.num(old.mean()), Fmt.num(old.se()));
    checks.that("CV-4", String.format("%d test digits redrawn as another digit, read as the new "
        + "label: %s ± %s (binomial SE); − 4 SE > %s (chance 0.10)", test.size(),
        Fmt.num(asked.mean()), Fmt.num(asked.se()), Fmt.num(MAJORITY)),
        asked.mean() - 4 * asked.se() > MAJORITY);
    // the same new label decoded from another test digit's code: which lies nearer to x?
    int n = test.size();
    int[] j = IntStream.range(0, n).map(i -> (i + 1 + rng.nextInt(n - 1)) % n).toArray();
    Matrix theirs = means(cvae, OneHot.appended(mu.rows(j), other, CLASSES));
    double[] mine = distances(moved, test.input());
    double[] not = distances(theirs, test.input());
    Estimate closer = MonteCarlo.of(IntStream.range(0, n).mapToDouble(i -> not[i] - mine[i])
        .toArray());
    checks.that("CV-4", String.format("in x's hand: ‖T(x) − x‖ %s, from another digit's code %s;"
        + " paired over %d digits %s ± %s > 4 SE", Fmt.num(MonteCarlo.of(mine).mean()),
        Fmt.num(MonteCarlo.of(not).mean()), n, Fmt.num(closer.mean()), Fmt.num(closer.se())),
        closer.mean() > 4 * closer.se());
    figStyleTransfer(cvae, test);
  }

  /** The first test digit of each class (rows), then its code decoded as 0 … 9 (columns). */
  void figStyleTransfer(Vae cvae, Dataset test) {
    int[] first = IntStream.range(0, CLASSES).map(c -> IntStream.range(0, test.size())
        .filter(i -> test.labels()[i] == c).findFirst().orElse(0)).toArray();
    Dataset pick = test.rows(first);
    Matrix mu = cvae.encode(OneHot.appended(pick.input(), pick.labels(), CLASSES)).mu();
    List<double[]> cells = new ArrayList<>();
    for (int r = 0; r < CLASSES; r++) {
      cells.add(Arrays.stream(pick.input().a[r]).map(v -> v * run.pixelMax()).toArray());
      int row = r;
      Matrix same = Matrix.of(IntStream.range(0, CLASSES).mapToObj(i -> mu.a[row])
          .toArray(double[][]::new));
      cells.addAll(Arrays.asList(cvae.decodeMean(OneHot.appended(same,
          IntStream.range(0, CLASSES).toArray(), CLASSES))));
    }
    BufferedImage grid = ImageGrid.of(cells.toArray(double[][]::new), run.pixelMax(),
        run.side(), CLASSES + 1, 8);
    Figures.saveImage(ImageGrid.titled(grid, "CV-4: style transfer with the conditional VAE",
        "first column: a test digit; then its code μ(x, y) decoded with the labels 0 … 9"),
        "10_style_transfer");
  }

  // ---- shared by the sections

  /** The decoder's mean images for rows of {@code zy}, scaled to the classifier's [0, 1]. */
  Matrix means(Vae vae, Matrix zy) {
    return Matrix.of(vae.decodeMean(zy)).scale(1 / run.pixelMax());
  }

  /** ‖a_i − b_i‖ for each row i. */
  static double[] distances(Matrix a, Matrix b) {
    return IntStream.range(0, a.rows).mapToDouble(i -> Math.sqrt(a.rows(new int[] {i})
        .minus(b.rows(new int[] {i})).sumOfSquares())).toArray();
  }

  /** The fraction of {@code predicted} equal to {@code truth}, with its binomial SE. */
  static Estimate rate(int[] predicted, int[] truth) {
    return MonteCarlo.of(IntStream.range(0, truth.length)
        .mapToDouble(i -> predicted[i] == truth[i] ? 1 : 0).toArray());
  }

  /*
   * ## Summary
   * (filled in from a full run)
   *
   * ## Questions
   * Q1. The code z of the conditional model carries less than the plain model's: compare the two
   *     models' KL terms in the table above. Where did the missing nats go?
   * Q2. Mix the conditional model over the labels, p(x) = (1/10) Σ_y p(x|y): it is an
   *     unconditional model. How would you estimate its log p(x), and what bounds it by the
   *     conditional numbers?
   * Q3. Use the conditional model as a classifier: p(y|x) ∝ p(x|y). How would it compare with the
   *     logistic regression of section 1?
   */
}
