package dev.convnet.processor.kind.conv;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link TapRowConv} with the Vector API and no table or groups: the forward pass gathers four output maps at a
 * time from the input planes, so that each input vector loaded feeds four accumulators; the maps outside the blocks
 * of four two and then one at a time (LeNet-5's C1: 4 + 2).
 */
final class FourMapConv extends TapRowConv {
  FourMapConv(ConvPlan plan) {
    super(plan);
  }

  @Override
  String describe() {
    return super.describe() + "; with full connections, four output maps per pass";
  }

  @Override
  CodeBlock gather() {
    ConvLayer conv = plan.conv;
    String acc = plan.ctx.field("Acc");
    String planes = plan.ctx.field("Planes");
    int c = plan.ctx.in().channels();
    int t = plan.win.taps();
    int blocked = conv.filters() / 4 * 4;
    CodeBlock.Builder b = CodeBlock.builder();
    b.add("// four output maps at a time: each input vector feeds four accumulators\n");
    b.beginControlFlow("for (int o = 0; o < $L; o += 4)", blocked);
    b.add(ConvPlan.each("i", c, i -> CodeBlock.builder().addStatement(
        "$L($L, $L + $L, $L, $L, $L,$W$L[o],$W$L[o + 1],$W$L[o + 2],$W$L[o + 3])",
        plan.tapKernels.planeGatherName(4), plan.weights(), plan.weight,
        c == 1 ? "o * " + t : "(o * " + c + " + " + i + ") * " + t, c * t, planes, plan.inPlane("0", i),
        acc, acc, acc, acc).build()));
    b.endControlFlow();
    int o = blocked;
    for (int maps = 2; maps >= 1; maps--) { // the maps outside the blocks of four: two, then one
      if (conv.filters() - o < maps) {
        continue;
      }
      StringBuilder accs = new StringBuilder();
      for (int k = 0; k < maps; k++) {
        accs.append(", ").append(acc).append('[').append(o + k).append(']');
      }
      int first = o;
      String name = plan.tapKernels.planeGatherName(maps);
      String ws = maps > 1 ? ", " + c * t : "";
      b.add("// $L\n", maps == 2 ? "maps " + o + " and " + (o + 1) : "map " + o);
      b.add(ConvPlan.each("i", c, i -> CodeBlock.builder().addStatement("$L($L, $L + $L$L, $L, $L$L)", name,
          plan.weights(), plan.weight, i.equals("0") ? Integer.toString(first * c * t)
              : "(" + first * c + " + " + i + ") * " + t, ws, planes, plan.inPlane("0", i), accs).build()));
      o += maps;
    }
    return b.build();
  }

  @Override
  List<MethodSpec> gatherKernels() {
    int rest = plan.conv.filters() % 4; // maps outside the blocks of four: two, one, or two and one
    List<MethodSpec> all = new ArrayList<>();
    all.add(plan.tapKernels.planeGather(plan.species(), 4)); // filters ≥ 4: ConvStrategy's condition
    if (rest >= 2) {
      all.add(plan.tapKernels.planeGather(plan.species(), 2));
    }
    if (rest % 2 == 1) {
      all.add(plan.tapKernels.planeGather(plan.species(), 1));
    }
    return all;
  }
}
