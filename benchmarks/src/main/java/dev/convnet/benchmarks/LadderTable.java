package dev.convnet.benchmarks;

import dev.convnet.runtime.CompiledNetwork;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.runner.RunnerException;

/**
 * Runs the {@link Ladder} with JMH and prints one Markdown table: for each network, inference at batch 1 (and at its
 * {@linkplain Ladder#servingBatch() serving batch}, LeNet-5's 64) and training at its training batch, on 1 thread and on every core, our samples per second, GFLOP/s and the fraction of the FMA
 * peak ({@link PeakFlops}, measured first in the same run), and, when the {@code compare} profile put them on the
 * class path, PyTorch's (DJL) and ONNX Runtime's samples per second on the same network, and our ratio to the best
 * peer. Batch 1 on several threads is measured two ways, for every engine alike: concurrent requests, one network
 * per thread (throughput), and one request at a time split across the threads (latency: intra-op threads).
 *
 * <p>Usage: {@code java -jar benchmarks/target/benchmarks.jar [--quick] [--networks lenet5,resnet20,...]}. The
 * defaults (10 warm-up and 3 measured iterations of 1 s per cell, one fork each: the Vector API kernels reach C2 only
 * after several seconds of passes, up to 8 s for ResNet-20's weight-gradient tiles) take about 20 minutes for the
 * whole ladder with both peers on 2 quiet cores; {@code --quick} (1 + 2) is a smoke test, not for figures. Vector API
 * code runs boxed, hundreds of times slower, until C2 compiles it: a warm-up much shorter than a second measures
 * that instead (seen: LeNet-5 at 27 samples/s after 0.3 s).
 */
public final class LadderTable {
  static final String OURS = LadderBenchmark.class.getName();
  static final String PYTORCH = "dev.convnet.benchmarks.compare.PyTorchLadderBenchmark";
  static final String ORT = "dev.convnet.benchmarks.compare.OnnxRuntimeLadderBenchmark";

  private final Jmh jmh;
  private final List<Ladder> networks;
  private final int cores = Runtime.getRuntime().availableProcessors();

  private LadderTable(Jmh jmh, List<Ladder> networks) {
    this.jmh = jmh;
    this.networks = networks;
  }

  public static void main(String[] args) throws RunnerException {
    List<String> a = Arrays.asList(args);
    boolean quick = a.contains("--quick");
    List<Ladder> networks = Arrays.asList(Ladder.values());
    int at = a.indexOf("--networks");
    if (at >= 0) {
      if (at + 1 >= a.size()) {
        throw new IllegalArgumentException("--networks needs a comma-separated list of " + Ladder.keys());
      }
      networks = Arrays.stream(a.get(at + 1).split(",")).map(String::trim).map(Ladder::of).toList();
    }
    new LadderTable(quick ? new Jmh(1, 2, 1000) : new Jmh(10, 3, 1000), networks).run();
  }

  /**
   * One cell row: a network, mode, batch and thread count; at batch 1 on several threads either concurrent
   * single-sample requests, one network per thread ({@code concurrent}), or one request at a time with each pass
   * split across the threads (intra-op threads: {@link CompiledNetwork#setIntraOpThreads} for us, the peers' own).
   */
  record Cell(Ladder network, String mode, int batch, int threads, boolean concurrent) {
    Map<String, String> params() {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("network", network.key());
      p.put("batch", Integer.toString(batch));
      p.put("threads", Integer.toString(concurrent ? 1 : threads));
      return p;
    }

    int jmhThreads() {
      return concurrent ? threads : 1;
    }

    /** The threads column: the count, and at batch 1 on several threads how they serve. */
    String threadsLabel() {
      return threads == 1 || batch > 1 ? Integer.toString(threads)
          : threads + (concurrent ? " (concurrent requests)" : " (one request)");
    }
  }

  List<Cell> cells(Ladder n) {
    List<Cell> cells = new ArrayList<>();
    List<Integer> threadCounts = cores > 1 ? List.of(1, cores) : List.of(1);
    for (int t : threadCounts) {
      cells.add(new Cell(n, "infer", 1, t, t > 1));
    }
    if (cores > 1) {
      cells.add(new Cell(n, "infer", 1, cores, false));
    }
    if (n.servingBatch() > 1) {
      for (int t : threadCounts) {
        cells.add(new Cell(n, "infer", n.servingBatch(), t, false));
      }
    }
    if (n.trained()) {
      for (int t : threadCounts) {
        cells.add(new Cell(n, "train", n.trainingBatch(), t, false));
      }
    }
    return cells;
  }

  private void run() throws RunnerException {
    boolean torch = Jmh.onClassPath(PYTORCH);
    boolean ort = Jmh.onClassPath(ORT);
    Jmh.Flops fma = jmh.flops("fma", 1);
    double peak1 = fma.perSecond();
    double chain1 = jmh.flops("chain", 1).perSecond();
    double peakAll = cores > 1 ? jmh.flops("fma", cores).perSecond() : peak1;
    int lanes = fma.lanes();
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "Measured FP32 peak (%d-lane FMA, %d chains): %.1f GFLOP/s on 1 core, %.1f on"
        + " %d cores; one dependent chain: %.1f GFLOP/s (ratio %.1f = FMA pipes × latency; about %.2f GHz if the"
        + " FMA latency is 4 cycles).", lanes, PeakFlops.ACCUMULATORS, peak1 / 1e9, peakAll / 1e9, cores,
        chain1 / 1e9, peak1 / chain1, chain1 * 4 / (lanes * 2) / 1e9));
    lines.add("");
    StringBuilder header =
        new StringBuilder("| network | mode, batch | threads | ours samples/s | GFLOP/s | % of peak |");
    StringBuilder rule = new StringBuilder("| --- | --- | ---: | ---: | ---: | ---: |");
    if (torch) {
      header.append(" PyTorch (DJL) samples/s |");
      rule.append(" ---: |");
    }
    if (ort) {
      header.append(" ONNX Runtime samples/s |");
      rule.append(" ---: |");
    }
    if (torch || ort) {
      header.append(" ours ÷ best peer |");
      rule.append(" ---: |");
    }
    lines.add(header.toString());
    lines.add(rule.toString());
    for (Ladder n : networks) {
      CompiledNetwork net = n.createForCounting();
      double inferFlops = Networks.inferenceFlops(net);
      double trainFlops = Networks.trainingFlops(net);
      net = null;
      for (Cell c : cells(n)) {
        double samples = jmh.run(OURS, c.mode(), c.params(), c.jmhThreads(), false).opsPerSecond() * c.batch();
        double flops = samples * (c.mode().equals("train") ? trainFlops : inferFlops);
        double peak = c.threads() == 1 ? peak1 : peakAll;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "| %s | %s, b%d | %s | %s | %.2f | %.1f%% |",
            n.label(), c.mode(), c.batch(), c.threadsLabel(), rate(samples), flops / 1e9, 100 * flops / peak));
        double best = Double.NaN;
        if (torch) {
          double s = peer(PYTORCH, c);
          line.append(' ').append(rate(s)).append(" |");
          best = max(best, s);
        }
        if (ort) {
          double s = c.mode().equals("infer") ? peer(ORT, c) : Double.NaN; // ONNX Runtime Java does not train
          line.append(' ').append(rate(s)).append(" |");
          best = max(best, s);
        }
        if (torch || ort) {
          line.append(Double.isNaN(best) ? " – |" : String.format(Locale.ROOT, " %.2f× |", samples / best));
        }
        lines.add(line.toString());
        System.err.println(line);
      }
    }
    System.out.println();
    lines.forEach(System.out::println);
  }

  /** A peer's samples per second, or NaN (printed as "–") when it cannot run the cell; the reason goes to stderr. */
  private double peer(String benchmark, Cell c) {
    try {
      return jmh.run(benchmark, c.mode(), c.params(), c.jmhThreads(), false).opsPerSecond() * c.batch();
    } catch (RunnerException | RuntimeException e) {
      System.err.println(benchmark + " failed on " + c + ": " + e);
      return Double.NaN;
    }
  }

  private static double max(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
  }

  private static String rate(double samplesPerSecond) {
    if (Double.isNaN(samplesPerSecond)) {
      return "–";
    }
    return samplesPerSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", samplesPerSecond)
        : String.format(Locale.ROOT, "%.3g", samplesPerSecond);
  }
}
