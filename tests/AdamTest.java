import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import vae.nn.Adam;
import vae.nn.Matrix;
import vae.nn.Param;

/** Adam, the optimiser of every network in the book, against steps worked out by hand. */
class AdamTest {
  @Test
  void threeStepsMatchTheUpdateRuleWithBiasCorrectionComputedByHand() {
    // Kingma & Ba (2015), Algorithm 1: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
    // m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), θ ← θ − η·m̂/(√v̂ + ε); here η = 0.1, β₁ = 0.9, β₂ = 0.999,
    // ε = 1e-8. The expected values were worked out from these lines, step by step, in Python's
    // floats (IEEE doubles); the arithmetic is written out for the first coordinate.
    Param p = new Param("w", Matrix.of(new double[][] {{1.0, -2.0}}));
    Adam opt = new Adam(List.of(p), 0.1);
    p.grad.a[0][0] = 0.5;
    p.grad.a[0][1] = -4.0;
    opt.step();
    // t = 1: m = 0.05, v = 0.00025; m̂ = 0.05/0.1 = 0.5, v̂ = 0.00025/0.001 = 0.25, so
    // θ −= 0.1·0.5/(0.5 + 1e-8): the first step has length η whatever |g| is. Without the bias
    // correction it would be 0.1·0.05/√0.00025 = 0.316 (θ = 0.684).
    assertThat(p.value.a[0][0]).isCloseTo(0.900000002, within(1e-12));
    assertThat(p.value.a[0][1]).isCloseTo(-1.90000000025, within(1e-12));
    opt.zeroGrad();
    p.grad.a[0][0] = 0.2;
    opt.step();
    // t = 2: m = 0.9·0.05 + 0.1·0.2 = 0.065, v = 0.999·0.00025 + 0.001·0.04 = 0.00028975;
    // m̂ = 0.065/0.19, v̂ = 0.00028975/0.001999; θ = 0.900000002 − 0.1·m̂/(√v̂ + ε).
    // The second coordinate has g = 0: m = 0.9·(−0.4) = −0.36 still moves it.
    assertThat(p.value.a[0][0]).isCloseTo(0.8101424839029282, within(1e-12));
    assertThat(p.value.a[0][1]).isCloseTo(-1.8329941750733068, within(1e-12));
    opt.zeroGrad();
    p.grad.a[0][0] = -0.3;
    p.grad.a[0][1] = 1.0;
    opt.step();
    // t = 3: m = 0.9·0.065 − 0.03 = 0.0285, v = 0.999·0.00028975 + 0.001·0.09 = 0.00037946025;
    // m̂ = 0.0285/0.271, v̂ = 0.00037946025/0.002997001
    assertThat(p.value.a[0][0]).isCloseTo(0.7805871509237353, within(1e-12));
    assertThat(p.value.a[0][1]).isCloseTo(-1.798256028998912, within(1e-12));
  }
}
