package dev.convnet.processor.kind.dense;

import dev.convnet.annotations.Dense;
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

/** {@code @Dense}: {@code y = W·x + b} over the flattened input (channel, row, column order). */
public enum DenseKind implements LayerKind<DenseLayer> {
  INSTANCE;

  @Override
  public Class<Dense> annotation() {
    return Dense.class;
  }

  @Override
  public DenseLayer read(AnnotationValues v) {
    return new DenseLayer(v.integer("units"), v.bool("bias"), v.act("activation"));
  }

  @Override
  public void checkOptions(DenseLayer layer, OptionChecks check) {
    check.positive("units", layer.units());
    check.activation("activation", layer.act());
  }

  @Override
  public Optional<Shape> shape(DenseLayer layer, ShapeChecks check) {
    return Optional.of(Shape.vector(layer.units()));
  }

  @Override
  public long parameters(DenseLayer layer, LayerShapes shapes) {
    return (long) layer.units() * shapes.in().size() + (layer.bias() ? layer.units() : 0);
  }

  @Override
  public long connections(DenseLayer layer, LayerShapes shapes) {
    return (long) layer.units() * (shapes.in().size() + (layer.bias() ? 1 : 0));
  }

  @Override
  public long macs(DenseLayer layer, LayerShapes shapes) {
    return (long) layer.units() * shapes.in().size();
  }

  @Override
  public String summary(DenseLayer layer, LayerShapes shapes) {
    return "Dense" + (shapes.in().vector() ? "" : " (flattens " + shapes.in().compact() + ")")
        + (layer.bias() ? "" : ", no bias");
  }

  @Override
  public String op(DenseLayer layer) {
    return "dense";
  }

  @Override
  public void describe(DenseLayer layer, LayerShapes shapes, Canonical a) {
    a.put("units", layer.units()).put("bias", layer.bias()).put("activation", layer.act());
  }

  @Override
  public String formerDescription(DenseLayer layer) {
    return Former.record("Dense", "units", layer.units(), "bias", layer.bias(), "act", layer.act());
  }

  @Override
  public LayerEmitter emitter(DenseLayer layer, LayerContext ctx) {
    return new DenseEmitter(ctx, layer);
  }
}
