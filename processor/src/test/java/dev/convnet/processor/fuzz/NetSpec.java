package dev.convnet.processor.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * A fuzzed network declaration: its input, a chain of layers, the precisions to generate and the loss to train it
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

  /** Re-links the chain after layers were removed: each layer reads the one before it; the last is the output. */
  void relink() {
    String prev = inputName;
    for (LayerSpec l : layers) {
      l.from = prev;
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
      b.append("  ").append(l.annotations()).append("\n  Tensor ").append(l.name).append("(Tensor ").append(l.from)
          .append(");\n");
    }
    b.append("}\n");
    return b.toString();
  }

  // ------------------------------------------------------------------ shapes (PyTorch's formulas)

  /** Output shapes of the input and each layer in order; null where a layer cannot take its input. */
  List<Shape> shapes() {
    List<Shape> out = new ArrayList<>();
    Shape s = new Shape(channels, height, width, false);
    out.add(s);
    for (LayerSpec l : layers) {
      s = s == null ? null : output(l, s);
      out.add(s);
    }
    return out;
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
      case ACTIVATE -> {
        return in;
      }
      default -> throw new IllegalStateException();
    }
  }
}
