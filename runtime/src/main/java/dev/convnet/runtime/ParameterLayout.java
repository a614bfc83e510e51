package dev.convnet.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named layout of a network's flat parameter buffer: an ordered list of {@link ParamSlot}s, laid out back to
 * back. Generated classes build theirs once, as a constant; the gradient buffer uses the same layout.
 */
public final class ParameterLayout {
  private final List<ParamSlot> slots;
  private final Map<String, ParamSlot> byName;
  private final int size;

  private ParameterLayout(List<ParamSlot> slots) {
    this.slots = Collections.unmodifiableList(new ArrayList<>(slots));
    Map<String, ParamSlot> map = new LinkedHashMap<>();
    int end = 0;
    for (ParamSlot s : slots) {
      map.put(s.name(), s);
      end = Math.max(end, s.offset() + s.length());
    }
    this.byName = Collections.unmodifiableMap(map);
    this.size = end;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<ParamSlot> slots() {
    return slots;
  }

  /** Total number of floats in the buffer. */
  public int size() {
    return size;
  }

  /** The slot of that name, or an exception that lists the names there are. */
  public ParamSlot slot(String name) {
    ParamSlot s = byName.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no parameter named '" + name + "'; this network has " + byName.keySet());
    }
    return s;
  }

  public boolean has(String name) {
    return byName.containsKey(name);
  }

  /** A text that changes whenever the names, shapes, order or connection tables change. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (ParamSlot s : slots) {
      b.append(s).append('\n');
    }
    return b.toString();
  }

  /** Builds a layout slot by slot, assigning consecutive offsets. */
  public static final class Builder {
    private final List<ParamSlot> slots = new ArrayList<>();
    private int offset;

    private Builder() {}

    public Builder add(String name, String layer, ParamSlot.Role role, int[] shape, int fanIn, int fanOut) {
      return add(new ParamSlot(name, layer, role, offset, shape, fanIn, fanOut, null));
    }

    /** A convolution weight {@code [out, in, kh, kw]} that stores only the kernels marked in {@code connected[out][in]}. */
    public Builder addTable(String name, String layer, int[] shape, int fanIn, int fanOut, boolean[][] connected) {
      return add(new ParamSlot(name, layer, ParamSlot.Role.WEIGHT, offset, shape, fanIn, fanOut, connected));
    }

    private Builder add(ParamSlot slot) {
      for (ParamSlot s : slots) {
        if (s.name().equals(slot.name())) {
          throw new IllegalArgumentException("duplicate parameter name " + slot.name());
        }
      }
      slots.add(slot);
      offset += slot.length();
      return this;
    }

    public ParameterLayout build() {
      return new ParameterLayout(slots);
    }
  }
}
