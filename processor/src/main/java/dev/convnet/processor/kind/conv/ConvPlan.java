package dev.convnet.processor.kind.conv;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeName;
import dev.convnet.processor.emit.BiasCode;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.PaddedPlanes;
import dev.convnet.processor.emit.Planes;
import dev.convnet.processor.emit.StraightLine;
import dev.convnet.processor.emit.VectorApi;
import dev.convnet.processor.emit.WindowKernels;
import dev.convnet.processor.emit.Workspace;
import dev.convnet.processor.model.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * One convolution layer as every {@link ConvStrategy} sees it: its geometry, its kernel writers, the names of its
 * parameters and scratch buffers, and the code pieces the strategies share (padding, the loop or straight-line code
 * over connected map pairs, the bias and weight gradients, the input gradient).
 */
final class ConvPlan {
  static final ClassName ARRAYS = ClassName.get(java.util.Arrays.class);

  final LayerContext ctx;
  final ConvLayer conv;
  final Window win;
  final WindowKernels kernels;
  final TapRowKernels tapKernels;
  /** Methods split off long straight-line table code, emitted with the kernels. */
  final List<MethodSpec> splitOff = new ArrayList<>();
  /** The constant naming the weights' offset ({@code "0"} for fixed kernels) and the bias's (null without one). */
  String weight;
  String bias;

  ConvPlan(LayerContext ctx, ConvLayer conv) {
    this.ctx = ctx;
    this.conv = conv;
    this.win = conv.window(ctx.in());
    this.kernels = new WindowKernels(win.grid(), ctx.num(), ctx.name());
    this.tapKernels = new TapRowKernels(kernels, win.grid(), ctx.num(), ctx.name());
  }

  /** Input maps each output map reads without a table: all of them, or its group's. */
  int groupInputs() {
    return ctx.in().channels() / conv.groups();
  }

  /** The array the kernels are read from: the parameters, or the constant fixed kernels. */
  String weights() {
    return conv.frozen() ? ctx.field("Kernels") : "p";
  }

  /** The species constant when this layer's code may use the Vector API, else null. */
  String species() {
    return ctx.vectorApi() ? VectorApi.SPECIES : null;
  }

  /** The value every output starts from: its map's bias, or zero. */
  CodeBlock start() {
    return start("o");
  }

  /** The value output map {@code o} starts from: its bias, or zero. */
  CodeBlock start(String o) {
    return conv.bias() ? CodeBlock.of("p[$L]", scaled(bias, o, 1)) : CodeBlock.of("$L", ctx.num().literal(0));
  }

  /** Values per map of the wide delta: the zero margin, then the map's rows at the input's pitch. */
  int wideDeltaMap() {
    return kernels.wideMargin() + kernels.wideMap();
  }

  /** The padded scratch planes (input and its delta), when the layer pads. */
  void paddingWorkspace(Workspace ws) {
    if (win.padded()) {
      String size = Integer.toString(ctx.in().channels() * win.paddedH() * win.paddedW());
      ws.scratch(ctx.field("Pad"), ctx.num().typeName(), size, null, "the input sample with its zero border");
      ws.scratch(ctx.field("PadDelta"), ctx.num().typeName(), size, null, "d(loss)/d(padded input) of one sample");
    }
  }

  /** The wide delta: one sample's output delta at the input's row pitch, each map after a zero margin. */
  void wideDeltaWorkspace(Workspace ws) {
    ws.scratch(ctx.field("DeltaWide"), ctx.num().typeName(), Integer.toString(conv.filters() * wideDeltaMap()),
        null, "d(loss)/d(output) of one sample in wide rows, each map after zeros; only the outputs are ever written");
  }

  /** The plane the kernels read: the sample itself, or its padded copy (written by {@link #pad}). */
  record Source(String plane, String offset) {}

  /** Copies the sample into its padded plane when the layer pads; returns where the kernels read it. */
  Source pad(CodeBlock.Builder b) {
    if (!win.padded()) {
      return new Source("x", "xo");
    }
    b.add(PaddedPlanes.padInput(ctx, win, "x", "xo", ctx.field("Pad")));
    return new Source(ctx.field("Pad"), "0");
  }

  /**
   * {@code body} for {@code var} = 0 … count − 1: a loop, or the body alone with {@code var} = 0 when there is only
   * one (no {@code for (int i = 0; i < 1; i++)} in generated code).
   */
  static CodeBlock each(String var, int count, java.util.function.Function<String, CodeBlock> body) {
    if (count == 1) {
      return body.apply("0");
    }
    return CodeBlock.builder().beginControlFlow("for (int $L = 0; $L < $L; $L++)", var, var, count, var)
        .add(body.apply(var)).endControlFlow().build();
  }

  /** An array element {@code array[index]}, for code that may have a constant index. */
  static String at(String array, String index) {
    return array + "[" + index + "]";
  }

  /** One kernel call per (output, input) pair: loops without a table, straight-line code with one. */
  CodeBlock pairs(String purpose, PairCall call, List<ParameterSpec> locals) {
    int inC = ctx.in().channels();
    int taps = win.taps();
    if (!conv.hasTable() && conv.groups() > 1) {
      int perGroup = conv.filters() / conv.groups();
      CodeBlock.Builder b = CodeBlock.builder();
      b.add("// $L groups: output maps [g·$L, (g+1)·$L) read input maps [g·$L, (g+1)·$L)\n", conv.groups(),
          perGroup, perGroup, groupInputs(), groupInputs());
      b.beginControlFlow("for (int o = 0, k = $L; o < $L; o++)", weight, conv.filters());
      b.beginControlFlow("for (int i = o / $L * $L, end = i + $L; i < end; i++, k += $L)", perGroup, groupInputs(),
          groupInputs(), taps);
      b.addStatement("$L", call.call("k", "o", "i"));
      b.endControlFlow();
      b.endControlFlow();
      return b.build();
    }
    if (!conv.hasTable() && conv.filters() == 1 && inC == 1) {
      return CodeBlock.builder().addStatement("$L", call.call(weight, "0", "0")).build();
    }
    if (!conv.hasTable() && (conv.filters() == 1 || inC == 1)) { // one loop, over the side with more maps
      String var = inC == 1 ? "o" : "i";
      CodeBlock.Builder b = CodeBlock.builder();
      b.beginControlFlow("for (int $L = 0, k = $L; $L < $L; $L++, k += $L)", var, weight, var,
          Math.max(inC, conv.filters()), var, taps);
      b.addStatement("$L", inC == 1 ? call.call("k", "o", "0") : call.call("k", "0", "i"));
      b.endControlFlow();
      return b.build();
    }
    if (!conv.hasTable()) {
      CodeBlock.Builder b = CodeBlock.builder();
      b.beginControlFlow("for (int o = 0, k = $L; o < $L; o++)", weight, conv.filters());
      b.beginControlFlow("for (int i = 0; i < $L; i++, k += $L)", inC, taps);
      b.addStatement("$L", call.call("k", "o", "i"));
      b.endControlFlow();
      b.endControlFlow();
      return b.build();
    }
    List<CodeBlock> statements = new ArrayList<>();
    int k = 0;
    for (int o = 0; o < conv.filters(); o++) {
      List<Integer> from = new ArrayList<>();
      for (int i = 0; i < inC; i++) {
        if (conv.connected(i, o)) {
          from.add(i);
        }
      }
      CodeBlock.Builder s = CodeBlock.builder().add("// map $L ← $L $L\n", o, ctx.inputName(), from);
      for (int i : from) {
        String offset = k == 0 ? weight : weight.equals("0") ? Integer.toString(k * taps) : weight + " + " + k * taps;
        s.addStatement("$L", call.call(offset, Integer.toString(o), Integer.toString(i)));
        k++;
      }
      statements.add(s.build());
    }
    StraightLine.Split split = StraightLine.split(statements, ctx.method(purpose), locals);
    splitOff.addAll(split.methods());
    return split.inline();
  }

  /** The kernel call for pair (o, i) whose weights start at {@code k}: each an expression or a number. */
  interface PairCall {
    CodeBlock call(String k, String o, String i);
  }

  String outPlane(String o) {
    return scaled("yo", o, win.outPlane());
  }

  String inPlane(String base, String i) {
    return scaled(base, i, inPlaneSize());
  }

  /** Values of one (padded) input map. */
  int inPlaneSize() {
    return win.paddedH() * win.paddedW();
  }

  /** The row pitch of the layer's (padded) input planes and wide rows: {@code C1_PITCH}. */
  String pitch() {
    return PaddedPlanes.pitch(ctx, win);
  }

  /** Values of one wide output map as the forward pass writes it, up to the last output: {@code C1_WIDE_LENGTH}. */
  String wideLengthName() {
    return ctx.geometry("WIDE_LENGTH", kernels.wideLength(), "Values of one of " + ctx.name()
        + "'s wide output maps up to its last output: " + win.outH() + " rows at the input's pitch, the last one "
        + win.outW() + " long");
  }

  /** Values of one whole wide output map: {@code C1_WIDE_MAP}. */
  String wideMapName() {
    return ctx.geometry("WIDE_MAP", kernels.wideMap(), "Values of one of " + ctx.name() + "'s wide output maps: "
        + win.outH() + " rows at the input's pitch");
  }

  /** {@code base + index * stride} with a constant expression as stride; just {@code base} for index 0. */
  static String scaled(String base, String index, String stride) {
    if (index.equals("0")) {
      return base;
    }
    return (base.equals("0") ? "" : base + " + ") + (index.equals("1") ? stride : index + " * " + stride);
  }

  /** {@code base + index * stride}, folded to a constant when the index is a number (table code). */
  static String scaled(String base, String index, int stride) {
    if (index.chars().allMatch(Character::isDigit)) {
      int offset = Integer.parseInt(index) * stride;
      if (base.chars().allMatch(Character::isDigit)) {
        return Integer.toString(Integer.parseInt(base) + offset);
      }
      return offset == 0 ? base : base + " + " + offset;
    }
    return (base.equals("0") ? "" : base + " + ") + index + (stride == 1 ? "" : " * " + stride);
  }

  /** Sample offsets ({@code xo}, {@code yo}) are ints; every other local names an array of the network's type. */
  List<ParameterSpec> locals(String... names) {
    List<ParameterSpec> out = new ArrayList<>();
    for (String n : names) {
      TypeName type = n.equals("xo") || n.equals("yo") ? TypeName.INT : ctx.num().arrayType();
      out.add(ParameterSpec.builder(type, n).build());
    }
    return out;
  }

  /** The bias gradient: the sum of each output map's delta. */
  void biasGradient(CodeBlock.Builder b) {
    if (conv.bias()) {
      BiasCode.planeSums(b, ctx.num(), bias, conv.filters(), win.outPlane());
    }
  }

  /**
   * The backward pass by the generic kernels: the bias gradient, the weight gradient by the window kernel over the
   * (padded) input, and the input gradient as a wide-row gather ({@code wide}) or a scatter.
   */
  CodeBlock genericBackward(boolean wide) {
    CodeBlock.Builder b = CodeBlock.builder();
    biasGradient(b);
    if (!conv.frozen()) { // the padded input feeds only the weight gradient
      b.add(weightGradient(pad(b)));
    }
    return b.add(inputGradient(wide, wide)).build();
  }

  /** The weight gradient by the generic window kernel: each pair's delta correlated with its input plane. */
  CodeBlock weightGradient(Source src) {
    return pairs("WeightGrad", (k, o, i) -> CodeBlock.of("$L(g, $L, dy, $L, $L, $L)", kernels.weightGradName(), k,
        outPlane(o), src.plane(), inPlane(src.offset(), i)), locals("x", "xo", "y", "yo", "dy"));
  }

  /** Copies the sample's delta into wide rows; the zeros around it are never written. */
  CodeBlock wideDelta() {
    return CodeBlock.builder().addStatement("$T.copy(dy, yo, $L, $L,$W$L, $L, $L, $L,$W$L, $L, $L)", Planes.CLASS,
        ctx.outDim("W"), ctx.outPlaneExpr(), ctx.field("DeltaWide"), ctx.geometry("WIDE_MARGIN",
            kernels.wideMargin(), "Zeros before each of " + ctx.name() + "'s wide delta maps"), pitch(),
        ctx.geometry("WIDE_DELTA_MAP", wideDeltaMap(), "Values of one of " + ctx.name()
            + "'s wide delta maps: its zero margin, then " + win.outH() + " rows at the input's pitch"),
        ctx.outDim("C"), ctx.outDim("H"), ctx.outDim("W")).build();
  }

  /**
   * d(loss)/d(input) of one sample, accumulated into {@code dx} (through the padded delta when padded): a wide-row
   * gather from the delta ({@code wide}, after copying it into wide rows when {@code copyDelta}), else a scatter.
   */
  CodeBlock inputGradient(boolean wide, boolean copyDelta) {
    final String dst = win.padded() ? ctx.field("PadDelta") : "dx";
    final String dstOffset = win.padded() ? "0" : "xo";
    CodeBlock.Builder b = CodeBlock.builder();
    if (win.padded()) {
      b.addStatement("$T.fill($L, $L)", ARRAYS, dst, ctx.num().literal(0));
    }
    if (wide) {
      String dw = ctx.field("DeltaWide");
      int map = wideDeltaMap();
      if (copyDelta) {
        b.add("// the delta in wide rows (zeros between rows and before each map), then the input gradient as a"
            + " gather\n");
        b.add(wideDelta());
      }
      b.add(pairs("InputGrad", (k, o, i) -> CodeBlock.of("$L($L, $L, $L, $L, $L, $L)", kernels.wideInputGradName(),
          weights(), k, dw, scaled(Integer.toString(kernels.wideMargin()), o, map), dst, inPlane(dstOffset, i)),
          locals("xo", "yo", "dy", "dx")));
    } else {
      b.add(pairs("InputGrad", (k, o, i) -> CodeBlock.of("$L($L, $L, dy, $L, $L, $L)", kernels.scatterName(),
          weights(), k, outPlane(o), dst, inPlane(dstOffset, i)), locals("xo", "yo", "dy", "dx")));
    }
    if (win.padded()) {
      b.add(PaddedPlanes.unpadDelta(ctx, win, dst));
    }
    return ctx.inputGradientOnly(b.build());
  }
}
