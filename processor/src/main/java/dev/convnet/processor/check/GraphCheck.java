package dev.convnet.processor.check;

import dev.convnet.processor.diag.Diagnostic;
import dev.convnet.processor.diag.Location;
import dev.convnet.processor.diag.Message;
import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.model.LayerNode;
import dev.convnet.processor.model.NetworkModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the network as a graph: one input, one output, every input name resolves, each layer has as many inputs
 * as it takes, no cycles, and the output depends on the input. Produces the topological order of the layers that
 * contribute to the output.
 */
public final class GraphCheck {
  private GraphCheck() {}

  public static Optional<List<LayerNode>> check(NetworkModel model, List<Diagnostic> out) {
    int errorsBefore = countErrors(out);
    Map<String, LayerNode> byName = new LinkedHashMap<>();
    for (LayerNode n : model.layers()) {
      byName.put(n.name(), n);
    }
    LayerNode input = null;
    LayerNode output = null;
    // Without an @Input, the names read where it should be are that one mistake: NO_INPUT alone reports it.
    boolean hasInput = model.layers().stream().anyMatch(n -> n.layer().kind().arity() == LayerKind.Arity.NONE);
    for (LayerNode n : model.layers()) {
      if (n.layer().kind().arity() == LayerKind.Arity.NONE) {
        if (input != null) {
          out.add(Message.TWO_INPUTS.at(Location.layer(n.name()), n.name(), input.name()));
        } else {
          input = n;
        }
        if (!n.inputs().isEmpty()) {
          out.add(Message.INPUT_WITH_PARAMETERS.at(Location.layer(n.name()), n.name()));
        }
        if (n.output()) {
          out.add(Message.OUTPUT_ON_INPUT.at(Location.annotation(n.name(), "Output"), n.name()));
        }
        continue;
      }
      if (n.output()) {
        if (output != null) {
          out.add(Message.TWO_OUTPUTS.at(Location.annotation(n.name(), "Output"), n.name(), output.name()));
        } else {
          output = n;
        }
      }
      checkInputs(n, byName, hasInput, out);
    }
    if (input == null) {
      out.add(Message.NO_INPUT.at(Location.network()));
    }
    if (output == null) {
      out.add(Message.NO_OUTPUT.at(Location.network()));
    }
    if (countErrors(out) > errorsBefore) {
      return Optional.empty();
    }
    List<String> cycle = findCycle(model, byName);
    if (cycle != null) {
      out.add(Message.CYCLE.at(Location.layer(cycle.get(0)), String.join(" → ", cycle)));
      return Optional.empty();
    }
    // Layers the output depends on.
    Set<String> needed = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.push(output.name());
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (needed.add(name)) {
        byName.get(name).inputs().forEach(todo::push);
      }
    }
    if (!needed.contains(input.name())) {
      out.add(Message.DISCONNECTED_OUTPUT.at(Location.layer(output.name()), output.name(), input.name()));
      return Optional.empty();
    }
    for (LayerNode n : model.layers()) {
      if (!needed.contains(n.name())) {
        out.add(Message.UNREACHABLE.at(Location.layer(n.name()), n.name(), output.name()));
      }
    }
    return Optional.of(topologicalOrder(model, needed, input, output));
  }

  private static void checkInputs(LayerNode n, Map<String, LayerNode> byName, boolean hasInput,
                                  List<Diagnostic> out) {
    if (n.inputs().isEmpty()) {
      out.add(Message.NO_INPUTS.at(Location.layer(n.name()), n.name(), n.layer().annotation()));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n.inputs().size(); i++) {
      String from = n.inputs().get(i);
      if (from.equals(n.name())) {
        out.add(Message.SELF_INPUT.at(Location.parameter(n.name(), i), n.name()));
      } else if (!byName.containsKey(from)) {
        if (!hasInput) {
          continue;
        }
        String suggestion = closest(from, byName.keySet());
        out.add(Message.UNKNOWN_INPUT.at(Location.parameter(n.name(), i), n.name(), from,
            suggestion == null ? "" : " (did you mean '" + suggestion + "'?)", String.join(", ", byName.keySet())));
      } else if (!seen.add(from)) {
        out.add(Message.DUPLICATE_INPUT.at(Location.parameter(n.name(), i), n.name(), from));
      }
    }
    if (n.layer().kind().arity() == LayerKind.Arity.MANY) {
      if (n.inputs().size() < 2) {
        out.add(Message.TOO_FEW_INPUTS.at(Location.layer(n.name()), n.name(), n.layer().annotation(), n.inputs().size()));
      }
    } else if (n.inputs().size() != 1) {
      out.add(Message.ARITY.at(Location.layer(n.name()), n.name(), n.layer().annotation(), n.inputs().size()));
    }
  }

  /** A cycle as a list of names (first repeated at the end), or null. */
  private static List<String> findCycle(NetworkModel model, Map<String, LayerNode> byName) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on the stack, 2 = done
    for (LayerNode start : model.layers()) {
      if (state.containsKey(start.name())) {
        continue;
      }
      Deque<String> path = new ArrayDeque<>();
      List<String> cycle = visit(start.name(), byName, state, path);
      if (cycle != null) {
        return cycle;
      }
    }
    return null;
  }

  private static List<String> visit(String name, Map<String, LayerNode> byName, Map<String, Integer> state,
                                    Deque<String> path) {
    state.put(name, 1);
    path.addLast(name);
    for (String from : byName.get(name).inputs()) {
      Integer s = state.get(from);
      if (s == null) {
        List<String> c = visit(from, byName, state, path);
        if (c != null) {
          return c;
        }
      } else if (s == 1) {
        List<String> onPath = new ArrayList<>(path);
        List<String> cycle = new ArrayList<>(onPath.subList(onPath.indexOf(from), onPath.size()));
        // Print it in data-flow order: a → b means b reads from a.
        java.util.Collections.reverse(cycle);
        cycle.add(cycle.get(0));
        return cycle;
      }
    }
    path.removeLast();
    state.put(name, 2);
    return null;
  }

  /** Kahn's algorithm, stable in declaration order; the output is placed last. */
  private static List<LayerNode> topologicalOrder(NetworkModel model, Set<String> needed, LayerNode input,
                                                  LayerNode output) {
    List<LayerNode> order = new ArrayList<>();
    Set<String> done = new HashSet<>();
    order.add(input);
    done.add(input.name());
    boolean progress = true;
    while (progress) {
      progress = false;
      for (LayerNode n : model.layers()) {
        if (!done.contains(n.name()) && needed.contains(n.name()) && n != output
            && done.containsAll(n.inputs())) {
          order.add(n);
          done.add(n.name());
          progress = true;
        }
      }
    }
    order.add(output);
    return order;
  }

  /** The most similar name within edit distance 2, for "did you mean" hints. */
  static String closest(String name, Set<String> names) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : names) {
      int d = distance(name.toLowerCase(), candidate.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static int countErrors(List<Diagnostic> ds) {
    int n = 0;
    for (Diagnostic d : ds) {
      if (d.isError()) {
        n++;
      }
    }
    return n;
  }
}
