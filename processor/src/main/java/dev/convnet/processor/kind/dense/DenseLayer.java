package dev.convnet.processor.kind.dense;

import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.Layer;

/** Fully connected layer; flattens a feature-map input. */
public record DenseLayer(int units, boolean bias, Act act) implements Layer {
  @Override
  public LayerKind<DenseLayer> kind() {
    return DenseKind.INSTANCE;
  }

  @Override
  public Act activation() {
    return act;
  }
}
