package dev.convnet.processor.kind;

import dev.convnet.processor.diag.Diagnostic;
import dev.convnet.processor.diag.Location;
import dev.convnet.processor.diag.Message;
import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.Dim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * The values of one layer annotation, with defaults, read by type; what a kind's {@link LayerKind#read} uses. A value
 * that cannot be read is reported once, and {@link #failed()} then tells the kind to give no layer. Inside a block,
 * filter counts and strides follow the use ({@code Block.W1} …, {@code Block.STRIDE}).
 */
public final class AnnotationValues {
  private final String layer;
  private final AnnotationMirror mirror;
  private final List<Diagnostic> out;
  private final IntFunction<Integer> filterCount;
  private final int blockStride;
  private final boolean inBlock;
  private boolean failed;

  /**
   * @param filterCount a block's filter counts: {@code Block.W1} … resolved from the use's widths (null when
   *                    missing), plain counts multiplied by the use's width
   */
  public AnnotationValues(String layer, AnnotationMirror mirror, List<Diagnostic> out,
                          IntFunction<Integer> filterCount, int blockStride, boolean inBlock) {
    this.layer = layer;
    this.mirror = mirror;
    this.out = out;
    this.filterCount = filterCount;
    this.blockStride = blockStride;
    this.inBlock = inBlock;
  }

  /** The layer's name. */
  public String layer() {
    return layer;
  }

  /** Whether a value could not be read (it was reported). */
  public boolean failed() {
    return failed;
  }

  /** Reports a problem with the values (once per layer) and marks the reading failed. */
  public void fail(Message message, String attribute, Object... args) {
    if (!failed) {
      out.add(message.at(Location.attribute(layer, attribute), args));
    }
    failed = true;
  }

  /** Whether the attribute was written in the declaration (not left at its default). */
  public boolean written(String attribute) {
    return mirror.getElementValues().keySet().stream().anyMatch(k -> k.getSimpleName().contentEquals(attribute));
  }

  /** A filter count; in a block, {@code Block.W1} … {@code W8} or a count scaled by the use's width. */
  public int filters() {
    int f = integer("filters");
    if (!inBlock) {
      return f;
    }
    Integer resolved = filterCount.apply(f);
    if (resolved == null) {
      fail(Message.BLOCK_FILTERS_MISSING_WIDTH, "filters", layer, -f);
      return 1;
    }
    return resolved;
  }

  /** A stride ({@code fallback} when empty); inside a block, {@code Block.STRIDE} (0) takes the use's stride. */
  public Dim stride(Dim fallback) {
    Dim d = dim("stride", fallback);
    if (inBlock && (d.h() == 0 || d.w() == 0)) {
      return new Dim(d.h() == 0 ? blockStride : d.h(), d.w() == 0 ? blockStride : d.w());
    }
    return d;
  }

  public List<String> strings(String attribute) {
    return values(attribute, String.class);
  }

  /** An array attribute's elements, each of {@code type} (else the attribute is unreadable). */
  public <T> List<T> values(String attribute, Class<T> type) {
    List<T> values = new ArrayList<>();
    for (Object o : list(attribute)) {
      if (type.isInstance(o)) {
        values.add(type.cast(o));
      } else {
        unreadable(attribute);
      }
    }
    return values;
  }

  public long longValue(String attribute) {
    return scalar(attribute, Long.class, 0L);
  }

  public int integer(String attribute) {
    return scalar(attribute, Integer.class, 1);
  }

  public boolean bool(String attribute) {
    return scalar(attribute, Boolean.class, false);
  }

  public double real(String attribute) {
    return scalar(attribute, Double.class, 0.0);
  }

  /** An enum attribute's constant name; empty after reporting it unreadable. */
  public String enumName(String attribute) {
    AnnotationValue v = value(attribute);
    if (v != null && v.getValue() instanceof VariableElement e) {
      return e.getSimpleName().toString();
    }
    unreadable(attribute);
    return "";
  }

  /** The elements of an array attribute (empty when it is not an array, after reporting it). */
  public List<Object> list(String attribute) {
    AnnotationValue v = value(attribute);
    if (v == null || !(v.getValue() instanceof List<?>)) {
      unreadable(attribute);
    }
    return elements(v);
  }

  /** One number for both axes or {height, width}; an empty array means {@code fallback}. */
  public Dim dim(String attribute, Dim fallback) {
    List<Object> values = list(attribute);
    if (values.isEmpty() && fallback != null) {
      return fallback;
    }
    if (values.size() != 1 && values.size() != 2) {
      fail(Message.BAD_PAIR, attribute, layer, simpleName(mirror), attribute, values.size());
      return Dim.of(1);
    }
    int[] n = new int[values.size()];
    for (int i = 0; i < n.length; i++) {
      if (!(values.get(i) instanceof Integer x)) {
        unreadable(attribute);
        return Dim.of(1);
      }
      n[i] = x;
    }
    return n.length == 1 ? Dim.of(n[0]) : new Dim(n[0], n[1]);
  }

  /** An activation attribute with the annotation's {@code slope}. */
  public Act act(String attribute) {
    String name = enumName(attribute);
    if (name.isEmpty()) {
      return Act.IDENTITY;
    }
    return new Act(Act.Kind.valueOf(name), real("slope"));
  }

  private <T> T scalar(String attribute, Class<T> type, T fallback) {
    AnnotationValue v = value(attribute);
    if (v != null && type.isInstance(v.getValue())) {
      return type.cast(v.getValue());
    }
    unreadable(attribute);
    return fallback;
  }

  private AnnotationValue value(String attribute) {
    return valueWithDefault(mirror, attribute);
  }

  private void unreadable(String attribute) {
    fail(Message.UNREADABLE, attribute, layer, attribute, String.valueOf(value(attribute)));
  }

  // ------------------------------------------------------------------ javac's annotation API, shared with the reader

  /** The value of {@code attribute} as written, else its default. */
  public static AnnotationValue valueWithDefault(AnnotationMirror m, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue();
      }
    }
    for (Element e : m.getAnnotationType().asElement().getEnclosedElements()) {
      if (e instanceof ExecutableElement x && x.getSimpleName().contentEquals(attribute)) {
        return x.getDefaultValue();
      }
    }
    return null;
  }

  /** The elements of an array annotation value, unwrapped; empty when the value is absent or not an array. */
  public static List<Object> elements(AnnotationValue v) {
    List<Object> values = new ArrayList<>();
    if (v != null && v.getValue() instanceof List<?> l) {
      for (Object o : l) {
        values.add(o instanceof AnnotationValue av ? av.getValue() : o);
      }
    }
    return values;
  }

  /** The annotation's simple name. */
  public static String simpleName(AnnotationMirror m) {
    return m.getAnnotationType().asElement().getSimpleName().toString();
  }
}
