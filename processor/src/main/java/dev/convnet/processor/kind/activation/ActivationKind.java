package dev.convnet.processor.kind.activation;

import dev.convnet.annotations.Activate;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.kind.AnnotationValues;
import dev.convnet.processor.kind.Canonical;
import dev.convnet.processor.kind.Former;
import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.kind.LayerShapes;
import dev.convnet.processor.kind.OptionChecks;
import dev.convnet.processor.kind.ShapeChecks;
import dev.convnet.processor.model.Shape;
import java.util.Optional;

/** {@code @Activate}: an activation on its own; the shape is the input's. */
public enum ActivationKind implements LayerKind<ActivationLayer> {
  INSTANCE;

  @Override
  public Class<Activate> annotation() {
    return Activate.class;
  }

  @Override
  public ActivationLayer read(AnnotationValues v) {
    return new ActivationLayer(v.act("value"));
  }

  @Override
  public void checkOptions(ActivationLayer layer, OptionChecks check) {
    check.activation("value", layer.act());
  }

  @Override
  public Optional<Shape> shape(ActivationLayer layer, ShapeChecks check) {
    return Optional.of(check.in());
  }

  @Override
  public String summary(ActivationLayer layer, LayerShapes shapes) {
    return "Activation";
  }

  /** {@code "Activation tanh"}: the activation is what the layer is. */
  @Override
  public String title(ActivationLayer layer, LayerShapes shapes) {
    return "Activation " + layer.act();
  }

  @Override
  public String op(ActivationLayer layer) {
    return "activation";
  }

  @Override
  public void describe(ActivationLayer layer, LayerShapes shapes, Canonical a) {
    a.put("activation", layer.act());
  }

  @Override
  public String formerDescription(ActivationLayer layer) {
    return Former.record("Activation", "act", layer.act());
  }

  @Override
  public LayerEmitter emitter(ActivationLayer layer, LayerContext ctx) {
    return new ActivationEmitter(ctx);
  }
}
