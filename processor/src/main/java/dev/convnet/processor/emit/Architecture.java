package dev.convnet.processor.emit;

import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.CheckedNetwork;
import dev.convnet.processor.model.Dim;
import dev.convnet.processor.model.Layer;
import dev.convnet.processor.model.LayerNode;
import dev.convnet.processor.model.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The canonical description of each layer (the runtime's {@code LayerSpec}): op and attributes. */
final class Architecture {
  private Architecture() {}

  record Spec(String op, Map<String, String> attributes) {}

  static Spec of(CheckedNetwork net, LayerNode node) {
    Layer layer = node.layer();
    Map<String, String> a = new LinkedHashMap<>();
    String op;
    if (layer instanceof Layer.Input) {
      op = "input";
    } else if (layer instanceof Layer.Conv c) {
      op = "conv";
      Shape in = net.inputShape(node);
      a.put("filters", Integer.toString(c.filters()));
      a.put("kernel", pair(c.kernel()));
      a.put("stride", pair(c.stride()));
      a.put("pad", pair(c.resolvedPad()));
      a.put("dilation", pair(c.dilation()));
      a.put("groups", Integer.toString(c.groups()));
      a.put("bias", Boolean.toString(c.bias()));
      a.put("activation", act(c.act()));
      if (c.hasTable()) {
        a.put("table", String.join("/", c.table()));
      }
      if (c.frozen()) {
        a.put("weights", frozen(c, in));
      }
    } else if (layer instanceof Layer.TransposedConv t) {
      op = "transposed_conv";
      a.put("filters", Integer.toString(t.filters()));
      a.put("kernel", pair(t.kernel()));
      a.put("stride", pair(t.stride()));
      a.put("pad", pair(t.pad()));
      a.put("output_pad", pair(t.outputPad()));
      a.put("dilation", pair(t.dilation()));
      a.put("bias", Boolean.toString(t.bias()));
      a.put("activation", act(t.act()));
    } else if (layer instanceof Layer.Pool p) {
      op = switch (p.kind()) {
        case MAX -> "max_pool";
        case AVG -> "avg_pool";
        case L2 -> "l2_pool";
      };
      a.put("window", pair(p.window()));
      a.put("stride", pair(p.stride()));
      a.put("pad", pair(p.pad()));
      a.put("ceil", Boolean.toString(p.ceil()));
    } else if (layer instanceof Layer.Subsampling s) {
      op = "subsampling";
      a.put("window", pair(s.window()));
      a.put("stride", pair(s.stride()));
      a.put("activation", act(s.act()));
    } else if (layer instanceof Layer.Dense d) {
      op = "dense";
      a.put("units", Integer.toString(d.units()));
      a.put("bias", Boolean.toString(d.bias()));
      a.put("activation", act(d.act()));
    } else if (layer instanceof Layer.Activation x) {
      op = "activation";
      a.put("activation", act(x.act()));
    } else if (layer instanceof Layer.Add x) {
      op = "add";
      a.put("activation", act(x.act()));
    } else if (layer instanceof Layer.Concat) {
      op = "concat";
    } else if (layer instanceof Layer.BatchNorm b) {
      op = "batch_norm";
      a.put("eps", Double.toString(b.eps()));
      a.put("momentum", Double.toString(b.momentum()));
      a.put("affine", Boolean.toString(b.affine()));
      a.put("activation", act(b.act()));
    } else if (layer instanceof Layer.Dropout d) {
      op = "dropout";
      a.put("rate", Double.toString(d.rate()));
      a.put("seed", Long.toString(d.seed()));
    } else if (layer instanceof Layer.Lrn l) {
      op = "lrn";
      a.put("size", Integer.toString(l.size()));
      a.put("alpha", Double.toString(l.alpha()));
      a.put("beta", Double.toString(l.beta()));
      a.put("k", Double.toString(l.k()));
    } else if (layer instanceof Layer.GlobalAvgPool) {
      op = "global_avg_pool";
    } else if (layer instanceof Layer.Rbf r) {
      op = "rbf";
      a.put("units", Integer.toString(r.units()));
      if (r.fixed()) {
        a.put("prototypes", String.join("/", r.prototypes()));
      }
    } else {
      throw new IllegalArgumentException("no description for " + layer.annotation());
    }
    return new Spec(op, a);
  }

  static String pair(Dim d) {
    return d.h() + "x" + d.w();
  }

  static String act(Act act) {
    return switch (act.kind()) {
      case IDENTITY -> "identity";
      case RELU -> "relu";
      case LEAKY_RELU -> "leaky_relu:" + act.slope();
      case SIGMOID -> "sigmoid";
      case TANH -> "tanh";
      case LECUN_TANH -> "lecun_tanh";
      case SOFTMAX -> "softmax";
    };
  }

  /** Fixed kernels in full {@code [filters, inputs/groups, kh, kw]} order (one shared kernel repeated). */
  private static String frozen(Layer.Conv c, Shape in) {
    int taps = c.kernel().area();
    int pairs = c.filters() * (in.channels() / c.groups());
    List<String> values = new ArrayList<>();
    boolean shared = c.weights().size() == taps;
    for (int k = 0; k < pairs; k++) {
      for (int t = 0; t < taps; t++) {
        values.add(Double.toString(c.weights().get(shared ? t : k * taps + t)));
      }
    }
    return String.join(",", values);
  }
}
