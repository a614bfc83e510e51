package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.kind.LayerKinds;
import dev.convnet.processor.model.CheckedNetwork;
import dev.convnet.processor.model.Counts;
import dev.convnet.processor.model.LayerNode;
import java.util.Locale;

/**
 * The model summary of a generated class, as its Javadoc: one row per layer (name, kind, output shape, parameters,
 * connections), the totals, the running statistics and the multiply-accumulates per sample; and each layer's kind in
 * words, which the layer table and the method headers share.
 */
final class SummaryDoc {
  private final CheckedNetwork net;
  private final Numeric num;
  private final ParamPlan plan;

  SummaryDoc(CheckedNetwork net, Numeric num, ParamPlan plan) {
    this.net = net;
    this.num = num;
    this.plan = plan;
  }

  /** What a layer is, with its activation: {@code "Conv 5×5, table 60/96, tanh"}. */
  String kind(LayerNode node) {
    return LayerKinds.of(node.layer()).title(node.layer(), net.shapes(node));
  }

  static String thousands(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  CodeBlock javadoc() {
    CodeBlock.Builder b = CodeBlock.builder();
    b.add("The network {@link $L}, compiled by convnet-compiler$L.\n\n", net.model().qualifiedName(),
        num == Numeric.DOUBLE ? " in double precision (a twin of {@code " + net.model().className() + "})" : "");
    b.add("<pre>\n");
    int nameWidth = 14;
    int kindWidth = 40;
    for (LayerNode node : net.order()) {
      nameWidth = Math.max(nameWidth, node.name().length());
      kindWidth = Math.max(kindWidth, kind(node).length());
    }
    String row = "%-" + nameWidth + "s %-" + kindWidth + "s %-12s %12s %14s%n";
    b.add(String.format(Locale.ROOT, row, "layer", "kind", "output", "parameters",
        "connections"));
    long params = 0;
    long connections = 0;
    for (LayerNode node : net.order()) {
      long p = Counts.parameters(net, node);
      long c = Counts.connections(net, node);
      params += p;
      connections += c;
      b.add("$L", String.format(Locale.ROOT, row, node.name(), kind(node),
          net.shape(node.name()).compact(), thousands(p), thousands(c)));
    }
    b.add("$L", String.format(Locale.ROOT, row, "total", "", "", thousands(params),
        thousands(connections)));
    b.add("</pre>\n");
    b.add("$L trainable parameters$L; $L multiply-accumulates per sample in the forward pass.\n",
        thousands(params), plan.bufferSize() == 0 ? "" : " and " + thousands(plan.bufferSize())
            + " running statistics", thousands(Counts.totalMacs(net)));
    return b.build();
  }
}
