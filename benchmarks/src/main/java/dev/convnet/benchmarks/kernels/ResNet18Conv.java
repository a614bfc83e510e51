package dev.convnet.benchmarks.kernels;

import dev.convnet.benchmarks.kernels.generated.Conv128to256x28s2Net;
import dev.convnet.benchmarks.kernels.generated.Conv128x28Net;
import dev.convnet.benchmarks.kernels.generated.Conv256to512x14s2Net;
import dev.convnet.benchmarks.kernels.generated.Conv256x14Net;
import dev.convnet.benchmarks.kernels.generated.Conv512x7Net;
import dev.convnet.benchmarks.kernels.generated.Conv64to128x56s2Net;
import dev.convnet.benchmarks.kernels.generated.Conv64x56Net;
import dev.convnet.benchmarks.kernels.generated.Proj64to128x56s2Net;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Init;
import dev.convnet.runtime.ParameterLayout;
import dev.convnet.runtime.Parameters;
import java.util.function.Function;

/**
 * ResNet-18's convolution shapes (3×3 of every stage, the stride-2 3×3 that opens stages 2–4, and one 1×1 stride-2
 * projection), each with the network the processor generates for it today ({@code kernels.generated}).
 */
public enum ResNet18Conv {
  L1_64X56(64, 64, 56, 3, 1, Conv64x56Net.LAYOUT, Conv64x56Net::new),
  L2_128X28(128, 128, 28, 3, 1, Conv128x28Net.LAYOUT, Conv128x28Net::new),
  L3_256X14(256, 256, 14, 3, 1, Conv256x14Net.LAYOUT, Conv256x14Net::new),
  L4_512X7(512, 512, 7, 3, 1, Conv512x7Net.LAYOUT, Conv512x7Net::new),
  L2A_64TO128X56S2(64, 128, 56, 3, 2, Conv64to128x56s2Net.LAYOUT, Conv64to128x56s2Net::new),
  L3A_128TO256X28S2(128, 256, 28, 3, 2, Conv128to256x28s2Net.LAYOUT, Conv128to256x28s2Net::new),
  L4A_256TO512X14S2(256, 512, 14, 3, 2, Conv256to512x14s2Net.LAYOUT, Conv256to512x14s2Net::new),
  L2A_PROJ_1X1S2(64, 128, 56, 1, 2, Proj64to128x56s2Net.LAYOUT, Proj64to128x56s2Net::new);

  final int in;
  final int out;
  final int size;
  final int k;
  final int stride;
  private final ParameterLayout layout;
  private final Function<Parameters, CompiledNetwork> generated;

  ResNet18Conv(int in, int out, int size, int k, int stride, ParameterLayout layout,
               Function<Parameters, CompiledNetwork> generated) {
    this.in = in;
    this.out = out;
    this.size = size;
    this.k = k;
    this.stride = stride;
    this.layout = layout;
    this.generated = generated;
  }

  int pad() {
    return k / 2;
  }

  /** The blocked kernels for this shape. */
  BlockedConv blocked(int batch) {
    return new BlockedConv(batch, in, out, size, size, k, stride, pad());
  }

  /** Today's generated network for this shape (ReLU, then the convolution). */
  CompiledNetwork generated() {
    return generated.apply(new Parameters(layout).initialize(Init.HE_UNIFORM, 1));
  }

  /** Multiply-adds of one image's forward pass. */
  long macs() {
    int o = (size + 2 * pad() - k) / stride + 1;
    return (long) out * o * o * in * k * k;
  }

  /** "64→128 3×3/2 56²". */
  String label() {
    return in + "→" + out + " " + k + "×" + k + (stride > 1 ? "/" + stride : "") + " " + size + "²";
  }
}
