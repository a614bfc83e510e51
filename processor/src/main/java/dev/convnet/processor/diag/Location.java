package dev.convnet.processor.diag;

/**
 * Where a diagnostic points, in model terms: a layer (method) and optionally one annotation attribute of it or one
 * of its parameters; or, with no layer, the network declaration itself. The processor maps this to javac's
 * element, annotation mirror and annotation value.
 */
public record Location(String layer, String attribute, int parameter) {
  public static Location network() {
    return new Location(null, null, -1);
  }

  /** An attribute of the {@code @Network} annotation itself. */
  public static Location networkAttribute(String attribute) {
    return new Location(null, attribute, -1);
  }

  public static Location layer(String layer) {
    return new Location(layer, null, -1);
  }

  public static Location attribute(String layer, String attribute) {
    return new Location(layer, attribute, -1);
  }

  public static Location parameter(String layer, int index) {
    return new Location(layer, null, index);
  }
}
