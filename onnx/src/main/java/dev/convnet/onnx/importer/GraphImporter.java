package dev.convnet.onnx.importer;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.convnet.onnx.PoolGeometry;
import dev.convnet.runtime.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an ONNX CNN graph into layers of a declaration, node by node in the graph's (topological) order. Activations
 * fold into the layer before them when it alone reads that layer; Flatten, Identity and all-zero Pad nodes vanish;
 * the subgraphs {@link dev.convnet.onnx.export.Onnx} writes for forms ONNX lacks become those layers again
 * (subsampling, LeCun's scaled tanh, the RBF output). Anything else is an {@link OnnxImportException} naming the
 * node, its op type and what is supported.
 */
final class GraphImporter {
  static final String SUPPORTED = "Conv, ConvTranspose, MaxPool, AveragePool, LpPool (p = 2), GlobalAveragePool, "
      + "Gemm, MatMul (+ Add), Flatten, Reshape (to [N, features]), Relu, LeakyRelu, Sigmoid, Tanh, Softmax "
      + "(output), Add, Sum, Concat (channels), BatchNormalization, Dropout, Identity, LRN, Pad (zeros, before "
      + "AveragePool), Constant, and the subgraphs this project exports (AveragePool·Mul·Add subsampling, "
      + "Mul·Tanh·Mul scaled tanh, Reshape·Sub·Mul·ReduceSum RBF)";
  private static final Pattern TABLE = Pattern.compile("\\btable=([X./]+)");
  private static final Pattern FROZEN = Pattern.compile("\\bweights=");
  private static final Pattern NOT_AFFINE = Pattern.compile("\\baffine=false\\b");
  private static final Pattern PROTOTYPES = Pattern.compile("\\bprototypes=");

  /** What a tensor of the graph is, as a layer's output: possibly flattened, or zero-padded (for AveragePool). */
  private record Binding(String layer, boolean flat, int[] pad) {}

  private final GraphProto graph;
  private final Map<String, TensorValues> constants = new HashMap<>();
  private final Map<String, List<NodeProto>> consumers = new HashMap<>();
  private final Set<String> graphOutputs = new HashSet<>();
  private final Map<String, Binding> bindings = new HashMap<>();
  private final Set<NodeProto> done = new HashSet<>();
  private final Map<String, ImportedLayer> layers = new LinkedHashMap<>();

  private GraphImporter(GraphProto graph) {
    this.graph = graph;
  }

  /** The model's layers in declaration order, the input layer first and the output layer marked. */
  static List<ImportedLayer> layers(ModelProto model) throws OnnxImportException {
    GraphImporter g = new GraphImporter(model.getGraph());
    g.run();
    return new ArrayList<>(g.layers.values());
  }

  private void run() throws OnnxImportException {
    for (TensorProto t : graph.getInitializerList()) {
      constants.put(t.getName(), TensorValues.of(t));
    }
    for (NodeProto n : graph.getNodeList()) {
      if (n.getOpType().equals("Constant")) {
        constants.put(n.getOutput(0), constantOf(n));
        done.add(n);
      }
      for (String in : n.getInputList()) {
        if (!in.isEmpty() && !constants.containsKey(in)) {
          List<NodeProto> readers = consumers.computeIfAbsent(in, k -> new ArrayList<>());
          if (readers.isEmpty() || readers.get(readers.size() - 1) != n) {
            readers.add(n);
          }
        }
      }
    }
    for (ValueInfoProto v : graph.getOutputList()) {
      graphOutputs.add(v.getName());
    }
    input();
    for (NodeProto n : graph.getNodeList()) {
      if (!done.contains(n)) {
        done.add(n);
        node(n);
      }
    }
    output();
  }

  private TensorValues constantOf(NodeProto n) throws OnnxImportException {
    for (AttributeProto a : n.getAttributeList()) {
      if (a.getName().equals("value")) {
        TensorProto t = a.getT().toBuilder().setName(n.getOutput(0)).build();
        return TensorValues.of(t);
      }
      if (a.getName().equals("value_float")) {
        return new TensorValues(n.getOutput(0), new int[0], new float[] {a.getF()}, null);
      }
      if (a.getName().equals("value_ints")) {
        long[] l = a.getIntsList().stream().mapToLong(Long::longValue).toArray();
        float[] f = new float[l.length];
        for (int i = 0; i < l.length; i++) {
          f[i] = l[i];
        }
        return new TensorValues(n.getOutput(0), new int[] {l.length}, f, l);
      }
    }
    throw error(n, "a Constant without a tensor, float or ints value is not supported");
  }

  // ---- input and output

  private void input() throws OnnxImportException {
    List<ValueInfoProto> inputs = new ArrayList<>();
    for (ValueInfoProto v : graph.getInputList()) {
      if (!constants.containsKey(v.getName())) {
        inputs.add(v);
      }
    }
    if (inputs.size() != 1) {
      throw new OnnxImportException("the graph has " + inputs.size() + " inputs " + names(inputs)
          + "; a network here reads exactly one image batch [N, C, H, W]");
    }
    ValueInfoProto in = inputs.get(0);
    if (!in.getType().hasTensorType() || in.getType().getTensorType().getElemType()
        != TensorProto.DataType.FLOAT.getNumber()) {
      throw new OnnxImportException("graph input '" + in.getName() + "' is not a float32 tensor");
    }
    TensorShapeProto shape = in.getType().getTensorType().getShape();
    if (shape.getDimCount() != 4) {
      throw new OnnxImportException("graph input '" + in.getName() + "' has " + (shape.getDimCount() == 0
          ? "no static shape" : shape.getDimCount() + " dimensions") + "; a network here reads [N, C, H, W] with "
          + "C, H and W fixed");
    }
    int[] chw = new int[3];
    String[] what = {"channels", "height", "width"};
    for (int i = 1; i < 4; i++) {
      TensorShapeProto.Dimension d = shape.getDim(i);
      if (!d.hasDimValue() || d.getDimValue() <= 0) {
        throw new OnnxImportException("dynamic shapes are not supported: graph input '" + in.getName() + "' has "
            + what[i - 1] + " '" + (d.hasDimParam() ? d.getDimParam() : "?") + "' (dimension " + i + "); every "
            + "dimension but the batch must be a fixed number: export with a fixed input size (e.g. no "
            + "dynamic_axes for height and width)");
      }
      chw[i - 1] = (int) d.getDimValue();
    }
    String name = identifier(in.getName(), "input");
    ImportedLayer layer = add(new ImportedLayer(name, "Input", List.of(), Shape.map(chw[0], chw[1], chw[2])));
    layer.set("channels", Integer.toString(chw[0])).set("height", Integer.toString(chw[1]))
        .set("width", Integer.toString(chw[2]));
    bindings.put(in.getName(), new Binding(layer.name, false, null));
  }

  private void output() throws OnnxImportException {
    if (graph.getOutputCount() != 1) {
      throw new OnnxImportException("the graph has " + graph.getOutputCount() + " outputs " + names(
          graph.getOutputList()) + "; a network here has exactly one");
    }
    String out = graph.getOutput(0).getName();
    Binding b = bindings.get(out);
    if (b == null || b.pad != null) {
      throw new OnnxImportException("graph output '" + out + "' is not the output of a supported layer");
    }
    layers.get(b.layer).output = true;
  }

  // ---- nodes

  private void node(NodeProto n) throws OnnxImportException {
    switch (n.getOpType()) {
      case "Conv" -> conv(n);
      case "ConvTranspose" -> transposedConv(n);
      case "MaxPool", "LpPool" -> pool(n);
      case "AveragePool" -> averagePool(n);
      case "GlobalAveragePool" -> {
        ImportedLayer l = layer(n, "GlobalAvgPool", List.of(map(n, 0)), null);
        Shape in = shapeOf(l.inputs.get(0));
        l.shape = Shape.map(in.channels(), 1, 1);
      }
      case "Gemm" -> gemm(n);
      case "MatMul" -> matMul(n);
      case "Flatten" -> flatten(n);
      case "Reshape" -> reshape(n);
      case "Identity" -> alias(n, bound(n, 0));
      case "Dropout" -> dropout(n);
      case "Pad" -> pad(n);
      case "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Softmax" -> {
        Binding from = bound(n, 0);
        ImportedLayer l = layer(n, "Activate", List.of(from.layer), shapeOf(from.layer));
        String act = activation(n, l.shape);
        l.set("value", act);
        if (act.equals("LEAKY_RELU")) {
          l.set("slope", real(attrF(n, "alpha", 0.01f)));
        }
        bindings.put(n.getOutput(0), new Binding(l.name, from.flat, null));
      }
      case "Mul" -> {
        if (!lecunTanh(n)) {
          throw unsupported(n, "Mul (only inside the subgraphs of subsampling or scaled tanh)");
        }
      }
      case "Add", "Sum" -> add(n);
      case "Concat" -> concat(n);
      case "BatchNormalization" -> batchNorm(n);
      case "LRN" -> {
        ImportedLayer l = layer(n, "LocalResponseNorm", List.of(map(n, 0)), null);
        l.shape = shapeOf(l.inputs.get(0));
        l.set("size", Long.toString(attrI(n, "size", -1)));
        l.set("alpha", real(attrF(n, "alpha", 1e-4f)));
        l.set("beta", real(attrF(n, "beta", 0.75f)));
        l.set("k", real(attrF(n, "bias", 1f)));
      }
      default -> throw unsupported(n, n.getOpType());
    }
  }

  private void conv(NodeProto n) throws OnnxImportException {
    String x = map(n, 0);
    Shape in = shapeOf(x);
    TensorValues w = constant(n, 1, "weight");
    if (w.dims().length != 4) {
      throw error(n, "only 2-D convolutions are supported; the weight has shape " + Arrays.toString(w.dims()));
    }
    int group = (int) attrI(n, "group", 1);
    int[] k = {w.dims()[2], w.dims()[3]};
    int[] s = ints2(n, "strides", 1);
    int[] d = ints2(n, "dilations", 1);
    int[] p = symmetricPads(n, in, k, s, d);
    if (w.dims()[1] * group != in.channels()) {
      throw error(n, "weight " + Arrays.toString(w.dims()) + " with group " + group + " does not fit the input's "
          + in.channels() + " channels");
    }
    int filters = w.dims()[0];
    int outH = (in.height() + 2 * p[0] - d[0] * (k[0] - 1) - 1) / s[0] + 1;
    int outW = (in.width() + 2 * p[1] - d[1] * (k[1] - 1) - 1) / s[1] + 1;
    ImportedLayer l = layer(n, "Conv", List.of(x), Shape.map(filters, outH, outW));
    l.set("filters", Integer.toString(filters)).pair("kernel", k[0], k[1], -1).pair("stride", s[0], s[1], 1)
        .pair("pad", p[0], p[1], 0).pair("dilation", d[0], d[1], 1);
    if (group != 1) {
      l.set("groups", Integer.toString(group));
    }
    String doc = n.getDocString();
    boolean hasBias = n.getInputCount() > 2 && !n.getInput(2).isEmpty();
    if (FROZEN.matcher(doc).find() && !hasBias) {
      l.set("bias", "false").set("weights", numbers(w.floats()));
    } else {
      Matcher table = TABLE.matcher(doc);
      if (table.find() && group == 1) {
        l.set("table", tableLiteral(table.group(1)));
      }
      kernelAndBias(n, l, w);
    }
    fold(l, n.getOutput(0));
  }

  /** The weight {@code w} and the node's optional bias (input 2) as the layer's parameters. */
  private void kernelAndBias(NodeProto n, ImportedLayer l, TensorValues w) throws OnnxImportException {
    l.param("weight", w.dims(), w.floats(), w.name());
    if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
      TensorValues b = constant(n, 2, "bias");
      l.param("bias", b.dims(), b.floats(), b.name());
    } else {
      l.set("bias", "false");
    }
  }

  private void transposedConv(NodeProto n) throws OnnxImportException {
    String x = map(n, 0);
    Shape in = shapeOf(x);
    TensorValues w = constant(n, 1, "weight");
    if (w.dims().length != 4 || attrI(n, "group", 1) != 1) {
      throw error(n, "only 2-D ConvTranspose with group 1 is supported");
    }
    if (attr(n, "output_shape") != null) {
      throw error(n, "ConvTranspose with output_shape is not supported; give pads and output_padding");
    }
    int[] k = {w.dims()[2], w.dims()[3]};
    int[] s = ints2(n, "strides", 1);
    int[] d = ints2(n, "dilations", 1);
    int[] op = ints2(n, "output_padding", 0);
    int[] p = symmetricPads(n, null, k, s, d);
    int filters = w.dims()[1];
    int outH = (in.height() - 1) * s[0] - 2 * p[0] + d[0] * (k[0] - 1) + op[0] + 1;
    int outW = (in.width() - 1) * s[1] - 2 * p[1] + d[1] * (k[1] - 1) + op[1] + 1;
    ImportedLayer l = layer(n, "TransposedConv", List.of(x), Shape.map(filters, outH, outW));
    l.set("filters", Integer.toString(filters)).pair("kernel", k[0], k[1], -1).pair("stride", s[0], s[1], 1)
        .pair("pad", p[0], p[1], 0).pair("outputPad", op[0], op[1], 0).pair("dilation", d[0], d[1], 1);
    kernelAndBias(n, l, w);
    fold(l, n.getOutput(0));
  }

  /** MaxPool or LpPool (p = 2): padding before, and ceil mode when the padding after is larger. */
  private void pool(NodeProto n) throws OnnxImportException {
    if (n.getOpType().equals("LpPool") && attrI(n, "p", 2) != 2) {
      throw error(n, "LpPool with p = " + attrI(n, "p", 2) + " is not supported; only p = 2 (@L2Pool)");
    }
    if (n.getOutputCount() > 1 && !n.getOutput(1).isEmpty()) {
      throw error(n, "MaxPool's second output (indices) is not supported");
    }
    checkUnitDilation(n);
    String x = map(n, 0);
    windowed(n, x, n.getOpType().equals("MaxPool") ? "MaxPool" : "L2Pool", new int[] {0, 0});
  }

  private void averagePool(NodeProto n) throws OnnxImportException {
    Binding from = bound(n, 0);
    checkUnitDilation(n);
    if (from.flat) {
      throw error(n, "pooling a flattened tensor is not supported");
    }
    boolean countPad = attrI(n, "count_include_pad", 0) == 1;
    int[] explicit = from.pad == null ? new int[] {0, 0} : from.pad;
    int[] own = padsOf(n);
    if (from.pad != null && countPad && (own[0] | own[1] | own[2] | own[3]) != 0) {
      throw error(n, "AveragePool counting its own padding after a Pad is not supported");
    }
    if (!countPad && (own[0] | own[1]) != 0) {
      throw error(n, "AveragePool with count_include_pad = 0 and padding before the input is not supported: "
          + "@AvgPool counts padded zeros in the divisor (count_include_pad = 1)");
    }
    if (subsampling(n, from)) {
      return;
    }
    boolean overhang = own[2] > own[0] || own[3] > own[1];
    NodeProto correction = countPad && overhang ? only(n.getOutput(0), "Mul") : null;
    TensorValues scale = correction == null ? null : otherConstant(correction, n.getOutput(0));
    if (countPad && overhang && scale == null) {
      throw error(n, "AveragePool with count_include_pad = 1 and more padding after the input than before divides "
          + "the windows hanging past the input by their full area, which no pooling here does (expected the "
          + "constant Mul this project's export puts after it)");
    }
    ImportedLayer l = windowed(n, from.layer, "AvgPool", explicit);
    if (scale != null) {
      Shape in = shapeOf(from.layer);
      float[] expected = PoolGeometry.overhangScale(in.height(), in.width(), ints2(n, "kernel_shape", -1),
          ints2(n, "strides", 1), new int[] {own[0], own[1]}, l.shape.height(), l.shape.width());
      if (scale.count() != expected.length || !close(scale.floats(), expected)) {
        throw error(correction, "this Mul after AveragePool does not rescale the windows hanging past the input to "
            + "their part inside it");
      }
      absorb(l, correction);
      bindings.put(correction.getOutput(0), new Binding(l.name, false, null));
    }
  }

  private static boolean close(float[] a, float[] b) {
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i] - b[i]) > 1e-6 * Math.abs(b[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * A pooling layer: pads before must match pads after, except that more after (or ceil_mode) means ceil mode, and
   * {@code explicit} padding comes from a Pad node before it.
   */
  private ImportedLayer windowed(NodeProto n, String x, String annotation, int[] explicit)
      throws OnnxImportException {
    Shape in = shapeOf(x);
    int[] k = ints2(n, "kernel_shape", -1);
    if (k[0] < 0) {
      throw error(n, "no kernel_shape");
    }
    int[] s = ints2(n, "strides", 1);
    int[] pads = padsOf(n);
    boolean ceil = attrI(n, "ceil_mode", 0) == 1;
    int[] p = {pads[0] + explicit[0], pads[1] + explicit[1]};
    int[] outHW = new int[2];
    int[] inHW = {in.height(), in.width()};
    for (int a = 0; a < 2; a++) {
      int end = pads[a + 2] + explicit[a];
      if (end < p[a]) {
        throw error(n, "asymmetric padding (" + p[a] + " before, " + end + " after) is not supported");
      }
      int floor = Math.floorDiv(inHW[a] + p[a] + end - k[a], s[a]) + 1;
      outHW[a] = ceil ? (int) Math.ceil((inHW[a] + p[a] + end - k[a]) / (double) s[a]) + 1 : floor;
      int ours = ceilOut(inHW[a], k[a], s[a], p[a]);
      if (end > p[a] || ceil) {
        if (ours != outHW[a]) {
          throw error(n, "its padding after the input (" + end + ") or ceil_mode gives " + outHW[a]
              + " outputs, which no symmetric pooling here gives (ceil mode gives " + ours + ")");
        }
        ceil = true;
      }
    }
    ImportedLayer l = layer(n, annotation, List.of(x), Shape.map(in.channels(), outHW[0], outHW[1]));
    l.pair("window", k[0], k[1], -1);
    if (s[0] != k[0] || s[1] != k[1]) {
      l.pair("stride", s[0], s[1], -1);
    }
    l.pair("pad", p[0], p[1], 0);
    if (ceil) {
      l.set("edge", "Edge.CEIL");
    }
    return l;
  }

  /** PyTorch's ceil-mode output size: one more window when a leftover edge starts inside the input or padding. */
  private static int ceilOut(int n, int k, int s, int p) {
    int room = n + 2 * p - k;
    int out = (room + s - 1) / s + 1;
    if ((out - 1) * s >= n + p) {
      out--;
    }
    return out;
  }

  /** LeNet's subsampling as exported: AveragePool, Mul by a per-channel scale, Add a per-channel bias. */
  private boolean subsampling(NodeProto pool, Binding from) throws OnnxImportException {
    NodeProto mul = only(pool.getOutput(0), "Mul");
    NodeProto add = mul == null ? null : only(mul.getOutput(0), "Add");
    if (add == null || from.pad != null || !allZero(padsOf(pool)) || attrI(pool, "ceil_mode", 0) != 0) {
      return false;
    }
    Shape in = shapeOf(from.layer);
    TensorValues scale = otherConstant(mul, pool.getOutput(0));
    TensorValues bias = otherConstant(add, mul.getOutput(0));
    if (scale == null || bias == null || scale.count() != in.channels() || bias.count() != in.channels()) {
      return false;
    }
    int[] k = ints2(pool, "kernel_shape", -1);
    int[] s = ints2(pool, "strides", 1);
    Shape out = Shape.map(in.channels(), (in.height() - k[0]) / s[0] + 1, (in.width() - k[1]) / s[1] + 1);
    ImportedLayer l = layer(pool, "Subsampling", List.of(from.layer), out);
    l.pair("window", k[0], k[1], -1);
    if (s[0] != k[0] || s[1] != k[1]) {
      l.pair("stride", s[0], s[1], -1);
    }
    l.param("weight", new int[] {in.channels()}, scale.floats(), scale.name());
    l.param("bias", new int[] {in.channels()}, bias.floats(), bias.name());
    absorb(l, mul);
    absorb(l, add);
    fold(l, add.getOutput(0));
    return true;
  }

  private void gemm(NodeProto n) throws OnnxImportException {
    if (attrI(n, "transA", 0) != 0 || attrF(n, "alpha", 1f) != 1f || attrF(n, "beta", 1f) != 1f) {
      throw error(n, "Gemm with transA, alpha or beta other than 0, 1, 1 is not supported");
    }
    TensorValues w = constant(n, 1, "weight");
    boolean transB = attrI(n, "transB", 0) == 1;
    TensorValues b = n.getInputCount() > 2 && !n.getInput(2).isEmpty() ? constant(n, 2, "bias") : null;
    dense(n, w, transB, b, n.getOutput(0));
  }

  /** MatMul by a constant [in, units] matrix, optionally followed by Add of a constant bias. */
  private void matMul(NodeProto n) throws OnnxImportException {
    TensorValues w = constant(n, 1, "weight");
    NodeProto add = only(n.getOutput(0), "Add");
    TensorValues b = add == null ? null : otherConstant(add, n.getOutput(0));
    if (b != null) {
      done.add(add);
    }
    dense(n, w, false, b, b != null ? add.getOutput(0) : n.getOutput(0));
  }

  private void dense(NodeProto n, TensorValues w, boolean transB, TensorValues b, String out)
      throws OnnxImportException {
    Binding from = bound(n, 0);
    Shape in = shapeOf(from.layer);
    if (!from.flat && !in.vector() && in.height() * in.width() != 1) {
      throw error(n, "its input '" + n.getInput(0) + "' is a " + in + " map, not flattened to [N, features]");
    }
    if (w.dims().length != 2) {
      throw error(n, "the weight has shape " + Arrays.toString(w.dims()) + ", not a matrix");
    }
    int units = transB ? w.dims()[0] : w.dims()[1];
    int features = transB ? w.dims()[1] : w.dims()[0];
    if (features != in.size()) {
      throw error(n, "the weight " + Arrays.toString(w.dims()) + " takes " + features + " features, but '"
          + from.layer + "' gives " + in.size());
    }
    float[] weight = transB ? w.floats() : transpose(w.floats(), features, units);
    ImportedLayer l = layer(n, "Dense", List.of(from.layer), Shape.vector(units));
    l.set("units", Integer.toString(units));
    l.param("weight", new int[] {units, features}, weight, w.name());
    if (b != null) {
      if (b.count() != units) {
        throw error(n, "the bias has " + b.count() + " values for " + units + " units");
      }
      l.param("bias", new int[] {units}, b.floats(), b.name());
    } else {
      l.set("bias", "false");
    }
    fold(l, out);
  }

  private static float[] transpose(float[] m, int rows, int cols) {
    float[] t = new float[m.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        t[c * rows + r] = m[r * cols + c];
      }
    }
    return t;
  }

  private void flatten(NodeProto n) throws OnnxImportException {
    if (attrI(n, "axis", 1) != 1) {
      throw error(n, "Flatten with axis " + attrI(n, "axis", 1) + " is not supported; only axis 1 (per sample)");
    }
    Binding from = bound(n, 0);
    bindings.put(n.getOutput(0), new Binding(from.layer, true, null));
  }

  /** A Reshape to [N, features] is a flatten; the RBF subgraph starts with a Reshape to [N, 1, features]. */
  private void reshape(NodeProto n) throws OnnxImportException {
    Binding from = bound(n, 0);
    TensorValues shape = constant(n, 1, "shape");
    long[] s = shape.longs();
    int size = shapeOf(from.layer).size();
    if (s != null && s.length == 3 && s[0] == 0 && s[1] == 1 && (s[2] == -1 || s[2] == size) && rbf(n, from)) {
      return;
    }
    if (s == null || s.length != 2 || !(s[1] == -1 || s[1] == size) || (s[0] != 0 && s[0] != -1 && s[0] != 1)
        || (s[0] == -1 && s[1] == -1)) {
      throw error(n, "Reshape to " + Arrays.toString(s) + " is not supported; only a flatten to [N, " + size + "]");
    }
    bindings.put(n.getOutput(0), new Binding(from.layer, true, null));
  }

  /** The exported RBF: Reshape [0, 1, -1], Sub prototypes [units, in], Mul (square), ReduceSum over axis 2. */
  private boolean rbf(NodeProto reshape, Binding from) throws OnnxImportException {
    NodeProto sub = only(reshape.getOutput(0), "Sub");
    NodeProto mul = sub == null ? null : only(sub.getOutput(0), "Mul");
    NodeProto sum = mul == null ? null : only(mul.getOutput(0), "ReduceSum");
    if (sum == null || !sub.getInput(0).equals(reshape.getOutput(0)) || !mul.getInput(0).equals(mul.getInput(1))) {
      return false;
    }
    TensorValues w = otherConstant(sub, reshape.getOutput(0));
    int in = shapeOf(from.layer).size();
    if (w == null || w.dims().length != 2 || w.dims()[1] != in) {
      return false;
    }
    int units = w.dims()[0];
    ImportedLayer l = layer(reshape, sum.getOutput(0), "Rbf", List.of(from.layer), Shape.vector(units));
    l.set("units", Integer.toString(units));
    if (PROTOTYPES.matcher(sub.getDocString()).find()) {
      l.set("prototypes", prototypeLiteral(w.floats(), units, in));
    } else {
      l.param("weight", w.dims(), w.floats(), w.name());
    }
    absorb(l, sub);
    absorb(l, mul);
    absorb(l, sum);
    bindings.put(sum.getOutput(0), new Binding(l.name, false, null));
    return true;
  }

  private void dropout(NodeProto n) throws OnnxImportException {
    Binding from = bound(n, 0);
    float rate = attrF(n, "ratio", 0.5f);
    if (n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
      rate = constant(n, 1, "ratio").floats()[0];
    }
    if (n.getOutputCount() > 1 && !n.getOutput(1).isEmpty() && consumers.containsKey(n.getOutput(1))) {
      throw error(n, "Dropout's mask output is not supported");
    }
    ImportedLayer l = layer(n, "Dropout", List.of(from.layer), shapeOf(from.layer));
    l.set("rate", real(rate));
    bindings.put(n.getOutput(0), new Binding(l.name, from.flat, null));
  }

  /** A Pad of zeros: nothing when it pads nothing, else the explicit padding of the AveragePool after it. */
  private void pad(NodeProto n) throws OnnxImportException {
    Binding from = bound(n, 0);
    String mode = attrS(n, "mode", "constant");
    long[] p = n.getInputCount() > 1 ? constant(n, 1, "pads").longs() : attrInts(n, "pads");
    boolean zeroValue = n.getInputCount() < 3 || n.getInput(2).isEmpty()
        || constant(n, 2, "value").floats()[0] == 0f;
    if (p == null || p.length != 8 || !mode.equals("constant") || !zeroValue) {
      throw error(n, "only Pad with constant zeros of a [N, C, H, W] tensor is supported");
    }
    if (allZero(p)) {
      alias(n, from);
      return;
    }
    NodeProto pool = only(n.getOutput(0), "AveragePool");
    if (pool == null || p[0] != 0 || p[1] != 0 || p[4] != 0 || p[5] != 0 || p[2] != p[6] || p[3] != p[7]
        || attrI(pool, "count_include_pad", 0) != 0 || from.flat) {
      throw error(n, "Pad is supported only as symmetric zero padding of height and width before an AveragePool "
          + "with count_include_pad = 0 (pads " + Arrays.toString(p) + ")");
    }
    bindings.put(n.getOutput(0), new Binding(from.layer, false, new int[] {(int) p[2], (int) p[3]}));
  }

  private void add(NodeProto n) throws OnnxImportException {
    List<String> ins = new ArrayList<>();
    Shape shape = null;
    for (int i = 0; i < n.getInputCount(); i++) {
      if (constants.containsKey(n.getInput(i))) {
        throw error(n, "adding a constant (a bias not following a convolution or matrix product) is not supported");
      }
      Binding b = bound(n, i);
      Shape s = shapeOf(b.layer);
      if (shape != null && s.size() != shape.size()) {
        throw error(n, "its inputs have different shapes (" + shape + ", " + s + "); broadcasting is not supported");
      }
      shape = s;
      ins.add(b.layer);
    }
    if (ins.size() < 2) {
      alias(n, bound(n, 0));
      return;
    }
    ImportedLayer l = layer(n, "Add", ins, shape);
    fold(l, n.getOutput(0));
  }

  private void concat(NodeProto n) throws OnnxImportException {
    long axis = attrI(n, "axis", 1);
    List<String> ins = new ArrayList<>();
    int channels = 0;
    Shape first = null;
    for (int i = 0; i < n.getInputCount(); i++) {
      Binding b = bound(n, i);
      Shape s = shapeOf(b.layer);
      first = first == null ? s : first;
      channels += s.channels();
      ins.add(b.layer);
    }
    if (axis != 1 && !(axis == -1 && first.vector()) && !(axis == -3 && !first.vector())) {
      throw error(n, "Concat along axis " + axis + " is not supported; only channels (axis 1)");
    }
    layer(n, "Concat", ins, first.vector() ? Shape.vector(channels)
        : Shape.map(channels, first.height(), first.width()));
  }

  private void batchNorm(NodeProto n) throws OnnxImportException {
    if (attrI(n, "training_mode", 0) != 0 || n.getOutputCount() > 1 && !n.getOutput(1).isEmpty()) {
      throw error(n, "BatchNormalization in training mode is not supported; export the model in eval mode");
    }
    String x = map(n, 0);
    Shape in = shapeOf(x);
    TensorValues scale = constant(n, 1, "scale");
    TensorValues bias = constant(n, 2, "B");
    TensorValues mean = constant(n, 3, "mean");
    TensorValues var = constant(n, 4, "var");
    for (TensorValues t : List.of(scale, bias, mean, var)) {
      if (t.count() != in.channels()) {
        throw error(n, "'" + t.name() + "' has " + t.count() + " values for " + in.channels() + " channels");
      }
    }
    ImportedLayer l = layer(n, "BatchNorm", List.of(x), in);
    float eps = attrF(n, "epsilon", 1e-5f);
    double momentum = new java.math.BigDecimal(1 - (double) attrF(n, "momentum", 0.9f))
        .round(new java.math.MathContext(6)).doubleValue();
    if (eps != 1e-5f) {
      l.set("eps", real(eps));
    }
    if (momentum != 0.1) {
      l.set("momentum", Double.toString(momentum));
    }
    int[] c = {in.channels()};
    if (NOT_AFFINE.matcher(n.getDocString()).find() && allOnes(scale.floats()) && allZero(bias.floats())) {
      l.set("affine", "false");
    } else {
      l.param("weight", c, scale.floats(), scale.name()).param("bias", c, bias.floats(), bias.name());
    }
    l.param("running_mean", c, mean.floats(), mean.name()).param("running_var", c, var.floats(), var.name());
    fold(l, n.getOutput(0));
  }

  // ---- activations

  /** Folds the activation that alone reads {@code tensor} into {@code l}, or binds {@code tensor} to {@code l}. */
  private void fold(ImportedLayer l, String tensor) throws OnnxImportException {
    bindings.put(tensor, new Binding(l.name, false, null));
    if (!l.takesActivation() || graphOutputs.contains(tensor)) {
      return;
    }
    List<NodeProto> readers = consumers.getOrDefault(tensor, List.of());
    if (readers.size() != 1 || done.contains(readers.get(0))) {
      return;
    }
    NodeProto a = readers.get(0);
    String act = switch (a.getOpType()) {
      case "Relu", "LeakyRelu", "Sigmoid", "Tanh" -> activation(a, l.shape);
      case "Softmax" -> l.annotation.equals("Dense") && graphOutputs.contains(a.getOutput(0))
          ? activation(a, l.shape) : null;
      case "Mul" -> lecunChain(a, tensor) != null ? "LECUN_TANH" : null;
      default -> null;
    };
    if (act == null) {
      return;
    }
    l.set("activation", act);
    String out = a.getOutput(0);
    if (act.equals("LEAKY_RELU")) {
      l.set("slope", real(attrF(a, "alpha", 0.01f)));
    }
    if (act.equals("LECUN_TANH")) {
      NodeProto[] chain = lecunChain(a, tensor);
      absorb(l, chain[0]);
      absorb(l, chain[1]);
      absorb(l, chain[2]);
      out = chain[2].getOutput(0);
    } else {
      absorb(l, a);
    }
    bindings.put(out, new Binding(l.name, false, null));
  }

  /** Mul(x, 2/3) · Tanh · Mul(1.7159), each alone reading the one before, or null. */
  private NodeProto[] lecunChain(NodeProto first, String x) {
    TensorValues slope = otherConstant(first, x);
    NodeProto tanh = only(first.getOutput(0), "Tanh");
    NodeProto second = tanh == null ? null : only(tanh.getOutput(0), "Mul");
    TensorValues scale = second == null ? null : otherConstant(second, tanh.getOutput(0));
    if (slope == null || scale == null || slope.count() != 1 || scale.count() != 1
        || Math.abs(slope.floats()[0] - 2.0 / 3.0) > 1e-6 || Math.abs(scale.floats()[0] - 1.7159) > 1e-6) {
      return null;
    }
    return new NodeProto[] {first, tanh, second};
  }

  /** A scaled tanh after a layer that takes no activation: an @Activate(LECUN_TANH) layer. */
  private boolean lecunTanh(NodeProto n) throws OnnxImportException {
    for (int i = 0; i < 2; i++) {
      if (!constants.containsKey(n.getInput(i)) && bindings.containsKey(n.getInput(i))) {
        NodeProto[] chain = lecunChain(n, n.getInput(i));
        if (chain == null) {
          return false;
        }
        Binding from = bindings.get(n.getInput(i));
        ImportedLayer l = layer(n, "Activate", List.of(from.layer), shapeOf(from.layer));
        l.set("value", "LECUN_TANH");
        absorb(l, chain[1]);
        absorb(l, chain[2]);
        bindings.put(chain[2].getOutput(0), new Binding(l.name, from.flat, null));
        return true;
      }
    }
    return false;
  }

  private String activation(NodeProto a, Shape shape) throws OnnxImportException {
    return switch (a.getOpType()) {
      case "Relu" -> "RELU";
      case "LeakyRelu" -> "LEAKY_RELU";
      case "Sigmoid" -> "SIGMOID";
      case "Tanh" -> "TANH";
      case "Softmax" -> {
        long axis = attrI(a, "axis", -1);
        if (!shape.vector() || (axis != 1 && axis != -1)) {
          throw error(a, "Softmax is supported only over the units of a dense output ([N, units], axis 1)");
        }
        yield "SOFTMAX";
      }
      default -> throw unsupported(a, a.getOpType());
    };
  }

  // ---- helpers

  private ImportedLayer layer(NodeProto n, String annotation, List<String> inputs, Shape shape) {
    return layer(n, n.getOutput(0), annotation, inputs, shape);
  }

  /** A new layer for node {@code n}, named after {@code finalTensor} (what the layer ends with) where it can be. */
  private ImportedLayer layer(NodeProto n, String finalTensor, String annotation, List<String> inputs, Shape shape) {
    String name = identifier(layerName(n, finalTensor), n.getOpType().toLowerCase());
    ImportedLayer l = add(new ImportedLayer(name, annotation, inputs, shape));
    l.nodes.add(describe(n));
    bindings.put(n.getOutput(0), new Binding(l.name, false, null));
    return l;
  }

  private ImportedLayer add(ImportedLayer l) {
    layers.put(l.name, l);
    return l;
  }

  private void absorb(ImportedLayer l, NodeProto n) {
    done.add(n);
    l.nodes.add(describe(n));
  }

  private void alias(NodeProto n, Binding from) {
    bindings.put(n.getOutput(0), from);
  }

  /**
   * The layer's name: the node's output tensor when it is already an identifier (as in this project's exports),
   * else the node's name path without the op type and repeated prefixes ({@code /layer1/layer1.0/conv1/Conv} →
   * {@code layer1_0_conv1}), else its weight's name.
   */
  private String layerName(NodeProto n, String tensor) {
    String lastTensor = tensor;
    String viaActivation = finalOf(tensor);
    if (viaActivation != null) {
      lastTensor = viaActivation;
    }
    if (lastTensor.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return lastTensor;
    }
    if (tensor.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return tensor;
    }
    List<String> parts = new ArrayList<>(Arrays.asList(n.getName().split("/")));
    parts.removeIf(String::isEmpty);
    if (!parts.isEmpty() && parts.get(parts.size() - 1).startsWith(n.getOpType())) {
      parts.remove(parts.size() - 1);
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (i + 1 < parts.size() && parts.get(i + 1).startsWith(parts.get(i) + ".")) {
        continue;
      }
      kept.add(parts.get(i));
    }
    if (!kept.isEmpty()) {
      return String.join("_", kept);
    }
    if (n.getInputCount() > 1 && constants.containsKey(n.getInput(1)) && !n.getInput(1).startsWith("onnx::")) {
      return n.getInput(1).replaceAll("\\.weight$", "");
    }
    return n.getOpType().toLowerCase();
  }

  /** The tensor an activation alone reading {@code tensor} writes, when it is an identifier, else null. */
  private String finalOf(String tensor) {
    List<NodeProto> readers = consumers.getOrDefault(tensor, List.of());
    if (readers.size() == 1) {
      NodeProto a = readers.get(0);
      if (Set.of("Relu", "LeakyRelu", "Sigmoid", "Tanh", "Softmax").contains(a.getOpType())) {
        return a.getOutput(0);
      }
      NodeProto[] chain = a.getOpType().equals("Mul") ? lecunChain(a, tensor) : null;
      if (chain != null) {
        return chain[2].getOutput(0);
      }
      NodeProto mul = a.getOpType().equals("Mul") ? a : null;
      NodeProto add = mul == null ? null : only(mul.getOutput(0), "Add");
      if (add != null) {
        String after = finalOf(add.getOutput(0));
        return after != null ? after : add.getOutput(0);
      }
    }
    return null;
  }

  /** A unique Java identifier made of {@code raw}. */
  private String identifier(String raw, String fallback) {
    String s = raw.replaceAll("[^A-Za-z0-9_]", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
    if (s.isEmpty()) {
      s = fallback;
    }
    if (!Character.isJavaIdentifierStart(s.charAt(0))) {
      s = "l" + s;
    }
    if (javax.lang.model.SourceVersion.isKeyword(s) || s.equals("hashCode") || s.equals("toString")
        || s.equals("getClass")) {
      s = s + "_";
    }
    String name = s;
    for (int i = 2; layers.containsKey(name); i++) {
      name = s + "_" + i;
    }
    return name;
  }

  private Binding bound(NodeProto n, int i) throws OnnxImportException {
    String t = n.getInput(i);
    Binding b = bindings.get(t);
    if (b == null) {
      if (constants.containsKey(t)) {
        throw error(n, "its input " + i + " '" + t + "' is a constant; only layer outputs are supported there");
      }
      throw error(n, "its input '" + t + "' is produced by no node before it (a truncated or unsorted graph?)");
    }
    return b;
  }

  /** The layer a node reads as a map (not flattened, not padded). */
  private String map(NodeProto n, int i) throws OnnxImportException {
    Binding b = bound(n, i);
    if (b.flat || b.pad != null) {
      throw error(n, "its input '" + n.getInput(i) + "' is " + (b.flat ? "flattened" : "padded by a Pad node")
          + ", which is not supported there");
    }
    if (shapeOf(b.layer).vector()) {
      throw error(n, "its input '" + n.getInput(i) + "' is a vector, not a [N, C, H, W] map");
    }
    return b.layer;
  }

  private Shape shapeOf(String layer) {
    return layers.get(layer).shape;
  }

  private TensorValues constant(NodeProto n, int i, String what) throws OnnxImportException {
    if (n.getInputCount() <= i || n.getInput(i).isEmpty()) {
      throw error(n, "it has no " + what + " input");
    }
    TensorValues t = constants.get(n.getInput(i));
    if (t == null) {
      throw error(n, "its " + what + " '" + n.getInput(i) + "' is computed in the graph; only initializers and "
          + "constants are supported" + (bindings.containsKey(n.getInput(i)) ? "" : " (is the file truncated?)"));
    }
    if (t.floats() == null) {
      throw error(n, "its " + what + " '" + t.name() + "' has an unsupported element type");
    }
    return t;
  }

  /** The constant among a binary node's two inputs, the other being {@code x}; null if there is none. */
  private TensorValues otherConstant(NodeProto n, String x) {
    if (n.getInputCount() != 2) {
      return null;
    }
    String other = n.getInput(0).equals(x) ? n.getInput(1) : n.getInput(1).equals(x) ? n.getInput(0) : null;
    TensorValues t = other == null ? null : constants.get(other);
    return t == null || t.floats() == null ? null : t;
  }

  /** The one node reading {@code tensor} if it has op type {@code op} and the tensor is no graph output. */
  private NodeProto only(String tensor, String op) {
    List<NodeProto> readers = consumers.getOrDefault(tensor, List.of());
    if (readers.size() != 1 || graphOutputs.contains(tensor) || done.contains(readers.get(0))) {
      return null;
    }
    return readers.get(0).getOpType().equals(op) ? readers.get(0) : null;
  }

  private int[] symmetricPads(NodeProto n, Shape in, int[] k, int[] s, int[] d) throws OnnxImportException {
    String autoPad = attrS(n, "auto_pad", "NOTSET");
    if (autoPad.startsWith("SAME")) {
      if (in == null || s[0] != 1 || s[1] != 1 || (d[0] * (k[0] - 1)) % 2 != 0 || (d[1] * (k[1] - 1)) % 2 != 0) {
        throw error(n, "auto_pad " + autoPad + " is supported only with stride 1 and an odd kernel span");
      }
      return new int[] {d[0] * (k[0] - 1) / 2, d[1] * (k[1] - 1) / 2};
    }
    int[] p = padsOf(n);
    if (p[0] != p[2] || p[1] != p[3]) {
      throw error(n, "asymmetric pads " + Arrays.toString(p) + " are not supported; padding is the same on both "
          + "sides here");
    }
    return new int[] {p[0], p[1]};
  }

  private int[] padsOf(NodeProto n) throws OnnxImportException {
    long[] p = attrInts(n, "pads");
    if (p == null) {
      return new int[4];
    }
    if (p.length != 4) {
      throw error(n, "pads " + Arrays.toString(p) + " are not for a 2-D window");
    }
    return new int[] {(int) p[0], (int) p[1], (int) p[2], (int) p[3]};
  }

  private void checkUnitDilation(NodeProto n) throws OnnxImportException {
    int[] d = ints2(n, "dilations", 1);
    if (d[0] != 1 || d[1] != 1) {
      throw error(n, "dilated pooling is not supported");
    }
  }

  private int[] ints2(NodeProto n, String name, int dflt) throws OnnxImportException {
    long[] v = attrInts(n, name);
    if (v == null) {
      return new int[] {dflt, dflt};
    }
    if (v.length != 2) {
      throw error(n, name + " " + Arrays.toString(v) + ": only 2-D windows are supported");
    }
    return new int[] {(int) v[0], (int) v[1]};
  }

  private static AttributeProto attr(NodeProto n, String name) {
    for (AttributeProto a : n.getAttributeList()) {
      if (a.getName().equals(name)) {
        return a;
      }
    }
    return null;
  }

  private static long attrI(NodeProto n, String name, long dflt) {
    AttributeProto a = attr(n, name);
    return a == null ? dflt : a.getI();
  }

  private static float attrF(NodeProto n, String name, float dflt) {
    AttributeProto a = attr(n, name);
    return a == null ? dflt : a.getF();
  }

  private static String attrS(NodeProto n, String name, String dflt) {
    AttributeProto a = attr(n, name);
    return a == null ? dflt : a.getS().toStringUtf8();
  }

  private static long[] attrInts(NodeProto n, String name) {
    AttributeProto a = attr(n, name);
    return a == null ? null : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
  }

  private static boolean allZero(int[] v) {
    return Arrays.stream(v).allMatch(x -> x == 0);
  }

  private static boolean allZero(float[] v) {
    for (float x : v) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean allOnes(float[] v) {
    for (float x : v) {
      if (x != 1) {
        return false;
      }
    }
    return true;
  }

  private static boolean allZero(long[] v) {
    return Arrays.stream(v).allMatch(x -> x == 0);
  }

  /** A float as a Java double literal that reads back as the same float. */
  static String real(float v) {
    return Float.toString(v).replace("E", "e");
  }

  private static String numbers(float[] values) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < values.length; i++) {
      b.append(i > 0 ? ", " : "").append(real(values[i]));
    }
    return b.append('}').toString();
  }

  private static String tableLiteral(String rows) {
    StringBuilder b = new StringBuilder("{");
    String[] parts = rows.split("/");
    for (int i = 0; i < parts.length; i++) {
      b.append(i > 0 ? ", " : "").append('"').append(parts[i]).append('"');
    }
    return b.append('}').toString();
  }

  private static String prototypeLiteral(float[] w, int units, int in) {
    StringBuilder b = new StringBuilder("{");
    for (int u = 0; u < units; u++) {
      b.append(u > 0 ? ", " : "").append('"');
      for (int j = 0; j < in; j++) {
        b.append(w[u * in + j] > 0 ? 'X' : '.');
      }
      b.append('"');
    }
    return b.append('}').toString();
  }

  private static String describe(NodeProto n) {
    return "'" + n.getName() + "' (" + n.getOpType() + ")";
  }

  private static String names(List<ValueInfoProto> values) {
    List<String> out = new ArrayList<>();
    for (ValueInfoProto v : values) {
      out.add(v.getName());
    }
    return out.toString();
  }

  private static OnnxImportException error(NodeProto n, String what) {
    return new OnnxImportException("node " + describe(n) + ": " + what);
  }

  private static OnnxImportException unsupported(NodeProto n, String what) {
    return new OnnxImportException("node " + describe(n) + ": operator " + what + " is not supported; supported: "
        + SUPPORTED);
  }
}
