package dev.convnet.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named layout of a network's flat parameter buffer: an ordered list of {@link ParamSlot}s, laid out back to
 * back. Generated classes build theirs once, as a constant; the gradient buffer uses the same layout.
 *
 * <p>A layout may also name non-trainable buffers ({@link BufferSlot}s, e.g. batch-norm running statistics), laid
 * out back to back in a second, separate flat array of {@link #bufferSize()} floats. They do not count in
 * {@link #size()}, so optimizers and gradients never see them.
 */
public final class ParameterLayout {
  private final List<ParamSlot> slots;
  private final Map<String, ParamSlot> byName;
  private final int size;
  private final List<BufferSlot> buffers;
  private final Map<String, BufferSlot> buffersByName;
  private final int bufferSize;

  private ParameterLayout(List<ParamSlot> slots, List<BufferSlot> buffers) {
    this.slots = Collections.unmodifiableList(new ArrayList<>(slots));
    Map<String, ParamSlot> map = new LinkedHashMap<>();
    int end = 0;
    for (ParamSlot s : slots) {
      map.put(s.name(), s);
      end = Math.max(end, s.offset() + s.length());
    }
    this.byName = Collections.unmodifiableMap(map);
    this.size = end;
    this.buffers = Collections.unmodifiableList(new ArrayList<>(buffers));
    Map<String, BufferSlot> bufferMap = new LinkedHashMap<>();
    int bufferEnd = 0;
    for (BufferSlot s : buffers) {
      bufferMap.put(s.name(), s);
      bufferEnd = Math.max(bufferEnd, s.offset() + s.length());
    }
    this.buffersByName = Collections.unmodifiableMap(bufferMap);
    this.bufferSize = bufferEnd;
  }

  /** {@return a builder of a new layout} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the trainable slots, in the order of their offsets} */
  public List<ParamSlot> slots() {
    return slots;
  }

  /**
   * Total number of trainable floats in the parameter buffer (buffers not included).
   *
   * @return total number of trainable floats in the parameter buffer (buffers not included)
   */
  public int size() {
    return size;
  }

  /**
   * The slot of that name, or an exception that lists the names there are.
   *
   * @param name the name
   * @return the slot of that name, or an exception that lists the names there are
   */
  public ParamSlot slot(String name) {
    ParamSlot s = byName.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no parameter named '" + name + "'; this network has " + byName.keySet());
    }
    return s;
  }

  /**
   * Whether a parameter slot of that name exists.
   *
   * @param name the slot's name
   * @return true if it exists
   */
  public boolean has(String name) {
    return byName.containsKey(name);
  }

  /**
   * The non-trainable buffers, in the order of their offsets; empty for most networks.
   *
   * @return the non-trainable buffers, in the order of their offsets; empty for most networks
   */
  public List<BufferSlot> buffers() {
    return buffers;
  }

  /**
   * Total number of floats in the flat buffer array (0 without buffers).
   *
   * @return total number of floats in the flat buffer array (0 without buffers)
   */
  public int bufferSize() {
    return bufferSize;
  }

  /**
   * The buffer of that name, or an exception that lists the buffer names there are.
   *
   * @param name the name
   * @return the buffer of that name, or an exception that lists the buffer names there are
   */
  public BufferSlot buffer(String name) {
    BufferSlot s = buffersByName.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no buffer named '" + name + "'; this network has "
          + (buffersByName.isEmpty() ? "no buffers" : "buffers " + buffersByName.keySet()));
    }
    return s;
  }

  /**
   * A text that changes whenever the names, shapes, order or connection tables change, or the buffers (listed after
   * the parameters, only when there are any, so a layout without buffers describes itself as before).
   *
   * @return a text that changes whenever the names, shapes, order or connection tables change, or the buffers (listed after the parameters, only when there are any, so a layout without buffers describes itself as before)
   */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (ParamSlot s : slots) {
      b.append(s).append('\n');
    }
    if (!buffers.isEmpty()) {
      b.append("buffers:\n");
      for (BufferSlot s : buffers) {
        b.append(s).append('\n');
      }
    }
    return b.toString();
  }

  /** Builds a layout slot by slot, assigning consecutive offsets (parameters and buffers each their own). */
  public static final class Builder {
    private final List<ParamSlot> slots = new ArrayList<>();
    private final List<BufferSlot> buffers = new ArrayList<>();
    private int offset;
    private int bufferOffset;

    private Builder() {}

    /**
     * Adds a dense trainable slot.
     *
     * @param name   the slot's name ({@code c1.weight})
     * @param layer  the layer's name
     * @param role   what the values are
     * @param shape  the shape, PyTorch order
     * @param fanIn  inputs of a unit
     * @param fanOut outputs a unit feeds
     * @return this builder
     */
    public Builder add(String name, String layer, ParamSlot.Role role, int[] shape, int fanIn, int fanOut) {
      return add(new ParamSlot(name, layer, role, offset, shape, fanIn, fanOut, null));
    }

    /**
     * A convolution weight {@code [out, in, kh, kw]} that stores only the kernels marked in {@code connected[out][in]}.
     *
     * @param name the name
     * @param layer the layer's name
     * @param shape the shape, PyTorch order
     * @param fanIn inputs of a unit
     * @param fanOut outputs a unit feeds
     * @param connected which connections exist, or null for all
     * @return a convolution weight {@code [out, in, kh, kw]} that stores only the kernels marked in {@code connected[out][in]}
     */
    public Builder addTable(String name, String layer, int[] shape, int fanIn, int fanOut, boolean[][] connected) {
      return add(new ParamSlot(name, layer, ParamSlot.Role.WEIGHT, offset, shape, fanIn, fanOut, connected));
    }

    /**
     * A non-trainable buffer of {@code shape}, every value starting at {@code initial}, e.g.
     * {@code addBuffer("bn1.running_var", "bn1", new int[] {6}, 1)}. Buffers get consecutive offsets in their own
     * flat array, in the order added.
     *
     * @param name the name
     * @param layer the layer's name
     * @param shape the shape, PyTorch order
     * @param initial the initial value
     * @return a non-trainable buffer of {@code shape}, every value starting at {@code initial}, e.g
     * @throws IllegalArgumentException for a name already used by a parameter or buffer, or an invalid shape or
     *                                  initial value
     */
    public Builder addBuffer(String name, String layer, int[] shape, float initial) {
      BufferSlot slot = new BufferSlot(name, layer, bufferOffset, shape, initial);
      checkUnused(name);
      if ((long) bufferOffset + slot.length() > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("buffer '" + name + "' makes the buffers too large");
      }
      buffers.add(slot);
      bufferOffset += slot.length();
      return this;
    }

    private Builder add(ParamSlot slot) {
      checkUnused(slot.name());
      slots.add(slot);
      offset += slot.length();
      return this;
    }

    private void checkUnused(String name) {
      for (ParamSlot s : slots) {
        if (s.name().equals(name)) {
          throw new IllegalArgumentException("duplicate parameter name " + name);
        }
      }
      for (BufferSlot s : buffers) {
        if (s.name().equals(name)) {
          throw new IllegalArgumentException("duplicate buffer name " + name);
        }
      }
    }

    /** {@return the layout} */
    public ParameterLayout build() {
      return new ParameterLayout(slots, buffers);
    }
  }
}
