package dev.convnet.benchmarks.kernels;

import dev.convnet.runtime.CompiledNetwork;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One of ResNet-18's convolutions ({@link ResNet18Conv}) on a batch: the blocked kernels' forward, input gradient and
 * weight gradient (with the bias gradient), each reporting its FLOPs ({@code 2 × MACs} of the layer) as the auxiliary
 * counter {@code flops}; and today's generated code for the same layer ({@code generatedForward}: the network's
 * forward pass, a ReLU and the convolution; {@code generatedBackward}: its backward pass, the convolution's weight and
 * input gradients and the ReLU's, counted as {@code 4 × MACs}).
 *
 * <p>The kernels run on {@link Kernels#SPECIES}: 16 lanes on AVX-512; fork with {@code -XX:MaxVectorSize=32} for 8
 * (AVX2's width; on an AVX-512 machine it still has 32 registers). Setup runs each product twice, so that C2 compiles
 * the kernels before the first iteration (until then
 * the interpreter and C1 box every vector).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvKernelBenchmark {
  @Param({"L1_64X56"})
  public String shape;

  @Param({"1"})
  public int batch;

  private BlockedConv conv;
  private float[] x;
  private float[] dy;
  private float[] y;
  private float[] dx;
  private float[] forwardWeights;
  private float[] backwardWeights;
  private float[] dw;
  private float[] db;
  private long flops;
  private CompiledNetwork generated;
  private float[] nchwInput;
  private float[] nchwDelta;

  /** Counts the FLOPs done; JMH reports their rate. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Counter {
    public long flops;
  }

  @Setup(Level.Trial)
  public void setUp() {
    ResNet18Conv s = ResNet18Conv.valueOf(shape);
    conv = s.blocked(batch);
    SplittableRandom random = new SplittableRandom(11);
    nchwInput = uniform(random, batch * s.in * s.size * s.size);
    float[] w = uniform(random, s.out * s.in * s.k * s.k);
    int outSide = conv.output().height();
    nchwDelta = uniform(random, batch * s.out * outSide * outSide);
    x = conv.input().fromNchw(nchwInput);
    dy = conv.output().fromNchw(nchwDelta);
    y = new float[conv.output().size()];
    dx = new float[conv.input().size()];
    forwardWeights = conv.packForward(w);
    backwardWeights = conv.packBackwardData(w);
    dw = new float[w.length];
    db = new float[s.out];
    flops = 2 * conv.macs();
    generated = s.generated();
    generated.setTraining(true);
    generated.forward(nchwInput, 0, batch); // backward needs the forward pass's activations (kept for every call)
    for (int i = 0; i < 2; i++) {
      conv.forward(x, forwardWeights, null, y);
      conv.backwardData(dy, backwardWeights, dx);
      conv.weightGradient(x, dy, dw);
    }
  }

  private static float[] uniform(SplittableRandom random, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) random.nextDouble(-1, 1);
    }
    return a;
  }

  @Benchmark
  public float[] forward(Counter counter) {
    conv.forward(x, forwardWeights, null, y);
    counter.flops += flops;
    return y;
  }

  @Benchmark
  public float[] backwardData(Counter counter) {
    conv.backwardData(dy, backwardWeights, dx);
    counter.flops += flops;
    return dx;
  }

  /** The weight gradient (and the bias gradient, a sum over the delta: negligible beside it). */
  @Benchmark
  public float[] backwardWeights(Counter counter) {
    conv.weightGradient(x, dy, dw);
    conv.biasGradient(dy, db);
    counter.flops += flops;
    return dw;
  }

  @Benchmark
  public float[] generatedForward(Counter counter) {
    counter.flops += flops;
    return generated.forward(nchwInput, 0, batch);
  }

  /** The generated backward pass: weight and input gradients of the convolution (and the ReLU's, negligible). */
  @Benchmark
  public float[] generatedBackward(Counter counter) {
    counter.flops += 2 * flops;
    generated.backward(nchwDelta);
    return generated.gradients();
  }
}
