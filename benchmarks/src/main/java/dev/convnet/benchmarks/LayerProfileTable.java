package dev.convnet.benchmarks;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.LayerProfile;
import dev.convnet.runtime.internal.Vectorization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The per-layer profile of a ladder network: each generated layer method's time for forward and backward, its
 * GFLOP/s and its share of one core's FMA peak measured in the same run (before and after the passes, so that a
 * machine shared with other work shows in the spread), slowest layers first. One thread.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar
 * dev.convnet.benchmarks.LayerProfileTable [--network resnet18] [--batch 8] [--inference] [--passes 5]
 * [--warmup 3] [--warmup-seconds 15] [--top 25] [--unfrozen]}. Training passes (forward and backward) unless
 * {@code --inference}: then passes of a {@linkplain CompiledNetwork#frozen() frozen copy}, as the ladder measures
 * inference, or with {@code --unfrozen} of the network itself (which compares its weights with those it last packed
 * in every pass).
 * The warm-up runs at least {@code --warmup} passes and at least {@code --warmup-seconds}: the Vector API kernels
 * run as slow, allocating interpreter and C1 code until C2 compiles them, which takes several seconds of a network's
 * passes (measured: up to 8 s for ResNet-20's weight-gradient tiles).
 */
public final class LayerProfileTable {
  private LayerProfileTable() {}

  public static void main(String[] args) {
    List<String> a = Arrays.asList(args);
    Ladder ladder = Ladder.of(option(a, "--network", "resnet18"));
    boolean train = !a.contains("--inference");
    int batch = Integer.parseInt(option(a, "--batch", Integer.toString(train ? Math.max(1, ladder.trainingBatch())
        : 1)));
    int passes = Integer.parseInt(option(a, "--passes", "5"));
    int warmup = Integer.parseInt(option(a, "--warmup", "3"));
    long warmupNanos = (long) (Double.parseDouble(option(a, "--warmup-seconds", "15")) * 1e9);
    int top = Integer.parseInt(option(a, "--top", "25"));
    CompiledNetwork source = ladder.create();
    source.setTraining(train);
    boolean frozen = !train && !a.contains("--unfrozen");
    CompiledNetwork net = frozen ? source.frozen() : source;
    SplittableRandom random = new SplittableRandom(1);
    float[] x = new float[batch * net.inputSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(-1, 1);
    }
    float[] dy = new float[batch * net.outputSize()];
    for (int i = 0; i < dy.length; i++) {
      dy[i] = (float) random.nextDouble(-1e-3, 1e-3);
    }
    double before = peak();
    long start = System.nanoTime();
    int warmed = 0;
    while (warmed < warmup || System.nanoTime() - start < warmupNanos) {
      pass(net, x, dy, batch, train);
      warmed++;
    }
    net.setProfiling(true);
    for (int i = 0; i < passes; i++) {
      pass(net, x, dy, batch, train);
    }
    LayerProfile profile = net.profile();
    double after = peak();
    double peak = (before + after) / 2;
    System.out.printf(Locale.ROOT, "%s, %s batch %d, %d profiled passes after %d, one thread, Vector API kernels %s%n",
        ladder.label(), train ? "training" : frozen ? "inference (frozen copy)" : "inference (unfrozen)", batch, passes, warmed,
        Vectorization.enabled() ? "on (" + Vectorization.lanes() + " lanes)" : "off");
    System.out.printf(Locale.ROOT, "FMA peak, one thread: %.1f GFLOP/s before, %.1f after; %% of their mean, %.1f%n%n",
        before, after, peak);
    System.out.printf(Locale.ROOT, "| layer | kind | fwd ms/sample | fwd GFLOP/s | bwd ms/sample | bwd GFLOP/s | share |%n");
    System.out.printf("| --- | --- | ---: | ---: | ---: | ---: | ---: |%n");
    List<LayerProfile.Row> rows = new ArrayList<>(profile.rows());
    rows.sort((p, q) -> Long.compare(q.totalNanos(), p.totalNanos()));
    long total = Math.max(1, profile.totalNanos());
    for (LayerProfile.Row r : rows.subList(0, Math.min(top, rows.size()))) {
      System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.1f%% |%n", r.layer().name(), r.layer().kind(),
          millis(r.forwardNanos() / 1e6 / r.forwardSamples()), rate(r.forwardGflops(), peak),
          train ? millis(r.backwardNanos() / 1e6 / r.backwardSamples()) : "–",
          train ? rate(r.backwardGflops(), peak) : "–", 100.0 * r.totalNanos() / total);
    }
    System.out.printf(Locale.ROOT, "%nall layers: %s ms per sample%n", millis(total / 1e6 / passes / batch));
  }

  /** Milliseconds to 3 decimals, or to 3 significant digits below 0.1 ms (LeNet-5's layers take microseconds). */
  private static String millis(double ms) {
    return ms >= 0.1 ? String.format(Locale.ROOT, "%.3f", ms) : String.format(Locale.ROOT, "%.3g", ms);
  }

  private static void pass(CompiledNetwork net, float[] x, float[] dy, int batch, boolean train) {
    net.forward(x, batch);
    if (train) {
      net.backward(dy);
    }
  }

  private static String rate(double gflops, double peak) {
    return Double.isNaN(gflops) ? "–" : String.format(Locale.ROOT, "%.1f (%.0f%%)", gflops, 100 * gflops / peak);
  }

  /** Keeps the peak loop's result alive. */
  private static volatile float sink;

  /**
   * One core's FMA peak in GFLOP/s: {@link PeakFlops}' 16 independent chains, the best of the last 20 of 40 runs of
   * about 20 ms (the first 20 warm the loop up).
   */
  static double peak() {
    double best = 0;
    for (int run = 0; run < 40; run++) {
      long t = System.nanoTime();
      int reps = 2000;
      for (int i = 0; i < reps; i++) {
        sink += PeakFlops.fmaLoop(1.0000001f, 1e-7f, PeakFlops.ITERATIONS);
      }
      long ns = System.nanoTime() - t;
      double flops = (double) reps * PeakFlops.ITERATIONS * PeakFlops.ACCUMULATORS * PeakFlops.SPECIES.length() * 2;
      if (run >= 20) {
        best = Math.max(best, flops / ns);
      }
    }
    return best;
  }

  private static String option(List<String> a, String name, String fallback) {
    int at = a.indexOf(name);
    if (at < 0) {
      return fallback;
    }
    if (at + 1 >= a.size()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    return a.get(at + 1);
  }
}
