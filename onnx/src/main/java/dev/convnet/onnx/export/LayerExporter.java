package dev.convnet.onnx.export;

import dev.convnet.onnx.PoolGeometry;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.LayerSpec;
import dev.convnet.runtime.Parameters;
import dev.convnet.runtime.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns each layer of a network's architecture into ONNX nodes. A layer's last node writes the tensor named after
 * the layer; forms ONNX lacks become small subgraphs (see {@link Onnx}).
 */
final class LayerExporter {
  static final float LECUN_SCALE = 1.7159f;
  static final float LECUN_SLOPE = (float) (2.0 / 3.0);

  private final GraphBuilder g;
  private final Parameters params;
  private final Map<String, LayerSpec> layers = new HashMap<>();
  /** Rank of each layer's output tensor: 4 for maps {@code [N, C, H, W]}, 2 for vectors {@code [N, units]}. */
  private final Map<String, Integer> rank = new HashMap<>();

  LayerExporter(GraphBuilder g, CompiledNetwork net) {
    this.g = g;
    this.params = net.parameters();
  }

  int rank(String layer) {
    return rank.get(layer);
  }

  void export(LayerSpec spec) {
    layers.put(spec.name(), spec);
    SpecValues v = new SpecValues(spec);
    String out = spec.name();
    String x = spec.inputs().isEmpty() ? null : spec.inputs().get(0);
    int r = 4;
    switch (spec.op()) {
      case "input" -> {
        Shape s = spec.outputShape();
        if (s.vector()) {
          g.input(out, s.channels());
          r = 2;
        } else {
          g.input(out, s.channels(), s.height(), s.width());
        }
      }
      case "conv" -> activate(spec, v, conv(spec, v, x, pre(spec, v)));
      case "transposed_conv" -> activate(spec, v, transposedConv(spec, v, x, pre(spec, v)));
      case "max_pool" -> pool(spec, v, x, "MaxPool", out);
      case "l2_pool" -> pool(spec, v, x, "LpPool", out);
      case "avg_pool" -> avgPool(spec, v, x, out);
      case "subsampling" -> activate(spec, v, subsampling(spec, v, x, pre(spec, v)));
      case "dense" -> {
        r = 2;
        activate(spec, v, dense(spec, v, x, pre(spec, v)));
      }
      case "activation" -> {
        r = rank(x);
        activate(spec, v, x);
      }
      case "add" -> {
        r = rank(x);
        String target = pre(spec, v);
        List<String> ins = spec.inputs();
        g.node(ins.size() == 2 ? "Add" : "Sum", target, ins.toArray(String[]::new));
        activate(spec, v, target);
      }
      case "concat" -> g.node("Concat", out, spec.inputs().toArray(String[]::new)).integer("axis", 1);
      case "batch_norm" -> {
        r = rank(x);
        activate(spec, v, batchNorm(spec, v, x, pre(spec, v)));
      }
      case "dropout" -> {
        r = rank(x);
        g.node("Dropout", out, x, g.scalar(out + ".ratio", (float) v.real("rate")));
      }
      case "lrn" -> g.node("LRN", out, x).integer("size", v.integer("size")).real("alpha", v.real("alpha"))
          .real("beta", v.real("beta")).real("bias", v.real("k"));
      case "global_avg_pool" -> g.node("GlobalAveragePool", out, x);
      case "rbf" -> {
        r = 2;
        rbf(spec, v, x, out);
      }
      default -> throw new IllegalArgumentException("layer '" + spec.name() + "': op '" + spec.op()
          + "' has no ONNX export");
    }
    rank.put(out, r);
  }

  /** The tensor a layer's main node writes: its own name, or an intermediate one when an activation follows. */
  private String pre(LayerSpec spec, SpecValues v) {
    return v.activation().equals("identity") ? spec.name() : g.fresh(spec.name() + "/linear");
  }

  private String conv(LayerSpec spec, SpecValues v, String x, String target) {
    int[] k = v.pair("kernel");
    int[] pad = v.pair("pad");
    int groups = v.has("groups") ? v.integer("groups") : 1;
    int filters = v.integer("filters");
    int inMaps = layers.get(x).outputShape().channels() / groups;
    String w;
    if (v.has("weights")) {
      float[] kernels = v.numbers("weights");
      int full = filters * inMaps * k[0] * k[1];
      if (kernels.length != full) {
        float[] expanded = new float[full];
        for (int i = 0; i < full; i++) {
          expanded[i] = kernels[i % kernels.length];
        }
        kernels = expanded;
      }
      w = g.floats(spec.name() + ".weight", new int[] {filters, inMaps, k[0], k[1]}, kernels);
    } else {
      w = weight(spec.name() + ".weight");
    }
    GraphBuilder.Node n = v.bool("bias") ? g.node("Conv", target, x, w, weight(spec.name() + ".bias"))
        : g.node("Conv", target, x, w);
    n.ints("kernel_shape", k[0], k[1]).ints("strides", longs(v.pair("stride")))
        .ints("pads", pad[0], pad[1], pad[0], pad[1]).ints("dilations", longs(v.pair("dilation")))
        .integer("group", groups).doc(spec.canonical());
    return target;
  }

  private String transposedConv(LayerSpec spec, SpecValues v, String x, String target) {
    int[] k = v.pair("kernel");
    int[] pad = v.pair("pad");
    String w = weight(spec.name() + ".weight");
    GraphBuilder.Node n = v.bool("bias") ? g.node("ConvTranspose", target, x, w, weight(spec.name() + ".bias"))
        : g.node("ConvTranspose", target, x, w);
    n.ints("kernel_shape", k[0], k[1]).ints("strides", longs(v.pair("stride")))
        .ints("pads", pad[0], pad[1], pad[0], pad[1]).ints("dilations", longs(v.pair("dilation")))
        .ints("output_padding", longs(v.pair("output_pad"))).doc(spec.canonical());
    return target;
  }

  /**
   * Padding after the input along one axis so that ONNX's floor-mode output size equals the layer's (ceil mode adds
   * the part of the last window past the padded input).
   */
  private static int endPad(int in, int k, int s, int p, int out) {
    return p + Math.max(0, (out - 1) * s + k - (in + 2 * p));
  }

  private int[] pads(LayerSpec spec, SpecValues v, String x, int[] k, int[] s, int[] p) {
    Shape in = layers.get(x).outputShape();
    Shape out = spec.outputShape();
    return new int[] {p[0], p[1], endPad(in.height(), k[0], s[0], p[0], out.height()),
        endPad(in.width(), k[1], s[1], p[1], out.width())};
  }

  private void pool(LayerSpec spec, SpecValues v, String x, String op, String out) {
    int[] k = v.pair("window");
    int[] s = v.pair("stride");
    int[] p = pads(spec, v, x, k, s, v.pair("pad"));
    GraphBuilder.Node n = g.node(op, out, x).ints("kernel_shape", k[0], k[1]).ints("strides", s[0], s[1])
        .ints("pads", p[0], p[1], p[2], p[3]).doc(spec.canonical());
    if (op.equals("LpPool")) {
      n.integer("p", 2);
    }
  }

  /**
   * Average pooling counts padded zeros in the divisor (count_include_pad = 1). In ceil mode a window hanging past
   * the padded input is divided only by its part inside it, as PyTorch does: the pool pads the overhang too and
   * divides every window by its full area (count_include_pad = 1), then each output is multiplied by
   * {@code window area / its part inside the padded input} (a constant map; 1 except in the last row and column).
   * (No Pad node: ONNX Runtime 1.20 fuses a Pad into a following AveragePool and then divides by the part inside the
   * unpadded input.)
   */
  private void avgPool(LayerSpec spec, SpecValues v, String x, String out) {
    int[] k = v.pair("window");
    int[] s = v.pair("stride");
    int[] pad = v.pair("pad");
    int[] p = pads(spec, v, x, k, s, pad);
    boolean overhang = p[2] > pad[0] || p[3] > pad[1];
    if (!overhang) {
      g.node("AveragePool", out, x).ints("kernel_shape", k[0], k[1]).ints("strides", s[0], s[1])
          .ints("pads", p[0], p[1], p[2], p[3]).integer("count_include_pad", 1).doc(spec.canonical());
      return;
    }
    Shape in = layers.get(x).outputShape();
    Shape o = spec.outputShape();
    String pooled = g.fresh(out + "/pooled");
    g.node("AveragePool", pooled, x).ints("kernel_shape", k[0], k[1]).ints("strides", s[0], s[1])
        .ints("pads", p[0], p[1], p[2], p[3]).integer("count_include_pad", 1).doc(spec.canonical());
    float[] scale = PoolGeometry.overhangScale(in.height(), in.width(), k, s, pad, o.height(), o.width());
    g.node("Mul", out, pooled, g.floats(out + ".overhang_scale", new int[] {1, 1, o.height(), o.width()}, scale));
  }

  /** LeNet's trainable subsampling, {@code w_c·mean(window) + b_c}: AveragePool, Mul and Add per channel. */
  private String subsampling(LayerSpec spec, SpecValues v, String x, String target) {
    int[] k = v.pair("window");
    int[] s = v.pair("stride");
    int maps = spec.outputShape().channels();
    String mean = g.fresh(spec.name() + "/mean");
    g.node("AveragePool", mean, x).ints("kernel_shape", k[0], k[1]).ints("strides", s[0], s[1])
        .doc(spec.canonical());
    String scaled = g.fresh(spec.name() + "/scaled");
    g.node("Mul", scaled, mean, g.floats(spec.name() + ".weight", new int[] {maps, 1, 1},
        params.get(spec.name() + ".weight")));
    g.node("Add", target, scaled, g.floats(spec.name() + ".bias", new int[] {maps, 1, 1},
        params.get(spec.name() + ".bias")));
    return target;
  }

  private String dense(LayerSpec spec, SpecValues v, String x, String target) {
    String flat = x;
    if (rank(x) != 2) {
      flat = g.fresh(spec.name() + "/flat");
      g.node("Flatten", flat, x).integer("axis", 1);
    }
    String w = weight(spec.name() + ".weight");
    GraphBuilder.Node n = v.bool("bias") ? g.node("Gemm", target, flat, w, weight(spec.name() + ".bias"))
        : g.node("Gemm", target, flat, w);
    n.integer("transB", 1).doc(spec.canonical());
    return target;
  }

  private String batchNorm(LayerSpec spec, SpecValues v, String x, String target) {
    int c = spec.outputShape().channels();
    String name = spec.name();
    String scale;
    String shift;
    if (v.bool("affine")) {
      scale = weight(name + ".weight");
      shift = weight(name + ".bias");
    } else {
      float[] ones = new float[c];
      java.util.Arrays.fill(ones, 1f);
      scale = g.floats(name + ".weight", new int[] {c}, ones);
      shift = g.floats(name + ".bias", new int[] {c}, new float[c]);
    }
    String mean = g.floats(name + ".running_mean", new int[] {c}, params.getBuffer(name + ".running_mean"));
    String var = g.floats(name + ".running_var", new int[] {c}, params.getBuffer(name + ".running_var"));
    g.node("BatchNormalization", target, x, scale, shift, mean, var).real("epsilon", v.real("eps"))
        .real("momentum", 1 - v.real("momentum")).doc(spec.canonical());
    return target;
  }

  /**
   * LeNet-5's Euclidean RBF output {@code y_i = Σ_j (x_j − w_ij)²} as its squared-distance form: the input reshaped
   * to {@code [N, 1, in]}, minus the prototypes {@code [units, in]} (broadcast), squared, summed over the last axis.
   */
  private void rbf(LayerSpec spec, SpecValues v, String x, String out) {
    int units = v.integer("units");
    Shape in = layers.get(x).outputShape();
    int n = in.size();
    float[] prototypes;
    if (v.has("prototypes")) {
      String[] rows = v.text("prototypes").split("/");
      prototypes = new float[units * n];
      for (int i = 0; i < units; i++) {
        for (int j = 0; j < n; j++) {
          prototypes[i * n + j] = rows[i].charAt(j) == 'X' ? 1f : -1f;
        }
      }
    } else {
      prototypes = params.get(spec.name() + ".weight");
    }
    String row = g.fresh(spec.name() + "/row");
    g.node("Reshape", row, x, g.longs(spec.name() + ".row_shape", 0, 1, -1));
    String diff = g.fresh(spec.name() + "/difference");
    g.node("Sub", diff, row, g.floats(spec.name() + ".weight", new int[] {units, n}, prototypes))
        .doc(spec.canonical());
    String square = g.fresh(spec.name() + "/square");
    g.node("Mul", square, diff, diff);
    g.node("ReduceSum", out, square, g.longs(spec.name() + ".axes", 2)).integer("keepdims", 0);
  }

  /**
   * Applies the layer's activation to {@code from}, writing the layer's tensor. LeCun's scaled tanh is
   * {@code Mul(2/3)·Tanh·Mul(1.7159)}; softmax runs over the whole sample (flattened first for a map).
   */
  private void activate(LayerSpec spec, SpecValues v, String from) {
    String act = v.activation();
    String out = spec.name();
    if (act.equals("identity")) {
      if (!from.equals(out)) {
        g.node("Identity", out, from);
      }
      return;
    }
    if (act.startsWith("leaky_relu")) {
      double slope = Double.parseDouble(act.substring(act.indexOf(':') + 1));
      g.node("LeakyRelu", out, from).real("alpha", slope);
      return;
    }
    switch (act) {
      case "relu" -> g.node("Relu", out, from);
      case "sigmoid" -> g.node("Sigmoid", out, from);
      case "tanh" -> g.node("Tanh", out, from);
      case "lecun_tanh" -> {
        String scaled = g.fresh(out + "/scaled");
        g.node("Mul", scaled, from, g.scalar(out + ".lecun_slope", LECUN_SLOPE));
        String tanh = g.fresh(out + "/tanh");
        g.node("Tanh", tanh, scaled);
        g.node("Mul", out, tanh, g.scalar(out + ".lecun_scale", LECUN_SCALE));
      }
      case "softmax" -> {
        Shape s = spec.outputShape();
        if (s.vector()) {
          g.node("Softmax", out, from).integer("axis", 1);
        } else {
          String flat = g.fresh(out + "/flat");
          g.node("Flatten", flat, from).integer("axis", 1);
          String soft = g.fresh(out + "/softmax");
          g.node("Softmax", soft, flat).integer("axis", 1);
          g.node("Reshape", out, soft, g.longs(out + ".shape", 0, s.channels(), s.height(), s.width()));
        }
      }
      default -> throw new IllegalArgumentException("layer '" + spec.name() + "': activation '" + act
          + "' has no ONNX export");
    }
  }

  private String weight(String name) {
    return g.floats(name, params.layout().slot(name).shape(), params.get(name));
  }

  private static long[] longs(int[] pair) {
    return new long[] {pair[0], pair[1]};
  }
}
