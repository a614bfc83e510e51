package dev.convnet.processor.kind.rbf;

import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.model.Layer;
import java.util.List;

/** Euclidean RBF units; {@code prototypes} fixed (one X/. string per unit) or empty for trainable ones. */
public record RbfLayer(int units, List<String> prototypes) implements Layer {
  public RbfLayer {
    prototypes = List.copyOf(prototypes);
  }

  @Override
  public LayerKind<RbfLayer> kind() {
    return RbfKind.INSTANCE;
  }

  public boolean fixed() {
    return !prototypes.isEmpty();
  }
}
