package dev.convnet.processor.check;

import dev.convnet.processor.diag.Diagnostic;
import dev.convnet.processor.diag.Message;
import dev.convnet.processor.kind.LayerKinds;
import dev.convnet.processor.kind.OptionChecks;
import dev.convnet.processor.kind.ShapeChecks;
import dev.convnet.processor.model.LayerNode;
import dev.convnet.processor.model.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs each layer's own checks through its kind: its options before the graph is known, its shape rule in
 * topological order. A layer whose input already failed is skipped, so one mistake gives one error.
 */
final class LayerChecks {
  private LayerChecks() {}

  /** Returns whether the layer's options are usable (no error was added). */
  static boolean options(LayerNode node, List<Diagnostic> out) {
    int before = out.size();
    LayerKinds.of(node.layer()).checkOptions(node.layer(), new OptionChecks(node, out));
    for (int i = before; i < out.size(); i++) {
      if (out.get(i).isError()) {
        return false;
      }
    }
    return true;
  }

  /** Adds the shape of {@code node} to {@code shapes}, or returns false after reporting why it has none. */
  static boolean shape(LayerNode node, Map<String, Shape> shapes, List<Diagnostic> out) {
    List<Shape> inputs = new ArrayList<>();
    for (String input : node.inputs()) {
      Shape s = shapes.get(input);
      if (s == null) {
        return false; // an input failed and was reported
      }
      inputs.add(s);
    }
    ShapeChecks check = new ShapeChecks(node, inputs, out);
    Optional<Shape> shape = LayerKinds.of(node.layer()).shape(node.layer(), check);
    if (shape.isEmpty()) {
      return false;
    }
    Shape s = shape.get();
    if (check.tooLarge(Message.OUTPUT_TOO_LARGE, s.channels(), s.height(), s.width())) {
      return false;
    }
    shapes.put(node.name(), s);
    return true;
  }
}
