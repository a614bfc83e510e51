package dev.convnet.processor.kind.conv;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.convnet.processor.emit.Numeric;
import dev.convnet.processor.emit.RuntimeNames;
import dev.convnet.processor.emit.Workspace;
import dev.convnet.processor.model.Dim;
import dev.convnet.processor.model.Window;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Large convolutions by the runtime's register-blocked Vector API kernels ({@code BlockedConv}: channel-blocked
 * planes, a register tile of 2 vectors of output channels × 7 positions, weights packed once per pass), with the
 * strategy the other rules choose as the plain path. Both are generated; which one runs is decided when the network
 * is made: the blocked kernels when the JVM reads {@code jdk.incubator.vector} and the layer's channels fill whole
 * blocks of this machine's vectors ({@code Vectorization.blockedConv} gives null otherwise), else the plain code.
 * The generated source itself never names the incubating module, so it compiles with no flag.
 *
 * <p>It applies to float32 layers with trainable weights, no table, one group, no dilation, a square kernel of at
 * most 3 with stride 1 or 2 and the same padding of at most 1 on every side (the blocked planes' zero borders then
 * cover every window), {@value #MIN_IN} or more input maps in multiples of {@value #MIN_IN} and {@value #MIN_OUT} or more output
 * maps in multiples of {@value #MIN_OUT}: whole blocks for 8-lane (AVX2) and 16-lane (AVX-512) vectors alike.
 */
final class BlockedVectorConv extends ConvStrategy {
  /** Input maps come in blocks of {@code L} ≤ 16 channels. */
  static final int MIN_IN = 16;
  /** Output maps come in tiles of {@code 2L} ≤ 32 channels. */
  static final int MIN_OUT = 32;

  private final ConvStrategy plain;

  BlockedVectorConv(ConvPlan plan, ConvStrategy plain) {
    super(plan);
    this.plain = plain;
  }

  /** Whether the blocked kernels can compute this layer (see the class comment). */
  static boolean applies(ConvPlan plan) {
    ConvLayer conv = plan.conv;
    Window win = plan.win;
    int in = plan.ctx.in().channels();
    int k = win.kernel().h();
    int pad = win.pad().h();
    Dim p = new Dim(pad, pad);
    return plan.ctx.num() == Numeric.FLOAT && !conv.frozen() && !conv.hasTable() && conv.groups() == 1
        && win.dilation().equals(new Dim(1, 1)) && win.kernel().w() == k && k <= 3
        && win.stride().h() == win.stride().w() && win.stride().h() <= 2
        && win.pad().equals(p) && win.padEnd().equals(p) && pad <= 1
        && in >= MIN_IN && in % MIN_IN == 0 && conv.filters() >= MIN_OUT && conv.filters() % MIN_OUT == 0;
  }

  private String field() {
    return plan.ctx.field("Blocked");
  }

  @Override
  String describe() {
    return "blocked Vector API kernels when the JVM reads jdk.incubator.vector (" + plan.ctx.in().channels() + " → "
        + plan.conv.filters() + " maps in blocks of the vector's lanes, register tiles of 2 vectors × 7 positions,"
        + " weights packed once per pass); else " + plain.describe();
  }

  /** The layer's blocked kernels, made with the network (null: the plain path runs). */
  @Override
  List<FieldSpec> fields() {
    Window win = plan.win;
    return List.of(FieldSpec.builder(RuntimeNames.BLOCKED_CONV, field(), Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("$L's blocked Vector API kernels, or null when the plain kernels run.\n", plan.ctx.name())
        .initializer("$T.blockedConv($L, $L, $L, $L, $L, $L, $L)", RuntimeNames.VECTORIZATION, plan.ctx.inDim("C"),
            plan.ctx.outDim("C"), plan.ctx.inDim("H"), plan.ctx.inDim("W"), win.kernel().h(), win.stride().h(),
            win.pad().h())
        .build());
  }

  @Override
  void workspace(Workspace ws) {
    plain.workspace(ws);
  }

  @Override
  CodeBlock forward() {
    String blocked = field();
    return CodeBlock.builder()
        .beginControlFlow("if ($L != null)", blocked)
        .add("// blocked Vector API kernels; the weights packed once per pass, before its first sample\n")
        .beginControlFlow("if (n == 0)")
        .addStatement("$L.packForward(p, $L)", blocked, plan.weight)
        .endControlFlow()
        .addStatement("$L.forward(p, $L, x, xo, y, yo)", blocked, plan.conv.bias() ? plan.bias : "-1")
        .nextControlFlow("else")
        .add(plain.forward())
        .endControlFlow()
        .build();
  }

  @Override
  CodeBlock backward() {
    String blocked = field();
    CodeBlock.Builder b = CodeBlock.builder().beginControlFlow("if ($L != null)", blocked);
    plan.biasGradient(b);
    b.add("// blocked kernels: the weight gradient summed over the pass, added into g after its last sample\n")
        .beginControlFlow("if (n == 0)")
        .addStatement("$L.beginBackward(p, $L)", blocked, plan.weight)
        .endControlFlow();
    if (plan.ctx.readsNetworkInput()) {
      b.addStatement("$L.backward(x, xo, dy, yo, $L ? dx : null)", blocked,
          dev.convnet.processor.emit.LayerContext.INPUT_GRADIENT_FLAG);
    } else {
      b.addStatement("$L.backward(x, xo, dy, yo, dx)", blocked);
    }
    return b.beginControlFlow("if (n == batch - 1)")
        .addStatement("$L.endBackward(g, $L)", blocked, plan.weight)
        .endControlFlow()
        .nextControlFlow("else")
        .add(plain.backward())
        .endControlFlow()
        .build();
  }

  @Override
  List<MethodSpec> kernels() {
    return plain.kernels();
  }
}
