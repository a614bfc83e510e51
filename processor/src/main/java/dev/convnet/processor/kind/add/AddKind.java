package dev.convnet.processor.kind.add;

import dev.convnet.annotations.Add;
import dev.convnet.processor.diag.Message;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.kind.AnnotationValues;
import dev.convnet.processor.kind.Canonical;
import dev.convnet.processor.kind.Former;
import dev.convnet.processor.kind.Inputs;
import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.kind.LayerShapes;
import dev.convnet.processor.kind.OptionChecks;
import dev.convnet.processor.kind.ShapeChecks;
import dev.convnet.processor.model.Shape;
import java.util.Optional;

/** {@code @Add}: sums two or more inputs of one shape (a residual connection), then the activation. */
public enum AddKind implements LayerKind<AddLayer> {
  INSTANCE;

  @Override
  public Class<Add> annotation() {
    return Add.class;
  }

  @Override
  public AddLayer read(AnnotationValues v) {
    return new AddLayer(v.act("activation"));
  }

  @Override
  public Arity arity() {
    return Arity.MANY;
  }

  @Override
  public void checkOptions(AddLayer layer, OptionChecks check) {
    check.activation("activation", layer.act());
  }

  @Override
  public Optional<Shape> shape(AddLayer layer, ShapeChecks check) {
    Shape first = check.in();
    for (Shape s : check.inputShapes()) {
      if (!s.equals(first)) {
        return check.fail(Message.ADD_SHAPES, null, check.layer(), Inputs.listed(check));
      }
    }
    return Optional.of(first);
  }

  @Override
  public String summary(AddLayer layer, LayerShapes shapes) {
    return "Add " + shapes.inputs().size() + " inputs";
  }

  @Override
  public String op(AddLayer layer) {
    return "add";
  }

  @Override
  public void describe(AddLayer layer, LayerShapes shapes, Canonical a) {
    a.put("activation", layer.act());
  }

  @Override
  public String formerDescription(AddLayer layer) {
    return Former.record("Add", "act", layer.act());
  }

  @Override
  public LayerEmitter emitter(AddLayer layer, LayerContext ctx) {
    return new AddEmitter(ctx);
  }
}
