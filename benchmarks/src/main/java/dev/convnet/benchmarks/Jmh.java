package dev.convnet.benchmarks;

import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one JMH benchmark method with given parameters in a fresh fork and returns its score: the shared plumbing of
 * the tables ({@link BenchmarkTable}, {@link LadderTable}). Every fork gets the Vector API module and 12 GB of
 * heap, and runs DJL offline.
 */
final class Jmh {
  /** A benchmark's score (operations per second), JMH's 99.9% error and the bytes allocated per operation. */
  record Measured(double opsPerSecond, double error, double bytesPerOp) {}

  private final int warmups;
  private final int iterations;
  private final TimeValue time;

  /**
   * @param warmups warm-up iterations per fork
   * @param iterations measured iterations per fork
   * @param millis the length of each iteration (an operation longer than that makes the iteration one operation)
   */
  Jmh(int warmups, int iterations, int millis) {
    this.warmups = warmups;
    this.iterations = iterations;
    this.time = TimeValue.milliseconds(millis);
  }

  private ChainedOptionsBuilder options(String benchmarkClass, String method) {
    return new OptionsBuilder()
        .include("^" + Pattern.quote(benchmarkClass + "." + method) + "$")
        .forks(1)
        .warmupIterations(warmups)
        .warmupTime(time)
        .measurementIterations(iterations)
        .measurementTime(time)
        // 12 GB of heap: VGG-16's concurrent-request cell holds, per thread, the network (parameters and gradients,
        // 553 MB each) and its frozen copy; the default quarter of this machine's 24 GB did not fit them
        .jvmArgsAppend("--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true", "-Xmx12g")
        .shouldFailOnError(true);
  }

  /**
   * Runs {@code benchmarkClass.method} with the parameters on {@code jmhThreads} threads (each with its own state).
   *
   * @param allocation whether to measure the bytes allocated per operation (JMH's GC profiler)
   */
  Measured run(String benchmarkClass, String method, Map<String, String> params, int jmhThreads, boolean allocation)
      throws RunnerException {
    ChainedOptionsBuilder o = options(benchmarkClass, method).threads(jmhThreads);
    params.forEach(o::param);
    if (allocation) {
      o.addProfiler(GCProfiler.class);
    }
    RunResult result = new Runner(o.build()).runSingle();
    Result<?> primary = result.getPrimaryResult();
    Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
    return new Measured(primary.getScore(), primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore());
  }

  /** A {@link PeakFlops} result: FLOP/s summed over threads, and the lanes of the vectors it ran on. */
  record Flops(double perSecond, int lanes) {}

  /**
   * The FLOP rate of {@link PeakFlops}' {@code method} ({@code fma}: the peak; {@code chain}: one FMA chain). The lanes
   * are FLOPs per call ÷ the FLOPs one lane does per call (this JVM may
   * lack the Vector API module, so it cannot ask the species).
   */
  Flops flops(String method, int threads) throws RunnerException {
    RunResult r = new Runner(options(PeakFlops.class.getName(), method).threads(threads).build()).runSingle();
    double flops = r.getSecondaryResults().get("flops").getScore();
    double perLane = 2.0 * PeakFlops.ITERATIONS * (method.equals("fma") ? PeakFlops.ACCUMULATORS : 1);
    return new Flops(flops, (int) Math.round(flops / r.getPrimaryResult().getScore() / perLane));
  }

  static boolean onClassPath(String name) {
    try {
      Class.forName(name, false, Jmh.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
