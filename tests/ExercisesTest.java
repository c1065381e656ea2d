import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vae.model.Autoencoder;
import vae.model.LinearGaussianModel;
import vae.model.Pca;
import vae.nn.Dense;
import vae.nn.GradCheck;
import vae.nn.Init;
import vae.nn.Matrix;
import vae.prob.DiagGaussian;
import vae.prob.Estimate;
import vae.prob.Gaussian1D;
import vae.prob.GradientEstimators;
import vae.prob.MonteCarlo;
import vae.prob.MvGaussian;
import vae.prob.TestFunction;

/**
 * The autograder's tests: one group per exercise, tagged {@code exN.M} ({@code ./jbang grade}
 * maps them to the // BEGIN SOLUTION (Exercise N.M: …) regions). Each group calls only its own
 * exercise's code, so an exercise scores on its own; the exception is 4.2, whose estimator draws z
 * with 4.1's reparameterization. Reference values name their source.
 */
class ExercisesTest {
  // ---- 1.1  the squared distance of points to a subspace ----

  @Test
  @Tag("ex1.1")
  void ex1_1_projectionErrorOntoAnAxis() {
    Matrix x = Matrix.of(new double[] {1, 2}, new double[] {-3, 0.5}); // centred or not: the formula is the same
    Matrix q = Matrix.of(new double[] {1}, new double[] {0});         // the first axis
    // by hand: the residuals are the second coordinates, (2² + 0.5²)/2
    assertThat(Pca.projectionError(x, q)).isCloseTo((4 + 0.25) / 2, within(1e-12));
  }

  @Test
  @Tag("ex1.1")
  void ex1_1_projectionErrorOnThePrincipalPlaneIsTheDiscardedVariance() {
    SplittableRandom rng = MonteCarlo.rng(17);
    double[][] rows = new double[200][4];
    for (double[] r : rows) {
      double a = rng.nextGaussian();
      double b = rng.nextGaussian();
      r[0] = 3 * a + 0.1 * rng.nextGaussian();
      r[1] = a - 2 * b;
      r[2] = 0.5 * b + 0.2 * rng.nextGaussian();
      r[3] = 0.05 * rng.nextGaussian();
    }
    Pca pca = Pca.fit(Matrix.of(rows));
    Matrix centred = pca.center(Matrix.of(rows));
    // claim AE-1: the best k-plane's mean squared error is Σ_{j≥k} λ_j (eigenvalues from commons-math)
    assertThat(Pca.projectionError(centred, pca.basis(2))).isCloseTo(pca.discardedVariance(2), within(1e-9));
  }

  // ---- 1.2  the autoencoder's reconstruction error ----

  @Test
  @Tag("ex1.2")
  void ex1_2_lossIsTheMeanSquaredReconstructionError() {
    Autoencoder ae = Autoencoder.linear(3, 2, MonteCarlo.rng(19));
    Matrix x = Matrix.of(new double[] {1, 0, -1}, new double[] {0.5, 2, 0.25}, new double[] {-1, 1, 3});
    Matrix xHat = ae.reconstruct(x);
    double sum = 0; // (1/N) Σ_n ‖x_n − x̂_n‖², written out
    for (int n = 0; n < 3; n++) {
      for (int j = 0; j < 3; j++) {
        sum += (x.get(n, j) - xHat.get(n, j)) * (x.get(n, j) - xHat.get(n, j));
      }
    }
    assertThat(ae.loss(x)).isCloseTo(sum / 3, within(1e-12));
  }

  @Test
  @Tag("ex1.2")
  void ex1_2_lossIsPerRowNotPerBatch() {
    Autoencoder ae = Autoencoder.linear(3, 2, MonteCarlo.rng(23));
    Matrix one = Matrix.of(new double[] {1, -2, 0.5});
    Matrix twice = Matrix.of(new double[] {1, -2, 0.5}, new double[] {1, -2, 0.5});
    assertThat(ae.loss(twice)).isCloseTo(ae.loss(one), within(1e-12)); // the mean over rows, not the sum
  }

  // ---- 2.1  KL(N(μ, diag σ²) ‖ N(0, I)) in closed form ----

  @Test
  @Tag("ex2.1")
  void ex2_1_klOfADiagonalGaussianToTheStandardNormal() {
    DiagGaussian q = DiagGaussian.ofSigma(new double[] {0.5, -1.0}, new double[] {0.8, 1.5});
    // by hand: ½(0.25 + 0.64 − 1 − log 0.64) + ½(1 + 2.25 − 1 − log 2.25)
    double expected = 0.5 * (0.25 + 0.64 - 1 - Math.log(0.64)) + 0.5 * (1 + 2.25 - 1 - Math.log(2.25));
    assertThat(q.klToStandardNormal()).isCloseTo(expected, within(1e-12));
  }

  @Test
  @Tag("ex2.1")
  void ex2_1_klIsZeroExactlyAtTheStandardNormal() {
    assertThat(DiagGaussian.standard(3).klToStandardNormal()).isCloseTo(0.0, within(1e-15));
  }

  // ---- 2.2  KL between two 1-D Gaussians ----

  @Test
  @Tag("ex2.2")
  void ex2_2_klBetweenTwoGaussians() {
    // by hand: log(2/1) + (1 + (0 − 1)²)/(2·4) − ½ = log 2 − ¼
    assertThat(new Gaussian1D(0, 1).klTo(new Gaussian1D(1, 2))).isCloseTo(Math.log(2) - 0.25, within(1e-12));
    // and the other way: log(1/2) + (4 + 1)/2 − ½ = 2 − log 2 (KL is not symmetric)
    assertThat(new Gaussian1D(1, 2).klTo(new Gaussian1D(0, 1))).isCloseTo(2 - Math.log(2), within(1e-12));
  }

  @Test
  @Tag("ex2.2")
  void ex2_2_klToItselfIsZero() {
    assertThat(new Gaussian1D(0.3, 0.7).klTo(new Gaussian1D(0.3, 0.7))).isCloseTo(0.0, within(1e-15));
  }

  // ---- 3.1  the Monte Carlo estimator and its standard error ----

  @Test
  @Tag("ex3.1")
  void ex3_1_estimateOfADeterministicSequenceHasItsMeanAndStandardError() {
    double[] xs = {1, 2, 3, 4};
    int[] next = {0};
    Estimate e = MonteCarlo.estimate(4, new SplittableRandom(1), r -> xs[next[0]++]);
    // by hand: mean 2.5, sample variance 5/3, SE = √(5/3 / 4)
    assertThat(e.mean()).isCloseTo(2.5, within(1e-12));
    assertThat(e.se()).isCloseTo(Math.sqrt(5.0 / 12), within(1e-12));
    assertThat(e.n()).isEqualTo(4);
  }

  @Test
  @Tag("ex3.1")
  void ex3_1_uniformMeanIsWithinFourStandardErrorsAndTheSeMatchesSigmaOverRootN() {
    Estimate e = MonteCarlo.estimate(40_000, MonteCarlo.rng(42), r -> r.nextDouble());
    assertThat(Math.abs(e.mean() - 0.5)).isLessThanOrEqualTo(4 * e.se());
    // σ of U(0,1) is 1/√12, so SE ≈ 1/√(12·40000) = 0.001443; the estimated SE is within 2 %
    assertThat(e.se()).isCloseTo(1 / Math.sqrt(12 * 40_000.0), within(3e-5));
  }

  // ---- 3.2  mean and standard error of values already drawn ----

  @Test
  @Tag("ex3.2")
  void ex3_2_meanAndStandardErrorOfGivenValues() {
    Estimate e = MonteCarlo.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
    // by hand: mean 5, Σ(x − 5)² = 32, s² = 32/7, SE = √(32/7/8)
    assertThat(e.mean()).isCloseTo(5.0, within(1e-12));
    assertThat(e.se()).isCloseTo(Math.sqrt(32.0 / 7 / 8), within(1e-12));
  }

  @Test
  @Tag("ex3.2")
  void ex3_2_isStableForLargeOffsets() {
    Estimate e = MonteCarlo.of(new double[] {1e9 + 1, 1e9 + 2, 1e9 + 3});
    assertThat(e.mean()).isCloseTo(1e9 + 2, within(1e-6));
    assertThat(e.se()).isCloseTo(Math.sqrt(1.0 / 3), within(1e-6)); // s² = 1, SE = 1/√3
  }

  // ---- 4.1  the reparameterized sample z = μ + σ ⊙ ε ----

  @Test
  @Tag("ex4.1")
  void ex4_1_reparameterizeIsMuPlusSigmaTimesEps() {
    DiagGaussian q = new DiagGaussian(new double[] {1.0, -2.0}, new double[] {Math.log(4), Math.log(0.25)});
    // σ = (2, 0.5): z = (1 + 2·0.3, −2 + 0.5·(−1.2))
    assertThat(q.reparameterize(new double[] {0.3, -1.2})).containsExactly(new double[] {1.6, -2.6}, within(1e-12));
    assertThat(q.reparameterize(new double[] {0, 0})).containsExactly(new double[] {1.0, -2.0}, within(1e-15));
  }

  // ---- 4.2  the pathwise gradient of E_q[f(z)] ----

  @Test
  @Tag("ex4.2")
  void ex4_2_pathwiseDrawForASquare() {
    DiagGaussian q = DiagGaussian.ofSigma(new double[] {0.5}, new double[] {2.0});
    TestFunction square = new TestFunction("z²", z -> z * z, z -> 2 * z);
    double eps = 0.7;
    double z = 0.5 + 2.0 * eps;
    double[][] g = GradientEstimators.draw(GradientEstimators.Kind.PATHWISE, square, q, new double[] {eps});
    // ∂f/∂μ = f'(z) = 2z,  ∂f/∂σ = f'(z)·ε (chain rule through z = μ + σε)
    assertThat(g[0][0]).isCloseTo(2 * z, within(1e-12));
    assertThat(g[1][0]).isCloseTo(2 * z * eps, within(1e-12));
  }

  @Test
  @Tag("ex4.2")
  void ex4_2_pathwiseEstimateIsUnbiased() {
    // E[z²] = μ² + σ²: ∂/∂μ = 2μ = 1, ∂/∂σ = 2σ = 4 (closed form); mean and SE by hand, not 3.2's code
    DiagGaussian q = DiagGaussian.ofSigma(new double[] {0.5}, new double[] {2.0});
    TestFunction square = new TestFunction("z²", z -> z * z, z -> 2 * z);
    SplittableRandom rng = MonteCarlo.rng(7);
    int n = 20_000;
    double[] sum = new double[2];
    double[] sumSq = new double[2];
    for (int i = 0; i < n; i++) {
      double[][] g = GradientEstimators.draw(GradientEstimators.Kind.PATHWISE, square, q, new double[] {rng.nextGaussian()});
      for (int j = 0; j < 2; j++) {
        sum[j] += g[j][0];
        sumSq[j] += g[j][0] * g[j][0];
      }
    }
    double[] exact = {1, 4};
    for (int j = 0; j < 2; j++) {
      double mean = sum[j] / n;
      double se = Math.sqrt((sumSq[j] / n - mean * mean) / (n - 1));
      assertThat(Math.abs(mean - exact[j])).as(j == 0 ? "∂/∂μ" : "∂/∂σ").isLessThanOrEqualTo(4 * se);
    }
  }

  // ---- 5.1  the backward pass of a dense layer ----

  @Test
  @Tag("ex5.1")
  void ex5_1_denseBackwardGivesXtDeltaSumDeltaAndDeltaWt() {
    Dense layer = new Dense(3, 2, Init.GLOROT, new SplittableRandom(3));
    Matrix x = Matrix.of(new double[] {1, -2, 0.5}, new double[] {0.3, 0.7, -1.1}); // [2][3]
    Matrix delta = Matrix.of(new double[] {0.2, -0.4}, new double[] {1.5, 0.1});  // [2][2]
    layer.forward(x);
    Matrix dx = layer.backward(delta);
    for (int i = 0; i < 3; i++) {
      for (int o = 0; o < 2; o++) {
        double dW = x.get(0, i) * delta.get(0, o) + x.get(1, i) * delta.get(1, o); // (xᵀδ)_io, by hand
        assertThat(layer.w.grad.get(i, o)).as("dW[%d][%d]", i, o).isCloseTo(dW, within(1e-12));
      }
    }
    assertThat(layer.b.grad.get(0, 0)).isCloseTo(0.2 + 1.5, within(1e-12));
    assertThat(layer.b.grad.get(0, 1)).isCloseTo(-0.4 + 0.1, within(1e-12));
    for (int r = 0; r < 2; r++) {
      for (int i = 0; i < 3; i++) {
        double want = delta.get(r, 0) * layer.w.value.get(i, 0) + delta.get(r, 1) * layer.w.value.get(i, 1); // (δWᵀ)_ri
        assertThat(dx.get(r, i)).as("dx[%d][%d]", r, i).isCloseTo(want, within(1e-12));
      }
    }
  }

  @Test
  @Tag("ex5.1")
  void ex5_1_denseBackwardAgreesWithFiniteDifferences() {
    Dense layer = new Dense(4, 3, Init.GLOROT, new SplittableRandom(5));
    Matrix x = Matrix.of(new double[] {0.1, -0.5, 0.9, 0.3}, new double[] {-1.2, 0.4, 0.2, 0.8});
    for (GradCheck.Row row : GradCheck.layer("dense", layer, x, new SplittableRandom(6))) {
      assertThat(row.ok()).as("%s", row).isTrue(); // central differences, h = 1e-5
    }
  }

  // ---- 5.2  the ELBO in closed form on the linear-Gaussian model ----

  @Test
  @Tag("ex5.2")
  void ex5_2_elboIsLogMarginalMinusKlToThePosterior() {
    LinearGaussianModel model = LinearGaussianModel.random(5, 2, 0.7, MonteCarlo.rng(11));
    double[] x = model.sampleX(MonteCarlo.rng(12));
    MvGaussian q = MvGaussian.of(
        DiagGaussian.ofSigma(new double[] {0.2, -0.3}, new double[] {0.9, 0.6}));
    // log p(x) = ELBO + KL(q ‖ p(z|x)) exactly (claim EL-1), both sides from other code
    assertThat(model.elbo(x, q)).isCloseTo(model.logMarginal(x) - model.klToPosterior(x, q), within(1e-9));
  }

  @Test
  @Tag("ex5.2")
  void ex5_2_elboAtThePosteriorIsTheLogMarginal() {
    LinearGaussianModel model = LinearGaussianModel.random(4, 3, 0.5, MonteCarlo.rng(13));
    double[] x = model.sampleX(MonteCarlo.rng(14));
    assertThat(model.elbo(x, model.posterior(x))).isCloseTo(model.logMarginal(x), within(1e-9));
  }

  // ---- 5.3  the importance-weighted bound ----

  @Test
  @Tag("ex5.3")
  void ex5_3_withTheExactPosteriorEveryWeightIsPxSoTheBoundIsExact() {
    LinearGaussianModel model = LinearGaussianModel.random(5, 2, 0.7, MonteCarlo.rng(21));
    double[] x = model.sampleX(MonteCarlo.rng(22));
    // p(x, z)/p(z|x) = p(x) for every z: log (1/K) Σ_k p(x) = log p(x), whatever the draws
    double bound = model.importanceWeightedSample(x, model.posterior(x), 10, MonteCarlo.rng(23));
    assertThat(bound).isCloseTo(model.logMarginal(x), within(1e-8));
  }

  @Test
  @Tag("ex5.3")
  void ex5_3_oneSampleIsOneElboDrawAndMoreSamplesTightenTheBound() {
    LinearGaussianModel model = LinearGaussianModel.random(5, 2, 0.7, MonteCarlo.rng(31));
    double[] x = model.sampleX(MonteCarlo.rng(32));
    MvGaussian q = MvGaussian.of(
        DiagGaussian.ofSigma(new double[] {0.3, -0.2}, new double[] {1.2, 0.8}));
    assertThat(model.importanceWeightedSample(x, q, 1, MonteCarlo.rng(33)))
        .isCloseTo(model.elboSample(x, q, MonteCarlo.rng(33)), within(1e-12)); // K = 1: same draw
    double[] k1 = new double[400];
    double[] k50 = new double[400];
    SplittableRandom rng = MonteCarlo.rng(34);
    for (int i = 0; i < k1.length; i++) {
      k1[i] = model.importanceWeightedSample(x, q, 1, rng);
      k50[i] = model.importanceWeightedSample(x, q, 50, rng);
    }
    double mean1 = java.util.Arrays.stream(k1).average().orElseThrow();
    double mean50 = java.util.Arrays.stream(k50).average().orElseThrow();
    // ELBO ≤ E[bound_50] ≤ log p(x) (Burda et al. 2016); means compared loosely: 400 draws each
    assertThat(mean50).isGreaterThan(mean1).isLessThan(model.logMarginal(x) + 0.05);
  }
}
