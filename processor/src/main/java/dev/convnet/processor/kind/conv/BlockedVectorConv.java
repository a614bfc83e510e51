package dev.convnet.processor.kind.conv;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.convnet.processor.emit.FusedEpilogue;
import dev.convnet.processor.emit.FusedForward;
import dev.convnet.processor.emit.Numeric;
import dev.convnet.processor.emit.RuntimeNames;
import dev.convnet.processor.emit.Workspace;
import dev.convnet.processor.model.Dim;
import dev.convnet.processor.model.Window;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Large convolutions by the runtime's register-blocked Vector API kernels ({@code BlockedConv}: channel-blocked
 * planes, register tiles of output-channel vectors × 7 positions, weights packed once per pass), with the strategy the
 * other rules choose as the plain path. Both are generated; which one runs is decided when the network is made: the
 * blocked kernels when the JVM reads {@code jdk.incubator.vector} and the layer's channels fill whole vectors of this
 * machine ({@code Vectorization} gives null otherwise), else the plain code. The generated source itself never names
 * the incubating module, so it compiles with no flag.
 *
 * <p>Two forms, for float32 layers with trainable weights, no table, one group and a multiple of {@value #BLOCK}
 * output maps (whole vectors for 8-lane AVX2 and 16-lane AVX-512 alike):
 * <ul>
 *   <li>{@link Form#DIRECT}: the window read in place from the blocked planes. A multiple of {@value #BLOCK} input
 *       maps, no dilation, a square kernel of at most 3 with stride 1 or 2 and the same padding of at most 1 on every
 *       side (the planes' zero borders then cover every window): ResNet's and VGG's 3×3 and 1×1 layers.
 *   <li>{@link Form#PATCH}: each output position's window first gathered into a row of {@code in·kh·kw} values (an
 *       im2col), then a 1×1 product: any geometry, for layers with few input maps or large kernels (ResNet's 7×7
 *       stem on 3 maps), when the gathered rows fit {@value #PATCH_BUDGET} values.
 * </ul>
 */
final class BlockedVectorConv extends ConvStrategy {
  /** Input maps come in blocks, output maps in vectors, of {@code L} ≤ 16 channels. */
  static final int BLOCK = 16;
  /** Most values one sample's gathered windows may take (the runtime's limit). */
  static final long PATCH_BUDGET = 1L << 25;
  /** Fewest values per gathered window for which the patch form beats the plain kernels' vectorized rows. */
  static final int MIN_PATCH = 16;

  /** How the blocked kernels read the layer's windows. */
  enum Form { DIRECT, PATCH }

  private final ConvStrategy plain;
  private final Form form;
  /**
   * Whether the forward pass is the plain strategy's: {@link FourMapConv}, which reads the input planes four maps
   * at a time, against the patch form gathering each window one by one (no im2col rows, {@link #patchRows}).
   * Measured on LeNet-5's C3 (6 → 16 maps, 5×5 on 14×14, batch 64, one thread): 8.1–9.2 µs per sample against
   * 9.9–10.0 forward; its backward stays the patch form's (33–36 µs against 43–44 the tap-row way).
   */
  private final boolean plainForward;

  BlockedVectorConv(ConvPlan plan, ConvStrategy plain, Form form) {
    super(plan);
    this.plain = plain;
    this.form = form;
    this.plainForward = form == Form.PATCH && plain instanceof FourMapConv && !patchRows(plan);
  }

  /** The form of the blocked kernels that can compute this layer, or null when neither can (see the class comment). */
  static Form form(ConvPlan plan) {
    ConvLayer conv = plan.conv;
    Window win = plan.win;
    if (plan.ctx.num() != Numeric.FLOAT || conv.frozen() || conv.hasTable() || conv.groups() != 1
        || conv.filters() % BLOCK != 0) {
      return null;
    }
    int in = plan.ctx.in().channels();
    int k = win.kernel().h();
    int pad = win.pad().h();
    Dim p = new Dim(pad, pad);
    if (in % BLOCK == 0 && win.dilation().equals(new Dim(1, 1)) && win.kernel().w() == k && k <= 3
        && win.stride().h() == win.stride().w() && win.stride().h() <= 2
        && win.pad().equals(p) && win.padEnd().equals(p) && pad <= 1) {
      return Form.DIRECT;
    }
    long patch = (long) in * win.taps();
    long rows = (patch + BLOCK - 1) / BLOCK * BLOCK * win.outPlane();
    return patch >= MIN_PATCH && rows <= PATCH_BUDGET ? Form.PATCH : null;
  }

  /**
   * Whether the patch form's forward pass builds im2col rows for its swapped tile (the runtime's {@code PatchConv}
   * does for output rows of 16 or more and windows of at most 64 values) rather than gathering each window.
   */
  static boolean patchRows(ConvPlan plan) {
    return plan.win.outW() >= 16 && (long) plan.ctx.in().channels() * plan.win.taps() <= 64;
  }

  private String field() {
    return plan.ctx.field("Blocked");
  }

  @Override
  String describe() {
    Window win = plan.win;
    String how;
    if (form == Form.PATCH) {
      int patch = plan.ctx.in().channels() * win.taps();
      how = "each window gathered into a row of " + patch + " values (im2col), then a 1×1 product"
          + (patchRows(plan)
              ? " by tiles of vectors of positions × 6 or 7 output channels over the im2col rows, stored as NCHW maps"
              : " by register tiles of output-channel vectors × 6 or 7 positions");
    } else {
      boolean row = win.kernel().h() == 3 && win.stride().h() == 1 && win.outW() >= 8;
      how = "windows read in place from channel-blocked planes, register tiles of output-channel vectors × "
          + (row ? "8 positions of a row, each input broadcast for the up to 3 of them its window row reaches"
              + " (16 lanes; else × 6 or 7 positions)" : "6 or 7 positions");
    }
    if (plainForward) {
      return "forward: " + plain.describe() + " (faster here than gathering each window); backward: blocked Vector API"
          + " kernels when the JVM reads jdk.incubator.vector (" + plan.ctx.in().channels() + " → "
          + plan.conv.filters() + " maps, " + how + "), else the same tap rows";
    }
    return "blocked Vector API kernels when the JVM reads jdk.incubator.vector (" + plan.ctx.in().channels() + " → "
        + plan.conv.filters() + " maps, " + how + ", weights packed once per pass); else " + plain.describe();
  }

  /** The layer's blocked kernels, made with the network (null: the plain path runs). */
  @Override
  List<FieldSpec> fields() {
    Window win = plan.win;
    return List.of(FieldSpec.builder(RuntimeNames.BLOCKED_CONV, field(), Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("$L's blocked Vector API kernels, or null when the plain kernels run.\n", plan.ctx.name())
        .initializer(form == Form.DIRECT ? directKernels() : patchKernels())
        .build());
  }

  private CodeBlock directKernels() {
    Window win = plan.win;
    return CodeBlock.of("$T.blockedConv($L, $L, $L, $L, $L, $L, $L)", RuntimeNames.VECTORIZATION,
        plan.ctx.inDim("C"), plan.ctx.outDim("C"), plan.ctx.inDim("H"), plan.ctx.inDim("W"), win.kernel().h(),
        win.stride().h(), win.pad().h());
  }

  private CodeBlock patchKernels() {
    Window win = plan.win;
    return CodeBlock.of("$T.patchConv($L, $L, $L, $L,$W$L, $L, $L, $L, $L, $L, $L, $L,$W$L, $L)",
        RuntimeNames.VECTORIZATION, plan.ctx.inDim("C"), plan.ctx.outDim("C"), plan.ctx.inDim("H"),
        plan.ctx.inDim("W"), win.kernel().h(), win.kernel().w(), win.stride().h(), win.stride().w(), win.pad().h(),
        win.pad().w(), win.dilation().h(), win.dilation().w(), plan.ctx.outDim("H"), plan.ctx.outDim("W"));
  }

  @Override
  void workspace(Workspace ws) {
    plain.workspace(ws);
  }

  @Override
  CodeBlock forward() {
    if (plainForward) {
      return plain.forward();
    }
    String blocked = field();
    return CodeBlock.builder()
        .beginControlFlow("if ($L != null)", blocked)
        .add("// blocked Vector API kernels; the weights packed before a pass's first sample if they changed, and\n")
        .add("// the whole batch computed then where the kernels batch this layer (its per-sample calls do nothing)\n")
        .beginControlFlow("if (n == 0)")
        .beginControlFlow("if (weightsMayChange())")
        .addStatement("$L.packForward(p, $L)", blocked, plan.weight)
        .endControlFlow()
        .addStatement("$L.forwardBatch(p, $L, x, y, batch)", blocked, plan.conv.bias() ? plan.bias : "-1")
        .endControlFlow()
        .addStatement("$L.forward(p, $L, x, xo, y, yo)", blocked, plan.conv.bias() ? plan.bias : "-1")
        .nextControlFlow("else")
        .add(plain.forward())
        .endControlFlow()
        .build();
  }

  /**
   * The blocked kernels' fused pass: the weights packed and the epilogue's map folded before a frozen copy's first
   * sample, then one call that convolves and applies the epilogue while the output is in cache, linked to the kernels
   * that compute its input and residual term (read in place from their blocked output) and perhaps lazy.
   */
  @Override
  FusedForward fused(FusedEpilogue e) {
    if (plainForward) {
      return null;
    }
    String blocked = field();
    CodeBlock code = CodeBlock.builder()
        .beginControlFlow("if (n == 0 && weightsMayChange())")
        .addStatement("$L.packForward(p, $L)", blocked, plan.weight)
        .add(e.fold())
        .endControlFlow()
        .addStatement("$L.forward(p, $L, $L, x, xo, $L, n * $L,$W$L, $L, $L, $L, $L, $L,$W$L)", blocked,
            plan.conv.bias() ? plan.bias : "-1", e.source() == null ? "null" : e.source(), e.target(),
            e.targetSize(), e.scale(), e.shift(), e.residualSource() == null ? "null" : e.residualSource(),
            e.residual() == null ? "null" : e.residual(), e.residual() == null ? "0" : "n * " + e.residualSize(),
            e.relu(), e.lazy())
        .build();
    return new FusedForward(CodeBlock.of("$L != null", blocked), code, blocked);
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
