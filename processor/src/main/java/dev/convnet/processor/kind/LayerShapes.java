package dev.convnet.processor.kind;

import dev.convnet.processor.model.Shape;
import java.util.List;

/**
 * A checked layer's place among the shapes: the names and shapes of the layers it reads (in parameter order) and
 * its own output shape. The network's input has no inputs.
 */
public record LayerShapes(List<String> inputs, List<Shape> inputShapes, Shape out) {
  public LayerShapes {
    inputs = List.copyOf(inputs);
    inputShapes = List.copyOf(inputShapes);
  }

  /** The (first) input's shape. */
  public Shape in() {
    return inputShapes.get(0);
  }

  /** The (first) input's name. */
  public String from() {
    return inputs.get(0);
  }
}
