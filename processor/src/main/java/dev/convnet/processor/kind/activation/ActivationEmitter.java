package dev.convnet.processor.kind.activation;

import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;

/**
 * {@link ActivationLayer}: copies its input; the caller applies the activation and its derivative as for every
 * layer, so this layer only passes the delta through.
 */
final class ActivationEmitter implements LayerEmitter {
  private final LayerContext ctx;

  ActivationEmitter(LayerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public CodeBlock forward() {
    return CodeBlock.builder().addStatement("System.arraycopy(x, xo, y, yo, $L)", ctx.outSize()).build();
  }

  @Override
  public CodeBlock backward() {
    return CodeBlock.builder()
        .beginControlFlow("for (int i = 0; i < $L; i++)", ctx.outSize())
        .addStatement("dx[xo + i] += dy[yo + i]")
        .endControlFlow()
        .build();
  }
}
