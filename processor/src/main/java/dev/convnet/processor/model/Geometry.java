package dev.convnet.processor.model;

/** Output shapes and windows of each layer kind, as pure functions of the layer and its input shape. */
public final class Geometry {
  private Geometry() {}

  /** The sliding window of a convolution, pooling or subsampling layer over an input of shape {@code in}. */
  public static Window window(Layer layer, Shape in) {
    if (layer instanceof Layer.Conv c) {
      return Window.conv(in.height(), in.width(), c.kernel(), c.stride(), c.resolvedPad(), c.dilation());
    }
    if (layer instanceof Layer.Pool p) {
      return Window.pool(in.height(), in.width(), p.window(), p.stride(), p.pad(), p.ceil());
    }
    if (layer instanceof Layer.Subsampling s) {
      return Window.pool(in.height(), in.width(), s.window(), s.stride(), Dim.of(0), false);
    }
    throw new IllegalArgumentException(layer.annotation() + " has no sliding window");
  }

  /** The output shape of {@code layer} given its input shape (assumes the layer was validated). */
  public static Shape output(Layer layer, Shape in) {
    if (layer instanceof Layer.Input i) {
      return Shape.map(i.channels(), i.height(), i.width());
    }
    if (layer instanceof Layer.Conv c) {
      Window w = window(layer, in);
      return Shape.map(c.filters(), w.outH(), w.outW());
    }
    if (layer instanceof Layer.TransposedConv t) {
      TransposedWindow w = TransposedWindow.of(in.height(), in.width(), t.kernel(), t.stride(), t.pad(),
          t.outputPad(), t.dilation());
      return Shape.map(t.filters(), w.outH(), w.outW());
    }
    if (layer instanceof Layer.Pool || layer instanceof Layer.Subsampling) {
      Window w = window(layer, in);
      return Shape.map(in.channels(), w.outH(), w.outW());
    }
    if (layer instanceof Layer.Dense d) {
      return Shape.vector(d.units());
    }
    if (layer instanceof Layer.Activation || layer instanceof Layer.BatchNorm || layer instanceof Layer.Dropout
        || layer instanceof Layer.Lrn) {
      return in;
    }
    if (layer instanceof Layer.GlobalAvgPool) {
      return Shape.vector(in.channels());
    }
    if (layer instanceof Layer.Rbf r) {
      return Shape.vector(r.units());
    }
    throw new IllegalArgumentException("unknown layer kind " + layer);
  }
}
