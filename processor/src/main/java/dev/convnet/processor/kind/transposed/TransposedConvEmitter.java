package dev.convnet.processor.kind.transposed;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.convnet.processor.emit.BiasCode;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.emit.ParamPlan;
import dev.convnet.processor.emit.Planes;
import dev.convnet.processor.emit.WindowKernels;
import dev.convnet.processor.emit.Workspace;
import dev.convnet.processor.model.TransposedWindow;
import java.util.List;

/**
 * {@link TransposedConvLayer}: the adjoint of a convolution. Forward scatters each input map through its kernels
 * into a full output plane and crops it (padding, output padding); backward pads the delta back to the full plane,
 * correlates it with the input for the weight gradient and gathers it through the kernels for the input gradient.
 * It reuses the convolution's {@link WindowKernels} with the roles of grid and plane exchanged.
 */
final class TransposedConvEmitter implements LayerEmitter {
  private static final ClassName ARRAYS = ClassName.get(java.util.Arrays.class);
  private final LayerContext ctx;
  private final TransposedConvLayer conv;
  private final TransposedWindow win;
  private final WindowKernels kernels;
  private String weight;
  private String bias;

  TransposedConvEmitter(LayerContext ctx, TransposedConvLayer layer) {
    this.ctx = ctx;
    this.conv = layer;
    this.win = layer.window(ctx.in());
    this.kernels = new WindowKernels(win.grid(), ctx.num(), ctx.name());
  }

  @Override
  public void parameters(ParamPlan plan) {
    int inC = ctx.in().channels();
    int taps = conv.kernel().area();
    // PyTorch computes a transposed conv's fan-in from weight.size(1) × kernel: the output maps.
    int fanIn = conv.filters() * taps;
    int fanOut = inC * taps;
    weight = plan.add(ctx.name(), ctx.constant(), "weight", "WEIGHT",
        new int[] {inC, conv.filters(), conv.kernel().h(), conv.kernel().w()}, fanIn, fanOut);
    if (conv.bias()) {
      bias = plan.add(ctx.name(), ctx.constant(), "bias", "BIAS", new int[] {conv.filters()}, fanIn, fanOut);
    }
  }

  private int fullPlane() {
    return win.fullH() * win.fullW();
  }

  private int outPlane() {
    return win.outH() * win.outW();
  }

  private String fullWName() {
    return ctx.geometry("FULL_W", win.fullW(), "Width of " + ctx.name() + "'s uncropped output planes");
  }

  private String fullPlaneName() {
    return ctx.geometry("FULL_PLANE", fullPlane(), "Values of one of " + ctx.name() + "'s uncropped output planes: "
        + win.fullH() + " rows × " + win.fullW());
  }

  private String cropStartName() {
    return ctx.geometry("CROP_START", cropStart(), "First value of " + ctx.name()
        + "'s output in its uncropped planes: row " + win.pad().h() + ", column " + win.pad().w()
        + " (numbered from 0)");
  }

  private int cropStart() {
    return win.pad().h() * win.fullW() + win.pad().w();
  }

  @Override
  public void workspace(Workspace ws) {
    if (win.cropped()) {
      String size = Integer.toString(conv.filters() * fullPlane());
      ws.scratch(ctx.field("Full"), ctx.num().typeName(), size, null, "the uncropped output of one sample");
      ws.scratch(ctx.field("FullDelta"), ctx.num().typeName(), size, null, "d(loss)/d(uncropped output)");
    }
  }

  /** One kernel call per (input map, output map) pair, weights {@code [in, out, kh, kw]}. */
  private CodeBlock pairs(String call) {
    int taps = conv.kernel().area();
    return CodeBlock.builder()
        .beginControlFlow("for (int i = 0, k = $L; i < $L; i++)", weight, ctx.in().channels())
        .beginControlFlow("for (int o = 0; o < $L; o++, k += $L)", conv.filters(), taps)
        .addStatement("$L", call)
        .endControlFlow()
        .endControlFlow()
        .build();
  }

  @Override
  public CodeBlock forward() {
    CodeBlock.Builder b = CodeBlock.builder();
    int inPlane = win.inH() * win.inW();
    String biasValue = conv.bias() ? "p[" + bias + " + o]" : ctx.num().literal(0);
    b.beginControlFlow("for (int o = 0; o < $L; o++)", conv.filters());
    b.addStatement("$T.fill(y, yo + o * $L, yo + (o + 1) * $L, $L)", ARRAYS, outPlane(), outPlane(), biasValue);
    b.endControlFlow();
    if (win.cropped()) {
      String full = ctx.field("Full");
      b.addStatement("$T.fill($L, $L)", ARRAYS, full, ctx.num().literal(0));
      b.add(pairs(kernels.scatterName() + "(p, k, x, xo + i * " + inPlane + ", " + full + ", o * " + fullPlane()
          + ")"));
      b.add("// crop: output rows and columns start $L into the full plane\n", win.pad());
      b.addStatement("$T.add($L, $L, $L, $L,$Wy, yo, $L, $L,$W$L, $L, $L)", Planes.CLASS, full, cropStartName(),
          fullWName(), fullPlaneName(), ctx.outDim("W"), ctx.outPlaneExpr(), ctx.outDim("C"), ctx.outDim("H"),
          ctx.outDim("W"));
    } else {
      b.add(pairs(kernels.scatterName() + "(p, k, x, xo + i * " + inPlane + ", y, yo + o * " + outPlane() + ")"));
    }
    return b.build();
  }

  @Override
  public CodeBlock backward() {
    CodeBlock.Builder b = CodeBlock.builder();
    int inPlane = win.inH() * win.inW();
    if (conv.bias()) {
      BiasCode.planeSums(b, ctx.num(), bias, conv.filters(), outPlane());
    }
    String dFull = "dy";
    String dFullStart = "yo";
    if (win.cropped()) {
      dFull = ctx.field("FullDelta");
      dFullStart = "0";
      b.addStatement("$T.fill($L, $L)", ARRAYS, dFull, ctx.num().literal(0));
      b.addStatement("$T.copy(dy, yo, $L, $L,$W$L, $L, $L, $L,$W$L, $L, $L)", Planes.CLASS, ctx.outDim("W"),
          ctx.outPlaneExpr(), dFull, cropStartName(), fullWName(), fullPlaneName(), ctx.outDim("C"),
          ctx.outDim("H"), ctx.outDim("W"));
    }
    String plane = dFull + ", " + dFullStart + " + o * " + fullPlane();
    b.add(pairs(kernels.weightGradName() + "(g, k, x, xo + i * " + inPlane + ", " + plane + ")"));
    b.add(pairs(kernels.gatherName() + "(p, k, " + plane + ", dx, xo + i * " + inPlane + ")"));
    return b.build();
  }

  @Override
  public List<MethodSpec> helpers() {
    return List.of(kernels.gather(), kernels.scatter(), kernels.weightGrad());
  }
}
