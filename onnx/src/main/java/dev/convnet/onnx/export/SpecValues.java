package dev.convnet.onnx.export;

import dev.convnet.runtime.LayerSpec;

/** A {@link LayerSpec}'s attributes as the exporter reads them: the spec's typed readers plus lists and defaults. */
final class SpecValues {
  private final LayerSpec spec;

  SpecValues(LayerSpec spec) {
    this.spec = spec;
  }

  String text(String key) {
    return spec.attribute(key);
  }

  boolean has(String key) {
    return spec.has(key);
  }

  int integer(String key) {
    return spec.intAttribute(key);
  }

  int[] pair(String key) {
    return spec.pairAttribute(key);
  }

  boolean bool(String key) {
    return spec.booleanAttribute(key);
  }

  double real(String key) {
    return spec.realAttribute(key);
  }

  /** The layer's activation, {@code identity} when it has none. */
  String activation() {
    return has("activation") ? text("activation") : "identity";
  }

  /** A comma-joined list of numbers as floats. */
  float[] numbers(String key) {
    String[] parts = text(key).split(",");
    float[] out = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = (float) Double.parseDouble(parts[i].trim());
    }
    return out;
  }
}
