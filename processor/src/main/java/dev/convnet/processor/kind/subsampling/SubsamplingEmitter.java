package dev.convnet.processor.kind.subsampling;

import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.emit.Loops;
import dev.convnet.processor.emit.ParamPlan;
import dev.convnet.processor.emit.PoolWindows;
import dev.convnet.processor.emit.Workspace;
import dev.convnet.processor.model.Window;

/**
 * {@link SubsamplingLayer}, LeNet-5's trainable subsampling: per map k, {@code w_k · mean(window) + b_k} (the
 * activation is applied by the caller). Keeps each window's mean for the coefficient's gradient; spreads
 * {@code dy · w_k / area} back over the window.
 */
final class SubsamplingEmitter implements LayerEmitter {
  private final LayerContext ctx;
  private final SubsamplingLayer sub;
  private final Window win;
  private final PoolWindows w;
  private String weight;
  private String bias;

  SubsamplingEmitter(LayerContext ctx, SubsamplingLayer layer) {
    this.ctx = ctx;
    this.sub = layer;
    this.win = layer.window(ctx.in());
    this.w = new PoolWindows(win, ctx.in().channels());
  }

  @Override
  public void parameters(ParamPlan plan) {
    int maps = ctx.in().channels();
    weight = plan.add(ctx.name(), ctx.constant(), "weight", "SCALE", new int[] {maps}, win.taps(), 1);
    bias = plan.add(ctx.name(), ctx.constant(), "bias", "BIAS", new int[] {maps}, win.taps(), 1);
  }

  @Override
  public void workspace(Workspace ws) {
    ws.perBatch(ctx.field("Mean"), ctx.num().typeName(), ctx.outSize(), "the mean of each window");
  }

  @Override
  public CodeBlock forward() {
    CodeBlock.Builder b = CodeBlock.builder();
    b.addStatement("final int mo = n * $L", ctx.outSize());
    w.open(b, "xo");
    b.addStatement("final $L mean = ($L) / $L", ctx.num().type(), w.sum("x", false), ctx.num().literal(w.taps()));
    b.addStatement("$L[mo + j] = mean", ctx.field("Mean"));
    b.addStatement("y[yo + j] = p[$L + m] * mean + p[$L + m]", weight, bias);
    w.close(b);
    return b.build();
  }

  @Override
  public CodeBlock backward() {
    CodeBlock.Builder b = CodeBlock.builder();
    String t = ctx.num().type();
    b.addStatement("final int mo = n * $L", ctx.outSize());
    Loops.begin(b, "m", ctx.in().channels(), "j = 0");
    b.addStatement("$L gw = 0, gb = 0", t);
    b.beginControlFlow("for (int k = 0; k < $L; k++, j++)", w.outPlane());
    b.addStatement("gw += dy[yo + j] * $L[mo + j]", ctx.field("Mean"));
    b.addStatement("gb += dy[yo + j]");
    b.endControlFlow();
    b.addStatement("g[$L + m] += gw", weight);
    b.addStatement("g[$L + m] += gb", bias);
    b.endControlFlow();
    w.open(b, "xo");
    b.addStatement("final $L v = dy[yo + j] * p[$L + m] / $L", t, weight, ctx.num().literal(w.taps()));
    w.spread(b, "dx", k -> "v");
    w.close(b);
    return b.build();
  }
}
