package dev.convnet.processor.kind.lrn;

import dev.convnet.annotations.LocalResponseNorm;
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

/** {@code @LocalResponseNorm}: AlexNet's normalization across neighbouring channels; the shape is the input's. */
public enum LrnKind implements LayerKind<LrnLayer> {
  INSTANCE;

  @Override
  public Class<LocalResponseNorm> annotation() {
    return LocalResponseNorm.class;
  }

  @Override
  public LrnLayer read(AnnotationValues v) {
    return new LrnLayer(v.integer("size"), v.real("alpha"), v.real("beta"), v.real("k"));
  }

  @Override
  public void checkOptions(LrnLayer layer, OptionChecks check) {
    check.positive("size", layer.size());
    if (!(layer.alpha() >= 0)) {
      check.report(Message.LRN_RANGE, "alpha", check.layer(), "alpha", layer.alpha());
    }
    if (!(layer.beta() >= 0)) {
      check.report(Message.LRN_RANGE, "beta", check.layer(), "beta", layer.beta());
    }
    check.range(Message.LRN_K_RANGE, "k", layer.k(), layer.k() > 0);
  }

  @Override
  public Optional<Shape> shape(LrnLayer layer, ShapeChecks check) {
    return Optional.of(check.in());
  }

  @Override
  public String summary(LrnLayer layer, LayerShapes shapes) {
    return "LocalResponseNorm size " + layer.size();
  }

  @Override
  public String op(LrnLayer layer) {
    return "lrn";
  }

  @Override
  public void describe(LrnLayer layer, LayerShapes shapes, Canonical a) {
    a.put("size", layer.size()).put("alpha", layer.alpha()).put("beta", layer.beta()).put("k", layer.k());
  }

  @Override
  public String formerDescription(LrnLayer layer) {
    return Former.record("Lrn", "size", layer.size(), "alpha", layer.alpha(), "beta", layer.beta(), "k", layer.k());
  }

  @Override
  public LayerEmitter emitter(LrnLayer layer, LayerContext ctx) {
    return new LrnEmitter(ctx, layer);
  }
}
