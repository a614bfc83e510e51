package dev.convnet.processor.check;

import dev.convnet.processor.diag.Diagnostic;
import dev.convnet.processor.diag.Location;
import dev.convnet.processor.diag.Message;
import dev.convnet.processor.model.CheckedNetwork;
import dev.convnet.processor.model.Counts;
import dev.convnet.processor.model.LayerNode;
import dev.convnet.processor.model.NetworkModel;
import dev.convnet.processor.model.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validation as a pipeline that stops at the first failing stage: options of every layer, then the graph, then
 * shapes in topological order, then sizes of the whole network. Pure: no javac types.
 */
public final class Checker {
  private Checker() {}

  /** The outcome: a checked network (absent if any error was found) and every diagnostic. */
  public record Result(Optional<CheckedNetwork> network, List<Diagnostic> diagnostics) {}

  public static Result check(NetworkModel model) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    boolean optionsOk = true;
    for (LayerNode node : model.layers()) {
      optionsOk &= LayerChecks.options(node, diagnostics);
    }
    Optional<List<LayerNode>> order = GraphCheck.check(model, diagnostics);
    if (!optionsOk || order.isEmpty()) {
      return new Result(Optional.empty(), diagnostics);
    }
    Map<String, Shape> shapes = new HashMap<>();
    boolean shapesOk = true;
    for (LayerNode node : order.get()) {
      shapesOk &= LayerChecks.shape(node, shapes, diagnostics);
    }
    if (!shapesOk) {
      return new Result(Optional.empty(), diagnostics);
    }
    CheckedNetwork network = new CheckedNetwork(model, order.get(), shapes);
    long parameters = Counts.totalParameters(network);
    if (parameters > Integer.MAX_VALUE - 8) {
      diagnostics.add(Message.PARAMETERS_TOO_LARGE.at(Location.layer(network.output().name()),
          network.output().name(), parameters));
      return new Result(Optional.empty(), diagnostics);
    }
    return new Result(Optional.of(network), diagnostics);
  }
}
