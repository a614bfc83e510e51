package dev.convnet.examples.digits;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.LayerInfo;
import java.util.Locale;

/** A model summary like Keras's {@code model.summary()}: one row per layer, with totals. */
public final class Summary {
  private Summary() {}

  public static String of(CompiledNetwork net) {
    StringBuilder b = new StringBuilder();
    int nameWidth = 8;
    int kindWidth = 36;
    for (LayerInfo l : net.layers()) { // long names (blocks' use_layer) and kinds widen their columns
      nameWidth = Math.max(nameWidth, l.name().length());
      kindWidth = Math.max(kindWidth, l.kind().length());
    }
    String columns = "%-" + nameWidth + "s %-" + kindWidth + "s %-12s ";
    String row = columns + "%14s %14s %12s%n";
    String values = columns + "%,14d %,14d %,12d%n";
    String rule = "─".repeat(Math.max(100, nameWidth + kindWidth + 56)) + "\n";
    b.append("Model: ").append(net.name()).append('\n').append(rule);
    b.append(String.format(Locale.ROOT, row, "Layer", "Kind", "Output", "Parameters", "Connections", "MACs"));
    b.append(rule.replace('─', '═'));
    long params = 0;
    long connections = 0;
    long macs = 0;
    for (LayerInfo l : net.layers()) {
      b.append(String.format(Locale.ROOT, values, l.name(), l.kind(),
          l.outputShape(), l.parameters(), l.connections(), l.macs()));
      params += l.parameters();
      connections += l.connections();
      macs += l.macs();
    }
    b.append(rule);
    b.append(String.format(Locale.ROOT, "Total parameters: %,d (%s)%n", params, bytes(params * 4)));
    b.append(String.format(Locale.ROOT, "Total connections: %,d%n", connections));
    b.append(String.format(Locale.ROOT, "Multiply-accumulates per sample (forward): %,d%n", macs));
    b.append(rule);
    return b.toString();
  }

  private static String bytes(long n) {
    return n < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", n / 1024.0)
        : String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
  }
}
