package dev.convnet.benchmarks;

import dev.convnet.runtime.CompiledNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs the benchmarks with JMH and prints one Markdown table: samples per second, GFLOP/s and the fraction of the
 * measured FP32 peak, bytes allocated per training step or inference (JMH's GC profiler), and, when the
 * {@code compare} profile put PyTorch (DJL) on the class path, PyTorch's samples per second measured in the same run
 * and our ratio to it.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.convnet.benchmarks.BenchmarkTable [--quick]};
 * {@code --quick} runs shorter iterations
 * (for a smoke test, not for figures).
 */
public final class BenchmarkTable {
  private static final String OURS = LeNet5Benchmark.class.getName();
  private static final String PYTORCH = "dev.convnet.benchmarks.compare.PyTorchLadderBenchmark";

  private final Jmh jmh;
  /** PyTorch's samples/s per row (mode, batch, threads), measured once. */
  private final java.util.Map<String, Double> pytorch = new java.util.HashMap<>();
  private final int cores = Runtime.getRuntime().availableProcessors();

  private BenchmarkTable(boolean quick) {
    this.jmh = quick ? new Jmh(1, 2, 300) : new Jmh(4, 5, 1000);
  }

  public static void main(String[] args) throws RunnerException {
    boolean quick = List.of(args).contains("--quick");
    new BenchmarkTable(quick).run();
  }

  /** One row: a mode, batch and thread count. */
  private record Row(String c3, String mode, int batch, int threads, boolean concurrent) {
    String label() {
      return String.format(Locale.ROOT, "%s C3%s, %s, batch %d, %d thread%s%s", c3.replace("-vector", ""),
          c3.endsWith("-vector") ? " (Vector API)" : "", mode, batch, threads,
          threads == 1 ? "" : "s", concurrent ? " (one network each)" : "");
    }
  }

  private void run() throws RunnerException {
    boolean compare = Jmh.onClassPath(PYTORCH);
    double peak1 = jmh.flops("fma", 1).perSecond();
    double peakAll = cores > 1 ? jmh.flops("fma", cores).perSecond() : peak1;
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "Measured FP32 peak (Vector API FMA loop): %.1f GFLOP/s on 1 core,"
        + " %.1f GFLOP/s on %d cores.", peak1 / 1e9, peakAll / 1e9, cores));
    lines.add("");
    lines.add("| network, mode, batch, threads | samples/s | GFLOP/s | % of peak | bytes/op |"
        + (compare ? " PyTorch (DJL) samples/s | ours ÷ PyTorch |" : ""));
    lines.add("| --- | ---: | ---: | ---: | ---: |" + (compare ? " ---: | ---: |" : ""));
    for (String c3 : List.of("full", "full-vector", "table", "table-vector")) {
      // the plain class for the arithmetic: the Vector API one cannot load in this JVM (no incubator module)
      CompiledNetwork net = Networks.create(c3.replace("-vector", ""));
      for (Row row : rows(c3)) {
        Jmh.Measured ours = measure(OURS, row, true);
        double samples = ours.opsPerSecond() * row.batch();
        double flops = samples * (row.mode().equals("train") ? Networks.trainingFlops(net)
            : Networks.inferenceFlops(net));
        double peak = row.threads() == 1 ? peak1 : peakAll;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %,.0f ± %,.0f | %.2f | %.1f%% | %s |",
            row.label(), samples, ours.error() * row.batch(), flops / 1e9, 100 * flops / peak,
            Double.isNaN(ours.bytesPerOp()) ? "–" : String.format(Locale.ROOT, "%.0f", ours.bytesPerOp())));
        if (compare) {
          if (c3.startsWith("full")) { // PyTorch runs the full-C3 network; measured once per row, shown for both
            String key = row.mode() + "/" + row.batch() + "/" + row.threads() + "/" + row.concurrent();
            double torchSamples = pytorch.containsKey(key) ? pytorch.get(key)
                : measure(PYTORCH, row, false).opsPerSecond() * row.batch();
            pytorch.put(key, torchSamples);
            line.append(String.format(Locale.ROOT, " %,.0f | %.2f× |", torchSamples, samples / torchSamples));
          } else {
            line.append(" – | – |");
          }
        }
        lines.add(line.toString());
        System.err.println(line);
      }
    }
    System.out.println();
    lines.forEach(System.out::println);
  }

  private List<Row> rows(String c3) {
    List<Row> rows = new ArrayList<>();
    for (String mode : List.of("train", "infer")) {
      rows.add(new Row(c3, mode, 1, 1, false));
      if (mode.equals("infer") && cores > 1) {
        rows.add(new Row(c3, mode, 1, cores, true)); // a single sample is not split: concurrent requests instead
      }
      rows.add(new Row(c3, mode, 64, 1, false));
      if (cores > 1) {
        rows.add(new Row(c3, mode, 64, cores, false));
      }
    }
    return rows;
  }

  private Jmh.Measured measure(String benchmark, Row row, boolean allocation) throws RunnerException {
    java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
    params.put("batch", Integer.toString(row.batch()));
    if (benchmark.equals(OURS)) {
      params.put("c3", row.c3());
    }
    params.put("threads", Integer.toString(row.concurrent() ? 1 : row.threads()));
    return jmh.run(benchmark, row.mode(), params, row.concurrent() ? row.threads() : 1, allocation);
  }
}
