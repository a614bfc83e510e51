package dev.convnet.processor.model;

import java.util.List;
import java.util.Optional;

/**
 * A declared network: where it lives, what to call the generated class, and its layers in declaration order.
 * Plain data, independent of javac, so that shape inference and emission can be tested without a compiler.
 */
public record NetworkModel(String packageName, String interfaceName, String className, boolean float32,
                           boolean float64, List<LayerNode> layers, boolean vectorApi) {
  public NetworkModel {
    layers = List.copyOf(layers);
  }

  /** A network without the Vector API option. */
  public NetworkModel(String packageName, String interfaceName, String className, boolean float32, boolean float64,
                      List<LayerNode> layers) {
    this(packageName, interfaceName, className, float32, float64, layers, false);
  }

  public Optional<LayerNode> layer(String name) {
    return layers.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  /** The qualified name of the declaring interface. */
  public String qualifiedName() {
    return packageName.isEmpty() ? interfaceName : packageName + "." + interfaceName;
  }
}
