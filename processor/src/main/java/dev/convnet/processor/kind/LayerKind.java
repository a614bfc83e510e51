package dev.convnet.processor.kind;

import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.model.Layer;
import dev.convnet.processor.model.Shape;
import java.lang.annotation.Annotation;
import java.util.Optional;

/**
 * Everything the processor knows about one layer kind, in one place: the annotation it is declared with, how its
 * values become the model record, its option checks, its shape rule, its counts, its summary text, its canonical
 * description (what the architecture fingerprint hashes and exporters read) and its emitter. {@link LayerKinds}
 * lists every kind; the reader, checker, summary and emitter ask the kind instead of testing the record's class.
 *
 * <p>Adding a kind: its annotation (in {@code dev.convnet.annotations}), a package under this one with the record,
 * the kind and the emitter, and one entry in {@link LayerKinds}.
 *
 * @param <L> the model record of the kind
 */
public interface LayerKind<L extends Layer> {
  /** How many inputs a layer of the kind reads. */
  enum Arity {
    /** The network's input. */
    NONE,
    /** Exactly one. */
    ONE,
    /** Two or more, combined (add, concat). */
    MANY
  }

  /** The annotation that declares a layer of this kind. */
  Class<? extends Annotation> annotation();

  /** The annotation's simple name, for messages: {@code Conv}. */
  default String annotationName() {
    return annotation().getSimpleName();
  }

  /** Reads the annotation's values into the record; null when a value could not be read (already reported). */
  L read(AnnotationValues values);

  default Arity arity() {
    return Arity.ONE;
  }

  /** Checks the layer's options on their own, before any shape is known. */
  default void checkOptions(L layer, OptionChecks check) {}

  /** The layer's output shape for its inputs' shapes, or empty after reporting why it has none. */
  Optional<Shape> shape(L layer, ShapeChecks check);

  /** Trainable parameters. */
  default long parameters(L layer, LayerShapes shapes) {
    return 0;
  }

  /** Connections the way the LeNet-5 paper counts them: one per multiplication by a weight, plus one per bias. */
  default long connections(L layer, LayerShapes shapes) {
    return 0;
  }

  /** Multiply-accumulates per sample in the forward pass. */
  default long macs(L layer, LayerShapes shapes) {
    return 0;
  }

  /** What the layer is, without its activation, for summaries: {@code "Conv 5×5, table 60/96"}. */
  String summary(L layer, LayerShapes shapes);

  /** What the layer is, with its activation: {@code "Conv 5×5, table 60/96, tanh"}. */
  default String title(L layer, LayerShapes shapes) {
    String summary = summary(layer, shapes);
    return layer.activation().identity() ? summary : summary + ", " + layer.activation();
  }

  /** The canonical op name ({@code LayerSpec.op}): {@code conv}. */
  String op(L layer);

  /**
   * Writes the canonical attributes ({@code LayerSpec.attributes}): every option that changes the math. They are
   * hashed into the architecture fingerprint that model files carry, so an option added later is written only when
   * it differs from what the layer computed before the option existed: networks that do not use it keep their
   * fingerprint, and their saved model files keep loading.
   */
  default void describe(L layer, LayerShapes shapes, Canonical attributes) {}

  /**
   * How version 1 of the architecture fingerprint printed the layer (the model record's {@code toString()} of that
   * version), so that model files saved then still load. Kinds added later return their canonical line.
   */
  String formerDescription(L layer);

  /** The writer of the layer's generated code. */
  LayerEmitter emitter(L layer, LayerContext ctx);
}
