package dev.convnet.processor.kind.conv;

import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.Dim;
import dev.convnet.processor.model.Layer;
import dev.convnet.processor.model.Shape;
import dev.convnet.processor.model.Window;
import java.util.List;

/**
 * Convolution. {@code table} is the connection table as declared, one string per input map with {@code X} at each
 * output map it feeds; empty when fully connected. {@code pad} is the explicit padding, meaningful when
 * {@code padMode} is {@link PadMode#EXPLICIT}. {@code weights} are fixed kernels (empty when trained).
 */
public record ConvLayer(int filters, Dim kernel, Dim stride, PadMode padMode, Dim pad, Dim dilation, boolean bias,
                        Act act, List<String> table, int groups, List<Double> weights) implements Layer {
  /** How a convolution's zero padding was given. */
  public enum PadMode { EXPLICIT, VALID, SAME, FULL }

  public ConvLayer {
    table = List.copyOf(table);
    weights = List.copyOf(weights);
  }

  @Override
  public LayerKind<ConvLayer> kind() {
    return ConvKind.INSTANCE;
  }

  @Override
  public Act activation() {
    return act;
  }

  /** Whether the kernels are fixed in the declaration (never trained). */
  public boolean frozen() {
    return !weights.isEmpty();
  }

  public boolean hasTable() {
    return !table.isEmpty();
  }

  /** Whether input map {@code in} feeds output map {@code out} (always, without a table). */
  public boolean connected(int in, int out) {
    return table.isEmpty() || table.get(in).charAt(out) == 'X';
  }

  /** The zero padding per side that the padding mode resolves to. */
  public Dim resolvedPad() {
    return switch (padMode) {
      case EXPLICIT -> pad;
      case VALID -> Dim.of(0);
      case SAME -> new Dim(dilation.h() * (kernel.h() - 1) / 2, dilation.w() * (kernel.w() - 1) / 2);
      case FULL -> new Dim(dilation.h() * (kernel.h() - 1), dilation.w() * (kernel.w() - 1));
    };
  }

  /** The windows over an input of shape {@code in}. */
  public Window window(Shape in) {
    return Window.conv(in.height(), in.width(), kernel, stride, resolvedPad(), dilation);
  }

  /** Kernels the layer has: connected (input, output) pairs. */
  public long kernels(Shape in) {
    if (!hasTable()) {
      return (long) in.channels() / groups * filters;
    }
    long n = 0;
    for (int i = 0; i < in.channels(); i++) {
      for (int o = 0; o < filters; o++) {
        if (connected(i, o)) {
          n++;
        }
      }
    }
    return n;
  }
}
