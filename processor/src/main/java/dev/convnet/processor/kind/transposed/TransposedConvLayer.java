package dev.convnet.processor.kind.transposed;

import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.Dim;
import dev.convnet.processor.model.Layer;
import dev.convnet.processor.model.Shape;
import dev.convnet.processor.model.TransposedWindow;

/** Transposed convolution, weights {@code [in, out, kh, kw]}. */
public record TransposedConvLayer(int filters, Dim kernel, Dim stride, Dim pad, Dim outputPad, Dim dilation,
                                  boolean bias, Act act) implements Layer {
  @Override
  public LayerKind<TransposedConvLayer> kind() {
    return TransposedConvKind.INSTANCE;
  }

  @Override
  public Act activation() {
    return act;
  }

  /** The geometry over an input of shape {@code in}. */
  public TransposedWindow window(Shape in) {
    return TransposedWindow.of(in.height(), in.width(), kernel, stride, pad, outputPad, dilation);
  }
}
