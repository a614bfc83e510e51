package dev.convnet.processor.kind.subsampling;

import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.Dim;
import dev.convnet.processor.model.Layer;
import dev.convnet.processor.model.Shape;
import dev.convnet.processor.model.Window;

/** LeNet's trainable subsampling {@code f(w_k·mean(window) + b_k)}. */
public record SubsamplingLayer(Dim window, Dim stride, Act act) implements Layer {
  @Override
  public LayerKind<SubsamplingLayer> kind() {
    return SubsamplingKind.INSTANCE;
  }

  @Override
  public Act activation() {
    return act;
  }

  /** The windows over an input of shape {@code in} (no padding). */
  public Window window(Shape in) {
    return Window.pool(in.height(), in.width(), window, stride, Dim.of(0), false);
  }
}
