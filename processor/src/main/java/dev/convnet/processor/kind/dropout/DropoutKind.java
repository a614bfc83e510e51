package dev.convnet.processor.kind.dropout;

import dev.convnet.annotations.Dropout;
import dev.convnet.processor.diag.Message;
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

/** {@code @Dropout}: inverted dropout in training mode, the identity in inference; the shape is the input's. */
public enum DropoutKind implements LayerKind<DropoutLayer> {
  INSTANCE;

  @Override
  public Class<Dropout> annotation() {
    return Dropout.class;
  }

  @Override
  public DropoutLayer read(AnnotationValues v) {
    return new DropoutLayer(v.real("rate"), v.longValue("seed"));
  }

  @Override
  public void checkOptions(DropoutLayer layer, OptionChecks check) {
    check.range(Message.DROPOUT_RATE_RANGE, "rate", layer.rate(), layer.rate() >= 0 && layer.rate() < 1);
  }

  @Override
  public Optional<Shape> shape(DropoutLayer layer, ShapeChecks check) {
    return Optional.of(check.in());
  }

  @Override
  public String summary(DropoutLayer layer, LayerShapes shapes) {
    return "Dropout " + layer.rate();
  }

  @Override
  public String op(DropoutLayer layer) {
    return "dropout";
  }

  @Override
  public void describe(DropoutLayer layer, LayerShapes shapes, Canonical a) {
    a.put("rate", layer.rate()).put("seed", layer.seed());
  }

  @Override
  public String formerDescription(DropoutLayer layer) {
    return Former.record("Dropout", "rate", layer.rate(), "seed", layer.seed());
  }

  @Override
  public LayerEmitter emitter(DropoutLayer layer, LayerContext ctx) {
    return new DropoutEmitter(ctx, layer);
  }
}
