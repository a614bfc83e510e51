package dev.convnet.processor.kind.globalavgpool;

import dev.convnet.annotations.GlobalAvgPool;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.kind.AnnotationValues;
import dev.convnet.processor.kind.Former;
import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.kind.LayerShapes;
import dev.convnet.processor.kind.ShapeChecks;
import dev.convnet.processor.model.Shape;
import java.util.Optional;

/** {@code @GlobalAvgPool}: a feature map to the vector of its maps' means. */
public enum GlobalAvgPoolKind implements LayerKind<GlobalAvgPoolLayer> {
  INSTANCE;

  @Override
  public Class<GlobalAvgPool> annotation() {
    return GlobalAvgPool.class;
  }

  @Override
  public GlobalAvgPoolLayer read(AnnotationValues v) {
    return new GlobalAvgPoolLayer();
  }

  @Override
  public Optional<Shape> shape(GlobalAvgPoolLayer layer, ShapeChecks check) {
    return check.needsMap() ? Optional.of(Shape.vector(check.in().channels())) : Optional.empty();
  }

  @Override
  public String summary(GlobalAvgPoolLayer layer, LayerShapes shapes) {
    return "GlobalAvgPool " + shapes.in().height() + "×" + shapes.in().width();
  }

  @Override
  public String op(GlobalAvgPoolLayer layer) {
    return "global_avg_pool";
  }

  @Override
  public String formerDescription(GlobalAvgPoolLayer layer) {
    return Former.record("GlobalAvgPool");
  }

  @Override
  public LayerEmitter emitter(GlobalAvgPoolLayer layer, LayerContext ctx) {
    return new GlobalAvgPoolEmitter(ctx);
  }
}
