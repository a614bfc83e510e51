package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.model.Window;

/** Copies between a sample's maps and their zero-bordered scratch planes: shared by every padded windowed layer. */
public final class PaddedPlanes {
  private PaddedPlanes() {}

  /** Copies input sample {@code x[xo]} into the interior of the padded scratch plane. */
  public static CodeBlock padInput(LayerContext ctx, Window win, String src, String so, String dst) {
    return CodeBlock.builder().addStatement("$T.copy($L, $L, $L, $L, $L, $L, $L, $L, $L, $L, $L)", Planes.CLASS, src, so,
        win.inW(), win.inPlane(), dst, win.pad().h() * win.paddedW() + win.pad().w(), win.paddedW(),
        win.paddedH() * win.paddedW(), ctx.in().channels(), win.inH(), win.inW()).build();
  }

  /** Adds the interior of a padded delta plane into {@code dx[xo]}. */
  public static CodeBlock unpadDelta(LayerContext ctx, Window win, String src) {
    return CodeBlock.builder().addStatement("$T.add($L, $L, $L, $L, dx, xo, $L, $L, $L, $L, $L)", Planes.CLASS, src,
        win.pad().h() * win.paddedW() + win.pad().w(), win.paddedW(), win.paddedH() * win.paddedW(), win.inW(),
        win.inPlane(), ctx.in().channels(), win.inH(), win.inW()).build();
  }
}
