package dev.convnet.processor.kind.globalavgpool;

import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;

/** {@link GlobalAvgPoolLayer}: each map's mean; backward spreads each delta evenly over its map. */
final class GlobalAvgPoolEmitter implements LayerEmitter {
  private final LayerContext ctx;

  GlobalAvgPoolEmitter(LayerContext ctx) {
    this.ctx = ctx;
  }


  @Override
  public CodeBlock forward() {
    String t = ctx.num().type();
    return CodeBlock.builder()
        .beginControlFlow("for (int c = 0; c < $L; c++)", ctx.in().channels())
        .addStatement("$L s = 0", t)
        .beginControlFlow("for (int i = xo + c * $L, end = i + $L; i < end; i++)", ctx.inPlane(), ctx.inPlane())
        .addStatement("s += x[i]")
        .endControlFlow()
        .addStatement("y[yo + c] = s * $L", ctx.num().literal(1.0 / ctx.inPlane()))
        .endControlFlow().build();
  }

  @Override
  public CodeBlock backward() {
    return CodeBlock.builder()
        .beginControlFlow("for (int c = 0; c < $L; c++)", ctx.in().channels())
        .addStatement("final $L d = dy[yo + c] * $L", ctx.num().type(), ctx.num().literal(1.0 / ctx.inPlane()))
        .beginControlFlow("for (int i = xo + c * $L, end = i + $L; i < end; i++)", ctx.inPlane(), ctx.inPlane())
        .addStatement("dx[i] += d")
        .endControlFlow()
        .endControlFlow().build();
  }
}
