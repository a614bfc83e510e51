package dev.convnet.processor.kind.batchnorm;

import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.emit.ParamPlan;
import dev.convnet.processor.emit.Workspace;

/**
 * {@link BatchNormLayer}, over the whole batch at once. Training: each channel normalized with the batch mean and
 * biased variance over samples and positions (sums in double), the running averages updated with PyTorch's momentum
 * and the unbiased variance (by the network itself, not by its workers); inference: the running averages. Backward in
 * training mode through the batch statistics: {@code dx = γ·inv/m · (m·dy − Σdy − x̂·Σ(dy·x̂))}.
 */
final class BatchNormEmitter implements LayerEmitter {
  private final LayerContext ctx;
  private final BatchNormLayer bn;
  private String gamma;
  private String beta;
  private String runningMean;
  private String runningVar;

  BatchNormEmitter(LayerContext ctx, BatchNormLayer layer) {
    this.ctx = ctx;
    this.bn = layer;
  }

  @Override
  public boolean wholeBatch() {
    return true;
  }



  @Override
  public void parameters(ParamPlan plan) {
    int[] shape = {ctx.inChannels()};
    if (bn.affine()) {
      gamma = plan.add(ctx.name(), ctx.constant(), "weight", "SCALE", shape, 1, 1);
      beta = plan.add(ctx.name(), ctx.constant(), "bias", "SHIFT", shape, 1, 1);
    }
    runningMean = plan.addBuffer(ctx.name(), ctx.constant(), "running_mean", shape, 0);
    runningVar = plan.addBuffer(ctx.name(), ctx.constant(), "running_var", shape, 1);
  }

  @Override
  public void workspace(Workspace ws) {
    ws.scratch(ctx.field("Mean"), com.palantir.javapoet.TypeName.DOUBLE, Integer.toString(ctx.inChannels()), null,
        "the mean each channel was normalized with in the last forward pass");
    ws.scratch(ctx.field("Inv"), com.palantir.javapoet.TypeName.DOUBLE, Integer.toString(ctx.inChannels()), null,
        "1/sqrt(variance + eps) of each channel in the last forward pass");
  }

  /** Partial sums per reduction when a channel's plane divides by it: independent chains hide the add latency. */
  private static final int PARTIALS = 4;

  /**
   * Declares {@code double} sums {@code names[j] = Σ terms[j]} over channel {@code c} of every sample, each term an
   * expression of {@code [i]}. With a plane that divides by {@value #PARTIALS}, each sum runs as {@value #PARTIALS}
   * interleaved partial sums (one add chain each, so the loop is not bound by one chain's latency), added pairwise at
   * the end; otherwise as one chain.
   */
  private void sums(CodeBlock.Builder b, String[] names, String[] terms) {
    if (ctx.inPlane() % PARTIALS != 0) {
      for (String name : names) {
        b.addStatement("double $L = 0", name);
      }
      overChannel(b);
      for (int j = 0; j < names.length; j++) {
        b.addStatement("$L += $L", names[j], terms[j]);
      }
      close(b);
      return;
    }
    for (String name : names) {
      b.addStatement("double $L0 = 0, $L1 = 0, $L2 = 0, $L3 = 0", name, name, name, name);
    }
    b.beginControlFlow("for (int n = 0; n < batch; n++)");
    b.beginControlFlow("for (int i = n * $L + c * $L, end = i + $L; i < end; i += $L)", ctx.outSize(),
        ctx.inPlane(), ctx.inPlane(), PARTIALS);
    for (int j = 0; j < names.length; j++) {
      for (int k = 0; k < PARTIALS; k++) {
        b.addStatement("$L$L += $L", names[j], k, terms[j].replace("[i]", k == 0 ? "[i]" : "[i + " + k + "]"));
      }
    }
    close(b);
    for (String name : names) {
      b.addStatement("double $L = ($L0 + $L1) + ($L2 + $L3)", name, name, name, name, name);
    }
  }

  /** Opens {@code for n, for i} over channel {@code c} of every sample. */
  private void overChannel(CodeBlock.Builder b) {
    b.beginControlFlow("for (int n = 0; n < batch; n++)");
    b.beginControlFlow("for (int i = n * $L + c * $L, end = i + $L; i < end; i++)", ctx.outSize(), ctx.inPlane(),
        ctx.inPlane());
  }

  private static void close(CodeBlock.Builder b) {
    b.endControlFlow().endControlFlow();
  }

  @Override
  public CodeBlock forward() {
    String t = ctx.num().type();
    String cast = ctx.num().cast();
    double m = bn.momentum();
    CodeBlock.Builder b = CodeBlock.builder();
    b.addStatement("final int count = batch * $L", ctx.inPlane());
    b.beginControlFlow("for (int c = 0; c < $L; c++)", ctx.inChannels());
    b.addStatement("double mean");
    b.addStatement("double var");
    b.beginControlFlow("if ($L)", LayerContext.TRAINING);
    sums(b, new String[] {"s"}, new String[] {"x[i]"});
    b.addStatement("mean = s / count");
    sums(b, new String[] {"q"}, new String[] {"(x[i] - mean) * (x[i] - mean)"});
    b.addStatement("var = q / count");
    b.beginControlFlow("if (primary)");
    b.addStatement("b[$L + c] = $L($L * b[$L + c] + $L * mean)", runningMean, cast, 1 - m, runningMean, m);
    b.addStatement("b[$L + c] = $L($L * b[$L + c] + $L * (count > 1 ? q / (count - 1) : var))", runningVar, cast,
        1 - m, runningVar, m);
    b.endControlFlow();
    b.nextControlFlow("else");
    b.addStatement("mean = b[$L + c]", runningMean);
    b.addStatement("var = b[$L + c]", runningVar);
    b.endControlFlow();
    b.addStatement("final double inv = 1.0 / Math.sqrt(var + $L)", bn.eps());
    b.addStatement("$L[c] = mean", ctx.field("Mean"));
    b.addStatement("$L[c] = inv", ctx.field("Inv"));
    b.addStatement("final $L scale = $L", t, scaleExpression());
    b.addStatement("final $L shift = $L", t, shiftExpression("scale"));
    overChannel(b);
    b.addStatement("y[i] = x[i] * scale + shift");
    close(b);
    b.endControlFlow();
    return b.build();
  }

  /** The channel's scale from {@code inv = 1/sqrt(var + eps)}, as the forward pass rounds it. */
  private CodeBlock scaleExpression() {
    return CodeBlock.of("$L($L * inv)", ctx.num().cast(), bn.affine() ? "p[" + gamma + " + c]" : "1.0");
  }

  /** The channel's shift from {@code mean} and the rounded {@code scale}, as the forward pass rounds it. */
  private CodeBlock shiftExpression(String scale) {
    return CodeBlock.of("$L($L - mean * $L)", ctx.num().cast(), bn.affine() ? "p[" + beta + " + c]" : "0.0", scale);
  }

  /** The inference map from the running statistics: the forward pass's own scale and shift, rounded the same way. */
  @Override
  public CodeBlock inferenceAffine(String scale, String shift) {
    return CodeBlock.builder()
        .beginControlFlow("for (int c = 0; c < $L; c++)", ctx.inChannels())
        .addStatement("final double mean = b[$L + c]", runningMean)
        .addStatement("final double inv = 1.0 / Math.sqrt(b[$L + c] + $L)", runningVar, bn.eps())
        .addStatement("$L[c] = $L", scale, scaleExpression())
        .addStatement("$L[c] = $L", shift, shiftExpression(scale + "[c]"))
        .endControlFlow()
        .build();
  }

  @Override
  public CodeBlock backward() {
    String t = ctx.num().type();
    String cast = ctx.num().cast();
    CodeBlock.Builder b = CodeBlock.builder();
    b.addStatement("final int count = batch * $L", ctx.inPlane());
    b.beginControlFlow("for (int c = 0; c < $L; c++)", ctx.inChannels());
    b.addStatement("final double mean = $L[c]", ctx.field("Mean"));
    b.addStatement("final double inv = $L[c]", ctx.field("Inv"));
    sums(b, new String[] {"sdy", "sdyx"}, new String[] {"dy[i]", "dy[i] * ((x[i] - mean) * inv)"});
    if (bn.affine()) {
      b.addStatement("g[$L + c] += $Lsdyx", gamma, cast);
      b.addStatement("g[$L + c] += $Lsdy", beta, cast);
    }
    CodeBlock.Builder dx = CodeBlock.builder();
    dx.addStatement("final double k = $L * inv", bn.affine() ? "p[" + gamma + " + c]" : "1.0");
    dx.beginControlFlow("if ($L)", LayerContext.TRAINING);
    dx.addStatement("final double a = sdy / count");
    dx.addStatement("final double bq = sdyx / count");
    overChannel(dx);
    dx.addStatement("dx[i] += $L(k * (dy[i] - a - (x[i] - mean) * inv * bq))", cast);
    close(dx);
    dx.nextControlFlow("else");
    dx.addStatement("final $L kt = $Lk", t, cast);
    overChannel(dx);
    dx.addStatement("dx[i] += kt * dy[i]");
    close(dx);
    dx.endControlFlow();
    b.add(ctx.inputGradientOnly(dx.build()));
    b.endControlFlow();
    return b.build();
  }
}
