package dev.convnet.benchmarks;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The machine's measured FP32 peak: a register-only loop of fused multiply-adds on the widest float vectors the JVM
 * offers (AVX2: 8 lanes; AVX-512: 16), with twelve independent accumulators to cover the FMA latency. The FLOPs
 * (a lane's multiply-add counts 2) are reported as the auxiliary counter {@code flops}, a rate per second summed over
 * threads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PeakFlops {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int ITERATIONS = 1 << 16;
  private static final int ACCUMULATORS = 12;
  private static final long FLOPS = (long) ITERATIONS * ACCUMULATORS * SPECIES.length() * 2;

  public float a = 0.999f;
  public float b = 1e-7f;

  /** Counts the FLOPs done, per thread; JMH reports their rate. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Counter {
    public long flops;
  }

  @Benchmark
  public float fma(Counter counter) {
    counter.flops += FLOPS;
    FloatVector va = FloatVector.broadcast(SPECIES, a);
    FloatVector vb = FloatVector.broadcast(SPECIES, b);
    FloatVector s0 = vb, s1 = vb, s2 = vb, s3 = vb, s4 = vb, s5 = vb;
    FloatVector s6 = vb, s7 = vb, s8 = vb, s9 = vb, s10 = vb, s11 = vb;
    for (int i = 0; i < ITERATIONS; i++) {
      s0 = s0.fma(va, vb);
      s1 = s1.fma(va, vb);
      s2 = s2.fma(va, vb);
      s3 = s3.fma(va, vb);
      s4 = s4.fma(va, vb);
      s5 = s5.fma(va, vb);
      s6 = s6.fma(va, vb);
      s7 = s7.fma(va, vb);
      s8 = s8.fma(va, vb);
      s9 = s9.fma(va, vb);
      s10 = s10.fma(va, vb);
      s11 = s11.fma(va, vb);
    }
    return s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7).add(s8).add(s9).add(s10).add(s11)
        .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }
}
