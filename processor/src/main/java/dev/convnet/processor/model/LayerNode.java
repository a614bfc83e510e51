package dev.convnet.processor.model;

import java.util.List;

/**
 * A layer in the network graph: its name (the declaring method's name), what it computes, the names of the layers
 * it reads from (the method's parameter names), and whether it is the network's output.
 */
public record LayerNode(String name, Layer layer, List<String> inputs, boolean output) {
  public LayerNode {
    inputs = List.copyOf(inputs);
  }
}
