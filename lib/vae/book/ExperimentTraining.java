package vae.book;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import vae.model.Dataset;
import vae.model.JointSteps;
import vae.model.Terms;
import vae.model.Trainable;
import vae.model.Trainer;
import vae.model.Vae;
import vae.nn.BlockEffects;
import vae.nn.Param;
import vae.prob.MonteCarlo;

/**
 * One training run of an {@link Experiment}'s VAE: {@link Trainer#fit} with the run's options,
 * one line per epoch, and the optimiser's first steps split into the encoder's and the decoder's
 * parts ({@link BlockEffects}, which leaves the weights exactly as the optimiser set them).
 * Introduced in chapter 05 (claim EL-6).
 *
 * @param history the epochs and the best one, whose weights the VAE keeps
 * @param effects the measured steps: how each network's part changed that step's minibatch bound
 */
public record ExperimentTraining(Trainer.History history, List<BlockEffects.Effect> effects) {
  /**
   * Trains {@code vae} on the run's training set, drawing minibatches and ε from {@code rng}; the
   * first {@code measured} steps are split, each step's bound evaluated with one fixed ε drawn
   * from {@code probeSeed}.
   *
   * @throws IllegalArgumentException if measured &lt; 0
   */
  public static ExperimentTraining fit(Experiment run, Vae vae, SplittableRandom rng,
      long probeSeed, int measured) {
    Dataset[] batch = new Dataset[1]; // the minibatch of the current step
    Trainable watched = new Trainable() {
      public List<Param> params() {
        return vae.params();
      }

      public Terms lossAndGradient(Dataset b, SplittableRandom r) {
        batch[0] = b;
        return vae.lossAndGradient(b, r);
      }

      public Terms evaluate(Dataset d, SplittableRandom r) {
        return vae.evaluate(d, r);
      }
    };
    // the step's minibatch bound with its own fixed ε: a function of the weights only
    DoubleSupplier bound = () -> -vae.fastLoss(batch[0], MonteCarlo.rng(probeSeed));
    Trainer.Options o = run.options();
    int encoderTensors = JointSteps.encoderTensors(vae);
    BlockEffects[] split = new BlockEffects[1];
    Trainer.Options measuredOptions = new Trainer.Options(o.epochs(), o.batch(), o.lr(),
        o.patience(), ps -> split[0] = new BlockEffects(o.optimizer().apply(ps), ps,
            encoderTensors, bound, measured), o.average(), o.weightDecay());
    Progress progress = new Progress(o.epochs());
    String valLabel = run.mnist() ? "test" : "val";
    Trainer.History h = Trainer.fit(watched, run.train(), run.val(), measuredOptions, rng,
        (e, opts) -> System.out.printf(Locale.ROOT,
            "epoch %d/%d | −ELBO %.2f | recon %.1f | kl %.1f | %s %.2f | %.2f s | ETA %.0f s%n",
            e.epoch(), opts.epochs(), e.train().negElbo(), e.train().recon(), e.train().kl(),
            valLabel, e.val().negElbo(), e.seconds(), progress.eta(e.epoch())));
    return new ExperimentTraining(h, split[0].effects());
  }

  /** The kept epoch's bound on the watched set: the validation (or, for MNIST, test) −ELBO. */
  public double watchedNegElbo() {
    return history.best().val().negElbo();
  }

  /**
   * How training ended and the kept epoch's bound on the watched set, e.g. "stopped early after
   * 64 epochs (29.7 s); keeping epoch 44: validation −ELBO 96.12".
   */
  public String summary(String watched) {
    return String.format(Locale.ROOT, "%s after %d epochs (%.1f s); keeping epoch %d: %s −ELBO "
        + "%.2f", history.stoppedEarly() ? "stopped early" : "done", history.epochs().size(),
        history.seconds(), history.bestEpoch(), watched, watchedNegElbo());
  }

  @Override
  public String toString() {
    return "ExperimentTraining[" + summary("watched") + ", " + effects.size()
        + " steps measured]";
  }
}
