package dev.convnet.processor.emit;

import dev.convnet.processor.model.Layer;

/** Picks the emitter for a layer's kind. */
final class Emitters {
  private Emitters() {}

  static LayerEmitter of(LayerContext ctx) {
    Layer layer = ctx.node().layer();
    if (layer instanceof Layer.Conv) {
      return new ConvEmitter(ctx);
    }
    if (layer instanceof Layer.TransposedConv) {
      return new TransposedConvEmitter(ctx);
    }
    if (layer instanceof Layer.Pool) {
      return new PoolEmitter(ctx);
    }
    if (layer instanceof Layer.Subsampling) {
      return new SubsamplingEmitter(ctx);
    }
    if (layer instanceof Layer.Dense) {
      return new DenseEmitter(ctx);
    }
    if (layer instanceof Layer.Activation) {
      return new ActivationEmitter(ctx);
    }
    if (layer instanceof Layer.Add) {
      return new AddEmitter(ctx);
    }
    if (layer instanceof Layer.Concat) {
      return new ConcatEmitter(ctx);
    }
    if (layer instanceof Layer.BatchNorm) {
      return new BatchNormEmitter(ctx);
    }
    if (layer instanceof Layer.Dropout) {
      return new DropoutEmitter(ctx);
    }
    if (layer instanceof Layer.Lrn) {
      return new LrnEmitter(ctx);
    }
    if (layer instanceof Layer.GlobalAvgPool) {
      return new GlobalAvgPoolEmitter(ctx);
    }
    if (layer instanceof Layer.Rbf) {
      return new RbfEmitter(ctx);
    }
    throw new IllegalArgumentException("no emitter for " + layer.annotation());
  }
}
