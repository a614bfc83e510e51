package dev.convnet.processor.emit;

import com.palantir.javapoet.FieldSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The named plane geometry of a generated class beyond each layer's shape constants: the row pitch and length of a
 * layer's padded planes, where their interior starts, the length of its wide rows. Layers name a value as they write
 * code that uses it ({@link LayerContext#geometry}); the class declares each once, so calls such as
 * {@code Planes.copy(...)} read as shapes instead of positional numbers.
 */
public final class GeometryConstants {
  private record Entry(int value, String doc) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  /** The names the class declares otherwise (every layer's shape constants), which a geometry name must not take. */
  private final java.util.Set<String> reserved;
  /** The name each requested name was declared under: itself, or with '_' appended where it was taken. */
  private final Map<String, String> declared = new java.util.HashMap<>();

  /** Geometry constants for a class that also declares {@code reserved}. */
  public GeometryConstants(java.util.Set<String> reserved) {
    this.reserved = java.util.Set.copyOf(reserved);
  }

  /**
   * Registers {@code name = value} (once; the same name must always mean the same value) and returns the name it is
   * declared under: {@code name}, unless that is one of the class's other constants (layer {@code gradients}'
   * {@code GRADIENTS_FULL_W} and the width of a layer {@code gradientsFull}), then {@code name} with '_' appended
   * until it is free.
   */
  public String name(String name, int value, String doc) {
    String actual = declared.computeIfAbsent(name, n -> {
      String free = n;
      while (reserved.contains(free) || entries.containsKey(free)) {
        free += "_";
      }
      return free;
    });
    Entry known = entries.putIfAbsent(actual, new Entry(value, doc));
    if (known != null && known.value() != value) {
      throw new IllegalStateException(name + " named twice: " + known.value() + " and " + value);
    }
    return actual;
  }

  /** The constants named so far, in order of first use. */
  public List<FieldSpec> fields() {
    List<FieldSpec> out = new ArrayList<>();
    entries.forEach((name, e) -> out.add(FieldSpec.builder(int.class, name, Modifier.PRIVATE, Modifier.STATIC,
        Modifier.FINAL).addJavadoc("$L.\n", e.doc()).initializer("$L", e.value()).build()));
    return out;
  }
}
