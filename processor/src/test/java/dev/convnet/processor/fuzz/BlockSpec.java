package dev.convnet.processor.fuzz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fuzzed block: a second interface of the declaration's compilation unit whose layers a {@code @Block} method
 * uses. Its layers are templates: names local to the block, parameters naming either a block layer or one of the
 * block's inputs (those bound, in order of first appearance, to the use's parameters); one of them is the output.
 */
final class BlockSpec {
  final String name;
  final List<LayerSpec> layers = new ArrayList<>();

  BlockSpec(String name) {
    this.name = name;
  }

  /** The block's inputs: parameters that name no layer of the block, in order of first appearance. */
  List<String> inputs() {
    Set<String> own = new HashSet<>();
    layers.forEach(l -> own.add(l.name));
    List<String> free = new ArrayList<>();
    for (LayerSpec l : layers) {
      for (String i : l.inputs()) {
        if (!own.contains(i) && !free.contains(i)) {
          free.add(i);
        }
      }
    }
    return free;
  }

  String source() {
    StringBuilder b = new StringBuilder();
    b.append("\n/** A block: used by @Block, not a network itself. */\ninterface ").append(name).append(" {\n");
    for (LayerSpec l : layers) {
      b.append("  ").append(l.annotations()).append("\n  Tensor ").append(l.name).append(l.parameters())
          .append(";\n");
    }
    b.append("}\n");
    return b.toString();
  }

  /**
   * The layers of {@code use} as the processor sees them: named {@code use_layer} (the output takes the use's
   * name), filters multiplied by the width or taken from the use's widths ({@code Block.W1}…), {@code Block.STRIDE}
   * replaced by the use's stride, inputs bound.
   */
  List<LayerSpec> expand(LayerSpec use) {
    List<String> free = inputs();
    List<String> given = use.inputs();
    Set<String> own = new HashSet<>();
    layers.forEach(l -> own.add(l.name));
    List<LayerSpec> out = new ArrayList<>();
    for (LayerSpec t : layers) {
      LayerSpec l = t.copy();
      l.name = scoped(use, t);
      List<String> inputs = new ArrayList<>();
      for (String i : t.inputs()) {
        if (own.contains(i)) {
          inputs.add(scoped(use, layer(i)));
        } else {
          int at = free.indexOf(i);
          inputs.add(at < given.size() ? given.get(at) : i);
        }
      }
      l.from = inputs.get(0);
      l.more = new ArrayList<>(inputs.subList(1, inputs.size()));
      if (l.widthIndex > 0) {
        l.filters = use.widths.get(l.widthIndex - 1);
        l.widthIndex = 0;
      } else if (l.kind == LayerSpec.Kind.CONV || l.kind == LayerSpec.Kind.TRANSPOSED) {
        l.filters *= use.width;
      }
      if (l.strideFromBlock) {
        l.sh = use.blockStride;
        l.sw = use.blockStride;
        l.strideFromBlock = false;
        l.strideWritten = true;
      }
      l.output = t.output && use.output;
      out.add(l);
    }
    return out;
  }

  private LayerSpec layer(String name) {
    return layers.stream().filter(l -> l.name.equals(name)).findFirst().orElseThrow();
  }

  private static String scoped(LayerSpec use, LayerSpec t) {
    return t.output ? use.name : use.name + "_" + t.name;
  }
}
