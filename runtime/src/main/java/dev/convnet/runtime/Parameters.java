package dev.convnet.runtime;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A network's trainable parameters: one flat {@code float[]} in the order of its {@link ParameterLayout}, with
 * import and export by name in PyTorch layouts. Several network instances (workers) can share one.
 *
 * <p>It also holds the layout's non-trainable buffers ({@link BufferSlot}s) in a second flat array,
 * {@link #buffers()}, which starts at each buffer's initial value.
 */
public final class Parameters {
  private final ParameterLayout layout;
  private final float[] data;
  private final float[] buffers;

  /**
   * Parameters of {@code layout}, all zero, and its buffers at their initial values.
   *
   * @param layout the parameter layout
   */
  public Parameters(ParameterLayout layout) {
    this.layout = layout;
    this.data = new float[layout.size()];
    this.buffers = new float[layout.bufferSize()];
    resetBuffers();
  }

  /** {@return the layout of these parameters} */
  public ParameterLayout layout() {
    return layout;
  }

  /**
   * The flat buffer itself (not a copy); optimizers update it in place.
   *
   * @return the flat buffer itself (not a copy); optimizers update it in place
   */
  public float[] data() {
    return data;
  }

  /**
   * The flat array of non-trainable buffers itself (not a copy), in the order of {@link ParameterLayout#buffers()};
   * never {@code null}, empty without buffers. Layers update their running statistics in it in place.
   *
   * @return the flat array of non-trainable buffers itself (not a copy), in the order of {@link ParameterLayout#buffers()}; never {@code null}, empty without buffers
   */
  public float[] buffers() {
    return buffers;
  }

  /**
   * Sets every parameter from its role: weights uniform in ±sqrt(1/fanIn)·gain per {@code init}, biases uniform in
   * ±1/sqrt(fanIn) (PyTorch's default), scales 1, shifts 0. Deterministic for a seed. Every buffer returns to its
   * initial value.
   *
   * @param init the initialization scheme
   * @param seed the seed
   * @return these parameters, initialized: weights uniform in ±sqrt(1/fanIn)·gain per {@code init}, biases uniform in ±1/sqrt(fanIn) (PyTorch's default), scales 1, shifts 0
   */
  public Parameters initialize(Init init, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (ParamSlot s : layout.slots()) {
      int n = s.length();
      double bound = switch (s.role()) {
        case WEIGHT -> init.bound(s.fanIn(), s.fanOut());
        case BIAS -> 1.0 / Math.sqrt(Math.max(1, s.fanIn()));
        case SCALE, SHIFT -> 0;
      };
      float constant = s.role() == ParamSlot.Role.SCALE ? 1f : 0f;
      for (int i = 0; i < n; i++) {
        data[s.offset() + i] = bound == 0 ? constant : (float) ((random.nextDouble() * 2 - 1) * bound);
      }
    }
    resetBuffers();
    return this;
  }

  private void resetBuffers() {
    for (BufferSlot s : layout.buffers()) {
      Arrays.fill(buffers, s.offset(), s.offset() + s.length(), s.initial());
    }
  }

  /**
   * Copies all values, buffers included, from another parameter set of the same layout.
   *
   * @param other the parameters to copy from
   */
  public void copyFrom(Parameters other) {
    if (!other.layout.describe().equals(layout.describe())) {
      throw new IllegalArgumentException("cannot copy parameters between different layouts");
    }
    System.arraycopy(other.data, 0, data, 0, data.length);
    System.arraycopy(other.buffers, 0, buffers, 0, buffers.length);
  }

  /**
   * A copy of the buffer of that name, in its shape's row-major order.
   *
   * @param name the name
   * @return a copy of the buffer of that name, in its shape's row-major order
   */
  public float[] getBuffer(String name) {
    BufferSlot s = layout.buffer(name);
    return Arrays.copyOfRange(buffers, s.offset(), s.offset() + s.length());
  }

  /**
   * Sets the buffer of that name from values in its shape's row-major order.
   *
   * @param name the name
   * @param values the values
   * @throws IllegalArgumentException for an unknown name, or a number of values other than the buffer's length
   */
  public void setBuffer(String name, float[] values) {
    BufferSlot s = layout.buffer(name);
    if (values == null || values.length != s.length()) {
      throw new IllegalArgumentException("buffer '" + name + "' has shape " + s.shapeString() + " = " + s.length()
          + " values, got " + (values == null ? "null" : values.length));
    }
    System.arraycopy(values, 0, buffers, s.offset(), values.length);
  }

  /**
   * Sets a tensor from values in PyTorch layout ({@link ParamSlot#shape()}).
   *
   * @param name the name
   * @param values the values
   */
  public void set(String name, float[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = values[i];
    }
    set(name, d);
  }

  /**
   * Sets a tensor from values in PyTorch layout. For a table-connected convolution the dense {@code [out, in, kh,
   * kw]} tensor is expected, with zeros at unconnected kernels; a non-zero value there is an error, because it would
   * be lost.
   *
   * @param name the name
   * @param values the values
   */
  public void set(String name, double[] values) {
    ParamSlot s = layout.slot(name);
    if (values.length != s.denseLength()) {
      throw new IllegalArgumentException("parameter '" + name + "' has shape " + s.shapeString() + " = "
          + s.denseLength() + " values, got " + values.length);
    }
    importInto(s, values, data);
  }

  /**
   * The tensor in PyTorch layout (a table-connected conv gives zeros at unconnected kernels).
   *
   * @param name the name
   * @return the tensor in PyTorch layout (a table-connected conv gives zeros at unconnected kernels)
   */
  public float[] get(String name) {
    ParamSlot s = layout.slot(name);
    double[] dense = exportFrom(s, data);
    float[] out = new float[dense.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) dense[i];
    }
    return out;
  }

  /**
   * Copies a dense PyTorch-layout tensor into a flat buffer (float or double) at the slot's place.
   *
   * @param s the slot
   * @param values the values
   * @param buffer the buffer
   */
  public static void importInto(ParamSlot s, double[] values, Object buffer) {
    if (values.length != s.denseLength()) {
      throw new IllegalArgumentException("parameter '" + s.name() + "' has shape " + s.shapeString() + " = "
          + s.denseLength() + " values, got " + values.length);
    }
    boolean[][] table = s.connected();
    if (table == null) {
      for (int i = 0; i < values.length; i++) {
        store(buffer, s.offset() + i, values[i]);
      }
      return;
    }
    int[] sh = s.shape();
    int kernel = sh[2] * sh[3];
    int at = s.offset();
    for (int o = 0; o < sh[0]; o++) {
      for (int i = 0; i < sh[1]; i++) {
        int from = (o * sh[1] + i) * kernel;
        if (table[o][i]) {
          for (int k = 0; k < kernel; k++) {
            store(buffer, at++, values[from + k]);
          }
        } else {
          for (int k = 0; k < kernel; k++) {
            if (values[from + k] != 0) {
              throw new IllegalArgumentException("parameter '" + s.name() + "': kernel [" + o + ", " + i
                  + "] is not in the connection table but has non-zero value " + values[from + k]
                  + " at " + k + "; it would be lost");
            }
          }
        }
      }
    }
  }

  /**
   * Reads a slot out of a flat buffer (float or double) into dense PyTorch layout.
   *
   * @param s the slot
   * @param buffer the buffer
   * @return the slot's values in dense PyTorch layout
   */
  public static double[] exportFrom(ParamSlot s, Object buffer) {
    double[] out = new double[s.denseLength()];
    boolean[][] table = s.connected();
    if (table == null) {
      for (int i = 0; i < out.length; i++) {
        out[i] = load(buffer, s.offset() + i);
      }
      return out;
    }
    int[] sh = s.shape();
    int kernel = sh[2] * sh[3];
    int at = s.offset();
    for (int o = 0; o < sh[0]; o++) {
      for (int i = 0; i < sh[1]; i++) {
        if (table[o][i]) {
          int to = (o * sh[1] + i) * kernel;
          for (int k = 0; k < kernel; k++) {
            out[to + k] = load(buffer, at++);
          }
        }
      }
    }
    return out;
  }

  private static void store(Object buffer, int i, double v) {
    if (buffer instanceof float[] f) {
      f[i] = (float) v;
    } else {
      ((double[]) buffer)[i] = v;
    }
  }

  private static double load(Object buffer, int i) {
    return buffer instanceof float[] f ? f[i] : ((double[]) buffer)[i];
  }

  @Override
  public String toString() {
    return "Parameters(" + layout.size() + " values, " + layout.slots().size() + " tensors"
        + (buffers.length == 0 ? "" : ", " + buffers.length + " buffer values") + ")";
  }

  /**
   * Exposed for tests: a hash of the values and buffers.
   *
   * @return a hash of the values and buffers
   */
  public int valueHash() {
    return 31 * Arrays.hashCode(data) + Arrays.hashCode(buffers);
  }
}
