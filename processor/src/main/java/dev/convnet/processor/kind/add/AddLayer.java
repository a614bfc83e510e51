package dev.convnet.processor.kind.add;

import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.Layer;

/** Element-wise sum of two or more inputs of equal shape, then the activation. */
public record AddLayer(Act act) implements Layer {
  @Override
  public LayerKind<AddLayer> kind() {
    return AddKind.INSTANCE;
  }

  @Override
  public Act activation() {
    return act;
  }
}
