package dev.convnet.processor.fuzz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fuzzed network declaration: its input, its layers (a DAG in declaration order: each reads layers declared
 * before it; the last is the output), the blocks it uses, the precisions to generate and the loss to train it
 * with. Renders itself as a Java source file and computes every layer's output shape with its own (PyTorch) formulas,
 * independently of the processor.
 */
final class NetSpec {
  /** An activation shape; a vector is {@code n × 1 × 1} with {@code vector} set. */
  record Shape(int c, int h, int w, boolean vector) {
    int size() {
      return c * h * w;
    }

    @Override
    public String toString() {
      return vector ? "[" + c + "]" : c + "×" + h + "×" + w;
    }
  }

  static final String PACKAGE = "fuzz";

  final String name;
  String inputName = "input";
  int channels;
  int height;
  int width;
  boolean channelsWritten = true;
  final List<LayerSpec> layers = new ArrayList<>();
  /** The blocks its {@code @Block} layers use, declared after the network in the same file. */
  final List<BlockSpec> blocks = new ArrayList<>();
  boolean float32 = true;
  boolean float64 = true;
  /** {@code @Network(vectorApi = true)}: the float32 class's dense products use the Vector API. */
  boolean vectorApi;
  /** Loss name for {@code Losses.byName}. */
  String loss = "mse";

  NetSpec(String name) {
    this.name = name;
  }

  NetSpec copy(String newName) {
    NetSpec n = new NetSpec(newName);
    n.inputName = inputName;
    n.channels = channels;
    n.height = height;
    n.width = width;
    n.channelsWritten = channelsWritten;
    for (LayerSpec l : layers) {
      n.layers.add(l.copy());
    }
    n.blocks.addAll(blocks);
    n.float32 = float32;
    n.float64 = float64;
    n.vectorApi = vectorApi;
    n.loss = loss;
    return n;
  }

  String qualifiedName() {
    return PACKAGE + "." + name;
  }

  LayerSpec last() {
    return layers.get(layers.size() - 1);
  }

  /**
   * Inserts {@code chain} (each reading the one before) right after the input: the first reads the input, and every
   * layer that read the input reads the last of them instead.
   */
  void insertFirst(LayerSpec... chain) {
    String last = chain[chain.length - 1].name;
    for (LayerSpec l : layers) {
      l.from = l.from.equals(inputName) ? last : l.from;
      l.more.replaceAll(m -> m.equals(inputName) ? last : m);
    }
    String prev = inputName;
    for (int i = 0; i < chain.length; i++) {
      chain[i].from = prev;
      chain[i].more = new ArrayList<>();
      chain[i].output = false;
      prev = chain[i].name;
      layers.add(i, chain[i]);
    }
  }

  /**
   * Removes layer {@code i}: whatever read it reads its first input instead (and drops a second reading of that
   * input). Removing the output makes the layer before it the output.
   */
  void remove(int i) {
    LayerSpec gone = layers.remove(i);
    for (LayerSpec l : layers) {
      List<String> inputs = new ArrayList<>();
      for (String in : l.inputs()) {
        String to = in.equals(gone.name) ? gone.from : in;
        if (!inputs.contains(to)) {
          inputs.add(to);
        }
      }
      l.from = inputs.get(0);
      l.more = new ArrayList<>(inputs.subList(1, inputs.size()));
    }
    if (gone.output && !layers.isEmpty()) {
      last().output = true;
    }
  }

  /** The layers as the processor sees them: block uses expanded into their layers. */
  List<LayerSpec> expanded() {
    List<LayerSpec> out = new ArrayList<>();
    for (LayerSpec l : layers) {
      if (l.kind == LayerSpec.Kind.BLOCK) {
        out.addAll(l.block.expand(l));
      } else {
        out.add(l);
      }
    }
    return out;
  }

  /** Re-links the chain after layers were removed: each layer reads the one before it; the last is the output. */
  void relink() {
    String prev = inputName;
    for (LayerSpec l : layers) {
      l.from = prev;
      l.more = new ArrayList<>();
      l.output = false;
      prev = l.name;
    }
    if (!layers.isEmpty()) {
      last().output = true;
    }
  }

  String source() {
    StringBuilder b = new StringBuilder();
    b.append("package ").append(PACKAGE).append(";\n\n");
    b.append("import dev.convnet.annotations.*;\n\n");
    b.append("/** loss: ").append(loss).append(" */\n");
    List<String> precisions = new ArrayList<>();
    if (float32) {
      precisions.add("Precision.FLOAT32");
    }
    if (float64) {
      precisions.add("Precision.FLOAT64");
    }
    b.append("@Network(precision = {").append(String.join(", ", precisions)).append("}")
        .append(vectorApi ? ", vectorApi = true" : "").append(")\n");
    b.append("public interface ").append(name).append(" {\n");
    b.append("  @Input(").append(channelsWritten || channels != 1 ? "channels = " + channels + ", " : "")
        .append("height = ").append(height).append(", width = ").append(width).append(") Tensor ")
        .append(inputName).append("();\n");
    for (LayerSpec l : layers) {
      b.append("  ").append(l.annotations()).append("\n  Tensor ").append(l.name).append(l.parameters())
          .append(";\n");
    }
    b.append("}\n");
    Set<String> written = new HashSet<>();
    for (BlockSpec block : blocks) {
      if (written.add(block.name)) {
        b.append(block.source());
      }
    }
    return b.toString();
  }

  // ------------------------------------------------------------------ shapes (PyTorch's formulas)

  /** Output shapes of the input and each (expanded) layer in order; null where a layer cannot take its inputs. */
  List<Shape> shapes() {
    Map<String, Shape> map = shapeMap();
    List<Shape> out = new ArrayList<>();
    out.add(map.get(inputName));
    for (LayerSpec l : expanded()) {
      out.add(map.get(l.name));
    }
    return out;
  }

  /**
   * Output shape of the input and of every (expanded) layer by name; a layer maps to null when it cannot take its
   * inputs, reads an unknown, later or repeated layer, or does not contribute to the output (the last layer).
   */
  Map<String, Shape> shapeMap() {
    Map<String, Shape> out = new LinkedHashMap<>();
    out.put(inputName, new Shape(channels, height, width, false));
    List<LayerSpec> all = expanded();
    for (LayerSpec l : all) {
      List<Shape> ins = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String i : l.inputs()) {
        ins.add(seen.add(i) ? out.get(i) : null);
      }
      boolean multi = l.kind == LayerSpec.Kind.ADD || l.kind == LayerSpec.Kind.CONCAT;
      boolean ok = !ins.contains(null) && (multi ? ins.size() >= 2 : ins.size() == 1) && !out.containsKey(l.name);
      out.put(l.name, ok ? output(l, ins) : null);
    }
    if (!all.isEmpty()) { // layers the output does not read are not computed: not a network to compare
      Set<String> needed = new HashSet<>();
      List<String> todo = new ArrayList<>(List.of(all.get(all.size() - 1).name));
      Map<String, LayerSpec> byName = new LinkedHashMap<>();
      all.forEach(l -> byName.put(l.name, l));
      while (!todo.isEmpty()) {
        String n = todo.remove(todo.size() - 1);
        if (needed.add(n) && byName.containsKey(n)) {
          todo.addAll(byName.get(n).inputs());
        }
      }
      for (LayerSpec l : all) {
        if (!needed.contains(l.name)) {
          out.put(l.name, null);
        }
      }
    }
    return out;
  }

  /** The output shape of multi-input layer {@code l} over {@code ins}, or null when it is not valid there. */
  static Shape output(LayerSpec l, List<Shape> ins) {
    Shape first = ins.get(0);
    switch (l.kind) {
      case ADD -> {
        return ins.stream().allMatch(first::equals) ? first : null;
      }
      case CONCAT -> {
        int c = 0;
        for (Shape s : ins) {
          if (s.vector() != first.vector() || s.h() != first.h() || s.w() != first.w()) {
            return null;
          }
          c += s.c();
        }
        return new Shape(c, first.h(), first.w(), first.vector());
      }
      case BLOCK -> throw new IllegalStateException("blocks are expanded");
      default -> {
        return ins.size() == 1 ? output(l, first) : null;
      }
    }
  }

  static int convPadH(LayerSpec l) {
    return switch (l.pad) {
      case VALID -> 0;
      case SAME -> l.dh * (l.kh - 1) / 2;
      case FULL -> l.dh * (l.kh - 1);
      case EXPLICIT -> l.ph;
    };
  }

  static int convPadW(LayerSpec l) {
    return switch (l.pad) {
      case VALID -> 0;
      case SAME -> l.dw * (l.kw - 1) / 2;
      case FULL -> l.dw * (l.kw - 1);
      case EXPLICIT -> l.pw;
    };
  }

  static int convOut(int n, int k, int s, int p, int d) {
    int room = n + 2 * p - d * (k - 1) - 1;
    return room < 0 ? 0 : room / s + 1;
  }

  static int poolOut(int n, int k, int s, int p, boolean ceil) {
    int room = n + 2 * p - k;
    if (room < 0) {
      return 0;
    }
    int out = (ceil ? Math.floorDiv(room + s - 1, s) : room / s) + 1;
    if (ceil && (out - 1) * s >= n + p) {
      out--;
    }
    return out;
  }

  static int transposedOut(int n, int k, int s, int p, int op, int d) {
    return (n - 1) * s - 2 * p + d * (k - 1) + op + 1;
  }

  /** The output shape of {@code l} over {@code in}, or null when it is not a valid layer there. */
  static Shape output(LayerSpec l, Shape in) {
    if (l.windowed() && in.vector()) {
      return null;
    }
    switch (l.kind) {
      case CONV -> {
        if (l.table != null && l.table.length != in.c()) {
          return null;
        }
        if (l.groups < 1 || in.c() % l.groups != 0 || l.filters % l.groups != 0 || (l.groups > 1 && l.table != null)) {
          return null;
        }
        if (l.frozen() && (l.bias || (l.weights.length != l.kh * l.kw
            && l.weights.length != l.filters * (in.c() / l.groups) * l.kh * l.kw))) {
          return null;
        }
        int oh = convOut(in.h(), l.kh, l.sh, convPadH(l), l.dh);
        int ow = convOut(in.w(), l.kw, l.sw, convPadW(l), l.dw);
        return oh <= 0 || ow <= 0 ? null : new Shape(l.filters, oh, ow, false);
      }
      case TRANSPOSED -> {
        int oh = transposedOut(in.h(), l.kh, l.sh, l.ph, l.oph, l.dh);
        int ow = transposedOut(in.w(), l.kw, l.sw, l.pw, l.opw, l.dw);
        return oh <= 0 || ow <= 0 ? null : new Shape(l.filters, oh, ow, false);
      }
      case MAX, AVG, L2 -> {
        int oh = poolOut(in.h(), l.kh, l.sh, l.ph, l.ceil);
        int ow = poolOut(in.w(), l.kw, l.sw, l.pw, l.ceil);
        return oh <= 0 || ow <= 0 ? null : new Shape(in.c(), oh, ow, false);
      }
      case SUBSAMPLING -> {
        int oh = poolOut(in.h(), l.kh, l.sh, 0, false);
        int ow = poolOut(in.w(), l.kw, l.sw, 0, false);
        return oh <= 0 || ow <= 0 ? null : new Shape(in.c(), oh, ow, false);
      }
      case DENSE -> {
        return new Shape(l.units, 1, 1, true);
      }
      case ACTIVATE, BATCHNORM, DROPOUT, LRN -> {
        return in;
      }
      case GAP -> {
        return in.vector() ? null : new Shape(in.c(), 1, 1, true);
      }
      case RBF -> {
        if (l.prototypes != null) {
          if (l.prototypes.length != l.units) {
            return null;
          }
          for (String p : l.prototypes) {
            if (p.length() != in.size()) {
              return null;
            }
          }
        }
        return new Shape(l.units, 1, 1, true);
      }
      default -> throw new IllegalStateException(l.kind.toString());
    }
  }
}
