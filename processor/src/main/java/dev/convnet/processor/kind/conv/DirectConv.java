package dev.convnet.processor.kind.conv;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Strided convolutions: for every connected (output, input) map pair, an unrolled window kernel gathers the output
 * from the (padded) input; backward scatters the delta back through the kernels and correlates it with the input
 * for the weight gradient.
 */
final class DirectConv extends ConvStrategy {
  DirectConv(ConvPlan plan) {
    super(plan);
  }

  @Override
  String describe() {
    return "direct window kernels: stride " + plan.conv.stride() + " leaves no contiguous output rows to vectorize";
  }

  @Override
  CodeBlock forward() {
    CodeBlock.Builder b = CodeBlock.builder();
    ConvPlan.Source src = plan.pad(b);
    int plane = plan.win.outPlane();
    b.add(ConvPlan.each("o", plan.conv.filters(), o -> CodeBlock.builder()
        .addStatement("$T.fill(y, $L, $L, $L)", ConvPlan.ARRAYS, ConvPlan.scaled("yo", o, plane),
            o.equals("0") ? "yo + " + plane : "yo + (o + 1) * " + plane, plan.start(o)).build()));
    b.add(plan.pairs("Forward", (k, o, i) -> CodeBlock.of("$L($L, $L, $L, $L, y, $L)", plan.kernels.gatherName(),
        plan.weights(), k, src.plane(), plan.inPlane(src.offset(), i), plan.outPlane(o)),
        plan.locals("x", "xo", "y", "yo")));
    return b.build();
  }

  @Override
  CodeBlock backward() {
    return plan.genericBackward(false);
  }

  @Override
  List<MethodSpec> kernels() {
    List<MethodSpec> all = new ArrayList<>(List.of(plan.kernels.gather(), plan.kernels.scatter()));
    if (!plan.conv.frozen()) {
      all.add(plan.kernels.weightGrad());
    }
    all.addAll(plan.splitOff);
    return all;
  }
}
