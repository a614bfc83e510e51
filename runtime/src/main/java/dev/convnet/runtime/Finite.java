package dev.convnet.runtime;

import java.util.Locale;

/** Finds NaN and infinite values and says which named parameter or buffer they belong to, for error messages. */
public final class Finite {
  private Finite() {}

  /**
   * The index of the first NaN or infinite value among {@code values[0 .. length)}, or -1 if all are finite.
   *
   * @param values the values
   * @param length how many values to look at
   * @return the index of the first NaN or infinite value, or -1 if all are finite
   */
  public static int firstNonFinite(float[] values, int length) {
    for (int i = 0; i < length; i++) {
      if (!Float.isFinite(values[i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The slot holding flat index {@code index}, or {@code null} if none does.
   *
   * @param layout the parameter layout
   * @param index an index into the flat array
   * @return the slot holding flat index {@code index}, or {@code null} if none does
   */
  public static ParamSlot slotAt(ParameterLayout layout, int index) {
    for (ParamSlot s : layout.slots()) {
      if (index >= s.offset() && index < s.offset() + s.length()) {
        return s;
      }
    }
    return null;
  }

  /**
   * Names a flat parameter index, e.g. {@code "parameter 'c1.weight' [6, 1, 5, 5] of layer 'c1' (value 3 of 150)"}.
   *
   * @param layout the parameter layout
   * @param index an index into the flat array
   * @return a description naming the slot, the layer and the position
   */
  public static String describeIndex(ParameterLayout layout, int index) {
    ParamSlot s = slotAt(layout, index);
    if (s == null) {
      return "index " + index + " (outside every parameter of the layout)";
    }
    return String.format(Locale.ROOT, "parameter '%s' %s of layer '%s' (value %d of %d)", s.name(),
        s.shapeString(), s.layer(), index - s.offset(), s.length());
  }

  /**
   * Names a flat index into the buffer array, e.g.
   * {@code "buffer 'bn1.running_var' [6] of layer 'bn1' (value 3 of 6)"}.
   *
   * @param layout the parameter layout
   * @param index an index into the flat array
   * @return a description naming the buffer, the layer and the position
   */
  public static String describeBufferIndex(ParameterLayout layout, int index) {
    for (BufferSlot s : layout.buffers()) {
      if (index >= s.offset() && index < s.offset() + s.length()) {
        return String.format(Locale.ROOT, "buffer '%s' %s of layer '%s' (value %d of %d)", s.name(),
            s.shapeString(), s.layer(), index - s.offset(), s.length());
      }
    }
    return "buffer index " + index + " (outside every buffer of the layout)";
  }
}
