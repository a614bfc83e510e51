package dev.convnet.processor.kind.batchnorm;

import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.Layer;

/** Batch normalization per channel, with optional scale and shift, then the activation. */
public record BatchNormLayer(double eps, double momentum, boolean affine, Act act) implements Layer {
  @Override
  public LayerKind<BatchNormLayer> kind() {
    return BatchNormKind.INSTANCE;
  }

  @Override
  public Act activation() {
    return act;
  }
}
