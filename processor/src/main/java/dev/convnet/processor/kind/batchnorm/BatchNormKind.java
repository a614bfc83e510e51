package dev.convnet.processor.kind.batchnorm;

import dev.convnet.annotations.BatchNorm;
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

/**
 * {@code @BatchNorm}: per-channel normalization with PyTorch's semantics (batch statistics in training, running
 * averages in inference), optional scale and shift, then the activation; the shape is the input's.
 */
public enum BatchNormKind implements LayerKind<BatchNormLayer> {
  INSTANCE;

  @Override
  public Class<BatchNorm> annotation() {
    return BatchNorm.class;
  }

  @Override
  public BatchNormLayer read(AnnotationValues v) {
    return new BatchNormLayer(v.real("eps"), v.real("momentum"), v.bool("affine"), v.act("activation"));
  }

  @Override
  public void checkOptions(BatchNormLayer layer, OptionChecks check) {
    check.range(Message.EPS_RANGE, "eps", layer.eps(), layer.eps() > 0);
    check.range(Message.MOMENTUM_RANGE, "momentum", layer.momentum(), layer.momentum() >= 0
        && layer.momentum() <= 1);
    check.activation("activation", layer.act());
  }

  @Override
  public Optional<Shape> shape(BatchNormLayer layer, ShapeChecks check) {
    return Optional.of(check.in());
  }

  /** Channels of the input, a vector counting as that many 1×1 maps. */
  static int channels(Shape in) {
    return in.vector() ? in.size() : in.channels();
  }

  @Override
  public long parameters(BatchNormLayer layer, LayerShapes shapes) {
    return layer.affine() ? 2L * shapes.in().channels() : 0;
  }

  @Override
  public String summary(BatchNormLayer layer, LayerShapes shapes) {
    return "BatchNorm" + (layer.affine() ? "" : " (no affine)");
  }

  @Override
  public String op(BatchNormLayer layer) {
    return "batch_norm";
  }

  @Override
  public void describe(BatchNormLayer layer, LayerShapes shapes, Canonical a) {
    a.put("eps", layer.eps()).put("momentum", layer.momentum()).put("affine", layer.affine())
        .put("activation", layer.act());
  }

  @Override
  public String formerDescription(BatchNormLayer layer) {
    return Former.record("BatchNorm", "eps", layer.eps(), "momentum", layer.momentum(), "affine", layer.affine(),
        "act", layer.act());
  }

  @Override
  public LayerEmitter emitter(BatchNormLayer layer, LayerContext ctx) {
    return new BatchNormEmitter(ctx, layer);
  }
}
