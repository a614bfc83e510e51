package dev.convnet.processor.kind.add;

import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;

/**
 * {@link AddLayer}: the element-wise sum of its inputs (equal shapes); backward passes the delta unchanged to every
 * input. The caller applies the activation (ResNet's ReLU after the addition).
 */
final class AddEmitter implements LayerEmitter {
  private final LayerContext ctx;

  AddEmitter(LayerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public boolean sumsInputs() {
    return true;
  }

  @Override
  public CodeBlock forward() {
    CodeBlock.Builder b = CodeBlock.builder().addStatement("System.arraycopy(x, xo, y, yo, $L)", ctx.outSize());
    for (int k = 1; k < ctx.node().inputs().size(); k++) {
      String in = LayerContext.outField(ctx.node().inputs().get(k));
      b.addStatement("final $L[] x$L = $L", ctx.num().type(), k, in);
      b.beginControlFlow("for (int i = 0; i < $L; i++)", ctx.outSize());
      b.addStatement("y[yo + i] += x$L[xo + i]", k);
      b.endControlFlow();
    }
    return b.build();
  }

  @Override
  public CodeBlock backward() {
    CodeBlock.Builder b = CodeBlock.builder();
    for (int k = 0; k < ctx.node().inputs().size(); k++) {
      String delta = LayerContext.deltaField(ctx.node().inputs().get(k));
      b.addStatement("final $L[] dx$L = $L", ctx.num().type(), k, delta);
      b.beginControlFlow("for (int i = 0; i < $L; i++)", ctx.outSize());
      b.addStatement("dx$L[xo + i] += dy[yo + i]", k);
      b.endControlFlow();
    }
    return b.build();
  }
}
