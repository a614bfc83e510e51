package dev.convnet.processor.kind.conv;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.convnet.processor.emit.FusedEpilogue;
import dev.convnet.processor.emit.FusedForward;
import dev.convnet.processor.emit.Workspace;
import java.util.List;

/**
 * How one convolution layer is computed, chosen once per layer from its shapes: each strategy holds its forward
 * pass, its backward pass, its scratch buffers and its kernels side by side.
 */
abstract class ConvStrategy {
  /** Most scratch values the tap rows of one layer may take (4 MiB of floats); larger layers use wide rows. */
  static final long TAP_ROW_BUDGET = 1 << 20;

  final ConvPlan plan;

  ConvStrategy(ConvPlan plan) {
    this.plan = plan;
  }

  /**
   * The strategy for a layer: the blocked Vector API kernels for large layers (with the plain strategy beside them),
   * else the first plain strategy that applies, from the most specialised.
   */
  static ConvStrategy choose(ConvPlan plan) {
    ConvStrategy plain = choosePlain(plan);
    BlockedVectorConv.Form blocked = BlockedVectorConv.form(plan);
    return blocked != null ? new BlockedVectorConv(plan, plain, blocked) : plain;
  }

  private static ConvStrategy choosePlain(ConvPlan plan) {
    ConvLayer conv = plan.conv;
    if (DenseProductConv.applies(plan)) {
      return new DenseProductConv(plan);
    }
    if (!plan.kernels.wide()) {
      return new DirectConv(plan);
    }
    if (plan.tapKernels.tapRowValues(plan.ctx.in().channels()) > TAP_ROW_BUDGET) {
      return new WideRowConv(plan);
    }
    if (plan.ctx.vectorApi() && !conv.hasTable() && conv.groups() == 1 && conv.filters() >= 4) {
      return new FourMapConv(plan);
    }
    return new TapRowConv(plan);
  }

  /** The strategy's name and why it was chosen, for the generated Javadoc. */
  abstract String describe();

  /** Scratch buffers beyond the layer's output and delta. */
  void workspace(Workspace ws) {
    plan.paddingWorkspace(ws);
  }

  /** The pre-activation output of sample {@code n}. */
  abstract CodeBlock forward();

  /** The parameter gradients and (when wanted) the input gradient of sample {@code n}. */
  abstract CodeBlock backward();

  /** A frozen copy's pass of sample {@code n} through {@code epilogue}, or null (the default) without one. */
  FusedForward fused(FusedEpilogue epilogue) {
    return null;
  }

  /** Fields of the generated class the strategy needs (fixed kernels aside). */
  List<FieldSpec> fields() {
    return List.of();
  }

  /** The kernel methods the passes call. */
  abstract List<MethodSpec> kernels();
}
