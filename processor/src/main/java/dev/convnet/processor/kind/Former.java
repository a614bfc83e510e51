package dev.convnet.processor.kind;

import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.Dim;

/**
 * How version 1 of the architecture fingerprint printed a layer: the model record's {@code toString()} as Java
 * writes records ({@code Conv[filters=6, kernel=5, ...]}), with sizes and activations as that version printed them.
 * Frozen: model files saved then carry hashes of these texts.
 */
public final class Former {
  private Former() {}

  /** {@code Name[k1=v1, k2=v2]} from alternating component names and values. */
  public static String record(String name, Object... components) {
    StringBuilder b = new StringBuilder(name).append('[');
    for (int i = 0; i < components.length; i += 2) {
      b.append(i == 0 ? "" : ", ").append(components[i]).append('=').append(text(components[i + 1]));
    }
    return b.append(']').toString();
  }

  private static String text(Object value) {
    if (value instanceof Dim d) {
      return d.h() == d.w() ? Integer.toString(d.h()) : d.h() + "×" + d.w();
    }
    if (value instanceof Act a) {
      return switch (a.kind()) {
        case IDENTITY -> "identity";
        case RELU -> "ReLU";
        case LEAKY_RELU -> "leaky ReLU " + a.slope();
        case SIGMOID -> "sigmoid";
        case TANH -> "tanh";
        case LECUN_TANH -> "1.7159·tanh(2x/3)";
        case SOFTMAX -> "softmax";
      };
    }
    return String.valueOf(value);
  }
}
