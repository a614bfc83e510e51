package dev.convnet.benchmarks;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The machine's measured FP32 peak: a register-only loop of fused multiply-adds on {@link
 * FloatVector#SPECIES_PREFERRED} (AVX2: 8 lanes; AVX-512: 16).
 *
 * <p>{@link #fma} keeps {@value #ACCUMULATORS} independent accumulators. An FMA has a latency of about 4 cycles and
 * current x86 cores issue 2 per cycle, so at least 8 chains must be in flight for the loop to be bound by FMA
 * throughput rather than latency; 16 leave a margin (and fit the 32 AVX-512 or 16 AVX2 vector registers with the
 * two operands, which stay in registers: the loop touches no memory). Its rate is the peak, {@code 2 FMA/cycle ×
 * lanes × 2 FLOP × clock}.
 *
 * <p>{@link #chain} runs one dependent chain: its rate is {@code lanes × 2 FLOP × clock ÷ FMA latency}. The ratio
 * {@code fma ÷ chain} is then {@code FMA pipes × latency} (8 on Zen 4/5 and on Intel cores since Skylake): a ratio
 * near it shows that {@code fma} is throughput-bound on this machine, whatever its clock, and {@code chain × latency
 * ÷ (lanes × 2)} estimates the clock.
 *
 * <p>Both report their FLOPs as the auxiliary counter {@code flops} (a lane's multiply-add counts 2), a rate per
 * second summed over JMH threads: run with {@code -t 2} for both cores. The loops are static methods that {@link
 * #compile} calls with short counts at setup until C2 has compiled them: until then the interpreter and C1 box every
 * vector and run about 1000× slower, which would stretch JMH's warm-up over seconds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PeakFlops {
  /** The vector species measured: the widest the JVM offers on this machine. */
  public static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  /** Independent accumulators in {@link #fma}. */
  public static final int ACCUMULATORS = 16;
  /** Iterations of each loop per call. */
  public static final int ITERATIONS = 1 << 12;
  private static final long FMA_FLOPS = (long) ITERATIONS * ACCUMULATORS * SPECIES.length() * 2;
  private static final long CHAIN_FLOPS = (long) ITERATIONS * SPECIES.length() * 2;

  // fields, so that the JIT cannot fold the loops
  public float a = 0.999f;
  public float b = 1e-7f;

  /** Counts the FLOPs done, per thread; JMH reports their rate. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Counter {
    public long flops;
  }

  /** Calls both loops often enough, with short counts, for C2 to compile them before the first iteration. */
  @Setup(Level.Trial)
  public void compile() {
    float sink = 0;
    for (int i = 0; i < 30_000; i++) {
      sink += fmaLoop(a, b, 4) + chainLoop(a, b, 4);
    }
    b += sink * 0f; // keeps the calls
  }

  /** The throughput-bound loop: 16 independent FMA chains. */
  @Benchmark
  public float fma(Counter counter) {
    counter.flops += FMA_FLOPS;
    return fmaLoop(a, b, ITERATIONS);
  }

  /** The latency-bound loop: one dependent FMA chain (for the throughput check and the clock estimate). */
  @Benchmark
  public float chain(Counter counter) {
    counter.flops += CHAIN_FLOPS;
    return chainLoop(a, b, ITERATIONS);
  }

  static float fmaLoop(float a, float b, int iterations) {
    FloatVector va = FloatVector.broadcast(SPECIES, a);
    FloatVector vb = FloatVector.broadcast(SPECIES, b);
    FloatVector s0 = vb, s1 = vb, s2 = vb, s3 = vb, s4 = vb, s5 = vb, s6 = vb, s7 = vb;
    FloatVector s8 = vb, s9 = vb, s10 = vb, s11 = vb, s12 = vb, s13 = vb, s14 = vb, s15 = vb;
    for (int i = 0; i < iterations; i++) {
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
      s12 = s12.fma(va, vb);
      s13 = s13.fma(va, vb);
      s14 = s14.fma(va, vb);
      s15 = s15.fma(va, vb);
    }
    return s0.add(s1).add(s2).add(s3).add(s4).add(s5).add(s6).add(s7)
        .add(s8.add(s9).add(s10).add(s11).add(s12).add(s13).add(s14).add(s15))
        .reduceLanes(VectorOperators.ADD);
  }

  static float chainLoop(float a, float b, int iterations) {
    FloatVector va = FloatVector.broadcast(SPECIES, a);
    FloatVector vb = FloatVector.broadcast(SPECIES, b);
    FloatVector s = vb;
    for (int i = 0; i < iterations; i++) {
      s = s.fma(va, vb);
    }
    return s.reduceLanes(VectorOperators.ADD);
  }
}
