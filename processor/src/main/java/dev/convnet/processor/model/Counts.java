package dev.convnet.processor.model;

import dev.convnet.processor.kind.LayerKinds;

/**
 * Parameter, connection and multiply-accumulate counts per layer and per network, each layer counted by its kind
 * (the LeNet-5 paper's way: a connection is one multiplication by a weight plus one per bias).
 */
public final class Counts {
  private Counts() {}

  public static long parameters(CheckedNetwork net, LayerNode node) {
    return LayerKinds.of(node.layer()).parameters(node.layer(), net.shapes(node));
  }

  public static long connections(CheckedNetwork net, LayerNode node) {
    return LayerKinds.of(node.layer()).connections(node.layer(), net.shapes(node));
  }

  /** Multiply-accumulates per sample in the forward pass. */
  public static long macs(CheckedNetwork net, LayerNode node) {
    return LayerKinds.of(node.layer()).macs(node.layer(), net.shapes(node));
  }

  /** Multiply-accumulates per sample of the whole network's forward pass. */
  public static long totalMacs(CheckedNetwork net) {
    long n = 0;
    for (LayerNode node : net.order()) {
      n += macs(net, node);
    }
    return n;
  }

  public static long totalParameters(CheckedNetwork net) {
    long n = 0;
    for (LayerNode node : net.order()) {
      n += parameters(net, node); // each is below 2^62 (an int times an int, plus an int)
      if (n > Integer.MAX_VALUE) {
        return n; // already too many; adding more could overflow
      }
    }
    return n;
  }
}
