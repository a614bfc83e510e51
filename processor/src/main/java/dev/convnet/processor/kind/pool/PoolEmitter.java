package dev.convnet.processor.kind.pool;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.emit.Numeric;
import dev.convnet.processor.emit.PaddedPlanes;
import dev.convnet.processor.emit.PoolWindows;
import dev.convnet.processor.emit.RuntimeNames;
import dev.convnet.processor.emit.Workspace;
import dev.convnet.processor.model.Window;

/**
 * {@link PoolLayer}: max pooling takes each window's maximum with {@code Math.max} (no branches; NaN propagates, as in
 * PyTorch; padding is −∞ and never wins; down the window's rows first for a whole row of windows, then across) and
 * its backward pass routes the delta to the first tap, in row-major order, that holds the output's value bit for bit,
 * found without branches ({@code MaxPool}): nothing is recorded in the forward pass, so inference and training run
 * the same code. Average pooling spreads the delta evenly; L2 pooling
 * {@code sqrt(Σx²)} sends back {@code dy·x/y}. Windows are unrolled.
 */
final class PoolEmitter implements LayerEmitter {
  private static final ClassName ARRAYS = ClassName.get(java.util.Arrays.class);
  private final LayerContext ctx;
  private final PoolLayer pool;
  private final Window win;
  private final PoolWindows w;

  PoolEmitter(LayerContext ctx, PoolLayer layer) {
    this.ctx = ctx;
    this.pool = layer;
    this.win = layer.window(ctx.in());
    this.w = new PoolWindows(win, ctx.in().channels());
  }

  /** Max pooling whose windows have several rows: the separable max ({@link PoolWindows#separableMax}). */
  private boolean separable() {
    return pool.kind() == PoolKind.MAX && win.kernel().h() > 1;
  }

  @Override
  public void workspace(Workspace ws) {
    if (separable()) {
      ws.scratch(ctx.field("Cols"), ctx.num().typeName(), Integer.toString(w.rowSpan()), null,
          "the maximum down each column of one row of windows");
    }
    if (win.padded()) {
      String size = Integer.toString(ctx.in().channels() * w.planeSize());
      String fill = pool.kind() == PoolKind.MAX
          ? (ctx.num() == Numeric.FLOAT ? "Float" : "Double") + ".NEGATIVE_INFINITY" : null;
      ws.scratch(ctx.field("Pad"), ctx.num().typeName(), size, fill,
          "the input sample inside its border (" + (fill == null ? "zeros" : "−∞, which never wins the max") + ")");
      ws.scratch(ctx.field("PadDelta"), ctx.num().typeName(), size, null, "d(loss)/d(padded input)");
    }
  }

  private String source(CodeBlock.Builder b) {
    if (!win.padded()) {
      return "x";
    }
    b.add(PaddedPlanes.padInput(ctx, win, "x", "xo", ctx.field("Pad")));
    return ctx.field("Pad");
  }

  @Override
  public CodeBlock forward() {
    CodeBlock.Builder b = CodeBlock.builder();
    String src = source(b);
    String base = win.padded() ? "0" : "xo";
    switch (pool.kind()) {
      case MAX -> {
        if (separable()) {
          w.separableMax(b, src, base, ctx.field("Cols"));
        } else {
          w.open(b, base);
          b.addStatement("y[yo + j] = $L", w.max(src, 0, w.taps()));
          w.close(b);
        }
      }
      case AVG -> {
        w.open(b, base);
        String div = w.divisor(ctx.num(), b);
        b.addStatement("y[yo + j] = ($L) / $L", w.sum(src, false), div);
        w.close(b);
      }
      case L2 -> {
        w.open(b, base);
        b.addStatement("y[yo + j] = $L", ctx.num().fromDouble("Math.sqrt(" + w.sum(src, true) + ")"));
        w.close(b);
      }
    }
    return b.build();
  }

  /**
   * Max pooling in float: the runtime's blocked pooling, when its windows keep at least one tap inside the input
   * (a padding below the window, no window past the input's end), which frozen copies link between blocked layers.
   */
  @Override
  public CodeBlock blockedPool() {
    Window k = win;
    boolean fits = pool.kind() == PoolKind.MAX && ctx.num() == Numeric.FLOAT && k.dilation().h() == 1
        && k.dilation().w() == 1 && k.pad().h() < k.kernel().h() && k.pad().w() < k.kernel().w()
        && (k.outH() - 1) * k.stride().h() - k.pad().h() < k.inH()
        && (k.outW() - 1) * k.stride().w() - k.pad().w() < k.inW();
    if (!fits) {
      return null;
    }
    return CodeBlock.of("$T.maxPool($L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L)",
        RuntimeNames.VECTORIZATION, ctx.in().channels(), k.inH(), k.inW(),
        k.kernel().h(), k.kernel().w(), k.stride().h(), k.stride().w(), k.pad().h(), k.pad().w(), k.outH(),
        k.outW());
  }

  @Override
  public CodeBlock backward() {
    CodeBlock.Builder b = CodeBlock.builder();
    String src = pool.kind() != PoolKind.AVG ? source(b) : null;
    String dst = "dx";
    String base = "xo";
    if (win.padded()) {
      dst = ctx.field("PadDelta");
      base = "0";
      b.addStatement("$T.fill($L, $L)", ARRAYS, dst, ctx.num().literal(0));
    }
    w.open(b, base);
    if (pool.kind() == PoolKind.MAX) {
      b.addStatement("final $L max = y[yo + j]", ctx.num().type());
      b.addStatement("$L[c + $L] += dy[yo + j]", dst, w.firstHolding(b, src, "max"));
    } else if (pool.kind() == PoolKind.AVG) {
      String div = w.divisor(ctx.num(), b);
      b.addStatement("final $L v = dy[yo + j] / $L", ctx.num().type(), div);
      w.spread(b, dst, k -> "v");
    } else {
      b.addStatement("final $L out = y[yo + j]", ctx.num().type());
      b.addStatement("final $L v = out > 0 ? dy[yo + j] / out : 0", ctx.num().type());
      String plane = src;
      w.spread(b, dst, k -> "v * " + plane + "[c" + (w.offset(k) == 0 ? "" : " + " + w.offset(k)) + "]");
    }
    w.close(b);
    if (win.padded()) {
      b.add(PaddedPlanes.unpadDelta(ctx, win, dst));
    }
    return b.build();
  }
}
