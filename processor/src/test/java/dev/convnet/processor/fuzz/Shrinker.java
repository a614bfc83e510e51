package dev.convnet.processor.fuzz;

import dev.convnet.processor.fuzz.LayerSpec.Act;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing declaration greedily: drops layers, then lowers the input size and channel counts, keeping each
 * step that still gives a valid declaration that still fails.
 */
final class Shrinker {
  private static final int MAX_TRIES = 60;

  private Shrinker() {}

  static NetSpec shrink(NetSpec failing, Predicate<NetSpec> fails) {
    NetSpec best = failing;
    int tries = 0;
    boolean progress = true;
    while (progress && tries < MAX_TRIES) {
      progress = false;
      for (NetSpec candidate : candidates(best)) {
        if (tries++ >= MAX_TRIES) {
          break;
        }
        if (valid(candidate) && fails.test(candidate)) {
          best = candidate;
          progress = true;
          break;
        }
      }
    }
    return best;
  }

  private static List<NetSpec> candidates(NetSpec net) {
    List<NetSpec> out = new ArrayList<>();
    for (int i = 0; i < net.layers.size() && net.layers.size() > 1; i++) {
      NetSpec c = net.copy(net.name);
      c.remove(i);
      out.add(c);
    }
    if (net.height > 1) {
      NetSpec c = net.copy(net.name);
      c.height--;
      out.add(c);
    }
    if (net.width > 1) {
      NetSpec c = net.copy(net.name);
      c.width--;
      out.add(c);
    }
    if (net.float32 && net.float64) {
      NetSpec c = net.copy(net.name);
      c.float32 = false;
      out.add(c);
    }
    for (int i = 0; i < net.layers.size(); i++) {
      LayerSpec l = net.layers.get(i);
      if ((l.kind == LayerSpec.Kind.CONV || l.kind == LayerSpec.Kind.TRANSPOSED) && l.filters > 1
          && l.table == null && l.groups == 1 && !l.frozen()) {
        NetSpec c = net.copy(net.name);
        c.layers.get(i).filters--;
        out.add(c);
      }
      if (l.kind == LayerSpec.Kind.DENSE && l.units > 1) {
        NetSpec c = net.copy(net.name);
        c.layers.get(i).units--;
        out.add(c);
      }
      if (l.act != Act.IDENTITY && l.kind != LayerSpec.Kind.ACTIVATE && l.hasActivation()) {
        NetSpec c = net.copy(net.name);
        c.layers.get(i).act = Act.IDENTITY;
        out.add(c);
      }
    }
    return out;
  }

  /** Whether {@code net} is still a valid declaration for the processor and the losses. */
  static boolean valid(NetSpec net) {
    if (net.layers.isEmpty() || net.shapes().contains(null)) {
      return false;
    }
    List<LayerSpec> all = net.expanded();
    for (int i = 0; i < all.size() - 1; i++) {
      if (all.get(i).act == Act.SOFTMAX && all.get(i).hasActivation()) {
        return false;
      }
    }
    if (!net.last().output) {
      return false;
    }
    if (net.loss.equals("categorical-cross-entropy") && net.last().act != Act.SOFTMAX) {
      net.loss = "mse";
    }
    if (net.loss.equals("rbf-map") && net.last().kind != LayerSpec.Kind.RBF) {
      net.loss = "mse";
    }
    return true;
  }
}
