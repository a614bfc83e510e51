package dev.convnet.processor.kind.globalavgpool;

import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.model.Layer;

/** Global average pooling: one mean per map. */
public record GlobalAvgPoolLayer() implements Layer {
  @Override
  public LayerKind<GlobalAvgPoolLayer> kind() {
    return GlobalAvgPoolKind.INSTANCE;
  }
}
