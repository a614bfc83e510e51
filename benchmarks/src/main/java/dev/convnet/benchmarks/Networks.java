package dev.convnet.benchmarks;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Init;
import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.Parameters;

/** The benchmarked networks and their arithmetic per sample. */
public final class Networks {
  private Networks() {}

  /**
   * {@code "full"} (C3 fully connected) or {@code "table"} (the paper's connection table), plain Java; with
   * {@code "-vector"}, the same network generated with {@code vectorApi = true}.
   */
  public static CompiledNetwork create(String c3) {
    return switch (c3) {
      case "full" -> new LeNet5FullNet(new Parameters(LeNet5FullNet.LAYOUT).initialize(Init.LECUN_UNIFORM, 1));
      case "table" -> new LeNet5TableNet(new Parameters(LeNet5TableNet.LAYOUT).initialize(Init.LECUN_UNIFORM, 1));
      case "full-vector" ->
          new LeNet5FullVectorNet(new Parameters(LeNet5FullVectorNet.LAYOUT).initialize(Init.LECUN_UNIFORM, 1));
      case "table-vector" ->
          new LeNet5TableVectorNet(new Parameters(LeNet5TableVectorNet.LAYOUT).initialize(Init.LECUN_UNIFORM, 1));
      default -> throw new IllegalArgumentException("unknown variant '" + c3 + "'; use full, table, full-vector or"
          + " table-vector");
    };
  }

  /** Multiply-adds of one forward pass. */
  public static long forwardMacs(CompiledNetwork net) {
    long macs = 0;
    for (LayerInfo layer : net.layers()) {
      macs += layer.macs();
    }
    return macs;
  }

  /** FLOPs of one forward pass: 2 per multiply-add. */
  public static double inferenceFlops(CompiledNetwork net) {
    return 2.0 * forwardMacs(net);
  }

  /**
   * FLOPs of one training sample: the forward pass, the weight gradients (as many multiply-adds) and the input
   * gradients (as many again, but for the first layer, whose input gradient training does not need): {@code
   * 2·(3·MACs − MACs of the first layer)}; 2.26 MFLOP for LeNet-5 with full C3.
   */
  public static double trainingFlops(CompiledNetwork net) {
    long first = net.layers().size() > 1 ? net.layers().get(1).macs() : 0;
    return 2.0 * (3 * forwardMacs(net) - first);
  }
}
