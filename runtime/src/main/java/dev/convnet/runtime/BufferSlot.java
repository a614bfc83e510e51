package dev.convnet.runtime;

import java.util.Arrays;

/**
 * One named non-trainable tensor (a batch-norm running mean or variance) inside the flat buffer array of a
 * {@link ParameterLayout}. Buffers live outside the trainable parameters: optimizers, gradients and parameter counts
 * never see them, but they are saved and loaded with the model.
 *
 * @param name    e.g. {@code "bn1.running_mean"}
 * @param layer   the layer it belongs to
 * @param offset  first index in the flat buffer array
 * @param shape   its shape, e.g. {@code [channels]}
 * @param initial the value every element starts at (and returns to on {@link Parameters#initialize})
 */
public record BufferSlot(String name, String layer, int offset, int[] shape, float initial) {

  /**
   * @param name the name
   * @param layer the layer's name
   * @param offset the index of the first value in the array
   * @param shape the shape, PyTorch order
   * @param initial the initial value
   * @throws IllegalArgumentException for a missing name or layer, a negative offset, an empty or non-positive shape
   *                                  or a non-finite initial value
   */
  public BufferSlot {
    if (name == null || name.isEmpty() || layer == null) {
      throw new IllegalArgumentException("a buffer needs a name and a layer, got name " + name + ", layer " + layer);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("buffer '" + name + "' has negative offset " + offset);
    }
    if (shape == null || shape.length == 0) {
      throw new IllegalArgumentException("buffer '" + name + "' needs a shape with at least one dimension");
    }
    shape = shape.clone();
    long n = 1;
    for (int s : shape) {
      if (s < 1) {
        throw new IllegalArgumentException("buffer '" + name + "' has shape " + Arrays.toString(shape)
            + "; every dimension must be >= 1");
      }
      n *= s;
      if (n > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("buffer '" + name + "' has shape " + Arrays.toString(shape)
            + ", too many values");
      }
    }
    if (!Float.isFinite(initial)) {
      throw new IllegalArgumentException("buffer '" + name + "' has non-finite initial value " + initial);
    }
  }

  /**
   * Number of values in the flat buffer array.
   *
   * @return number of values in the flat buffer array
   */
  public int length() {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }

  /** {@return a copy of the shape, PyTorch order} */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** {@return the shape written as {@code [a, b]}} */
  public String shapeString() {
    return Arrays.toString(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BufferSlot s && s.name.equals(name) && s.layer.equals(layer) && s.offset == offset
        && Arrays.equals(s.shape, shape) && Float.compare(s.initial, initial) == 0;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + offset;
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape) + " @" + offset + " = " + initial;
  }
}
