package dev.convnet.processor.kind.dense;

import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.emit.DenseKernels;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.emit.ParamPlan;

/**
 * {@link DenseLayer}: {@code y = W·x + b} with {@code W} stored {@code [out, in]} as in PyTorch; a feature-map input
 * is read flat in channel, row, column order, which is how samples are stored, so flattening costs nothing.
 */
final class DenseEmitter implements LayerEmitter {
  private final LayerContext ctx;
  private final DenseLayer dense;
  private String weight;
  private String bias;

  DenseEmitter(LayerContext ctx, DenseLayer layer) {
    this.ctx = ctx;
    this.dense = layer;
  }

  @Override
  public void parameters(ParamPlan plan) {
    int in = ctx.in().size();
    weight = plan.add(ctx.name(), ctx.constant(), "weight", "WEIGHT", new int[] {dense.units(), in}, in,
        dense.units());
    if (dense.bias()) {
      bias = plan.add(ctx.name(), ctx.constant(), "bias", "BIAS", new int[] {dense.units()}, in, dense.units());
    }
  }

  @Override
  public CodeBlock forward() {
    return DenseKernels.forward(ctx, weight, bias, dense.units(), ctx.in().size());
  }

  @Override
  public CodeBlock backward() {
    return DenseKernels.backward(ctx, weight, bias, dense.units(), ctx.in().size());
  }
}
