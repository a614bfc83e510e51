package dev.convnet.processor.kind.activation;

import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.Layer;

/** A stand-alone activation. */
public record ActivationLayer(Act act) implements Layer {
  @Override
  public LayerKind<ActivationLayer> kind() {
    return ActivationKind.INSTANCE;
  }

  @Override
  public Act activation() {
    return act;
  }
}
