package dev.convnet.spark;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Finite;
import dev.convnet.runtime.ParamSlot;
import dev.convnet.runtime.optim.GradientClipping;
import dev.convnet.runtime.optim.LearningRateSchedule;
import dev.convnet.runtime.optim.Optimizer;
import dev.convnet.runtime.train.EpochResult;
import dev.convnet.runtime.train.TrainingDivergedException;
import dev.convnet.runtime.train.TrainingHistory;
import dev.convnet.runtime.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Data-parallel training of a generated network on Spark.
 *
 * <p><b>Synchronous</b> (the default), as BigDL trains: every step, each of the {@code shards} partitions computes,
 * with the generated backward pass, the gradient of its shard of the step's global mini-batch; the driver collects
 * the shard gradients and sums them in partition order (a fixed order, so the result does not depend on which task
 * finishes first), the optimizer steps once on the driver, and the new parameters reach the executors as the next
 * step's broadcast. The samples, their order (the single-machine {@code Trainer}'s seeded Fisher-Yates shuffle,
 * reshuffled every epoch), the shards ({@code DataParallel}'s contiguous cut of each mini-batch into
 * {@code min(n, shards)} pieces), each shard's batch-norm statistics and dropout masks, and the summation order are
 * those of {@code Trainer.builder()...threads(shards)}: with the same seed, data and global batch the parameters are
 * bit-for-bit those of the single-machine run ({@code SparkTrainerTest} checks it).
 *
 * <p><b>Parameter averaging</b> ({@link Builder#averageEvery}), as Deeplearning4j's: each partition takes
 * {@code k} optimizer steps on its own shards with its own copy of the optimizer, then the driver averages the
 * parameters, buffers and optimizer state (in partition order) and broadcasts them: {@code k} times fewer rounds
 * for some accuracy.
 *
 * <p>Data: once per epoch the training samples (preprocessed once and cached) are moved by one shuffle so that
 * each partition holds its shards of every step of the epoch, in order ({@link EpochShard}); the steps then read
 * only cached local data. Tasks are deterministic functions of the broadcast parameters and the cached data, so a
 * task that Spark retries returns the same result. With {@link Builder#checkpoint} the run saves a checkpoint to a
 * Hadoop-compatible folder and a new {@link #fit} with the same settings resumes from the latest one.
 */
public final class SparkTrainer {
  private final SparkSession spark;
  private final JavaSparkContext jsc;
  private final CompiledNetwork net;
  private final LossFactory lossFactory;
  private final OptimizerFactory optimizerFactory;
  private final Optimizer optimizer;
  private final LearningRateSchedule schedule;
  private final double initialLearningRate;
  private final int batchSize;
  private final int epochs;
  private final long seed;
  private final int shards;
  private final double clipNorm;
  private final int averageEvery;
  private final SampleReader reader;
  private final TrainingListener listener;
  private final StepListener stepListener;
  private final Checkpoints checkpoints;

  private SparkTrainer(Builder b) {
    this.spark = b.spark;
    this.jsc = JavaSparkContext.fromSparkContext(b.spark.sparkContext());
    this.net = b.net;
    this.lossFactory = b.loss;
    this.optimizerFactory = b.optimizer;
    this.optimizer = b.optimizer.create();
    this.schedule = b.schedule;
    this.initialLearningRate = optimizer.learningRate();
    this.batchSize = b.batchSize;
    this.epochs = b.epochs;
    this.seed = b.seed;
    this.shards = b.shards > 0 ? b.shards : jsc.defaultParallelism();
    this.clipNorm = b.clipNorm;
    this.averageEvery = b.averageEvery;
    this.reader = new SampleReader(b.spark, b.imageColumn, b.labelColumn, b.idColumn, b.preprocessing, b.badRows,
        net);
    this.listener = b.listener;
    this.stepListener = b.stepListener;
    this.checkpoints = b.checkpointDir == null ? null
        : new Checkpoints(b.checkpointDir, b.checkpointEvery, spark.sparkContext().hadoopConfiguration());
  }

  public static Builder builder(SparkSession spark) {
    return new Builder(spark);
  }

  /** The optimizer stepping the driver's network (synchronous mode); its state is kept across {@link #fit}s. */
  public Optimizer optimizer() {
    return optimizer;
  }

  /** The rows left out of training or testing under {@link BadRowPolicy#SKIP}. */
  public BadRows badRows() {
    return reader.badRows();
  }

  /** Shards (partitions) each mini-batch is cut into. */
  public int shards() {
    return shards;
  }

  /**
   * Trains the network (in place) on the rows of {@code train}, evaluating {@code test} (may be null) after each
   * epoch. Rows hold an image column and an integer label column; their order is the data set's order.
   *
   * @throws BadRowException           for an unreadable row under {@link BadRowPolicy#FAIL}
   * @throws TrainingDivergedException if the loss or a gradient becomes NaN or infinite
   */
  public TrainingHistory fit(Dataset<Row> train, Dataset<Row> test) {
    JavaRDD<Sample> samples = reader.read(train, "training set");
    JavaRDD<Sample> testSamples = test == null ? null : reader.read(test, "test set");
    try {
      long count = samples.count();
      if (count == 0) {
        throw new IllegalArgumentException("the training set has no rows" + (reader.badRows().count() > 0
            ? " left after skipping " + reader.badRows() : ""));
      }
      if (count > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("the training set has " + count + " rows; at most "
            + (Integer.MAX_VALUE - 8) + " are supported");
      }
      return run(samples, (int) count, testSamples);
    } finally {
      samples.unpersist(false);
      if (testSamples != null) {
        testSamples.unpersist(false);
      }
    }
  }

  private TrainingHistory run(JavaRDD<Sample> samples, int count, JavaRDD<Sample> testSamples) {
    StepPlan plan = new StepPlan(count, batchSize, shards);
    Progress progress = new Progress(count, shards, seed);
    List<EpochResult> results = new ArrayList<>();
    if (checkpoints != null) {
      checkpoints.resume(this, progress, settings(plan), results);
    }
    while (progress.epoch <= epochs) {
      epoch(samples, testSamples, plan, progress, results);
    }
    return new TrainingHistory(results);
  }

  private EpochResult epoch(JavaRDD<Sample> samples, JavaRDD<Sample> testSamples, StepPlan plan, Progress p,
                            List<EpochResult> history) {
    int epoch = p.epoch;
    if (schedule != null) {
      schedule.apply(optimizer, initialLearningRate, epoch - 1);
    }
    long start = System.nanoTime();
    EpochData data = EpochData.build(jsc, samples, p.order(), plan, net.inputSize());
    try {
      listener.onEpochStart(epoch, epochs, plan.steps() == 0 ? 0 : (int) plan.samples());
      int steps = plan.steps();
      while (p.step < steps) {
        int from = p.step;
        int to = averageEvery > 0 ? Math.min(steps, from + averageEvery) : from + 1;
        Round r = averageEvery > 0 ? averagingRound(data, plan, from, to, p) : syncStep(data, plan, from, p);
        p.lossSum += r.lossSum;
        p.correct += r.correct;
        p.step = to;
        p.globalStep += to - from;
        int done = (int) Math.min(plan.samples(), (long) to * batchSize);
        listener.onBatch(epoch, done, (int) plan.samples(), p.lossSum / done, System.nanoTime() - start);
        boolean epochEnd = p.step == steps;
        if (!epochEnd && checkpoints != null && checkpoints.due(p.globalStep, false)) {
          checkpoints.save(this, p, settings(plan), history);
        }
        stepListener.onStep(epoch, to, p.globalStep);
      }
    } finally {
      data.close();
    }
    Evaluation e = testSamples == null ? null : Evaluation.run(jsc, testSamples, ModelSnapshot.of(net),
        lossFactory, batchSize);
    EpochResult result = new EpochResult(epoch, p.lossSum / plan.samples(), (double) p.correct / plan.samples(),
        e == null ? Double.NaN : e.loss(), e == null ? Double.NaN : e.accuracy(), (System.nanoTime() - start) / 1e9);
    p.nextEpoch();
    history.add(result);
    if (checkpoints != null && checkpoints.due(p.globalStep, true)) {
      checkpoints.save(this, p, settings(plan), history);
    }
    listener.onEpochEnd(result);
    return result;
  }

  /** The loss sum and right answers of a step or an averaging round. */
  record Round(double lossSum, int correct) {}

  private Round syncStep(EpochData data, StepPlan plan, int step, Progress p) {
    Broadcast<ModelSnapshot> model = jsc.broadcast(ModelSnapshot.of(net));
    List<ShardResult> results;
    try {
      SyncStep task = new SyncStep(model, step, plan, lossFactory, p.drawn.clone());
      results = data.shards().map(task::run).collect();
    } finally {
      model.destroy();
    }
    float[] sum = null;
    double lossSum = 0;
    int correct = 0;
    for (ShardResult r : results) { // partition order: the fixed order of DataParallel's reduction
      if (r.samples() == 0) {
        continue;
      }
      lossSum += r.lossSum();
      correct += r.correct();
      if (!Double.isFinite(r.lossSum())) {
        throw diverged(p, plan, step, "the loss of shard " + r.partition() + " is " + r.lossSum());
      }
      if (sum == null) {
        sum = r.values();
      } else {
        float[] g = r.values();
        for (int i = 0; i < sum.length; i++) {
          sum[i] += g[i];
        }
      }
    }
    int bad = Finite.firstNonFinite(sum, sum.length);
    if (bad >= 0) {
      ParamSlot slot = Finite.slotAt(net.layout(), bad);
      throw new TrainingDivergedException(String.format(Locale.ROOT, "training diverged %s: the gradient of %s is"
          + " %s%s", where(p, plan, step), Finite.describeIndex(net.layout(), bad), sum[bad], hint()), p.epoch,
          step + 1, slot == null ? null : slot.layer(), slot == null ? null : slot.name());
    }
    if (clipNorm > 0) {
      GradientClipping.clipByGlobalNorm(sum, clipNorm);
    }
    optimizer.step(net.parameters().data(), sum);
    ShardResult first = results.get(0);
    if (first.buffers() != null) { // the network itself (shard 0) keeps the running statistics, as in DataParallel
      System.arraycopy(first.buffers(), 0, net.parameters().buffers(), 0, first.buffers().length);
    }
    for (int t = 0; t < shards; t++) {
      p.drawn[t] += plan.shardSize(step, t);
    }
    return new Round(lossSum, correct);
  }

  private Round averagingRound(EpochData data, StepPlan plan, int from, int to, Progress p) {
    return ParameterAveraging.round(this, jsc, data, plan, from, to, p, optimizer, optimizerFactory, lossFactory,
        clipNorm);
  }

  TrainingDivergedException diverged(Progress p, StepPlan plan, int step, String what) {
    return new TrainingDivergedException("training diverged " + where(p, plan, step) + ": " + what + hint(),
        p.epoch, step + 1, null, null);
  }

  private String where(Progress p, StepPlan plan, int step) {
    return String.format(Locale.ROOT, "in epoch %d of %d, batch %d of %d", p.epoch, epochs, step + 1, plan.steps());
  }

  private String hint() {
    return String.format(Locale.ROOT, "; learning rate %s — try a smaller one%s", optimizer.learningRate(),
        clipNorm > 0 ? "" : " or gradient clipping");
  }

  /** What a checkpoint must agree with to be resumed. */
  String settings(StepPlan plan) {
    return String.format(Locale.ROOT, "network=%s %s; samples=%d; batch=%d; shards=%d; seed=%d; epochs=%d; "
            + "averageEvery=%d; clip=%s; optimizer=%s", net.name(), net.fingerprint(), plan.samples(), batchSize,
        shards, seed, epochs, averageEvery, clipNorm, optimizer.getClass().getSimpleName());
  }

  CompiledNetwork network() {
    return net;
  }

  double initialLearningRate() {
    return initialLearningRate;
  }

  /** The schedule's description, as the runtime's checkpoints record it ({@code ""} for none). */
  String scheduleName() {
    return schedule == null ? "" : schedule.toString();
  }

  /** Called after every step (synchronous) or round (averaging); for progress, timing and tests. */
  @FunctionalInterface
  public interface StepListener {
    /**
     * @param epoch      the epoch, from 1
     * @param stepsDone  steps of this epoch done
     * @param globalStep steps done since the start of training
     */
    void onStep(int epoch, int stepsDone, long globalStep);
  }

  /** Configures a {@link SparkTrainer}. Network, loss and optimizer are required. */
  public static final class Builder {
    private final SparkSession spark;
    private CompiledNetwork net;
    private LossFactory loss;
    private OptimizerFactory optimizer;
    private LearningRateSchedule schedule;
    private int batchSize = 32;
    private int epochs = 1;
    private long seed;
    private int shards;
    private double clipNorm;
    private int averageEvery;
    private String imageColumn = "image";
    private String labelColumn = "label";
    private String idColumn;
    private Preprocessing preprocessing = Preprocessing.NONE;
    private BadRowPolicy badRows = BadRowPolicy.FAIL;
    private TrainingListener listener = new TrainingListener() {};
    private StepListener stepListener = (e, s, g) -> { };
    private String checkpointDir;
    private int checkpointEvery;

    private Builder(SparkSession spark) {
      this.spark = spark;
    }

    /** The network to train (required); the driver's instance, updated in place. */
    public Builder network(CompiledNetwork net) {
      this.net = net;
      return this;
    }

    /** The loss (required), e.g. {@code LossFactory.named("softmax-cross-entropy")}. */
    public Builder loss(LossFactory loss) {
      this.loss = loss;
      return this;
    }

    /** The optimizer (required), e.g. {@code OptimizerFactory.named("adamw", 1e-3)}. */
    public Builder optimizer(OptimizerFactory optimizer) {
      this.optimizer = optimizer;
      return this;
    }

    /** Sets the learning rate before each epoch (default: the optimizer's throughout). */
    public Builder schedule(LearningRateSchedule schedule) {
      this.schedule = schedule;
      return this;
    }

    /** The global mini-batch (default 32), cut into {@link #shards} pieces. */
    public Builder batchSize(int batchSize) {
      this.batchSize = Checks.atLeast("batch size", batchSize, 1);
      return this;
    }

    public Builder epochs(int epochs) {
      this.epochs = Checks.atLeast("epochs", epochs, 1);
      return this;
    }

    /** Seed of the data order (default 0), as {@code Trainer}'s. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Partitions each mini-batch is cut into (default: Spark's default parallelism). */
    public Builder shards(int shards) {
      this.shards = Checks.atLeast("shards", shards, 1);
      return this;
    }

    /** Clips the gradient's global norm before each optimizer step (0, the default, disables clipping). */
    public Builder clipNorm(double maxNorm) {
      if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
        throw new IllegalArgumentException("gradient clip norm must be a finite number >= 0, got " + maxNorm);
      }
      this.clipNorm = maxNorm;
      return this;
    }

    /**
     * Parameter averaging every {@code steps} local steps instead of synchronous steps (0, the default, is
     * synchronous).
     */
    public Builder averageEvery(int steps) {
      this.averageEvery = Checks.atLeast("averaging interval", steps, 0);
      return this;
    }

    /** The image column (array<float> or PNG/JPEG binary; default {@code image}). */
    public Builder imageColumn(String column) {
      this.imageColumn = column;
      return this;
    }

    /** The integer class label column (default {@code label}). */
    public Builder labelColumn(String column) {
      this.labelColumn = column;
      return this;
    }

    /** A column naming rows in error messages (default none: the row's position in its partition). */
    public Builder idColumn(String column) {
      this.idColumn = column;
      return this;
    }

    public Builder preprocessing(Preprocessing preprocessing) {
      this.preprocessing = preprocessing;
      return this;
    }

    /** What to do with an unreadable row (default {@link BadRowPolicy#FAIL}). */
    public Builder badRows(BadRowPolicy policy) {
      this.badRows = policy;
      return this;
    }

    public Builder listener(TrainingListener listener) {
      this.listener = listener == null ? new TrainingListener() {} : listener;
      return this;
    }

    public Builder stepListener(StepListener listener) {
      this.stepListener = listener == null ? (e, s, g) -> { } : listener;
      return this;
    }

    /**
     * Saves a checkpoint to {@code folder} (any Hadoop-compatible location) at the end of every epoch, and every
     * {@code everySteps} steps if that is above 0; a {@link #fit} finding a checkpoint there resumes from it.
     */
    public Builder checkpoint(String folder, int everySteps) {
      this.checkpointEvery = Checks.atLeast("checkpoint interval", everySteps, 0);
      this.checkpointDir = folder;
      return this;
    }

    /** @throws IllegalStateException if the network, loss or optimizer is missing */
    public SparkTrainer build() {
      StringJoiner missing = new StringJoiner(", ");
      for (Object[] required : new Object[][] {{net, "network"}, {loss, "loss"}, {optimizer, "optimizer"}}) {
        if (required[0] == null) {
          missing.add((String) required[1]);
        }
      }
      if (missing.length() > 0) {
        throw new IllegalStateException("a Spark trainer needs a network, a loss and an optimizer; missing: "
            + missing);
      }
      return new SparkTrainer(this);
    }
  }

  static StorageLevel cached() {
    return StorageLevel.MEMORY_ONLY();
  }

  /** Where a run stands: epoch, step, data order, dropout stream positions, running sums of the epoch. */
  static final class Progress {
    final int samples;
    final long seed;
    int epoch = 1;
    int step;
    long globalStep;
    double lossSum;
    int correct;
    long[] drawn;
    private final SplittableRandom random;
    private final int[] order;
    /** Shuffles done: the data order of epoch e is the identity shuffled e times by one seeded stream. */
    long shuffles;

    Progress(int samples, int shards, long seed) {
      this.samples = samples;
      this.seed = seed;
      this.drawn = new long[shards];
      this.random = new SplittableRandom(seed);
      this.order = new int[samples];
      for (int i = 0; i < samples; i++) {
        order[i] = i;
      }
    }

    /** This epoch's order (shuffling once more when the epoch's order has not been made yet). */
    int[] order() {
      shuffleTo(epoch);
      return order;
    }

    /** The order as it stands (the last epoch's at an epoch boundary). */
    int[] currentOrder() {
      return order;
    }

    /** Shuffles until the order has been shuffled {@code count} times from the seed. */
    void shuffleTo(long count) {
      while (shuffles < count) {
        shuffle();
      }
    }

    private void shuffle() {
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      shuffles++;
    }

    void nextEpoch() {
      epoch++;
      step = 0;
      lossSum = 0;
      correct = 0;
    }
  }
}
