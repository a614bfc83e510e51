package dev.convnet.processor.kind.pool;

import dev.convnet.processor.model.Dim;
import dev.convnet.processor.model.Layer;
import dev.convnet.processor.model.Shape;
import dev.convnet.processor.model.Window;

/** Max, average or L2 pooling; {@code ceil} keeps a leftover edge as one more (padded) window. */
public record PoolLayer(PoolKind kind, Dim window, Dim stride, Dim pad, boolean ceil) implements Layer {
  /** The windows over an input of shape {@code in}. */
  public Window window(Shape in) {
    return Window.pool(in.height(), in.width(), window, stride, pad, ceil);
  }
}
