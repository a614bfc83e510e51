package dev.convnet.processor.kind.concat;

import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.model.Layer;

/** Channel concatenation of two or more inputs in parameter order. */
public record ConcatLayer() implements Layer {
  @Override
  public LayerKind<ConcatLayer> kind() {
    return ConcatKind.INSTANCE;
  }
}
