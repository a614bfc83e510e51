package dev.convnet.processor.kind.lrn;

import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.emit.Workspace;

/**
 * {@link LrnLayer}, across channels with PyTorch's semantics: {@code D_c = k + α/n·Σ_{j∈W(c)} x_j²},
 * {@code y_c = x_c·D_c^−β}, the window {@code W(c) = [c − n/2, c + (n−1)/2]} (zero outside). Backward:
 * {@code dx_j = dy_j·D_j^−β − (2αβ/n)·x_j·Σ_{c: j∈W(c)} dy_c·x_c·D_c^(−β−1)}. D is kept per sample for backward.
 */
final class LrnEmitter implements LayerEmitter {
  private final LayerContext ctx;
  private final LrnLayer lrn;

  LrnEmitter(LayerContext ctx, LrnLayer layer) {
    this.ctx = ctx;
    this.lrn = layer;
  }



  @Override
  public void workspace(Workspace ws) {
    ws.perBatch(ctx.field("Denominator"), ctx.num().typeName(), ctx.outSize(),
        "k + α/n·Σ x² over each value's channel window, from the last forward pass");
    ws.scratch(ctx.field("Term"), com.palantir.javapoet.TypeName.DOUBLE, Integer.toString(ctx.inChannels()), null,
        "dy_c·x_c·D_c^(−β−1) at one position, for backward");
    ws.scratch(ctx.field("Scale"), com.palantir.javapoet.TypeName.DOUBLE, Integer.toString(ctx.inChannels()), null,
        "D_c^−β at one position, for backward (one power per value)");
  }

  @Override
  public CodeBlock forward() {
    String den = ctx.field("Denominator");
    int before = lrn.size() / 2;
    int after = (lrn.size() - 1) / 2;
    CodeBlock.Builder b = CodeBlock.builder();
    b.beginControlFlow("for (int q = 0; q < $L; q++)", ctx.inPlane());
    b.beginControlFlow("for (int c = 0; c < $L; c++)", ctx.inChannels());
    b.addStatement("double s = 0");
    b.beginControlFlow("for (int j = Math.max(0, c - $L), end = Math.min($L, c + $L); j <= end; j++)", before,
        ctx.inChannels() - 1, after);
    b.addStatement("final double v = x[xo + j * $L + q]", ctx.inPlane());
    b.addStatement("s += v * v");
    b.endControlFlow();
    b.addStatement("final double d = $L + $L * s", lrn.k(), lrn.alpha() / lrn.size());
    b.addStatement("$L[yo + c * $L + q] = $Ld", den, ctx.inPlane(), ctx.num().cast());
    b.addStatement("y[yo + c * $L + q] = $L(x[xo + c * $L + q] * Math.pow(d, $L))", ctx.inPlane(), ctx.num().cast(),
        ctx.inPlane(),
        -lrn.beta());
    b.endControlFlow();
    b.endControlFlow();
    return b.build();
  }

  @Override
  public CodeBlock backward() {
    String den = ctx.field("Denominator");
    String term = ctx.field("Term");
    int before = lrn.size() / 2;
    int after = (lrn.size() - 1) / 2;
    CodeBlock.Builder b = CodeBlock.builder();
    b.beginControlFlow("for (int q = 0; q < $L; q++)", ctx.inPlane());
    b.beginControlFlow("for (int c = 0; c < $L; c++)", ctx.inChannels());
    b.addStatement("final int at = c * $L + q", ctx.inPlane());
    b.addStatement("final double d = $L[yo + at]", den);
    b.addStatement("final double scale = Math.pow(d, $L)", -lrn.beta());
    b.addStatement("$L[c] = scale", ctx.field("Scale"));
    b.addStatement("$L[c] = dy[yo + at] * x[xo + at] * scale / d", term);
    b.endControlFlow();
    b.beginControlFlow("for (int j = 0; j < $L; j++)", ctx.inChannels());
    b.addStatement("final int at = j * $L + q", ctx.inPlane());
    b.addStatement("double s = 0");
    b.add("// the windows holding channel j: those centred on c in [j − (n−1)/2, j + n/2]\n");
    b.beginControlFlow("for (int c = Math.max(0, j - $L), end = Math.min($L, j + $L); c <= end; c++)", after,
        ctx.inChannels() - 1, before);
    b.addStatement("s += $L[c]", term);
    b.endControlFlow();
    b.addStatement("dx[xo + at] += $L(dy[yo + at] * $L[j] - $L * x[xo + at] * s)", ctx.num().cast(), ctx.field("Scale"),
        2 * lrn.alpha() * lrn.beta() / lrn.size());
    b.endControlFlow();
    b.endControlFlow();
    return ctx.inputGradientOnly(b.build());
  }
}
