package dev.convnet.processor.kind.input;

import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.model.Layer;

/** The network's input: one sample is {@code channels × height × width}. */
public record InputLayer(int channels, int height, int width) implements Layer {
  @Override
  public LayerKind<InputLayer> kind() {
    return InputKind.INSTANCE;
  }
}
