package dev.convnet.processor.kind.input;

import dev.convnet.annotations.Input;
import dev.convnet.processor.diag.Message;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.kind.AnnotationValues;
import dev.convnet.processor.kind.Former;
import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.kind.LayerShapes;
import dev.convnet.processor.kind.OptionChecks;
import dev.convnet.processor.kind.ShapeChecks;
import dev.convnet.processor.model.Shape;
import java.util.Optional;

/** {@code @Input}: the network's input, copied in by {@code forward}; it computes nothing itself. */
public enum InputKind implements LayerKind<InputLayer> {
  INSTANCE;

  @Override
  public Class<Input> annotation() {
    return Input.class;
  }

  @Override
  public InputLayer read(AnnotationValues v) {
    return new InputLayer(v.integer("channels"), v.integer("height"), v.integer("width"));
  }

  @Override
  public Arity arity() {
    return Arity.NONE;
  }

  @Override
  public void checkOptions(InputLayer layer, OptionChecks check) {
    check.positive("channels", layer.channels());
    check.positive("height", layer.height());
    check.positive("width", layer.width());
  }

  @Override
  public Optional<Shape> shape(InputLayer layer, ShapeChecks check) {
    return check.sized(Message.OUTPUT_TOO_LARGE, layer.channels(), layer.height(), layer.width(), false);
  }

  @Override
  public String summary(InputLayer layer, LayerShapes shapes) {
    return "Input";
  }

  @Override
  public String op(InputLayer layer) {
    return "input";
  }

  @Override
  public String formerDescription(InputLayer layer) {
    return Former.record("Input", "channels", layer.channels(), "height", layer.height(), "width", layer.width());
  }

  /** The input has no code of its own: {@code forward} copies the batch into its buffer. */
  @Override
  public LayerEmitter emitter(InputLayer layer, LayerContext ctx) {
    throw new IllegalArgumentException("the input layer '" + ctx.name() + "' is copied by forward(), not emitted");
  }
}
