package dev.convnet.processor.kind.conv;

import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.emit.ParamPlan;
import dev.convnet.processor.emit.Workspace;
import dev.convnet.processor.emit.WindowKernels;
import dev.convnet.processor.emit.DenseKernels;
import dev.convnet.processor.emit.BiasCode;
import dev.convnet.processor.emit.ConstantArray;
import dev.convnet.processor.emit.PaddedPlanes;
import dev.convnet.processor.emit.Planes;
import dev.convnet.processor.emit.StraightLine;
import dev.convnet.processor.emit.VectorApi;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import dev.convnet.processor.model.Counts;
import dev.convnet.processor.model.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ConvLayer}: zero-pads the input into a scratch plane when needed, then for every connected (output map,
 * input map) pair gathers the kernel over the padded input. Fully connected layers loop over the pairs with constant
 * bounds; a connection table is compiled into straight-line code, one kernel call per connected pair.
 */
final class ConvEmitter implements LayerEmitter {
  private final LayerContext ctx;
  private final ConvLayer conv;
  private final Window win;
  private final WindowKernels kernels;
  private final TapRowKernels tapKernels;
  private final List<MethodSpec> splitOff = new ArrayList<>();
  private String weight;
  private String bias;

  ConvEmitter(LayerContext ctx, ConvLayer layer) {
    this.ctx = ctx;
    this.conv = layer;
    this.win = layer.window(ctx.in());
    this.kernels = new WindowKernels(win.grid(), ctx.num(), ctx.name());
    this.tapKernels = new TapRowKernels(kernels, win.grid(), ctx.num(), ctx.name());
  }

  /** Input maps each output map reads without a table: all of them, or its group's. */
  private int groupInputs() {
    return ctx.in().channels() / conv.groups();
  }

  /** The array the kernels are read from: the parameters, or the constant fixed kernels. */
  private String weights() {
    return conv.frozen() ? ctx.field("Kernels") : "p";
  }

  @Override
  public List<com.palantir.javapoet.FieldSpec> fields() {
    if (!conv.frozen()) {
      return List.of();
    }
    int taps = win.taps();
    int inC = ctx.in().channels();
    boolean shared = conv.weights().size() == taps;
    List<Double> values = new ArrayList<>();
    for (int o = 0; o < conv.filters(); o++) {
      for (int j = 0; j < (conv.hasTable() ? inC : groupInputs()); j++) {
        if (conv.hasTable() && !conv.connected(j, o)) {
          continue;
        }
        int base = shared ? 0 : (o * (conv.hasTable() ? inC : groupInputs()) + j) * taps;
        values.addAll(conv.weights().subList(base, base + taps));
      }
    }
    return List.of(ConstantArray.field(ctx.num(), weights(), ConstantArray.of(values),
        ctx.name() + ": the fixed kernels from the declaration, one after another in the order the code reads them"
            + " (never trained)."));
  }

  @Override
  public void parameters(ParamPlan plan) {
    if (conv.frozen()) {
      weight = "0";
      return;
    }
    int inC = ctx.in().channels();
    long kernelsCount = conv.kernels(ctx.in());
    int fanIn = (int) (kernelsCount * win.taps() / conv.filters());
    int fanOut = (int) (kernelsCount * win.taps() / inC);
    int[] shape = {conv.filters(), groupInputs(), conv.kernel().h(), conv.kernel().w()};
    boolean[][] connected = null;
    if (conv.hasTable()) {
      connected = new boolean[conv.filters()][inC];
      for (int o = 0; o < conv.filters(); o++) {
        for (int i = 0; i < inC; i++) {
          connected[o][i] = conv.connected(i, o);
        }
      }
    }
    weight = plan.add(ctx.name(), ctx.constant(), "weight", "WEIGHT", shape, fanIn, fanOut, connected);
    if (conv.bias()) {
      bias = plan.add(ctx.name(), ctx.constant(), "bias", "BIAS", new int[] {conv.filters()}, fanIn, fanOut);
    }
  }

  @Override
  public void workspace(Workspace ws) {
    if (win.padded()) {
      String size = Integer.toString(ctx.in().channels() * win.paddedH() * win.paddedW());
      ws.scratch(ctx.field("Pad"), ctx.num().typeName(), size, null, "the input sample with its zero border");
      ws.scratch(ctx.field("PadDelta"), ctx.num().typeName(), size, null, "d(loss)/d(padded input) of one sample");
    }
    if (tapRows()) {
      ws.scratchRows(ctx.field("Taps"), ctx.num().typeName(), Integer.toString(ctx.in().channels() * win.taps()),
          Integer.toString(tapKernels.tapRowLength()), "each input map of one sample shifted by each tap (tap rows)");
      ws.scratchRows(ctx.field("Acc"), ctx.num().typeName(), Integer.toString(conv.filters()),
          Integer.toString(tapKernels.tapRowLength()), "the output maps of one sample at the input's row pitch");
    } else if (wide()) {
      ws.scratch(ctx.field("Wide"), ctx.num().typeName(), Integer.toString(conv.filters() * kernels.wideMap()), null,
          "the output maps of one sample at the input's row pitch (wide rows)");
    }
    if (wide()) {
      ws.scratch(ctx.field("DeltaWide"), ctx.num().typeName(),
          Integer.toString(conv.filters() * wideDeltaMap()), null,
          "d(loss)/d(output) of one sample in wide rows, each map after zeros; only the outputs are ever written");
    }
  }

  private int planeIn() {
    return win.paddedH() * win.paddedW();
  }

  /** One kernel call per (output, input) pair: loops without a table, straight-line code with one. */
  private CodeBlock pairs(String purpose, PairCall call, List<ParameterSpec> locals) {
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
        s.addStatement("$L", call.call(k == 0 ? weight : weight.equals("0") ? Integer.toString(k * taps)
            : weight + " + " + k * taps, Integer.toString(o),
            Integer.toString(i)));
        k++;
      }
      statements.add(s.build());
    }
    StraightLine.Split split = StraightLine.split(statements, ctx.method(purpose), locals);
    splitOff.addAll(split.methods());
    return split.inline();
  }

  /** The kernel call for pair (o, i) whose weights start at {@code k}. */
  private interface PairCall {
    String call(String k, String o, String i);
  }

  private String outPlane(String o) {
    return scaled("yo", o, win.outPlane());
  }

  private String inPlane(String base, String i) {
    return scaled(base, i, planeIn());
  }

  /** {@code base + index * stride}, folded to a constant when the index is a number (table code). */
  private static String scaled(String base, String index, int stride) {
    if (index.chars().allMatch(Character::isDigit)) {
      int offset = Integer.parseInt(index) * stride;
      return base.equals("0") ? Integer.toString(offset) : offset == 0 ? base : base + " + " + offset;
    }
    return (base.equals("0") ? "" : base + " + ") + index + " * " + stride;
  }

  /** Sample offsets ({@code xo}, {@code yo}) are ints; every other local names an array of the network's type. */
  private static final java.util.Set<String> OFFSET_LOCALS = java.util.Set.of("xo", "yo");

  private List<ParameterSpec> locals(String... names) {
    List<ParameterSpec> out = new ArrayList<>();
    for (String n : names) {
      var type = OFFSET_LOCALS.contains(n) ? com.palantir.javapoet.TypeName.INT : ctx.num().arrayType();
      out.add(ParameterSpec.builder(type, n).build());
    }
    return out;
  }

  @Override
  public CodeBlock forward() {
    if (coversInput()) {
      return CodeBlock.builder()
          .add("// the kernel covers the whole input: a fully connected product over the flattened sample\n")
          .add(DenseKernels.forward(ctx, weight, bias, conv.filters(), ctx.in().size())).build();
    }
    CodeBlock.Builder b = CodeBlock.builder();
    String src = "x";
    String so = "xo";
    if (win.padded()) {
      b.add(PaddedPlanes.padInput(ctx, win, "x", "xo", ctx.field("Pad")));
      src = ctx.field("Pad");
      so = "0";
    }
    final String plane = src;
    final String po = so;
    String start = conv.bias() ? "p[" + bias + " + o]" : ctx.num().literal(0);
    if (tapRows()) {
      String taps = ctx.field("Taps");
      String acc = ctx.field("Acc");
      int t = win.taps();
      b.add("// tap rows: every input map shifted by each tap into a row of its own, so that the loops vectorize\n");
      b.beginControlFlow("for (int i = 0; i < $L; i++)", ctx.in().channels());
      b.addStatement("$L($L, $L, $L, i * $L)", tapKernels.tapRowsName(), plane, inPlane(po, "i"), taps, t);
      b.endControlFlow();
      b.beginControlFlow("for (int o = 0; o < $L; o++)", conv.filters());
      b.addStatement("$T.fill($L[o], $L)", ClassName.get(java.util.Arrays.class), acc, start);
      b.endControlFlow();
      if (fourMaps()) {
        int c = ctx.in().channels();
        int blocked = conv.filters() / 4 * 4;
        b.add("// four output maps at a time: each tap-row vector feeds four accumulators\n");
        b.beginControlFlow("for (int o = 0; o < $L; o += 4)", blocked);
        b.beginControlFlow("for (int i = 0; i < $L; i++)", c);
        b.addStatement("$L($L, $L + (o * $L + i) * $L, $L, $L, i * $L, $L[o], $L[o + 1], $L[o + 2], $L[o + 3])",
            tapKernels.tapGather4Name(), weights(), weight, c, t, c * t, taps, t, acc, acc, acc, acc);
        b.endControlFlow();
        b.endControlFlow();
        if (blocked < conv.filters()) {
          b.beginControlFlow("for (int o = $L; o < $L; o++)", blocked, conv.filters());
          b.beginControlFlow("for (int i = 0; i < $L; i++)", c);
          b.addStatement("$L($L, $L + (o * $L + i) * $L, $L, i * $L, $L[o])", tapKernels.tapGatherName(), weights(),
              weight, c, t,
              taps, t, acc);
          b.endControlFlow();
          b.endControlFlow();
        }
      } else {
        b.add(pairs("Forward", (k, o, i) -> tapKernels.tapGatherName() + "(" + weights() + ", " + k + ", " + taps + ", "
            + scaled("0", i, t) + ", " + acc + "[" + o + "])", locals("x", "xo", "y", "yo")));
      }
      b.beginControlFlow("for (int o = 0; o < $L; o++)", conv.filters());
      b.addStatement("$T.copy($L[o], 0, $L, $L, y, yo + o * $L, $L, $L, 1, $L, $L)", Planes.CLASS, acc,
          win.paddedW(), kernels.wideLength(), win.outPlane(), win.outW(), win.outPlane(), win.outH(), win.outW());
      b.endControlFlow();
      return b.build();
    }
    if (wide()) {
      String wide = ctx.field("Wide");
      int map = kernels.wideMap();
      b.add("// wide rows: each map computed at the input's row pitch, $L columns, then compacted to $L\n",
          win.paddedW(), win.outW());
      b.beginControlFlow("for (int o = 0; o < $L; o++)", conv.filters());
      b.addStatement("$T.fill($L, o * $L, o * $L + $L, $L)", ClassName.get(java.util.Arrays.class), wide, map, map,
          kernels.wideLength(), start);
      b.endControlFlow();
      b.add(pairs("Forward", (k, o, i) -> kernels.wideGatherName() + "(" + weights() + ", " + k + ", " + plane + ", "
          + inPlane(po, i) + ", " + wide + ", " + scaled("0", o, map) + ")", locals("x", "xo", "y", "yo")));
      b.addStatement("$T.copy($L, 0, $L, $L, y, yo, $L, $L, $L, $L, $L)", Planes.CLASS, wide, win.paddedW(), map,
          win.outW(), win.outPlane(), conv.filters(), win.outH(), win.outW());
      return b.build();
    }
    b.beginControlFlow("for (int o = 0; o < $L; o++)", conv.filters());
    b.addStatement("$T.fill(y, yo + o * $L, yo + (o + 1) * $L, $L)", ClassName.get(java.util.Arrays.class),
        win.outPlane(), win.outPlane(), start);
    b.endControlFlow();
    b.add(pairs("Forward", (k, o, i) -> kernels.gatherName() + "(" + weights() + ", " + k + ", " + plane + ", " + inPlane(po, i)
        + ", y, " + outPlane(o) + ")", locals("x", "xo", "y", "yo")));
    return b.build();
  }

  @Override
  public CodeBlock backward() {
    if (coversInput()) {
      return DenseKernels.backward(ctx, weight, bias, conv.filters(), ctx.in().size());
    }
    CodeBlock.Builder b = CodeBlock.builder();
    if (conv.bias()) {
      BiasCode.planeSums(b, ctx.num(), bias, conv.filters(), win.outPlane());
    }
    String src = "x";
    String so = "xo";
    if (win.padded() && !conv.frozen()) { // the padded input feeds only the weight gradient
      b.add(PaddedPlanes.padInput(ctx, win, "x", "xo", ctx.field("Pad")));
      src = ctx.field("Pad");
      so = "0";
    }
    final String plane = src;
    final String po = so;
    if (vectorWeightGrad()) {
      String taps = ctx.field("Taps");
      int t = win.taps();
      int map = wideDeltaMap();
      b.add("// tap rows of this sample and its delta in wide rows: the weight gradient as vector dot products\n");
      b.beginControlFlow("for (int i = 0; i < $L; i++)", ctx.in().channels());
      b.addStatement("$L($L, $L, $L, i * $L)", tapKernels.tapRowsName(), plane, inPlane(po, "i"), taps, t);
      b.endControlFlow();
      b.add(wideDelta());
      b.add(pairs("WeightGrad", (k, o, i) -> tapKernels.tapWeightGradName() + "(g, " + k + ", " + taps + ", "
          + scaled("0", i, t) + ", " + ctx.field("DeltaWide") + ", "
          + scaled(Integer.toString(kernels.wideMargin()), o, map) + ")", locals("x", "xo", "y", "yo", "dy")));
      return b.add(ctx.inputGradientOnly(inputGradient(false))).build();
    }
    if (!conv.frozen()) {
      b.add(pairs("WeightGrad", (k, o, i) -> kernels.weightGradName() + "(g, " + k + ", dy, " + outPlane(o) + ", "
          + plane + ", " + inPlane(po, i) + ")", locals("x", "xo", "y", "yo", "dy")));
    }
    return b.add(ctx.inputGradientOnly(inputGradient(true))).build();
  }

  /** Whether the forward pass gathers four output maps at a time (Vector API, no connection table). */
  private boolean fourMaps() {
    return tapRows() && ctx.vectorApi() && !conv.hasTable() && conv.groups() == 1 && conv.filters() >= 4;
  }

  /** Whether the weight gradient uses tap rows and the Vector API. */
  private boolean vectorWeightGrad() {
    return tapRows() && ctx.vectorApi() && !conv.frozen();
  }

  /** Copies the sample's delta into wide rows; the zeros around it are never written. */
  private CodeBlock wideDelta() {
    return CodeBlock.builder().addStatement("$T.copy(dy, yo, $L, $L, $L, $L, $L, $L, $L, $L, $L)", Planes.CLASS,
        win.outW(), win.outPlane(), ctx.field("DeltaWide"), kernels.wideMargin(), win.paddedW(), wideDeltaMap(),
        conv.filters(), win.outH(), win.outW()).build();
  }

  /**
   * d(loss)/d(input) of one sample, accumulated into {@code dx} (through the padded delta when padded); {@code
   * copyDelta}: whether the wide kernels must first copy the delta into wide rows.
   */
  private CodeBlock inputGradient(boolean copyDelta) {
    final String dst = win.padded() ? ctx.field("PadDelta") : "dx";
    final String dstOffset = win.padded() ? "0" : "xo";
    CodeBlock.Builder b = CodeBlock.builder();
    if (win.padded()) {
      b.addStatement("$T.fill($L, $L)", ClassName.get(java.util.Arrays.class), dst, ctx.num().literal(0));
    }
    if (wide()) {
      String dw = ctx.field("DeltaWide");
      int map = wideDeltaMap();
      if (copyDelta) {
        b.add("// the delta in wide rows (zeros between rows and before each map), then the input gradient as a"
            + " gather\n");
        b.add(wideDelta());
      }
      b.add(pairs("InputGrad", (k, o, i) -> kernels.wideInputGradName() + "(" + weights() + ", " + k + ", " + dw + ", "
          + scaled(Integer.toString(kernels.wideMargin()), o, map) + ", " + dst + ", " + inPlane(dstOffset, i) + ")",
          locals("xo", "yo", "dy", "dx")));
    } else {
      b.add(pairs("InputGrad", (k, o, i) -> kernels.scatterName() + "(" + weights() + ", " + k + ", dy, " + outPlane(o) + ", " + dst
          + ", " + inPlane(dstOffset, i) + ")", locals("xo", "yo", "dy", "dx")));
    }
    if (win.padded()) {
      b.add(PaddedPlanes.unpadDelta(ctx, win, dst));
    }
    return b.build();
  }

  /**
   * Whether one unpadded, fully connected kernel position covers the whole input (a 1×1 output grid with the kernel
   * the size of the input): then weights {@code [o][i][ky][kx]} line up with the flattened sample {@code [i][y][x]}
   * and the layer is a dense product.
   */
  private boolean coversInput() {
    return !conv.hasTable() && conv.groups() == 1 && !conv.frozen() && !win.padded() && win.outPlane() == 1
        && conv.kernel().h() == win.inH()
        && conv.kernel().w() == win.inW();
  }

  /** Whether the forward pass and the input gradient use the wide-row kernels (stride 1). */
  private boolean wide() {
    return !coversInput() && kernels.wide();
  }

  /** Most scratch values the tap rows of one layer may take (4 MiB of floats); larger layers use wide rows. */
  private static final long TAP_ROW_BUDGET = 1 << 20;

  /** Whether the forward pass gathers from tap rows (stride 1, and the rows fit the budget). */
  private boolean tapRows() {
    return wide() && tapKernels.tapRowValues(ctx.in().channels()) <= TAP_ROW_BUDGET;
  }

  /** Values per map of the wide delta: the zero margin, then the map's rows at the input's pitch. */
  private int wideDeltaMap() {
    return kernels.wideMargin() + kernels.wideMap();
  }

  @Override
  public List<MethodSpec> helpers() {
    if (coversInput()) {
      return List.of();
    }
    List<MethodSpec> all = new ArrayList<>();
    String species = ctx.vectorApi() ? VectorApi.SPECIES : null;
    if (tapRows()) {
      all.add(tapKernels.tapRows());
      if (fourMaps()) {
        all.add(tapKernels.tapGather4(species));
      }
      if (!fourMaps() || conv.filters() % 4 != 0) { // maps outside the blocks of four
        all.add(tapKernels.tapGather(species));
      }
      all.add(kernels.wideInputGrad(species));
      if (vectorWeightGrad()) {
        all.add(tapKernels.tapWeightGrad(species));
      }
    } else if (wide()) {
      all.add(kernels.wideGather());
      all.add(kernels.wideInputGrad(species));
    } else {
      all.add(kernels.gather());
      all.add(kernels.scatter());
    }
    if (!vectorWeightGrad() && !conv.frozen()) {
      all.add(kernels.weightGrad());
    }
    all.addAll(splitOff);
    return all;
  }
}
