package dev.convnet.processor.kind.conv;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.convnet.processor.emit.Code;
import dev.convnet.processor.emit.Loops;
import dev.convnet.processor.emit.Numeric;
import dev.convnet.processor.emit.VectorApi;
import dev.convnet.processor.emit.WindowKernels;
import dev.convnet.processor.model.Grid;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The tap-row kernels of a stride-1 convolution: each input map, shifted by every tap of the kernel, is copied into a
 * row of its own ({@link #tapRows()}), laid out like the {@link WindowKernels} wide rows (outputs at the input's row
 * pitch). Every operand of the loops over such rows is then indexed by the same {@code j} from 0, which HotSpot 17
 * vectorizes; it does not vectorize a loop that stores at one offset and loads at another of arrays that might be
 * the same. The forward gather comes in plain Java over tap rows and, for {@code @Network(vectorApi = true)}, in
 * Vector API forms of 1, 2 or 4 maps that read each tap's row where it lies in the input plane (a Vector API load takes
 * any offset); the weight gradient from tap rows is Vector API only.
 */
final class TapRowKernels {
  private final WindowKernels w;
  private final Grid g;
  private final Numeric num;
  private final String prefix;

  TapRowKernels(WindowKernels window, Grid grid, Numeric num, String prefix) {
    this.w = window;
    this.g = grid;
    this.num = num;
    this.prefix = prefix;
  }

  /** Scratch values the tap rows of {@code channels} input maps take: one row of {@link WindowKernels#wideLength()} per tap. */
  public long tapRowValues(int channels) {
    return (long) channels * g.taps() * w.wideLength();
  }

  /**
   * Values per tap row and accumulator row: {@link WindowKernels#wideLength()} rounded up to 16 floats, so that vector loops of
   * 4, 8 or 16 lanes need no scalar tail (the values past the outputs are zeros or ignored).
   */
  public int tapRowLength() {
    return (w.wideLength() + 15) / 16 * 16;
  }

  public String tapRowsName() {
    return prefix + "TapRows";
  }

  public String tapGatherName() {
    return prefix + "TapGather";
  }

  /**
   * Copies the plane shifted by each tap into its own row: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}. With
   * every operand of the forward loop indexed by the same {@code j} from 0, HotSpot (JDK 17) vectorizes it; it does
   * not when a loop stores at one offset and loads at another of arrays that might be the same.
   */
  public MethodSpec tapRows() {
    MethodSpec.Builder m = MethodSpec.methodBuilder(tapRowsName())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc("Tap rows of one input map: {@code taps[to + t][j] = plane[po + w.offset(t) + j]}, one row per tap"
            + " of the " + g.kernel().box() + " kernel, $L values each.\n", w.wideLength())
        .addParameter(num.arrayType(), "plane", Modifier.FINAL).addParameter(int.class, "po", Modifier.FINAL)
        .addParameter(com.palantir.javapoet.ArrayTypeName.of(num.arrayType()), "taps", Modifier.FINAL)
        .addParameter(int.class, "to", Modifier.FINAL);
    CodeBlock.Builder b = CodeBlock.builder();
    if (w.fullyUnrolled()) {
      for (int ky = 0; ky < g.kernel().h(); ky++) {
        for (int kx = 0; kx < g.kernel().w(); kx++) {
          int t = ky * g.kernel().w() + kx;
          b.addStatement("System.arraycopy(plane, $L, taps[$L], 0, $L)", w.plus("po", w.offset(ky, kx)), w.plus("to", t),
              w.wideLength());
        }
      }
    } else {
      b.beginControlFlow("for (int ky = 0, t = to; ky < $L; ky++)", g.kernel().h());
      b.beginControlFlow("for (int kx = 0; kx < $L; kx++, t++)", g.kernel().w());
      b.addStatement("System.arraycopy(plane, po + ky * $L + kx * $L, taps[t], 0, $L)",
          g.dilation().h() * g.planeW(), g.dilation().w(), w.wideLength());
      b.endControlFlow();
      b.endControlFlow();
    }
    return m.addCode(b.build()).build();
  }

  /**
   * {@code acc[j] += Σ w[t] · taps[to + t][j]} over a map's tap rows, one kernel row's taps fused per loop (weights
   * and row references hoisted), as fused multiply-adds (plain Java; the Vector API forms read the planes themselves,
   * {@link #planeGather}).
   */
  public MethodSpec tapGather() {
    MethodSpec.Builder m = w.method(tapGatherName(), "Gather from tap rows into a wide map: {@code acc[j] += Σ w[t] · "
        + "taps[to + t][j]}.", "w")
        .addParameter(com.palantir.javapoet.ArrayTypeName.of(num.arrayType()), "taps", Modifier.FINAL)
        .addParameter(int.class, "to", Modifier.FINAL)
        .addParameter(num.arrayType(), "acc", Modifier.FINAL);
    CodeBlock.Builder b = CodeBlock.builder();
    int kw = g.kernel().w();
    String arr = num.type() + "[]";
    b.beginControlFlow("for (int ky = 0; ky < $L; ky++)", g.kernel().h());
    b.addStatement("final int wr = wo + ky * $L", kw);
    b.addStatement("final int tr = to + ky * $L", kw);
    List<String> weights = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    for (int kx = 0; kx < kw; kx++) {
      weights.add("w" + kx + " = w[" + w.plus("wr", kx) + "]");
      rows.add("r" + kx + " = taps[" + w.plus("tr", kx) + "]");
    }
    b.addStatement("final $L $L", num.type(), Code.list(weights));
    b.addStatement("final $L $L", arr, Code.list(rows));
    Loops.begin(b, "j", w.wideLength());
    b.addStatement("$L s = acc[j]", num.type());
    for (int kx = 0; kx < kw; kx++) {
      b.addStatement("s = Math.fma(w$L, r$L[j], s)", kx, kx);
    }
    b.addStatement("acc[j] = s");
    b.endControlFlow();
    b.endControlFlow();
    return m.addCode(b.build()).build();
  }

  /**
   * Vector API gather of {@code maps} output maps (accumulators {@code acc}, or {@code acc0 …} with weights {@code
   * ws} apart) from one input plane, tap {@code (ky, kx)}'s row read from {@code po + }{@link WindowKernels#offset}
   * (no tap row copied), one kernel row per pass over a vector of outputs: each accumulator is loaded, takes the row's
   * taps (broadcast weights times the plane vector, loaded once for all maps) and is stored. Whole windows per pass
   * were slower: HotSpot 17 stops intrinsifying the Vector API calls of so large a loop body. The vectors run to
   * {@link #tapRowLength()}, so the plane needs {@link #planeSlack()} readable values after it (sums past the outputs
   * are never copied out) and the scalar tail runs only for vectors wider than 16 lanes.
   */
  private CodeBlock vectorGather(String species, int maps) {
    com.palantir.javapoet.ClassName vector = VectorApi.FLOAT_VECTOR;
    CodeBlock.Builder b = CodeBlock.builder();
    int kw = g.kernel().w();
    String[] acc = new String[maps];
    String[] mapWeights = new String[maps];
    for (int k = 0; k < maps; k++) {
      acc[k] = maps == 1 ? "acc" : "acc" + k;
      mapWeights[k] = k == 0 ? "wr" : k == 1 ? "wr + ws" : "wr + " + k + " * ws";
    }
    b.addStatement("final int bound = $L.loopBound($L)", species, tapRowLength());
    b.beginControlFlow("for (int ky = 0; ky < $L; ky++)", g.kernel().h());
    b.addStatement("final int wr = wo + ky * $L", kw);
    b.addStatement("final int tr = po + ky * $L", w.offset(1, 0));
    List<String> rows = new ArrayList<>();
    List<String> weights = new ArrayList<>();
    for (int kx = 0; kx < kw; kx++) {
      rows.add("r" + kx + " = " + w.plus("tr", w.offset(0, kx)));
      for (int k = 0; k < maps; k++) {
        weights.add("v" + k + "_" + kx + " = " + vector.simpleName() + ".broadcast(" + species + ", w["
            + w.plus(mapWeights[k], kx) + "])");
      }
    }
    b.addStatement("final int $L", Code.list(rows));
    b.addStatement("final $T $L", vector, Code.list(weights));
    b.addStatement("int j = 0");
    b.beginControlFlow("for (; j < bound; j += $L.length())", species);
    for (int k = 0; k < maps; k++) {
      b.addStatement("$T s$L = $T.fromArray($L, $L, j)", vector, k, vector, species, acc[k]);
    }
    for (int kx = 0; kx < kw; kx++) {
      b.addStatement("final $T t$L = $T.fromArray($L, plane, r$L + j)", vector, kx, vector, species, kx);
      for (int k = 0; k < maps; k++) {
        b.addStatement("s$L = t$L.fma(v$L_$L, s$L)", k, kx, k, kx, k);
      }
    }
    for (int k = 0; k < maps; k++) {
      b.addStatement("s$L.intoArray($L, j)", k, acc[k]);
    }
    b.endControlFlow();
    b.add("// a tail only for vectors wider than 16 lanes\n");
    b.beginControlFlow("for (; j < $L; j++)", w.wideLength());
    for (int kx = 0; kx < kw; kx++) {
      for (int k = 0; k < maps; k++) {
        b.addStatement("$L[j] = Math.fma(w[$L], plane[r$L + j], $L[j])", acc[k], w.plus(mapWeights[k], kx), kx,
            acc[k]);
      }
    }
    b.endControlFlow();
    b.endControlFlow();
    return b.build();
  }

  /** The name of {@link #planeGather}'s kernel of {@code maps} output maps. */
  public String planeGatherName(int maps) {
    return prefix + "PlaneGather" + (maps == 1 ? "" : Integer.toString(maps));
  }

  /** Values past the last input plane that {@link #planeGather} may read. */
  public int planeSlack() {
    return tapRowLength() - w.wideLength();
  }

  /**
   * The Vector API forward gather of 1, 2 or 4 output maps from one input plane at {@code plane[po …]}: {@code acc[j]
   * += Σ w[t] · plane[po + offset(t) + j]}, or {@code acc_k[j] += Σ w[wo + k·ws + t] · plane[po + offset(t) + j]}.
   */
  public MethodSpec planeGather(String species, int maps) {
    MethodSpec.Builder m = w.method(planeGatherName(maps), maps == 1
        ? "Gather from an input plane into a wide map (Vector API): {@code acc[j] += Σ w[t] · plane[po + offset(t) +"
            + " j]}, each tap's row read where it lies in the plane."
        : "Gather into " + maps + " wide maps from an input plane (Vector API): {@code acc_k[j] += Σ w[wo + k·ws + t]"
            + " · plane[po + offset(t) + j]}, each plane vector feeding " + maps + " maps.", "w");
    if (maps > 1) {
      m.addParameter(int.class, "ws", Modifier.FINAL);
    }
    m.addParameter(num.arrayType(), "plane", Modifier.FINAL).addParameter(int.class, "po", Modifier.FINAL);
    for (int k = 0; k < maps; k++) {
      m.addParameter(num.arrayType(), maps == 1 ? "acc" : "acc" + k, Modifier.FINAL);
    }
    return m.addCode(vectorGather(species, maps)).build();
  }

  public String tapWeightGradName() {
    return prefix + "TapWeightGrad";
  }

  /**
   * Vector API weight gradient from tap rows and a wide delta map (zeros between rows): {@code gw[wo + t] += Σ_j
   * delta[dlo + j] · taps[to + t][j]}, four taps at a time sharing each delta vector, lanes summed at the end.
   */
  public MethodSpec tapWeightGrad(String species) {
    com.palantir.javapoet.ClassName vector = VectorApi.FLOAT_VECTOR;
    MethodSpec.Builder m = w.method(tapWeightGradName(), "Weight gradient from tap rows (Vector API): {@code gw[wo + t]"
        + " += Σ_j delta[dlo + j] · taps[to + t][j]}.", "gw")
        .addParameter(com.palantir.javapoet.ArrayTypeName.of(num.arrayType()), "taps", Modifier.FINAL)
        .addParameter(int.class, "to", Modifier.FINAL)
        .addParameter(num.arrayType(), "delta", Modifier.FINAL).addParameter(int.class, "dlo", Modifier.FINAL);
    CodeBlock.Builder b = CodeBlock.builder();
    int taps = g.taps();
    int length = w.wideLength();
    b.addStatement("final int bound = $L.loopBound($L)", species, length);
    b.beginControlFlow("for (int t = 0; t < $L; t += 4)", taps);
    b.addStatement("final int last = Math.min(4, $L - t) - 1", taps);
    b.addStatement("final $L[] r0 = taps[to + t],$Wr1 = taps[to + t + Math.min(1, last)],$Wr2 = taps[to + t + "
        + "Math.min(2, last)],$Wr3 = taps[to + t + Math.min(3, last)]", num.type());
    b.addStatement("$T a0 = $T.zero($L), a1 = a0, a2 = a0, a3 = a0", vector, vector, species);
    b.addStatement("int j = 0");
    b.beginControlFlow("for (; j < bound; j += $L.length())", species);
    b.addStatement("final $T v = $T.fromArray($L, delta, dlo + j)", vector, vector, species);
    for (int k = 0; k < 4; k++) {
      b.addStatement("a$L = $T.fromArray($L, r$L, j).fma(v, a$L)", k, vector, species, k, k);
    }
    b.endControlFlow();
    for (int k = 0; k < 4; k++) {
      b.addStatement("float s$L = a$L.reduceLanes($T.ADD)", k, k, VectorApi.OPERATORS);
    }
    b.beginControlFlow("for (; j < $L; j++)", length);
    b.addStatement("final float v = delta[dlo + j]");
    for (int k = 0; k < 4; k++) {
      b.addStatement("s$L = Math.fma(v, r$L[j], s$L)", k, k, k);
    }
    b.endControlFlow();
    b.addStatement("gw[wo + t] += s0");
    for (int k = 1; k < 4; k++) {
      b.beginControlFlow("if (last >= $L)", k).addStatement("gw[wo + t + $L] += s$L", k, k).endControlFlow();
    }
    b.endControlFlow();
    return m.addCode(b.build()).build();
  }
}
