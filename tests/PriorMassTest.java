import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vae.prob.AggregatePosterior;
import vae.prob.Estimate;
import vae.prob.MixturePrior;
import vae.prob.MonteCarlo;
import vae.prob.Prior;
import vae.prob.PriorMass;
import vae.prob.StandardNormalPrior;

/** A density integrates to 1 by grid and by importance sampling; a shifted one does not (PR-3). */
class PriorMassTest {
  private static MixturePrior mixture() {
    MixturePrior p = MixturePrior.random(4, 2, MonteCarlo.rng(5));
    double[] t = p.parameters();
    t[0] = 1.2;
    t[t.length - 1] = -1.5;
    return p;
  }

  /** The same prior with log-density + 3 nats: a log-determinant counted twice. */
  private static Prior shifted(Prior p) {
    return PriorMass.shifted(p, 3);
  }

  @Test
  @Tag("PR-3")
  void PR_3_aMixtureIntegratesToOneOnAGrid() {
    MixturePrior p = mixture();
    PriorMass.Grid g = PriorMass.grid(p, p.means(), p.logVars());
    assertThat(g.mass()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(PriorMass.grid(shifted(p), p.means(), p.logVars()).mass())
        .isCloseTo(Math.exp(3), org.assertj.core.data.Offset.offset(1e-4));
  }

  @Test
  @Tag("PR-3")
  void PR_3_andByImportanceSamplingInSixteenDimensions() {
    MixturePrior p = MixturePrior.random(5, 16, MonteCarlo.rng(6));
    AggregatePosterior r = new AggregatePosterior(p.means(), p.logVars());
    Estimate e = PriorMass.importance(p, r, 1.2, 20000, MonteCarlo.rng(7));
    assertThat(Math.abs(e.mean() - 1)).isLessThan(4 * e.se());
    Estimate s = PriorMass.importance(shifted(p), r, 1.2, 20000, MonteCarlo.rng(7));
    assertThat(Math.abs(s.mean() - 1)).isGreaterThan(4 * s.se());
    StandardNormalPrior std = new StandardNormalPrior(16);
    Estimate one = PriorMass.importance(std, new AggregatePosterior(new double[1][16],
        new double[1][16]), 1.2, 20000, MonteCarlo.rng(8));
    assertThat(Math.abs(one.mean() - 1)).isLessThan(4 * one.se());
  }
}
