package dev.convnet.runtime;

import java.util.Arrays;

/**
 * One named parameter tensor inside the flat parameter buffer.
 *
 * <p>{@code shape} is the tensor's shape in PyTorch layout (conv {@code [out, in, kh, kw]}, transposed conv
 * {@code [in, out, kh, kw]}, dense {@code [out, in]}, vectors {@code [n]}), the layout used for import and export.
 * A convolution with a connection table stores only its connected kernels: {@code connected[o][i]} tells which
 * {@code (out, in)} pairs exist, in storage order output-major, then input; {@link #length()} counts only them.
 *
 * @param name     e.g. {@code "c1.weight"}
 * @param layer    the layer it belongs to
 * @param role     how it is initialized
 * @param offset   first index in the flat buffer
 * @param shape    PyTorch-layout shape
 * @param fanIn    inputs feeding one output (for initialization)
 * @param fanOut   outputs one input feeds (for initialization)
 * @param connected the connection table {@code [out][in]}, or {@code null} for a dense tensor
 */
public record ParamSlot(String name, String layer, Role role, int offset, int[] shape, int fanIn, int fanOut,
                        boolean[][] connected) {

  /** What a parameter is, which decides its default initialization. */
  public enum Role {
    /** A weight matrix or kernel: random, scaled by fan-in. */
    WEIGHT,
    /** A bias: random in ±1/sqrt(fan-in), as PyTorch does. */
    BIAS,
    /** A multiplicative coefficient (trainable subsampling, batch-norm gamma): starts at 1. */
    SCALE,
    /** An additive shift that starts at 0 (batch-norm beta). */
    SHIFT
  }

  /**
   * Copies the shape and the connection table.
   *
   * @param name     e.g. {@code "c1.weight"}
   * @param layer    the layer it belongs to
   * @param role     how it is initialized
   * @param offset   first index in the flat buffer
   * @param shape    PyTorch-layout shape
   * @param fanIn    inputs feeding one output (for initialization)
   * @param fanOut   outputs one input feeds (for initialization)
   * @param connected the connection table {@code [out][in]}, or {@code null} for a dense tensor
   */
  public ParamSlot {
    shape = shape.clone();
    if (connected != null) {
      boolean[][] copy = new boolean[connected.length][];
      for (int i = 0; i < connected.length; i++) {
        copy[i] = connected[i].clone();
      }
      connected = copy;
    }
  }

  /**
   * Number of values in PyTorch layout (unconnected kernels included).
   *
   * @return number of values in PyTorch layout (unconnected kernels included)
   */
  public int denseLength() {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }

  /**
   * Number of values stored in the flat buffer (only connected kernels).
   *
   * @return number of values stored in the flat buffer (only connected kernels)
   */
  public int length() {
    if (connected == null) {
      return denseLength();
    }
    int kernel = shape[2] * shape[3];
    int pairs = 0;
    for (boolean[] row : connected) {
      for (boolean c : row) {
        if (c) {
          pairs++;
        }
      }
    }
    return pairs * kernel;
  }

  /** {@return a copy of the shape, PyTorch order} */
  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** {@return the shape written as {@code [a, b, c, d]}} */
  public String shapeString() {
    return Arrays.toString(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParamSlot s && s.name.equals(name) && s.offset == offset && Arrays.equals(s.shape, shape)
        && s.role == role && Arrays.deepEquals(s.connected, connected);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + offset;
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape) + (connected == null ? "" : " (" + length() / (shape[2] * shape[3])
        + " of " + shape[0] * shape[1] + " kernels)") + " @" + offset;
  }
}
