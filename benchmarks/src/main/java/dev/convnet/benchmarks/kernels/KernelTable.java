package dev.convnet.benchmarks.kernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Measures the blocked kernels ({@link ConvKernelBenchmark}) at ResNet-18's shapes beside today's generated code and
 * the FMA peak ({@code PeakFlops.fma}, one thread), all in one run — the peak before and after the kernels, so that
 * the ratios hold on a machine shared with other work — and prints a Markdown table: GFLOP/s and % of the peak of the
 * forward pass, the input gradient and the weight gradient, and of the generated layer's forward and backward.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * dev.convnet.benchmarks.kernels.KernelTable [--quick]
 * [--shapes L1_64X56,...] [--batches 1,8] [--jvm-args "-XX:MaxVectorSize=32"]} (the last: the 8-lane kernels on an
 * AVX-512 machine).
 */
public final class KernelTable {
  private static final String KERNELS = ConvKernelBenchmark.class.getName();
  private static final String PEAK = "dev.convnet.benchmarks.PeakFlops";
  private static final List<String> METHODS =
      List.of("forward", "backwardData", "backwardWeights", "generatedForward", "generatedBackward");

  private final boolean quick;
  private final String[] jvmArgs;

  private KernelTable(boolean quick, String[] jvmArgs) {
    this.quick = quick;
    this.jvmArgs = jvmArgs;
  }

  public static void main(String[] args) throws RunnerException {
    List<String> a = Arrays.asList(args);
    List<ResNet18Conv> shapes = Arrays.asList(ResNet18Conv.values());
    List<Integer> batches = List.of(1, 8);
    String[] jvmArgs = {};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> { }
        case "--shapes" -> shapes = Arrays.stream(value(args, ++i).split(",")).map(ResNet18Conv::valueOf).toList();
        case "--batches" -> batches = Arrays.stream(value(args, ++i).split(",")).map(Integer::valueOf).toList();
        case "--jvm-args" -> jvmArgs = value(args, ++i).trim().split("\\s+");
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --quick, --shapes "
            + Arrays.toString(ResNet18Conv.values()) + ", --batches 1,8, --jvm-args \"...\"");
      }
    }
    new KernelTable(a.contains("--quick"), jvmArgs).run(shapes, batches);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private ChainedOptionsBuilder options(String include) {
    List<String> forkArgs = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector"));
    forkArgs.addAll(Arrays.asList(jvmArgs));
    return new OptionsBuilder()
        .include("^" + java.util.regex.Pattern.quote(include) + "$")
        .forks(1)
        .warmupIterations(quick ? 1 : 2)
        .warmupTime(TimeValue.milliseconds(quick ? 200 : 500))
        .measurementIterations(quick ? 2 : 3)
        .measurementTime(TimeValue.milliseconds(quick ? 200 : 500))
        .jvmArgsAppend(forkArgs.toArray(String[]::new))
        .shouldFailOnError(true);
  }

  private double flops(String include, Map<String, String> params) throws RunnerException {
    ChainedOptionsBuilder o = options(include);
    params.forEach(o::param);
    RunResult r = new Runner(o.build()).runSingle();
    return r.getSecondaryResults().get("flops").getScore();
  }

  /** One measured row: the layer, the batch and the FLOP rates of {@link #METHODS}. */
  private record Row(ResNet18Conv shape, int batch, double[] flops) {
    String format(double peak) {
      StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "| %s | %d |", shape.label(), batch));
      for (double f : flops) {
        b.append(Double.isNaN(f) ? " – |" : String.format(Locale.ROOT, " %.1f (%.0f%%) |", f / 1e9, 100 * f / peak));
      }
      double backward = 2 / (1 / flops[1] + 1 / flops[2]); // both gradients, each 2·MACs
      return b.append(String.format(Locale.ROOT, " %.1f× | %s |", flops[0] / flops[3],
          Double.isNaN(backward) ? "–" : String.format(Locale.ROOT, "%.1f×", backward / flops[4]))).toString();
    }
  }

  private void run(List<ResNet18Conv> shapes, List<Integer> batches) throws RunnerException {
    double before = flops(PEAK + ".fma", Map.of());
    List<Row> rows = new ArrayList<>();
    for (ResNet18Conv s : shapes) {
      for (int batch : batches) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("shape", s.name());
        p.put("batch", Integer.toString(batch));
        double[] f = new double[METHODS.size()];
        for (int m = 0; m < f.length; m++) {
          try {
            f[m] = flops(KERNELS + "." + METHODS.get(m), p);
          } catch (RunnerException e) { // e.g. the weight gradient of a 1×1 convolution: no tile for it yet
            System.err.println(METHODS.get(m) + " on " + s + ": " + e.getCause());
            f[m] = Double.NaN;
          }
        }
        rows.add(new Row(s, batch, f));
        System.err.println(rows.get(rows.size() - 1).format(before));
      }
    }
    double after = flops(PEAK + ".fma", Map.of());
    double peak = (before + after) / 2;
    System.out.println();
    System.out.printf(Locale.ROOT, "FMA peak, one thread: %.1f GFLOP/s before the kernels, %.1f after; the %%s are of"
        + " their mean, %.1f. GFLOP/s count 2 per multiply-add of the layer (backward: of each gradient).%n%n",
        before / 1e9, after / 1e9, peak / 1e9);
    System.out.println("| layer | batch | forward | backward-data | backward-weights | generated forward"
        + " | generated backward | forward speed-up | backward speed-up |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (Row row : rows) {
      System.out.println(row.format(peak));
    }
  }
}
