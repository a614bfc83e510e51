package dev.convnet.processor.diag;

/**
 * Where a diagnostic points, in model terms: a layer (method) and optionally one annotation attribute of it, one of
 * its parameters, or another annotation on it (such as {@code @Output}); or, with no layer, the network declaration
 * itself. The processor maps this to javac's element, annotation mirror and annotation value.
 *
 * @param layer      the layer's name, or null for the network
 * @param attribute  an attribute of the layer's annotation (or of {@code @Network}), or null
 * @param parameter  the index of one of the layer method's parameters, or -1
 * @param annotation the simple name of another annotation on the layer's method, or null for its layer annotation
 */
public record Location(String layer, String attribute, int parameter, String annotation) {
  public static Location network() {
    return new Location(null, null, -1, null);
  }

  /** An attribute of the {@code @Network} annotation itself. */
  public static Location networkAttribute(String attribute) {
    return new Location(null, attribute, -1, null);
  }

  public static Location layer(String layer) {
    return new Location(layer, null, -1, null);
  }

  public static Location attribute(String layer, String attribute) {
    return new Location(layer, attribute, -1, null);
  }

  public static Location parameter(String layer, int index) {
    return new Location(layer, null, index, null);
  }

  /** Another annotation on the layer's method, e.g. {@code @Output}. */
  public static Location annotation(String layer, String simpleName) {
    return new Location(layer, null, -1, simpleName);
  }
}
