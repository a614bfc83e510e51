package dev.convnet.onnx.importer;

import dev.convnet.runtime.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer of an imported declaration: its annotation with the values it is written with (defaults left out), the
 * layers it reads, its output shape, its parameters (named by their suffix: {@code weight}, {@code bias},
 * {@code running_mean}, {@code running_var}) with the ONNX tensors they came from, and the ONNX nodes it replaces.
 */
final class ImportedLayer {
  /** A parameter or buffer tensor in PyTorch layout, and the ONNX tensor it came from. */
  record Param(String suffix, int[] dims, float[] values, String source) {}

  final String name;
  final String annotation;
  final Map<String, String> values = new LinkedHashMap<>();
  final List<String> inputs;
  final List<Param> params = new ArrayList<>();
  final List<String> nodes = new ArrayList<>();
  Shape shape;
  boolean output;

  ImportedLayer(String name, String annotation, List<String> inputs, Shape shape) {
    this.name = name;
    this.annotation = annotation;
    this.inputs = List.copyOf(inputs);
    this.shape = shape;
  }

  ImportedLayer set(String key, String literal) {
    values.put(key, literal);
    return this;
  }

  /** Sets an int-pair value, written as one number when both are equal; left out when it equals {@code dflt}. */
  ImportedLayer pair(String key, int h, int w, int dflt) {
    if (h != dflt || w != dflt) {
      values.put(key, h == w ? Integer.toString(h) : "{" + h + ", " + w + "}");
    }
    return this;
  }

  ImportedLayer param(String suffix, int[] dims, float[] values, String source) {
    params.add(new Param(suffix, dims, values, source));
    return this;
  }

  /** Whether the layer's annotation takes an activation (and the ONNX activation after it can fold into it). */
  boolean takesActivation() {
    return switch (annotation) {
      case "Conv", "TransposedConv", "Subsampling", "Dense", "Add", "BatchNorm" -> true;
      default -> false;
    };
  }
}
