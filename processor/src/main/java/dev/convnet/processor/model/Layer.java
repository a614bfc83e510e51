package dev.convnet.processor.model;

import dev.convnet.processor.kind.LayerKind;

/**
 * One layer of the model, as plain immutable data: a record per layer kind, living in that kind's package beside
 * its {@link LayerKind}, holding exactly the options its annotation declares, already normalised (one-number sizes
 * expanded to {@link Dim}s). Shapes are not part of the model; the kinds compute them.
 */
public interface Layer {
  /** The kind of the layer: everything the processor knows about it. */
  LayerKind<? extends Layer> kind();

  /** The activation the layer applies to its result (identity for layers without one). */
  default Act activation() {
    return Act.IDENTITY;
  }

  /** The annotation's simple name, for messages. */
  default String annotation() {
    return kind().annotationName();
  }
}
