package dev.convnet.processor.kind.lrn;

import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.model.Layer;

/** Local response normalization across channels (PyTorch semantics). */
public record LrnLayer(int size, double alpha, double beta, double k) implements Layer {
  @Override
  public LayerKind<LrnLayer> kind() {
    return LrnKind.INSTANCE;
  }
}
