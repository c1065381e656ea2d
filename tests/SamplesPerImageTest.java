import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import vae.data.Digits;
import vae.model.CategoricalLikelihood;
import vae.model.Dataset;
import vae.model.GradientNoise;
import vae.model.SamplesPerImage;
import vae.model.Trainer;
import vae.model.Vae;
import vae.prob.MonteCarlo;

/**
 * EL-7's experiment runs its trainings and noise measurements side by side over the cores, the
 * noise on a copy of the first model; each must give what it gives alone, in order, on one model.
 */
class SamplesPerImageTest {
  @Test
  @Tag("EL-7")
  void EL_7_theJobsSideBySideComputeWhatTheyComputeAloneOnOneModel() {
    Function<String, SplittableRandom> streams = name -> MonteCarlo.rng(name.hashCode());
    SamplesPerImage e = SamplesPerImage.run(Digits.load(), 2, 5, 3, streams);
    // alone: seed 0 with L = 1, then the three noise measurements on that very model
    Digits digits = Digits.load();
    CategoricalLikelihood lik = new CategoricalLikelihood(17);
    Dataset val = Dataset.digits(digits.valid, lik);
    Vae vae = SamplesPerImage.small(streams.apply("L runs: weights 0")).training(1, 1);
    Trainer.fit(vae, Dataset.digits(digits.train, lik), null, Trainer.Options.adam(5, 64, 3e-3, 0),
        streams.apply("L runs: minibatches 0"), null);
    assertThat(e.bound()[0][0]).isEqualTo(vae.evaluate(val, 20, streams.apply("L runs: validation"))
        .negElbo());
    for (int j = 0; j < e.ls().length; j++) {
      int l = e.ls()[j];
      assertThat(e.noise()[j]).as("L = %d", l).isEqualTo(GradientNoise.totalVariance(
          vae.training(1, l), val.head(16), 3, streams.apply("gradient noise, L = " + l)));
    }
    // alone: seed 1 with L = 5 for a fifth of the epochs, from seed 1's weights and minibatches
    Vae shortRun = SamplesPerImage.small(streams.apply("L runs: weights 1")).training(1, 5);
    Trainer.fit(shortRun, Dataset.digits(digits.train, lik), null,
        Trainer.Options.adam(1, 64, 3e-3, 0), streams.apply("L runs: minibatches 1"), null);
    assertThat(e.bound()[SamplesPerImage.L5_SAME_CODES][1]).isEqualTo(shortRun.evaluate(val, 20,
        streams.apply("L runs: validation")).negElbo());
  }
}
