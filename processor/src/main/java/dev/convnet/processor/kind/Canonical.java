package dev.convnet.processor.kind;

import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.Dim;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A layer's canonical attributes, in the order they are written, each value in the one form the runtime's
 * {@code LayerSpec} documents: integers in decimal, sizes {@code HxW}, booleans, reals as {@link Double#toString},
 * activations by name ({@code leaky_relu:<slope>}).
 */
public final class Canonical {
  private final Map<String, String> values = new LinkedHashMap<>();

  public Canonical put(String key, long value) {
    return put(key, Long.toString(value));
  }

  public Canonical put(String key, boolean value) {
    return put(key, Boolean.toString(value));
  }

  public Canonical put(String key, double value) {
    return put(key, Double.toString(value));
  }

  public Canonical put(String key, Dim value) {
    return put(key, value.h() + "x" + value.w());
  }

  public Canonical put(String key, Act value) {
    return put(key, switch (value.kind()) {
      case IDENTITY -> "identity";
      case RELU -> "relu";
      case LEAKY_RELU -> "leaky_relu:" + value.slope();
      case SIGMOID -> "sigmoid";
      case TANH -> "tanh";
      case LECUN_TANH -> "lecun_tanh";
      case SOFTMAX -> "softmax";
    });
  }

  public Canonical put(String key, String value) {
    if (values.putIfAbsent(key, value) != null) {
      throw new IllegalStateException("attribute '" + key + "' written twice");
    }
    return this;
  }

  /** The attributes in the order written. */
  public Map<String, String> values() {
    return java.util.Collections.unmodifiableMap(values);
  }
}
