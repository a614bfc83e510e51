package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.model.Window;

/**
 * Copies between a sample's maps and their zero-bordered scratch planes, shared by every padded windowed layer, and
 * the names of the padded planes' geometry ({@code C1_PITCH}, {@code C1_PAD_PLANE}, {@code C1_PAD_START}).
 */
public final class PaddedPlanes {
  private PaddedPlanes() {}

  /** The row pitch of the layer's (padded) input planes, which its wide rows share. */
  public static String pitch(LayerContext ctx, Window win) {
    return ctx.geometry("PITCH", win.paddedW(), "Row pitch of " + ctx.name() + "'s "
        + (win.padded() ? "padded input planes" : "input planes") + " and wide rows");
  }

  /** Values of one padded input plane. */
  public static String plane(LayerContext ctx, Window win) {
    return ctx.geometry("PAD_PLANE", win.paddedH() * win.paddedW(), "Values of one of " + ctx.name()
        + "'s padded input planes: " + win.paddedH() + " rows × " + win.paddedW());
  }

  /** Where a padded plane's interior (the input map) starts. */
  public static String start(LayerContext ctx, Window win) {
    return ctx.geometry("PAD_START", win.pad().h() * win.paddedW() + win.pad().w(), "First value of the input map in "
        + ctx.name() + "'s padded planes: row " + win.pad().h() + ", column " + win.pad().w() + " (numbered from 0)");
  }

  /** Copies input sample {@code x[xo]} into the interior of the padded scratch plane. */
  public static CodeBlock padInput(LayerContext ctx, Window win, String src, String so, String dst) {
    return CodeBlock.builder().addStatement("$T.copy($L, $L, $L, $L,$W$L, $L, $L, $L,$W$L, $L, $L)", Planes.CLASS,
        src, so, ctx.inDim("W"), ctx.inPlaneExpr(), dst, start(ctx, win), pitch(ctx, win), plane(ctx, win),
        ctx.inDim("C"), ctx.inDim("H"), ctx.inDim("W")).build();
  }

  /** Adds the interior of a padded delta plane into {@code dx[xo]}. */
  public static CodeBlock unpadDelta(LayerContext ctx, Window win, String src) {
    return CodeBlock.builder().addStatement("$T.add($L, $L, $L, $L,$Wdx, xo, $L, $L,$W$L, $L, $L)", Planes.CLASS,
        src, start(ctx, win), pitch(ctx, win), plane(ctx, win), ctx.inDim("W"), ctx.inPlaneExpr(), ctx.inDim("C"),
        ctx.inDim("H"), ctx.inDim("W")).build();
  }
}
