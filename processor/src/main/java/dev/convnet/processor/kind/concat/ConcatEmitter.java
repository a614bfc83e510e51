package dev.convnet.processor.kind.concat;

import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import java.util.List;

/**
 * {@link ConcatLayer}: samples are stored channel-major, so concatenating channels is concatenating each input's
 * whole sample in parameter order; backward hands each input its slice of the delta.
 */
final class ConcatEmitter implements LayerEmitter {
  private final LayerContext ctx;

  ConcatEmitter(LayerContext ctx) {
    this.ctx = ctx;
  }

  private List<String> inputs() {
    return ctx.node().inputs();
  }

  @Override
  public CodeBlock forward() {
    CodeBlock.Builder b = CodeBlock.builder();
    int offset = 0;
    for (String in : inputs()) {
      String size = LayerContext.sizeConstant(in);
      b.addStatement("System.arraycopy($L, n * $L, y, yo + $L, $L)", LayerContext.outField(in), size, offset, size);
      offset += ctx.net().shape(in).size();
    }
    return b.build();
  }

  @Override
  public CodeBlock backward() {
    CodeBlock.Builder b = CodeBlock.builder();
    int offset = 0;
    for (int k = 0; k < inputs().size(); k++) {
      String in = inputs().get(k);
      String size = LayerContext.sizeConstant(in);
      b.addStatement("final $L[] dx$L = $L", ctx.num().type(), k, LayerContext.deltaField(in));
      b.addStatement("final int xo$L = n * $L", k, size);
      b.beginControlFlow("for (int i = 0; i < $L; i++)", size);
      b.addStatement("dx$L[xo$L + i] += dy[yo + $L + i]", k, k, offset);
      b.endControlFlow();
      offset += ctx.net().shape(in).size();
    }
    return b.build();
  }
}
