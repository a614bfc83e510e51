package dev.convnet.benchmarks.compare;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The ladder's networks ({@link DjlZoo}: the same layers as ours, LeNet-5 included) in PyTorch through DJL, float32
 * on the CPU, for the comparison columns of {@code LadderTable} and {@code BenchmarkTable}. Built only with
 * {@code -Pcompare}.
 *
 * <p>{@code train}: one step on a fixed random batch with labels: forward, softmax cross-entropy
 * ({@link Loss#softmaxCrossEntropyLoss()}), backward, SGD update with a fixed learning rate of 1e-4 (DJL
 * {@link Trainer}). {@code infer}: forward only, inference mode, autograd off. Each call works under its own
 * sub-manager that is closed at the end, so no native memory accumulates.
 *
 * <p>{@code threads} is PyTorch's intra-op thread count ({@code ai.djl.pytorch.num_threads}; inter-op threads: 1),
 * set before the engine loads; JMH runs every parameter combination in a fresh JVM. Concurrent single-sample
 * inference is measured by running {@code infer} on several JMH threads with {@code threads = 1}, each with its own
 * model. The engine must load offline: run the forks with {@code -Dai.djl.offline=true} (BenchmarkTable does); the
 * native libraries come from the {@code pytorch-native-cpu} and {@code pytorch-jni} jars on the class path.
 * Only one {@code train} may run per JVM at a time (DJL allows one PyTorch gradient collector per process).
 *
 * <p>On a machine with other load, PyTorch's OpenMP threads spin-wait and {@code threads > 1} can collapse (seen: 6
 * instead of 160 batches/s); {@code OMP_WAIT_POLICY=PASSIVE} in the environment of {@code java -jar
 * benchmarks.jar} (the JMH forks inherit it) avoids that. It is left at PyTorch's default here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PyTorchLadderBenchmark {
  @Param({"lenet5"})
  public String network;

  @Param({"1"})
  public int batch;

  @Param({"1"})
  public int threads;

  private Model model;
  private Block block;
  private Trainer trainer;
  private NDManager manager;
  private ParameterStore inferenceStore;
  private NDArray input;
  private NDArray labels;

  @Setup(Level.Trial)
  public void setUp() {
    configureThreads(threads);
    // Autograd mode is thread-local in PyTorch and DJL turns it off only on the thread that loads the engine.
    JniUtils.setGradMode(false);
    model = Model.newInstance(network, Device.cpu(), "PyTorch");
    block = DjlZoo.network(network);
    model.setBlock(block);
    trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
        .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(1e-4f)).build())
        .optDevices(new Device[] {Device.cpu()}));
    Shape sample = DjlZoo.input(network);
    Shape shape = new Shape(batch, sample.get(0), sample.get(1), sample.get(2));
    trainer.initialize(shape);
    manager = model.getNDManager().newSubManager();
    inferenceStore = new ParameterStore(manager, false);
    SplittableRandom random = new SplittableRandom(7);
    float[] x = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-1, 1);
    }
    long[] y = new long[batch];
    for (int b = 0; b < batch; b++) {
      y[b] = random.nextInt(DjlZoo.classes(network));
    }
    input = manager.create(x, shape);
    labels = manager.create(y);
  }

  /** Sets PyTorch's thread counts: through the properties before the engine loads, directly if it is loaded. */
  static synchronized void configureThreads(int threads) {
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    Engine.getEngine("PyTorch");
    if (JniUtils.getNumThreads() != threads) {
      JniUtils.setNumThreads(threads);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    manager.close();
    trainer.close();
    model.close();
  }

  /** One training step on the batch; returns the loss before the step. */
  @Benchmark
  public float train() {
    try (NDManager call = manager.newSubManager()) {
      input.tempAttach(call);
      labels.tempAttach(call);
      float loss;
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDList logits = trainer.forward(new NDList(input));
        NDArray value = trainer.getLoss().evaluate(new NDList(labels), logits);
        collector.backward(value);
        loss = value.getFloat();
      }
      trainer.step();
      return loss;
    }
  }

  /** One inference pass over the batch; returns the logits' first value. */
  @Benchmark
  public float infer() {
    try (NDManager call = manager.newSubManager()) {
      input.tempAttach(call);
      return block.forward(inferenceStore, new NDList(input), false).singletonOrThrow().getFloat(0, 0);
    }
  }
}
