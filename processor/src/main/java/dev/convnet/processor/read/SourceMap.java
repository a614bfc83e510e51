package dev.convnet.processor.read;

import dev.convnet.processor.diag.Location;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Where each layer of a network was declared: its method, its layer annotation and the values written in it. Maps a
 * model {@link Location} back to what javac should underline.
 */
public final class SourceMap {
  /** javac's coordinates of a diagnostic: element, and optionally annotation and value. */
  public record Site(Element element, AnnotationMirror annotation, AnnotationValue value) {}

  private record LayerSite(ExecutableElement method, AnnotationMirror annotation,
                           Map<String, AnnotationValue> written) {}

  private final TypeElement network;
  private final AnnotationMirror networkAnnotation;
  private final Map<String, LayerSite> layers = new HashMap<>();
  private final java.util.Set<TypeElement> blocks = new java.util.LinkedHashSet<>();

  SourceMap(TypeElement network, AnnotationMirror networkAnnotation) {
    this.network = network;
    this.networkAnnotation = networkAnnotation;
  }

  void put(String layer, ExecutableElement method, AnnotationMirror annotation) {
    Map<String, AnnotationValue> written = new HashMap<>();
    if (annotation != null) {
      annotation.getElementValues().forEach((k, v) -> written.put(k.getSimpleName().toString(), v));
    }
    layers.putIfAbsent(layer, new LayerSite(method, annotation, written));
  }

  void block(TypeElement block) {
    blocks.add(block);
  }

  /**
   * The network interface and every block interface it uses: the generated classes' originating elements, so that
   * incremental builds regenerate a network when one of its blocks changes.
   */
  public javax.lang.model.element.Element[] origins() {
    List<javax.lang.model.element.Element> all = new java.util.ArrayList<>();
    all.add(network);
    all.addAll(blocks);
    return all.toArray(new javax.lang.model.element.Element[0]);
  }

  /** The most precise javac site for a location: the value, else the annotation, else the element. */
  public Site site(Location at) {
    LayerSite l = at.layer() == null ? null : layers.get(at.layer());
    if (l == null) {
      AnnotationValue value = null;
      if (at.layer() == null && at.attribute() != null && networkAnnotation != null) {
        for (Map.Entry<? extends javax.lang.model.element.ExecutableElement, ? extends AnnotationValue> e
            : networkAnnotation.getElementValues().entrySet()) {
          if (e.getKey().getSimpleName().contentEquals(at.attribute())) {
            value = e.getValue();
          }
        }
      }
      return new Site(network, networkAnnotation, value);
    }
    if (at.parameter() >= 0) {
      List<? extends javax.lang.model.element.VariableElement> ps = l.method.getParameters();
      if (at.parameter() < ps.size()) {
        return new Site(ps.get(at.parameter()), null, null);
      }
    }
    if (at.annotation() != null) {
      for (AnnotationMirror m : l.method.getAnnotationMirrors()) {
        if (m.getAnnotationType().asElement().getSimpleName().contentEquals(at.annotation())) {
          return new Site(l.method, m, null);
        }
      }
    }
    if (l.annotation == null) {
      return new Site(l.method, null, null);
    }
    AnnotationValue value = at.attribute() == null ? null : l.written.get(at.attribute());
    return new Site(l.method, l.annotation, value);
  }
}
