import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import vae.nn.Adamax;
import vae.nn.Matrix;
import vae.nn.Param;

/** Adamax, the optimiser of the PyTorch reference in chapter 05. */
class AdamaxTest {
  @Test
  void twoStepsMatchTheUpdateRuleComputedByHand() {
    Param p = new Param("w", Matrix.of(new double[][] {{1.0, -2.0}}));
    Adamax opt = new Adamax(List.of(p), 0.1);
    p.grad.a[0][0] = 0.5;
    p.grad.a[0][1] = -4.0;
    opt.step();
    // step 1: m = 0.1·g, u = |g| + ε, θ −= 0.1/(1 − 0.9) · m/u = 0.1·sign(g) (torch.optim.Adamax rule)
    assertThat(p.value.a[0][0]).isCloseTo(0.9, within(1e-7));
    assertThat(p.value.a[0][1]).isCloseTo(-1.9, within(1e-7));
    opt.zeroGrad();
    p.grad.a[0][0] = 0.2;
    opt.step();
    // step 2: m = 0.9·0.05 + 0.1·0.2 = 0.065, u = max(0.999·0.5, 0.2) = 0.4995, θ −= 0.1/(1 − 0.81)·m/u
    assertThat(p.value.a[0][0]).isCloseTo(0.9 - 0.1 / 0.19 * 0.065 / 0.4995, within(1e-7));
    // the second coordinate, g = 0: m = −0.36, u = 0.999·(4 + ε); the same update rule
    assertThat(p.value.a[0][1]).isCloseTo(-1.8525841634790183, within(1e-12));
    opt.zeroGrad();
    p.grad.a[0][0] = -0.3;
    p.grad.a[0][1] = 1.0;
    opt.step();
    // step 3: m = 0.9·0.065 − 0.03 = 0.0285, u = max(0.999·0.49950001, 0.3 + ε) = 0.49900051;
    // θ −= 0.1/(1 − 0.9³)·m/u. Values from the same lines in Python's floats (IEEE doubles).
    assertThat(p.value.a[0][0]).isCloseTo(0.8104351216809083, within(1e-12));
    assertThat(p.value.a[0][1]).isCloseTo(-1.8318785664000516, within(1e-12));
  }

  @Test
  void badConstantsAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> new Adamax(List.of(), -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lr=-1");
  }
}
