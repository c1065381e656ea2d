package vae.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import vae.data.Batches;
import vae.nn.Adam;
import vae.nn.Matrix;
import vae.nn.Optimizer;
import vae.nn.Parallel;
import vae.nn.Param;

/**
 * The book's one training loop: shuffled minibatches, an optimiser step per batch, the
 * validation loss after every epoch, early stopping with the best weights restored, and a
 * history of per-epoch terms. Stops with a clear message when the loss becomes NaN or infinite.
 * Chapter 05; chapter 01 (the autoencoders) and chapters 06–07 reuse it.
 */
public final class Trainer {
  /**
   * How to train: at most {@code epochs} passes, minibatches of {@code batch}, learning rate
   * {@code lr}; stop when the validation −ELBO has not improved for {@code patience} epochs and
   * keep the best epoch's weights (patience 0: never stop early, keep the last weights; the
   * validation set is then only watched). {@code optimizer} builds the optimiser (default: Adam).
   */
  public record Options(int epochs, int batch, double lr, int patience, Function<List<Param>, Optimizer> optimizer,
      double average, double weightDecay, int warmupEpochs) {
    /** @throws IllegalArgumentException naming the bad value */
    public Options {
      if (warmupEpochs < 0) {
        throw new IllegalArgumentException("warm-up epochs must be ≥ 0 (0 = off), got "
            + warmupEpochs);
      }
      if (epochs < 1 || batch < 1 || patience < 0 || !(lr > 0) || Double.isInfinite(lr)) {
        throw new IllegalArgumentException("need epochs ≥ 1, batch ≥ 1, patience ≥ 0 and lr > 0, got epochs="
            + epochs + ", batch=" + batch + ", patience=" + patience + ", lr=" + lr);
      }
      if (!(average >= 0 && average < 1)) {
        throw new IllegalArgumentException("the weight-averaging decay must lie in [0, 1) (0 = off), got " + average);
      }
      if (!(weightDecay >= 0) || lr * weightDecay >= 1) {
        throw new IllegalArgumentException("weight decay must be ≥ 0 with lr·decay < 1, got " + weightDecay);
      }
    }

    /** Options without weight averaging. */
    public Options(int epochs, int batch, double lr, int patience, Function<List<Param>, Optimizer> optimizer) {
      this(epochs, batch, lr, patience, optimizer, 0, 0, 0);
    }

    /** Options without KL warm-up. */
    public Options(int epochs, int batch, double lr, int patience,
        Function<List<Param>, Optimizer> optimizer, double average, double weightDecay) {
      this(epochs, batch, lr, patience, optimizer, average, weightDecay, 0);
    }

    /**
     * The same options with KL warm-up: the KL term's weight rises linearly from 0 to 1 over the
     * minibatch steps of the first {@code epochs} epochs (0 = off; see {@link Trainable#anneal}).
     */
    public Options warmedUp(int epochs) {
      return new Options(this.epochs, batch, lr, patience, optimizer, average, weightDecay, epochs);
    }

    /**
     * The same options, evaluating and keeping an exponential moving average of the weights,
     * θ̄ ← d·θ̄ + (1 − d)·θ after every step (Polyak averaging); d = 0 switches it off.
     */
    public Options averaged(double decay) {
      return new Options(epochs, batch, lr, patience, optimizer, decay, weightDecay, warmupEpochs);
    }

    /** The same options with decoupled weight decay: θ ← θ − lr·λ·θ after every step (AdamW); 0 = off. */
    public Options decayed(double lambda) {
      return new Options(epochs, batch, lr, patience, optimizer, average, lambda, warmupEpochs);
    }

    /** Adam with the given learning rate. */
    public static Options adam(int epochs, int batch, double lr, int patience) {
      return new Options(epochs, batch, lr, patience, ps -> new Adam(ps, lr));
    }
  }

  /** One epoch: mean training terms over its minibatches, validation terms, wall seconds. */
  public record Epoch(int epoch, Terms train, Terms val, double seconds) {}

  /** The whole run: every epoch, the best epoch (whose weights were kept) and whether it stopped early. */
  public record History(List<Epoch> epochs, int bestEpoch, boolean stoppedEarly, double seconds) {
    /** The epoch whose weights the model holds at the end. */
    public Epoch best() {
      return epochs.get(bestEpoch - 1);
    }

    /** Per-epoch columns for a chart: epoch, train recon, train KL, val recon, val KL. */
    public double[][] curves() {
      return new double[][] {epochs.stream().mapToDouble(Epoch::epoch).toArray(),
          epochs.stream().mapToDouble(e -> e.train().recon()).toArray(),
          epochs.stream().mapToDouble(e -> e.train().kl()).toArray(),
          epochs.stream().mapToDouble(e -> e.val().recon()).toArray(),
          epochs.stream().mapToDouble(e -> e.val().kl()).toArray()};
    }
  }

  /** Called after every epoch (to print a progress line, say). */
  @FunctionalInterface
  public interface Listener {
    void epochDone(Epoch e, Options options);
  }

  private Trainer() {}

  /**
   * Trains {@code model} on {@code train}, early-stopping on {@code val} (null: no validation,
   * no early stopping), with all randomness from {@code rng}.
   *
   * @throws IllegalStateException if a loss becomes NaN or infinite (the model is then left as it was at the best epoch so far)
   */
  public static History fit(Trainable model, Dataset train, Dataset val, Options opt,
      SplittableRandom rng, Listener listener) {
    List<Param> params = model.params();
    Optimizer optimizer = opt.optimizer().apply(params);
    Batches batches = new Batches(train.size(), opt.batch(), rng); // a fresh shuffle every epoch
    List<Epoch> epochs = new ArrayList<>();
    List<Matrix> best = snapshot(params);
    List<Matrix> avg = opt.average() > 0 ? snapshot(params) : null; // θ̄, the averaged weights
    double bestVal = Double.POSITIVE_INFINITY;
    int bestEpoch = 1;
    long start = System.nanoTime();
    boolean stopped = false;
    long step = 0;
    int perEpoch = (train.size() + opt.batch() - 1) / opt.batch();
    double rampSteps = (double) opt.warmupEpochs() * perEpoch; // warm-up steps; 0 = off
    for (int epoch = 1; epoch <= opt.epochs(); epoch++) {
      long t0 = System.nanoTime();
      int[][] minibatches = batches.epoch();
      double recon = 0;
      double kl = 0;
      for (int[] idx : minibatches) {
        optimizer.zeroGrad();
        if (rampSteps > 0) { // KL warm-up: weight step/rampSteps, then 1
          model.anneal(Math.min(1, step++ / rampSteps));
        }
        Terms t = model.lossAndGradient(train.rows(idx), rng);
        if (!t.finite()) {
          if (best != null) {
            restore(params, best);
          }
          throw diverged(t, epoch, opt);
        }
        optimizer.step();
        if (opt.weightDecay() > 0) {
          shrink(params, 1 - opt.lr() * opt.weightDecay());
        }
        if (avg != null) {
          accumulate(avg, params, opt.average());
        }
        recon += t.recon() * idx.length;
        kl += t.kl() * idx.length;
      }
      Terms trainTerms = new Terms(recon / train.size(), kl / train.size());
      if (avg != null) {
        swap(params, avg); // evaluate, and keep, the averaged weights
      }
      Terms valTerms = val == null ? trainTerms : model.evaluate(val, rng);
      if (!valTerms.finite()) {
        if (best != null) {
          restore(params, best);
        }
        throw diverged(valTerms, epoch, opt);
      }
      Epoch e = new Epoch(epoch, trainTerms, valTerms, (System.nanoTime() - t0) / 1e9);
      epochs.add(e);
      if (listener != null) {
        listener.epochDone(e, opt);
      }
      if (val == null || opt.patience() == 0) {
        bestEpoch = epoch;
        best = null;
      } else if (valTerms.negElbo() < bestVal) {
        bestVal = valTerms.negElbo();
        bestEpoch = epoch;
        best = snapshot(params);
      } else if (epoch - bestEpoch >= opt.patience()) {
        stopped = true;
      }
      if (avg != null && !stopped && epoch < opt.epochs()) {
        swap(params, avg); // back to the raw weights for the next epoch; at the end the average stays
      }
      if (stopped) {
        break;
      }
    }
    if (rampSteps > 0) {
      model.anneal(1); // a run shorter than its warm-up leaves the full loss behind
    }
    if (val != null && opt.patience() > 0) {
      restore(params, best);
    } else {
      bestEpoch = epochs.size();
    }
    return new History(List.copyOf(epochs), bestEpoch, stopped, (System.nanoTime() - start) / 1e9);
  }

  private static IllegalStateException diverged(Terms t, int epoch, Options opt) {
    return new IllegalStateException(String.format(java.util.Locale.ROOT,
        "the loss became %s at epoch %d (recon %s, kl %s): training diverged; the learning rate %s is "
        + "probably too large, try a smaller one (e.g. --lr %s)", Double.isNaN(t.negElbo()) ? "NaN" : "infinite",
        epoch, t.recon(), t.kl(), opt.lr(), opt.lr() / 10));
  }

  /** θ ← c·θ for every parameter (entry by entry, the rows of a large one over the cores). */
  private static void shrink(List<Param> params, double c) {
    for (Param p : params) {
      double[][] w = p.value.a;
      Parallel.forRange(w.length, (long) p.size(), (r0, r1) -> {
        for (int r = r0; r < r1; r++) {
          double[] row = w[r];
          for (int j = 0; j < row.length; j++) {
            row[j] *= c;
          }
        }
      });
    }
  }

  /** θ̄ ← d·θ̄ + (1 − d)·θ (entry by entry, the rows of a large parameter over the cores). */
  private static void accumulate(List<Matrix> avg, List<Param> params, double d) {
    for (int i = 0; i < params.size(); i++) {
      double[][] a = avg.get(i).a;
      double[][] w = params.get(i).value.a;
      Parallel.forRange(a.length, (long) params.get(i).size(), (r0, r1) -> {
        for (int r = r0; r < r1; r++) {
          double[] ar = a[r]; // the rows in locals: the JIT vectorizes this loop sooner
          double[] wr = w[r];
          for (int c = 0; c < ar.length; c++) {
            ar[c] = d * ar[c] + (1 - d) * wr[c];
          }
        }
      });
    }
  }

  /** Exchanges the parameters' values with {@code other}, entry by entry. */
  private static void swap(List<Param> params, List<Matrix> other) {
    for (int i = 0; i < params.size(); i++) {
      double[][] a = other.get(i).a;
      double[][] w = params.get(i).value.a;
      for (int r = 0; r < a.length; r++) {
        double[] tmp = a[r].clone();
        System.arraycopy(w[r], 0, a[r], 0, tmp.length);
        System.arraycopy(tmp, 0, w[r], 0, tmp.length);
      }
    }
  }

  private static List<Matrix> snapshot(List<Param> params) {
    List<Matrix> copy = new ArrayList<>(params.size());
    for (Param p : params) {
      copy.add(p.value.copy());
    }
    return copy;
  }

  private static void restore(List<Param> params, List<Matrix> values) {
    for (int i = 0; i < params.size(); i++) {
      params.get(i).value.setFrom(values.get(i));
    }
  }
}
