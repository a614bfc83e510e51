package dev.convnet.processor.kind.conv;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.convnet.processor.emit.DenseKernels;
import dev.convnet.processor.emit.Workspace;
import java.util.List;

/**
 * A kernel that covers the whole unpadded input (a 1×1 output, e.g. LeNet-5's C5): weights {@code [o][i][ky][kx]}
 * line up with the flattened sample {@code [i][y][x]}, so the layer is a dense product.
 */
final class DenseProductConv extends ConvStrategy {
  DenseProductConv(ConvPlan plan) {
    super(plan);
  }

  static boolean applies(ConvPlan plan) {
    ConvLayer conv = plan.conv;
    return !conv.hasTable() && conv.groups() == 1 && !conv.frozen() && !plan.win.padded()
        && plan.win.outPlane() == 1 && conv.kernel().h() == plan.win.inH() && conv.kernel().w() == plan.win.inW();
  }

  @Override
  String describe() {
    return "dense product: the " + plan.conv.kernel().box() + " kernel covers the whole input, so the layer is a"
        + " matrix-vector product over the flattened sample";
  }

  @Override
  void workspace(Workspace ws) {}

  @Override
  CodeBlock forward() {
    return CodeBlock.builder()
        .add("// the kernel covers the whole input: a fully connected product over the flattened sample\n")
        .add(DenseKernels.forward(plan.ctx, plan.weight, plan.bias, plan.conv.filters(), plan.ctx.in().size()))
        .build();
  }

  @Override
  CodeBlock backward() {
    return DenseKernels.backward(plan.ctx, plan.weight, plan.bias, plan.conv.filters(), plan.ctx.in().size());
  }

  @Override
  List<MethodSpec> kernels() {
    return List.of();
  }
}
