package dev.convnet.processor.kind.dropout;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.emit.Workspace;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * {@link DropoutLayer}, inverted: in training mode each value is kept with probability {@code 1 − rate} and scaled
 * by {@code 1/(1 − rate)}, the mask (the factor per value) kept for backward; in inference mode the mask is all ones.
 * The generator is SplitMix64, one stream per instance (seed and worker index), so runs are reproducible.
 */
final class DropoutEmitter implements LayerEmitter {
  private final LayerContext ctx;
  private final DropoutLayer drop;

  DropoutEmitter(LayerContext ctx, DropoutLayer layer) {
    this.ctx = ctx;
    this.drop = layer;
  }

  private String state() {
    return ctx.field("Random");
  }

  @Override
  public void workspace(Workspace ws) {
    ws.perBatch(ctx.field("Mask"), ctx.num().typeName(), ctx.outSize(),
        "the factor each value was multiplied by in the last forward pass (0 or 1/(1 − rate); 1 in inference)");
  }

  @Override
  public List<FieldSpec> fields() {
    return List.of(FieldSpec.builder(long.class, state(), Modifier.PRIVATE)
        .addJavadoc("$L: the state of its random stream (SplitMix64).\n", ctx.name()).build());
  }

  @Override
  public CodeBlock reseed() {
    return CodeBlock.builder().addStatement("$L = $LL ^ (stream * 0x9E3779B97F4A7C15L)", state(), drop.seed())
        .build();
  }

  @Override
  public CodeBlock forward() {
    String t = ctx.num().type();
    String mask = ctx.field("Mask");
    CodeBlock.Builder b = CodeBlock.builder();
    b.beginControlFlow("if ($L)", LayerContext.TRAINING);
    b.addStatement("long state = $L", state());
    b.beginControlFlow("for (int i = 0; i < $L; i++)", ctx.outSize());
    b.addStatement("state += 0x9E3779B97F4A7C15L");
    b.addStatement("long z = state");
    b.addStatement("z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L");
    b.addStatement("z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL");
    b.addStatement("z ^= z >>> 31");
    b.add("// a uniform number in [0, 1) from the top 53 bits: dropped below the rate\n");
    b.addStatement("final $L m = (z >>> 11) * 0x1.0p-53 < $L ? $L : $L", t, drop.rate(), ctx.num().literal(0),
        ctx.num().literal(1.0 / (1.0 - drop.rate())));
    b.addStatement("$L[yo + i] = m", mask);
    b.addStatement("y[yo + i] = x[xo + i] * m");
    b.endControlFlow();
    b.addStatement("$L = state", state());
    b.nextControlFlow("else");
    b.addStatement("$T.fill($L, yo, yo + $L, $L)", java.util.Arrays.class, mask, ctx.outSize(), ctx.num().literal(1));
    b.addStatement("System.arraycopy(x, xo, y, yo, $L)", ctx.outSize());
    b.endControlFlow();
    return b.build();
  }

  @Override
  public CodeBlock backward() {
    return ctx.inputGradientOnly(CodeBlock.builder()
        .beginControlFlow("for (int i = 0; i < $L; i++)", ctx.outSize())
        .addStatement("dx[xo + i] += dy[yo + i] * $L[yo + i]", ctx.field("Mask"))
        .endControlFlow().build());
  }
}
