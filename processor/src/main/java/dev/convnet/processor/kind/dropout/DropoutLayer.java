package dev.convnet.processor.kind.dropout;

import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.model.Layer;

/** Inverted dropout, seeded. */
public record DropoutLayer(double rate, long seed) implements Layer {
  @Override
  public LayerKind<DropoutLayer> kind() {
    return DropoutKind.INSTANCE;
  }
}
