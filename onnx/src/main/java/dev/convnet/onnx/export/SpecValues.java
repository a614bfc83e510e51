package dev.convnet.onnx.export;

import dev.convnet.runtime.LayerSpec;

/** Typed reading of a {@link LayerSpec}'s attribute strings (the formats of {@code CompiledNetwork.architecture()}). */
final class SpecValues {
  private final LayerSpec spec;

  SpecValues(LayerSpec spec) {
    this.spec = spec;
  }

  String text(String key) {
    String v = spec.attributes().get(key);
    if (v == null) {
      throw new IllegalStateException("layer '" + spec.name() + "' (" + spec.op() + ") has no attribute '" + key
          + "': " + spec.attributes());
    }
    return v;
  }

  boolean has(String key) {
    return spec.attributes().containsKey(key);
  }

  int integer(String key) {
    return Integer.parseInt(text(key));
  }

  /** A pair "HxW" (or a single number meaning both) as {@code {h, w}}. */
  int[] pair(String key) {
    String v = text(key);
    int x = v.indexOf('x');
    if (x < 0) {
      int n = Integer.parseInt(v);
      return new int[] {n, n};
    }
    return new int[] {Integer.parseInt(v.substring(0, x)), Integer.parseInt(v.substring(x + 1))};
  }

  boolean bool(String key) {
    return Boolean.parseBoolean(text(key));
  }

  double real(String key) {
    return Double.parseDouble(text(key));
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
