package dev.convnet.runtime.train;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Finite;
import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.ParamSlot;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Targets;
import dev.convnet.runtime.optim.GradientClipping;
import dev.convnet.runtime.optim.LearningRateSchedule;
import dev.convnet.runtime.optim.Optimizer;
import dev.convnet.runtime.parallel.DataParallel;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.StringJoiner;

/**
 * Mini-batch training of a {@link CompiledNetwork} on labelled data.
 *
 * <p>Each epoch visits the training set in an order shuffled by a {@link SplittableRandom} seeded once per
 * {@link #fit} (Fisher-Yates, reshuffled every epoch), so that the same seed, data and initial parameters give
 * bit-identical results. For each mini-batch it gathers the samples into a reused buffer, runs forward, computes the
 * loss and its gradient, runs backward, checks that the loss and all parameter gradients are finite (otherwise a
 * {@link TrainingDivergedException}), optionally clips the gradient's global norm and lets the optimizer step. After
 * the first batch a step allocates nothing. After each epoch the test set, if any, is evaluated.
 *
 * <p>With {@link Builder#threads threads} above 1, each mini-batch is split across threads by a {@link DataParallel}
 * (one network worker per thread, gradients reduced in a fixed order, one optimizer step per batch): the result
 * depends on the seed and the thread count only, and differs from a single-threaded run by rounding.
 *
 * <p>After every epoch, and when {@link #requestStop()} stops a run between two mini-batches, the listener's
 * {@link TrainingListener#onCheckpoint} receives a {@link TrainingState} from which {@link #fit(Dataset, Dataset,
 * TrainingState)} continues the run exactly (bit for bit, with the network's parameters and the optimizer's state
 * restored from the same point, e.g. by a {@code dev.convnet.runtime.io.CheckpointWriter}). With
 * {@link Builder#earlyStopping early stopping}, training ends once the test (validation) accuracy has not improved for
 * that many epochs. Progress is logged through {@link System.Logger} ({@code dev.convnet.runtime.train.Trainer}):
 * epochs at {@code DEBUG}, resumption, stop requests and early stopping at {@code INFO}.
 *
 * <p>Build one with {@link #builder()}. A trainer is not thread-safe, except {@link #requestStop()}.
 */
public final class Trainer {
  private final CompiledNetwork net;
  private final Loss loss;
  private final Optimizer optimizer;
  private final LearningRateSchedule schedule;
  private final double initialLearningRate;
  private final int batchSize;
  private final int epochs;
  private final long seed;
  private final int threads;
  private final double clipNorm;
  private final TrainingListener listener;
  private final Evaluator evaluator;
  private final int patience;
  private static final System.Logger LOG = System.getLogger(Trainer.class.getName());
  private volatile boolean stopRequested;

  private final int inputSize;
  private final int outputSize;
  private final float[] input;
  private final int[] batchLabels;
  private final Targets targets;
  private int batchCorrect;
  /** The data-parallel runner of the current {@link #fit}. */
  private DataParallel parallel;

  private Trainer(Builder b) {
    this.net = b.net;
    this.loss = b.loss;
    this.optimizer = b.optimizer;
    this.schedule = b.schedule;
    this.initialLearningRate = b.optimizer.learningRate();
    this.batchSize = b.batchSize;
    this.epochs = b.epochs;
    this.seed = b.seed;
    this.threads = b.threads;
    this.clipNorm = b.clipNorm;
    this.listener = b.listener;
    this.patience = b.patience;
    this.evaluator = new Evaluator(net, loss, batchSize);
    this.inputSize = net.inputSize();
    this.outputSize = net.outputSize();
    long inputValues = (long) batchSize * inputSize;
    long outputValues = (long) batchSize * outputSize;
    if (inputValues > Integer.MAX_VALUE - 8 || outputValues > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("batch size " + batchSize + " is too large for network " + net.name());
    }
    this.input = new float[(int) inputValues];
    this.batchLabels = new int[batchSize];
    this.targets = Targets.labels(batchLabels, 0);
  }

  /**
   * A builder with batch size 32, 1 epoch, seed 0, no schedule, no clipping and no listener.
   *
   * @return a builder with batch size 32, 1 epoch, seed 0, no schedule, no clipping and no listener
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The evaluator this trainer uses for the test set (same network, loss and batch size).
   *
   * @return the evaluator this trainer uses for the test set (same network, loss and batch size)
   */
  public Evaluator evaluator() {
    return evaluator;
  }

  /**
   * Trains for the configured number of epochs. A schedule restarts from the optimizer's learning rate at build
   * time; the optimizer's state is kept across calls (as a PyTorch training loop would).
   *
   * @param train the training set
   * @param test  evaluated after every epoch; may be {@code null}
   * @return the results of every epoch, and why training ended
   * @throws IllegalArgumentException  if a dataset does not fit the network
   * @throws TrainingDivergedException if the loss or a gradient becomes NaN or infinite
   */
  public TrainingHistory fit(Dataset train, Dataset test) {
    return fit(train, test, null);
  }

  /**
   * Continues a run from a {@link TrainingState} given to {@link TrainingListener#onCheckpoint} (or starts one when
   * {@code resume} is null). The network's parameters and buffers and the optimizer's state must be those of the same
   * point (a checkpoint restores both); this trainer must be built with the same settings (seed, batch size,
   * schedule, threads). The run then ends exactly as the uninterrupted one, and the returned history holds the
   * earlier epochs too.
   *
   * @param train  the training set (the same as before the interruption)
   * @param test   evaluated after every epoch; may be {@code null}
   * @param resume where to continue from, or {@code null} to start
   * @return the results of every epoch, those before the interruption included, and why training ended
   * @throws IllegalArgumentException  if a dataset does not fit the network, or {@code resume} does not fit this
   *                                   trainer and data (another seed, schedule or data order), saying which
   * @throws TrainingDivergedException if the loss or a gradient becomes NaN or infinite
   */
  public TrainingHistory fit(Dataset train, Dataset test, TrainingState resume) {
    Evaluator.checkFits(net, train, "training set");
    if (test != null) {
      Evaluator.checkFits(net, test, "test set");
    }
    if (patience > 0 && test == null) {
      throw new IllegalArgumentException("early stopping watches the test (validation) accuracy: give a test set");
    }
    int samples = train.size();
    int batches = (samples + batchSize - 1) / batchSize;
    Run run = new Run(samples, resume == null ? initialLearningRate : resume.initialLearningRate());
    if (resume != null) {
      run.resume(resume, batches);
    }
    TrainingHistory.Status status = TrainingHistory.Status.COMPLETED;
    try (DataParallel parallel = new DataParallel(net, Math.min(threads, batchSize))) {
      this.parallel = parallel;
      while (run.epoch < epochs && status == TrainingHistory.Status.COMPLETED) {
        if (stopRequested || !epoch(run, train, test, batches)) {
          status = TrainingHistory.Status.STOPPED;
          LOG.log(Level.INFO, "training stopped on request in epoch {0} after {1} of {2} batches; checkpoint taken",
              run.epoch + 1, run.batch, batches);
        } else if (patience > 0 && run.epoch - TrainingState.bestEpoch(run.results) >= patience) {
          status = TrainingHistory.Status.EARLY_STOPPED;
          LOG.log(Level.INFO, "early stopping after epoch {0}: test accuracy has not improved for {1} epochs since"
              + " epoch {2}", run.epoch, patience, TrainingState.bestEpoch(run.results));
        }
      }
    } finally {
      this.parallel = null;
      stopRequested = false;
    }
    return new TrainingHistory(run.results, status);
  }

  /**
   * Asks a running {@link #fit} to stop after the current mini-batch; it then hands a checkpoint state to the
   * listener and returns with status {@link TrainingHistory.Status#STOPPED}. Safe to call from any thread (a signal
   * handler or shutdown hook). A later {@code fit} runs again normally.
   */
  public void requestStop() {
    stopRequested = true;
  }

  /** The position of a {@link #fit} in progress: what a {@link TrainingState} records. */
  private final class Run {
    final int[] order;
    final SplittableRandom random = new SplittableRandom(seed);
    final double baseLearningRate;
    final List<EpochResult> results = new ArrayList<>();
    int epoch;
    int batch;
    double lossSum;
    int correct;
    long shuffles;

    Run(int samples, double baseLearningRate) {
      this.order = new int[samples];
      for (int i = 0; i < samples; i++) {
        order[i] = i;
      }
      this.baseLearningRate = baseLearningRate;
    }

    void shuffle() {
      Trainer.shuffle(order, random);
      shuffles++;
    }

    void resume(TrainingState s, int batches) {
      if (s.seed() != seed) {
        throw new IllegalArgumentException("the run to resume was shuffled with seed " + s.seed() + ", this trainer"
            + " with seed " + seed);
      }
      String mine = schedule == null ? "" : schedule.toString();
      if (!s.schedule().equals(mine)) {
        throw new IllegalArgumentException("the run to resume used schedule '" + s.schedule() + "', this trainer '"
            + mine + "'");
      }
      if (s.epoch() > epochs || (s.epoch() == epochs && s.batch() > 0) || s.batch() >= batches) {
        throw new IllegalArgumentException("the run to resume stopped at epoch " + s.epoch() + ", batch "
            + s.batch() + ", past this trainer's " + epochs + " epochs of " + batches + " batches");
      }
      long expectedShuffles = s.epoch() + (s.batch() > 0 ? 1 : 0);
      if (s.shuffles() != expectedShuffles || (s.shuffles() > 0 && s.order().length != order.length)) {
        throw new IllegalArgumentException("the run to resume shuffled " + s.shuffles() + " times a data order of "
            + s.order().length + " samples; this is " + order.length + " samples at epoch " + s.epoch()
            + ", batch " + s.batch());
      }
      for (long i = 0; i < s.shuffles(); i++) {
        shuffle();
      }
      if (s.shuffles() > 0 && !Arrays.equals(order, s.order())) {
        throw new IllegalArgumentException("the data order saved with the run differs from the one its seed gives"
            + " (another training set, or another Java's random numbers); it cannot be continued exactly");
      }
      results.addAll(s.history());
      epoch = s.epoch();
      batch = s.batch();
      lossSum = s.epochLossSum();
      correct = s.epochCorrect();
      LOG.log(Level.INFO, "resuming training at epoch {0}, batch {1} of {2}", epoch + 1, batch, batches);
    }

    TrainingState state() {
      return new TrainingState(epoch, batch, lossSum, correct, seed, shuffles, order.clone(), baseLearningRate,
          schedule == null ? "" : schedule.toString(), results);
    }
  }

  /** Runs (the rest of) epoch {@code run.epoch + 1}; false if a stop request ended it early. */
  private boolean epoch(Run run, Dataset train, Dataset test, int batches) {
    int epoch = run.epoch + 1;
    int samples = train.size();
    parallel.setTraining(true);
    if (schedule != null) {
      schedule.apply(optimizer, run.baseLearningRate, epoch - 1);
    }
    if (run.batch == 0) {
      run.shuffle();
    }
    int[] order = run.order;
    listener.onEpochStart(epoch, epochs, samples);
    long start = System.nanoTime();
    for (int batch = run.batch; batch < batches; batch++) {
      int from = batch * batchSize;
      int n = Math.min(batchSize, samples - from);
      run.lossSum += step(train, order, from, n, epoch, batch + 1, batches) * n;
      run.correct += batchCorrect;
      run.batch = batch + 1;
      listener.onBatch(epoch, from + n, samples, run.lossSum / (from + n), System.nanoTime() - start);
      if (stopRequested && batch + 1 < batches) {
        listener.onCheckpoint(run.state());
        return false;
      }
    }
    double lossSum = run.lossSum;
    int correct = run.correct;
    double testLoss = Double.NaN;
    double testAccuracy = Double.NaN;
    if (test != null) {
      Evaluation e = evaluator.evaluate(test);
      testLoss = e.loss();
      testAccuracy = e.accuracy();
    }
    EpochResult result = new EpochResult(epoch, lossSum / samples, (double) correct / samples, testLoss,
        testAccuracy, (System.nanoTime() - start) / 1e9);
    run.results.add(result);
    run.epoch = epoch;
    run.batch = 0;
    run.lossSum = 0;
    run.correct = 0;
    LOG.log(Level.DEBUG, () -> String.format(Locale.ROOT, "epoch %d of %d: train loss %.6f, accuracy %.4f; test loss"
        + " %.6f, accuracy %.4f; %.1f s", epoch, epochs, result.trainLoss(), result.trainAccuracy(),
        result.testLoss(), result.testAccuracy(), result.seconds()));
    listener.onEpochEnd(result);
    listener.onCheckpoint(run.state());
    return true;
  }

  /** One mini-batch of {@code n} samples starting at {@code order[from]}; returns its mean loss. */
  private double step(Dataset data, int[] order, int from, int n, int epoch, int batch, int batches) {
    float[] features = data.features();
    int[] labels = data.labels();
    for (int b = 0; b < n; b++) {
      int sample = order[from + b];
      System.arraycopy(features, sample * inputSize, input, b * inputSize, inputSize);
      batchLabels[b] = labels[sample];
    }
    double value = parallel.forwardBackward(input, 0, n, loss, targets);
    if (!Double.isFinite(value)) {
      throw lossDiverged(value, epoch, batch, batches);
    }
    float[] out = parallel.outputs();
    int correct = 0;
    for (int b = 0; b < n; b++) {
      if (loss.predict(out, b * outputSize, outputSize) == batchLabels[b]) {
        correct++;
      }
    }
    batchCorrect = correct;
    float[] grads = parallel.gradients();
    int bad = Finite.firstNonFinite(grads, grads.length);
    if (bad >= 0) {
      throw gradientDiverged(grads, bad, epoch, batch, batches);
    }
    if (clipNorm > 0) {
      GradientClipping.clipByGlobalNorm(grads, clipNorm);
    }
    optimizer.step(net.parameters().data(), grads);
    return value;
  }

  private static void shuffle(int[] order, SplittableRandom random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private TrainingDivergedException lossDiverged(double value, int epoch, int batch, int batches) {
    String where = where(epoch, batch, batches);
    for (LayerInfo layer : net.layers()) {
      int size = layer.outputShape().size();
      for (int t = 0; t < parallel.shards(); t++) {
        float[] activations;
        try {
          activations = parallel.worker(t).layerOutput(layer.name());
        } catch (RuntimeException e) { // a layer without an inspectable output: look at the next
          break;
        }
        int n = parallel.shardSize(t);
        int i = Finite.firstNonFinite(activations, (int) Math.min(activations.length, (long) n * size));
        if (i >= 0) {
          return new TrainingDivergedException(String.format(Locale.ROOT,
              "training diverged %s: loss is %s; the first layer with a non-finite output is '%s' (%s; value %d of"
                  + " sample %d in the batch is %s)%s", where, value, layer.name(), layer.kind(), i % size,
              parallel.shardStart(t) + i / size, activations[i], hint()), epoch, batch, layer.name(), null);
        }
      }
    }
    return new TrainingDivergedException(String.format(Locale.ROOT,
        "training diverged %s: loss is %s although every layer's output is finite (the outputs overflow the loss)%s",
        where, value, hint()), epoch, batch, null, null);
  }

  private TrainingDivergedException gradientDiverged(float[] grads, int index, int epoch, int batch, int batches) {
    ParamSlot slot = Finite.slotAt(net.layout(), index);
    return new TrainingDivergedException(String.format(Locale.ROOT, "training diverged %s: the gradient of %s is %s%s",
        where(epoch, batch, batches), Finite.describeIndex(net.layout(), index), grads[index], hint()), epoch, batch,
        slot == null ? null : slot.layer(), slot == null ? null : slot.name());
  }

  private String where(int epoch, int batch, int batches) {
    return String.format(Locale.ROOT, "in epoch %d of %d, batch %d of %d", epoch, epochs, batch, batches);
  }

  private String hint() {
    return String.format(Locale.ROOT, "; learning rate %s — try a smaller one%s", optimizer.learningRate(),
        clipNorm > 0 ? "" : " or gradient clipping");
  }

  /** Configures a {@link Trainer}. Network, loss and optimizer are required. */
  public static final class Builder {
    private CompiledNetwork net;
    private Loss loss;
    private Optimizer optimizer;
    private LearningRateSchedule schedule;
    private int batchSize = 32;
    private int epochs = 1;
    private long seed;
    private int threads = 1;
    private double clipNorm;
    private TrainingListener listener = new TrainingListener() {};
    private int patience;

    private Builder() {}

    /**
     * The network to train (required); its parameters are updated in place.
     *
     * @param net the network
     * @return this builder
     */
    public Builder network(CompiledNetwork net) {
      this.net = net;
      return this;
    }

    /**
     * The loss to minimize (required); targets are the datasets' labels.
     *
     * @param loss the loss
     * @return this builder
     */
    public Builder loss(Loss loss) {
      this.loss = loss;
      return this;
    }

    /**
     * The optimizer (required); its learning rate at {@link #build()} is the schedule's initial rate.
     *
     * @param optimizer the optimizer
     * @return this builder
     */
    public Builder optimizer(Optimizer optimizer) {
      this.optimizer = optimizer;
      return this;
    }

    /**
     * Sets the learning rate before each epoch; none (the default) keeps the optimizer's.
     *
     * @param schedule the learning-rate schedule, or null for none
     * @return this builder
     */
    public Builder schedule(LearningRateSchedule schedule) {
      this.schedule = schedule;
      return this;
    }

    /**
     * Samples per mini-batch (default 32); the last batch of an epoch may be smaller.
     *
     * @param batchSize samples per mini-batch
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Passes over the training set (default 1).
     *
     * @param epochs the number of epochs
     * @return this builder
     */
    public Builder epochs(int epochs) {
      if (epochs < 1) {
        throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
      }
      this.epochs = epochs;
      return this;
    }

    /**
     * Seed of the shuffling (default 0).
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Threads that share each mini-batch (default 1), the caller's included; at most the batch size are used. Results
     * are reproducible for a given seed and thread count.
     *
     * @param threads threads to use, >= 1
     * @return this builder
     */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Clips the gradient's global L2 norm to this before each step; 0 (the default) disables clipping.
     *
     * @param maxNorm the largest global L2 norm allowed, > 0
     * @return this builder
     */
    public Builder clipNorm(double maxNorm) {
      if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
        throw new IllegalArgumentException("gradient clip norm must be a finite number >= 0, got " + maxNorm);
      }
      this.clipNorm = maxNorm;
      return this;
    }

    /**
     * Stops training once the test (validation) accuracy has not improved for {@code patience} epochs (as Keras'
     * {@code EarlyStopping}); 0 (the default) trains every epoch. Needs a test set in {@link Trainer#fit}.
     *
     * @param patience epochs without improvement to wait, >= 0
     * @return this builder
     */
    public Builder earlyStopping(int patience) {
      if (patience < 0) {
        throw new IllegalArgumentException("early-stopping patience must be >= 0 epochs, got " + patience);
      }
      this.patience = patience;
      return this;
    }

    /**
     * Receives progress (default none).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(TrainingListener listener) {
      this.listener = listener == null ? new TrainingListener() {} : listener;
      return this;
    }

    /**
     * Builds the trainer.
     *
     * @return the trainer
     * @throws IllegalStateException if the network, loss or optimizer is missing
     */
    public Trainer build() {
      if (net == null || loss == null || optimizer == null) {
        StringJoiner missing = new StringJoiner(", ");
        if (net == null) {
          missing.add("network");
        }
        if (loss == null) {
          missing.add("loss");
        }
        if (optimizer == null) {
          missing.add("optimizer");
        }
        throw new IllegalStateException("a trainer needs a network, a loss and an optimizer; missing: " + missing);
      }
      return new Trainer(this);
    }
  }
}
