package dev.convnet.processor.kind.conv;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link TapRowConv} with the Vector API and no table or groups: the forward pass gathers four output maps at a
 * time, so that each tap-row vector loaded feeds four accumulators.
 */
final class FourMapConv extends TapRowConv {
  FourMapConv(ConvPlan plan) {
    super(plan);
  }

  @Override
  String describe() {
    return super.describe() + "; with the Vector API and full connections, four output maps per pass over the tap"
        + " rows";
  }

  @Override
  CodeBlock gather() {
    ConvLayer conv = plan.conv;
    String acc = plan.ctx.field("Acc");
    String taps = plan.ctx.field("Taps");
    int c = plan.ctx.in().channels();
    int t = plan.win.taps();
    int blocked = conv.filters() / 4 * 4;
    CodeBlock.Builder b = CodeBlock.builder();
    b.add("// four output maps at a time: each tap-row vector feeds four accumulators\n");
    b.beginControlFlow("for (int o = 0; o < $L; o += 4)", blocked);
    b.beginControlFlow("for (int i = 0; i < $L; i++)", c);
    b.addStatement("$L($L, $L + (o * $L + i) * $L, $L, $L, i * $L,$W$L[o],$W$L[o + 1],$W$L[o + 2],$W$L[o + 3])",
        plan.tapKernels.tapGather4Name(), plan.weights(), plan.weight, c, t, c * t, taps, t, acc, acc, acc, acc);
    b.endControlFlow();
    b.endControlFlow();
    if (blocked < conv.filters()) {
      b.beginControlFlow("for (int o = $L; o < $L; o++)", blocked, conv.filters());
      b.beginControlFlow("for (int i = 0; i < $L; i++)", c);
      b.addStatement("$L($L, $L + (o * $L + i) * $L, $L, i * $L, $L[o])", plan.tapKernels.tapGatherName(),
          plan.weights(), plan.weight, c, t, taps, t, acc);
      b.endControlFlow();
      b.endControlFlow();
    }
    return b.build();
  }

  @Override
  List<MethodSpec> gatherKernels() {
    List<MethodSpec> all = new ArrayList<>(List.of(plan.tapKernels.tapGather4(plan.species())));
    if (plan.conv.filters() % 4 != 0) { // maps outside the blocks of four
      all.add(plan.tapKernels.tapGather(plan.species()));
    }
    return all;
  }
}
