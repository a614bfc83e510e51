package dev.convnet.benchmarks;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Losses;
import dev.convnet.runtime.loss.Targets;
import dev.convnet.runtime.optim.Optimizer;
import dev.convnet.runtime.optim.Sgd;
import dev.convnet.runtime.parallel.DataParallel;
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
 * One rung of the {@link Ladder}: a training step (forward, softmax cross-entropy, backward, SGD update) or an
 * inference pass over a batch of seeded random images, per operation. Samples per second = operations per second ×
 * batch. {@code threads} shares each batch between that many workers ({@link DataParallel}), or at inference batch 1
 * splits each pass across that many threads ({@link CompiledNetwork#setIntraOpThreads}); concurrent single-sample
 * inference runs this benchmark on several JMH threads instead, each with its own network. Inference
 * runs a {@linkplain CompiledNetwork#frozen() frozen copy} of the network, as ONNX Runtime runs a session: weights
 * packed once, not compared with the last packed ones in every pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LadderBenchmark {
  @Param({"lenet5"})
  public String network;

  @Param({"1"})
  public int batch;

  @Param({"1"})
  public int threads;

  private CompiledNetwork net;
  private DataParallel parallel;
  private DataParallel serving;
  private CompiledNetwork frozen;
  private float[] input;
  private Targets targets;
  private Loss loss;
  private Optimizer sgd;

  @Setup(Level.Trial)
  public void setUp() {
    net = Ladder.of(network).create();
    SplittableRandom random = new SplittableRandom(7);
    input = new float[batch * net.inputSize()];
    for (int i = 0; i < input.length; i++) {
      input[i] = (float) random.nextDouble(-1, 1);
    }
    int[] labels = new int[batch];
    for (int b = 0; b < batch; b++) {
      labels[b] = random.nextInt(net.outputSize());
    }
    targets = Targets.labels(labels, 0);
    loss = Losses.softmaxCrossEntropy();
    sgd = new Sgd(1e-4); // small: the parameters stay in their usual range however long it runs
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (parallel != null) {
      parallel.close();
    }
    if (serving != null) {
      serving.close();
      frozen.setIntraOpThreads(1);
    }
  }

  /** One training step on the batch (training mode: batch statistics, dropout on). */
  @Benchmark
  public double train() {
    if (parallel == null) { // made at the first call, in the warm-up: an inference trial never holds its workers
      parallel = new DataParallel(net, threads);
    }
    parallel.setTraining(true);
    double value = parallel.forwardBackward(input, 0, batch, loss, targets);
    sgd.step(net.parameters().data(), parallel.gradients());
    return value;
  }

  /** One inference pass over the batch by the frozen copy (inference mode: running statistics, no dropout). */
  @Benchmark
  public float[] infer() {
    if (serving == null) { // made at the first call, in the warm-up: a training trial never holds a frozen copy
      frozen = net.frozen();
      if (batch == 1) { // one sample on several threads: each pass split across them
        frozen.setIntraOpThreads(threads);
      }
      serving = new DataParallel(frozen, batch == 1 ? 1 : threads);
      net = null; // an inference trial needs only the copy (VGG-16 on 2 threads: two of each did not fit the heap)
    }
    return serving.forward(input, 0, batch);
  }
}
