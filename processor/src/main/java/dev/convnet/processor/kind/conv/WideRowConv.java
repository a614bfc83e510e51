package dev.convnet.processor.kind.conv;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.convnet.processor.emit.Planes;
import dev.convnet.processor.emit.Workspace;
import java.util.ArrayList;
import java.util.List;

/**
 * Stride-1 convolutions too large for tap rows: each output map is computed at the input's row pitch ("wide rows",
 * so that every kernel tap is one contiguous axpy over the map) and then compacted; the input gradient gathers from
 * the delta laid out the same way.
 */
final class WideRowConv extends ConvStrategy {
  WideRowConv(ConvPlan plan) {
    super(plan);
  }

  @Override
  String describe() {
    return "wide rows: stride 1, each map computed at the input's row pitch (" + plan.win.paddedW()
        + " columns) so that every tap is one contiguous loop";
  }

  @Override
  void workspace(Workspace ws) {
    super.workspace(ws);
    ws.scratch(plan.ctx.field("Wide"), plan.ctx.num().typeName(),
        Integer.toString(plan.conv.filters() * plan.kernels.wideMap()), null,
        "the output maps of one sample at the input's row pitch (wide rows)");
    plan.wideDeltaWorkspace(ws);
  }

  @Override
  CodeBlock forward() {
    CodeBlock.Builder b = CodeBlock.builder();
    ConvPlan.Source src = plan.pad(b);
    String wide = plan.ctx.field("Wide");
    int map = plan.kernels.wideMap();
    b.add("// wide rows: each map computed at the input's row pitch, $L columns, then compacted to $L\n",
        plan.win.paddedW(), plan.win.outW());
    b.add(ConvPlan.each("o", plan.conv.filters(), o -> CodeBlock.builder()
        .addStatement("$T.fill($L, $L, $L, $L)", ConvPlan.ARRAYS, wide, ConvPlan.scaled("0", o, map),
            ConvPlan.scaled(Integer.toString(plan.kernels.wideLength()), o, map), plan.start(o)).build()));
    b.add(plan.pairs("Forward", (k, o, i) -> CodeBlock.of("$L($L, $L, $L, $L, $L, $L)",
        plan.kernels.wideGatherName(), plan.weights(), k, src.plane(), plan.inPlane(src.offset(), i), wide,
        ConvPlan.scaled("0", o, map)), plan.locals("x", "xo", "y", "yo")));
    b.addStatement("$T.copy($L, 0, $L, $L,$Wy, yo, $L, $L,$W$L, $L, $L)", Planes.CLASS, wide, plan.pitch(),
        plan.wideMapName(), plan.ctx.outDim("W"), plan.ctx.outPlaneExpr(), plan.ctx.outDim("C"),
        plan.ctx.outDim("H"), plan.ctx.outDim("W"));
    return b.build();
  }

  @Override
  CodeBlock backward() {
    return plan.genericBackward(true);
  }

  @Override
  List<MethodSpec> kernels() {
    List<MethodSpec> all = new ArrayList<>(List.of(plan.kernels.wideGather(),
        plan.kernels.wideInputGrad(plan.species())));
    if (!plan.conv.frozen()) {
      all.add(plan.kernels.weightGrad());
    }
    all.addAll(plan.splitOff);
    return all;
  }
}
