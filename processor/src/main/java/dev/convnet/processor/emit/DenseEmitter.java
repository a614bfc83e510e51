package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.model.Layer;

/**
 * {@link Layer.Dense}: {@code y = W·x + b} with {@code W} stored {@code [out, in]} as in PyTorch; a feature-map input
 * is read flat in channel, row, column order, which is how samples are stored, so flattening costs nothing.
 */
final class DenseEmitter implements LayerEmitter {
  private final LayerContext ctx;
  private final Layer.Dense dense;
  private String weight;
  private String bias;

  DenseEmitter(LayerContext ctx) {
    this.ctx = ctx;
    this.dense = (Layer.Dense) ctx.node().layer();
  }

  @Override
  public String kind() {
    return "Dense" + (ctx.in().vector() ? "" : " (flattens " + ctx.in().compact() + ")") + (dense.bias() ? ""
        : ", no bias");
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
