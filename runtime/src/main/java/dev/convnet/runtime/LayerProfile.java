package dev.convnet.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Where a network's time goes: the wall time each layer's generated forward and backward methods took over the
 * passes since {@link CompiledNetwork#setProfiling profiling} was turned on, with the rate of each in GFLOP/s from the
 * layer's multiply-accumulates ({@link LayerInfo#macs()}; a backward pass counts twice the forward's, for the input and
 * the weight gradients). {@link #table()} lists the layers, slowest first.
 *
 * @param rows one per layer but the input, in the network's order
 */
public record LayerProfile(List<Row> rows) {
  /**
   * One layer's times.
   *
   * @param layer what the network knows about the layer
   * @param forwardNanos nanoseconds in its forward method over all profiled passes
   * @param forwardSamples samples those passes computed
   * @param backwardNanos nanoseconds in its backward method over all profiled passes
   * @param backwardSamples samples those passes computed
   */
  public record Row(LayerInfo layer, long forwardNanos, long forwardSamples, long backwardNanos,
                    long backwardSamples) {
    /** {@return the forward rate in GFLOP/s (2 FLOP per multiply-accumulate), or NaN when not timed or no MACs} */
    public double forwardGflops() {
      return rate(2.0 * layer.macs() * forwardSamples, forwardNanos);
    }

    /** {@return the backward rate in GFLOP/s, counting twice the forward's multiply-accumulates, or NaN} */
    public double backwardGflops() {
      return rate(4.0 * layer.macs() * backwardSamples, backwardNanos);
    }

    /** {@return forward and backward nanoseconds together} */
    public long totalNanos() {
      return forwardNanos + backwardNanos;
    }

    private static double rate(double flops, long nanos) {
      return nanos == 0 || flops == 0 ? Double.NaN : flops / nanos;
    }
  }

  /**
   * Copies the rows.
   *
   * @param rows one per layer but the input, in the network's order
   */
  public LayerProfile {
    rows = List.copyOf(rows);
  }

  /** {@return the time of every layer together, in nanoseconds} */
  public long totalNanos() {
    return rows.stream().mapToLong(Row::totalNanos).sum();
  }

  /**
   * {@return a text table of the layers, slowest first: kind, forward and backward milliseconds per sample and
   * GFLOP/s, share of the total} ({@code -} where a layer has no multiply-accumulates or no time)
   */
  public String table() {
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingLong(Row::totalNanos).reversed());
    long total = Math.max(1, totalNanos());
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-24s %-40s %12s %9s %12s %9s %7s%n", "layer",
        "kind", "fwd ms/smp", "fwd GF/s", "bwd ms/smp", "bwd GF/s", "share"));
    for (Row r : sorted) {
      b.append(String.format(Locale.ROOT, "%-24s %-40s %12s %9s %12s %9s %6.1f%%%n", r.layer().name(),
          clip(r.layer().kind(), 40), perSample(r.forwardNanos(), r.forwardSamples()), gflops(r.forwardGflops()),
          perSample(r.backwardNanos(), r.backwardSamples()), gflops(r.backwardGflops()),
          100.0 * r.totalNanos() / total));
    }
    return b.toString();
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  private static String perSample(long nanos, long samples) {
    return samples == 0 ? "-" : String.format(Locale.ROOT, "%.4f", nanos / 1e6 / samples);
  }

  private static String gflops(double g) {
    return Double.isNaN(g) ? "-" : String.format(Locale.ROOT, "%.1f", g);
  }
}
