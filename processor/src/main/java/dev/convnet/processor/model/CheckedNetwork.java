package dev.convnet.processor.model;

import dev.convnet.processor.kind.LayerShapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network that passed every check: its layers in topological order (the input first, the output last; layers that
 * do not contribute to the output are dropped) and the output shape of every layer. Everything emission needs is
 * derived from here by pure functions.
 */
public record CheckedNetwork(NetworkModel model, List<LayerNode> order, Map<String, Shape> shapes) {
  public CheckedNetwork {
    order = List.copyOf(order);
    shapes = Map.copyOf(shapes);
  }

  public Shape shape(String layer) {
    Shape s = shapes.get(layer);
    if (s == null) {
      throw new IllegalArgumentException("no shape for layer " + layer);
    }
    return s;
  }

  public LayerNode input() {
    return order.get(0);
  }

  public LayerNode output() {
    return order.get(order.size() - 1);
  }

  /** The shape of a layer's (single) input. */
  public Shape inputShape(LayerNode node) {
    return shape(node.inputs().get(0));
  }

  /** The layers that read from {@code layer}, in order. */
  public List<LayerNode> consumers(String layer) {
    List<LayerNode> out = new ArrayList<>();
    for (LayerNode n : order) {
      if (n.inputs().contains(layer)) {
        out.add(n);
      }
    }
    return out;
  }

  /** The names and shapes of a layer's inputs and its output shape. */
  public LayerShapes shapes(LayerNode node) {
    return new LayerShapes(node.inputs(), node.inputs().stream().map(this::shape).toList(), shape(node.name()));
  }
}
