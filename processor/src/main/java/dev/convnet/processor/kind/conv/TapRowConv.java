package dev.convnet.processor.kind.conv;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.convnet.processor.emit.Planes;
import dev.convnet.processor.emit.Workspace;
import java.util.ArrayList;
import java.util.List;

/**
 * Stride-1 convolutions on small maps: every input map is first shifted by each kernel tap into a row of its own
 * ("tap rows"), so that the output of a map pair is a sum of whole-row axpys that vectorize; with the Vector API the
 * forward pass reads the taps' rows in the input planes themselves and the weight gradient reads tap rows.
 * {@link FourMapConv} refines the forward pass.
 */
class TapRowConv extends ConvStrategy {
  TapRowConv(ConvPlan plan) {
    super(plan);
  }

  @Override
  String describe() {
    return "tap rows: stride 1 and " + plan.tapKernels.tapRowValues(plan.ctx.in().channels())
        + " shifted values fit the budget of " + TAP_ROW_BUDGET + ", so every tap of every pair is one row-long loop"
        + (forwardTapRows() ? "" : " (with the Vector API, forward, each tap's row read where it lies in the input map)");
  }

  /** Whether the weight gradient uses tap rows and the Vector API. */
  boolean vectorWeightGrad() {
    return plan.ctx.vectorApi() && !plan.conv.frozen();
  }

  /**
   * Whether the forward pass reads tap rows: the plain Java gather, whose loops HotSpot vectorizes only over rows
   * indexed alike. The Vector API gathers read each tap's row in the input planes instead (no copy per tap: 25 of each
   * input map for a 5×5 kernel, 89 KB for LeNet-5's C1, more than L1 holds).
   */
  final boolean forwardTapRows() {
    return plan.species() == null;
  }

  /** Values of one sample's (padded) input maps. */
  private int planes() {
    return plan.ctx.in().channels() * plan.inPlaneSize();
  }

  @Override
  void workspace(Workspace ws) {
    super.workspace(ws);
    String rowLength = Integer.toString(plan.tapKernels.tapRowLength());
    if (forwardTapRows() || vectorWeightGrad()) {
      ws.scratchRows(plan.ctx.field("Taps"), plan.ctx.num().typeName(),
          Integer.toString(plan.ctx.in().channels() * plan.win.taps()), rowLength,
          "each input map of one sample shifted by each tap (tap rows)");
    }
    if (!forwardTapRows()) {
      ws.scratch(plan.ctx.field("Planes"), plan.ctx.num().typeName(),
          Integer.toString(planes() + plan.tapKernels.planeSlack()), null,
          "the (padded) input maps of one sample, with room after them for the last vector of a row");
    }
    ws.scratchRows(plan.ctx.field("Acc"), plan.ctx.num().typeName(), Integer.toString(plan.conv.filters()), rowLength,
        "the output maps of one sample at the input's row pitch");
    plan.wideDeltaWorkspace(ws);
  }

  /** Shifts every input map by each tap into the tap rows. */
  CodeBlock tapRows(ConvPlan.Source src) {
    return ConvPlan.each("i", plan.ctx.in().channels(), i -> CodeBlock.builder()
        .addStatement("$L($L, $L, $L, $L)", plan.tapKernels.tapRowsName(), src.plane(),
            plan.inPlane(src.offset(), i), plan.ctx.field("Taps"), ConvPlan.scaled("0", i, plan.win.taps()))
        .build());
  }

  @Override
  final CodeBlock forward() {
    CodeBlock.Builder b = CodeBlock.builder();
    ConvPlan.Source src = plan.pad(b);
    String acc = plan.ctx.field("Acc");
    b.add(forwardSource(src));
    b.add(ConvPlan.each("o", plan.conv.filters(), o -> CodeBlock.builder()
        .addStatement("$T.fill($L, $L)", ConvPlan.ARRAYS, ConvPlan.at(acc, o), plan.start(o)).build()));
    b.add(gather());
    b.add(ConvPlan.each("o", plan.conv.filters(), o -> CodeBlock.builder()
        .addStatement("$T.copy($L, 0, $L, $L,$Wy, $L, $L, $L,$W1, $L, $L)", Planes.CLASS, ConvPlan.at(acc, o),
            plan.pitch(), plan.wideLengthName(), ConvPlan.scaled("yo", o, plan.ctx.outPlaneExpr()),
            plan.ctx.outDim("W"), plan.ctx.outPlaneExpr(), plan.ctx.outDim("H"), plan.ctx.outDim("W")).build()));
    return b.build();
  }

  /**
   * What the forward pass's {@link #gather()} reads, made from the sample's (padded) input planes: its tap rows, or
   * for the Vector API gathers the planes copied once into a scratch with room after them.
   */
  private CodeBlock forwardSource(ConvPlan.Source src) {
    if (!forwardTapRows()) {
      return CodeBlock.builder()
          .add("// the taps read straight from the input maps (a copy with room after the last one)\n")
          .addStatement("System.arraycopy($L, $L, $L, 0, $L)", src.plane(), src.offset(), plan.ctx.field("Planes"),
              planes())
          .build();
    }
    return CodeBlock.builder()
        .add("// tap rows: every input map shifted by each tap into a row of its own, so that the loops vectorize\n")
        .add(tapRows(src)).build();
  }

  /** Accumulates every connected pair from the tap rows (or the input planes) into the wide output rows. */
  CodeBlock gather() {
    if (!forwardTapRows()) {
      return plan.pairs("Forward", (k, o, i) -> CodeBlock.of("$L($L, $L, $L, $L, $L[$L])",
          plan.tapKernels.planeGatherName(1), plan.weights(), k, plan.ctx.field("Planes"),
          plan.inPlane("0", i), plan.ctx.field("Acc"), o), plan.locals("x", "xo", "y", "yo"));
    }
    int t = plan.win.taps();
    return plan.pairs("Forward", (k, o, i) -> CodeBlock.of("$L($L, $L, $L, $L, $L[$L])",
        plan.tapKernels.tapGatherName(), plan.weights(), k, plan.ctx.field("Taps"), ConvPlan.scaled("0", i, t),
        plan.ctx.field("Acc"), o), plan.locals("x", "xo", "y", "yo"));
  }

  @Override
  final CodeBlock backward() {
    if (!vectorWeightGrad()) {
      return plan.genericBackward(true);
    }
    CodeBlock.Builder b = CodeBlock.builder();
    plan.biasGradient(b);
    ConvPlan.Source src = plan.pad(b); // the padded input feeds only the weight gradient
    int t = plan.win.taps();
    b.add("// tap rows of this sample and its delta in wide rows: the weight gradient as vector dot products\n");
    b.add(tapRows(src));
    b.add(plan.wideDelta());
    b.add(plan.pairs("WeightGrad", (k, o, i) -> CodeBlock.of("$L(g, $L, $L, $L, $L, $L)",
        plan.tapKernels.tapWeightGradName(), k, plan.ctx.field("Taps"), ConvPlan.scaled("0", i, t),
        plan.ctx.field("DeltaWide"), ConvPlan.scaled(Integer.toString(plan.kernels.wideMargin()), o,
            plan.wideDeltaMap())), plan.locals("x", "xo", "y", "yo", "dy")));
    return b.add(plan.inputGradient(true, false)).build();
  }

  /** The gather kernels of the forward pass. */
  List<MethodSpec> gatherKernels() {
    return List.of(forwardTapRows() ? plan.tapKernels.tapGather() : plan.tapKernels.planeGather(plan.species(), 1));
  }

  @Override
  final List<MethodSpec> kernels() {
    List<MethodSpec> all = new ArrayList<>();
    if (forwardTapRows() || vectorWeightGrad()) {
      all.add(plan.tapKernels.tapRows());
    }
    all.addAll(gatherKernels());
    all.add(plan.kernels.wideInputGrad(plan.species()));
    if (vectorWeightGrad()) {
      all.add(plan.tapKernels.tapWeightGrad(plan.species()));
    } else if (!plan.conv.frozen()) {
      all.add(plan.kernels.weightGrad());
    }
    all.addAll(plan.splitOff);
    return all;
  }
}
