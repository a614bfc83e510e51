package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.convnet.processor.model.Grid;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The three kernels of every convolution-like layer, written once for a {@link Grid} and specialised with constant
 * bounds (the textbook's derivations, for one kernel between one input map and one output map):
 *
 * <ul>
 *   <li><b>gather</b>: {@code grid[y][x] += Σ w[ky][kx] · plane[y·s + ky·d][x·s + kx·d]}: the cross-correlation of a
 *       convolution's forward pass, and a transposed convolution's input gradient;</li>
 *   <li><b>scatter</b>: {@code plane[y·s + ky·d][x·s + kx·d] += w[ky][kx] · grid[y][x]}: its exact adjoint, i.e. the
 *       full convolution of the grid with the kernel rotated by 180°, the grid dilated by the stride (the zeros of
 *       the dilation are skipped rather than multiplied): a convolution's input gradient and a transposed
 *       convolution's forward pass;</li>
 *   <li><b>weight gradient</b>: {@code gw[ky][kx] += Σ grid[y][x] · plane[y·s + ky·d][x·s + kx·d]}: the
 *       correlation of the input with the delta, for both.</li>
 * </ul>
 *
 * Spatial loops stay loops; the kernel window is unrolled into straight-line code with constant offsets when it has
 * at most {@value #FULL_UNROLL} taps (weights hoisted into locals), one kernel row at a time when a row has at most
 * {@value #ROW_UNROLL} taps, and looped otherwise, so that no method outgrows HotSpot's 8,000-byte JIT limit.
 */
public final class WindowKernels {
  public static final int FULL_UNROLL = 64;
  public static final int ROW_UNROLL = 64;

  private enum Mode { FULL, ROWS, LOOPS }

  private final Grid g;
  private final Numeric num;
  private final String prefix;
  private final Mode mode;

  /** Whether every tap of the window is unrolled into straight-line code (at most {@value #FULL_UNROLL} taps). */
  public boolean fullyUnrolled() {
    return mode == Mode.FULL;
  }

  public WindowKernels(Grid grid, Numeric num, String prefix) {
    this.g = grid;
    this.num = num;
    this.prefix = prefix;
    this.mode = grid.taps() <= FULL_UNROLL ? Mode.FULL : grid.kernel().w() <= ROW_UNROLL ? Mode.ROWS : Mode.LOOPS;
  }

  public String gatherName() {
    return prefix + "Gather";
  }

  public String scatterName() {
    return prefix + "Scatter";
  }

  public String weightGradName() {
    return prefix + "WeightGrad";
  }

  /** Offset of tap (ky, kx) from the window's top-left plane index. */
  public int offset(int ky, int kx) {
    return ky * g.dilation().h() * g.planeW() + kx * g.dilation().w();
  }

  public String plus(String base, int offset) {
    return offset == 0 ? base : base + " + " + offset;
  }

  private String geometry() {
    return g.kernel().box() + " kernel, stride " + g.stride() + ", dilation " + g.dilation() + "; " + g.gridH() + "×"
        + g.gridW() + " grid over a " + g.planeH() + "×" + g.planeW() + " plane";
  }

  public MethodSpec.Builder method(String name, String doc, String weights) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addJavadoc(doc + "\n<p>" + geometry() + ".\n")
        .addParameter(num.arrayType(), weights, Modifier.FINAL)
        .addParameter(int.class, "wo", Modifier.FINAL);
    return m;
  }

  /** Opens the spatial loops and defines {@code c}, the plane index of the window's first tap, and {@code gi}. */
  private void openLoops(CodeBlock.Builder b) {
    Loops.begin(b, "y", g.gridH());
    b.addStatement("final int row = po + y * $L", g.stride().h() * g.planeW());
    b.addStatement("final int gr = go + y * $L", g.gridW());
    Loops.begin(b, "x", g.gridW());
    b.addStatement("final int c = row + x * $L", g.stride().w());
    b.addStatement("final int gi = gr + x");
  }

  private void closeLoops(CodeBlock.Builder b) {
    b.endControlFlow();
    b.endControlFlow();
  }

  private void hoistWeights(CodeBlock.Builder b, String w) {
    List<String> decl = new ArrayList<>();
    for (int t = 0; t < g.taps(); t++) {
      decl.add("w" + t + " = " + w + "[" + plus("wo", t) + "]");
    }
    b.addStatement("final $L $L", num.type(), Code.list(decl));
  }

  /**
   * gather: {@code grid += W ⋆ plane}. One kernel row at a time: for each grid row and kernel row, the row's
   * weights are hoisted into locals and the inner loop over grid columns adds one short expression per output, a
   * form HotSpot's SuperWord vectorizes (a whole unrolled window per output measured 1.7× slower).
   */
  public MethodSpec gather() {
    MethodSpec.Builder m = method(gatherName(), "Gather: {@code grid[y][x] += Σ w[ky][kx] · plane[y·s + ky·d][x·s + kx·d]}.",
        "w")
        .addParameter(num.arrayType(), "plane", Modifier.FINAL).addParameter(int.class, "po", Modifier.FINAL)
        .addParameter(num.arrayType(), "grid", Modifier.FINAL).addParameter(int.class, "go", Modifier.FINAL);
    CodeBlock.Builder b = CodeBlock.builder();
    int kw = g.kernel().w();
    Loops.begin(b, "y", g.gridH());
    b.addStatement("final int row = po + y * $L", g.stride().h() * g.planeW());
    b.addStatement("final int gr = go + y * $L", g.gridW());
    b.beginControlFlow("for (int ky = 0; ky < $L; ky++)", g.kernel().h());
    b.addStatement("final int pr = row + ky * $L", g.dilation().h() * g.planeW());
    b.addStatement("final int wr = wo + ky * $L", kw);
    if (kw <= ROW_UNROLL) {
      List<String> decl = new ArrayList<>();
      List<String> terms = new ArrayList<>();
      for (int kx = 0; kx < kw; kx++) {
        decl.add("w" + kx + " = w[" + plus("wr", kx) + "]");
        terms.add("w" + kx + " * plane[" + plus("c", kx * g.dilation().w()) + "]");
      }
      b.addStatement("final $L $L", num.type(), Code.list(decl));
      Loops.begin(b, "x", g.gridW());
      b.addStatement("final int c = pr + x * $L", g.stride().w());
      b.addStatement("grid[gr + x] += " + String.join(" +$W", java.util.Collections.nCopies(terms.size(), "$L")),
          terms.toArray());
      b.endControlFlow();
    } else {
      Loops.begin(b, "x", g.gridW());
      b.addStatement("final int c = pr + x * $L", g.stride().w());
      b.addStatement("$L s = 0", num.type());
      b.beginControlFlow("for (int kx = 0; kx < $L; kx++)", kw);
      b.addStatement("s += w[wr + kx] * plane[c + kx * $L]", g.dilation().w());
      b.endControlFlow();
      b.addStatement("grid[gr + x] += s");
      b.endControlFlow();
    }
    b.endControlFlow();
    b.endControlFlow();
    return m.addCode(b.build()).build();
  }

  /** scatter: {@code plane += W ∗ grid} (the adjoint of gather). */
  public MethodSpec scatter() {
    MethodSpec.Builder m = method(scatterName(),
        "Scatter: {@code plane[y·s + ky·d][x·s + kx·d] += w[ky][kx] · grid[y][x]}, the adjoint of gather: the full"
            + " convolution of the grid (dilated by the stride) with the kernel rotated by 180°.", "w")
        .addParameter(num.arrayType(), "grid", Modifier.FINAL).addParameter(int.class, "go", Modifier.FINAL)
        .addParameter(num.arrayType(), "plane", Modifier.FINAL).addParameter(int.class, "po", Modifier.FINAL);
    CodeBlock.Builder b = CodeBlock.builder();
    if (mode == Mode.FULL) {
      hoistWeights(b, "w");
    }
    openLoops(b);
    b.addStatement("final $L v = grid[gi]", num.type());
    if (mode == Mode.FULL) {
      for (int ky = 0; ky < g.kernel().h(); ky++) {
        for (int kx = 0; kx < g.kernel().w(); kx++) {
          b.addStatement("plane[$L] += w$L * v", plus("c", offset(ky, kx)), ky * g.kernel().w() + kx);
        }
      }
    } else {
      loopTaps(b, (w, p) -> "plane[" + p + "] += w[" + w + "] * v");
    }
    closeLoops(b);
    return m.addCode(b.build()).build();
  }

  /** weight gradient: {@code gw += grid ⋆ plane}. */
  public MethodSpec weightGrad() {
    MethodSpec.Builder m = method(weightGradName(),
        "Weight gradient: {@code gw[ky][kx] += Σ grid[y][x] · plane[y·s + ky·d][x·s + kx·d]}.", "gw")
        .addParameter(num.arrayType(), "grid", Modifier.FINAL).addParameter(int.class, "go", Modifier.FINAL)
        .addParameter(num.arrayType(), "plane", Modifier.FINAL).addParameter(int.class, "po", Modifier.FINAL);
    CodeBlock.Builder b = CodeBlock.builder();
    if (mode == Mode.FULL) {
      List<String> decl = new ArrayList<>();
      for (int t = 0; t < g.taps(); t++) {
        decl.add("s" + t + " = 0");
      }
      b.addStatement("$L $L", num.type(), Code.list(decl));
      openLoops(b);
      b.addStatement("final $L v = grid[gi]", num.type());
      for (int ky = 0; ky < g.kernel().h(); ky++) {
        for (int kx = 0; kx < g.kernel().w(); kx++) {
          b.addStatement("s$L += v * plane[$L]", ky * g.kernel().w() + kx, plus("c", offset(ky, kx)));
        }
      }
      closeLoops(b);
      for (int t = 0; t < g.taps(); t++) {
        b.addStatement("gw[$L] += s$L", plus("wo", t), t);
      }
    } else {
      openLoops(b);
      b.addStatement("final $L v = grid[gi]", num.type());
      loopTaps(b, (w, p) -> "gw[" + w + "] += v * plane[" + p + "]");
      closeLoops(b);
    }
    return m.addCode(b.build()).build();
  }

  // ------------------------------------------------------------------ wide rows (stride 1)

  /**
   * Whether the wide-row kernels apply: stride 1 and kernel rows unrolled. Then output row {@code y} of a map, kept at
   * the input plane's row pitch ({@code planeW}) instead of its own width, is a contiguous run of the plane shifted
   * by each tap, so every kernel row becomes one long loop over all rows at once ({@link #wideLength()} iterations
   * instead of {@code gridH} loops of {@code gridW}): short rows such as LeNet-5's 10 columns are then vectorized
   * too. The {@code kw − 1} columns past each row's end are computed and thrown away.
   */
  public boolean wide() {
    return g.stride().h() == 1 && g.stride().w() == 1 && g.kernel().w() <= ROW_UNROLL;
  }

  /** Values of one map in the wide layout: {@code gridH} rows at the plane's pitch. */
  public int wideMap() {
    return g.gridH() * g.planeW();
  }

  /** Wide positions that hold outputs or lie between them: up to the last row's last output. */
  public int wideLength() {
    return (g.gridH() - 1) * g.planeW() + g.gridW();
  }

  /** Zeros kept before a wide delta map, so the input gradient can read {@code kw − 1} columns before its start. */
  public int wideMargin() {
    return (g.kernel().w() - 1) * g.dilation().w();
  }

  public String wideGatherName() {
    return prefix + "WideGather";
  }

  public String wideInputGradName() {
    return prefix + "WideInputGrad";
  }

  /** {@code wide[j] += Σ w[ky][kx] · plane[j + ky·d·planeW + kx·d]}, one long loop per kernel row. */
  public MethodSpec wideGather() {
    MethodSpec.Builder m = method(wideGatherName(), "Gather into a wide map (rows at the plane's pitch): {@code "
        + "wide[j] += Σ w[ky][kx] · plane[j + ky·d·" + g.planeW() + " + kx·d]}, all rows in one loop per kernel row.",
        "w")
        .addParameter(num.arrayType(), "plane", Modifier.FINAL).addParameter(int.class, "po", Modifier.FINAL)
        .addParameter(num.arrayType(), "wide", Modifier.FINAL).addParameter(int.class, "go", Modifier.FINAL);
    return m.addCode(wideRows("wide[go + j]", "plane", "po", 1, wideLength())).build();
  }

  /**
   * The input gradient from a wide delta map whose {@link #wideMargin()} preceding values and columns past each
   * row's outputs are zero: {@code plane[j + ky·d·planeW] += Σ w[ky][kx] · delta[j − kx·d]}, the full convolution
   * with the kernel rotated by 180°, written as a gather so that it vectorizes like the forward pass.
   */
  public MethodSpec wideInputGrad() {
    return wideInputGrad(null);
  }

  /** {@link #wideInputGrad()}, with the Vector API when {@code species} names the class's species constant. */
  public MethodSpec wideInputGrad(String species) {
    MethodSpec.Builder m = method(wideInputGradName(), "Input gradient from a wide delta map (rows at the plane's"
        + " pitch, zeros between rows and " + wideMargin() + " before it): {@code plane[j + ky·d·" + g.planeW()
        + "] += Σ w[ky][kx] · delta[j − kx·d]}.", "w")
        .addParameter(num.arrayType(), "delta", Modifier.FINAL).addParameter(int.class, "dlo", Modifier.FINAL)
        .addParameter(num.arrayType(), "plane", Modifier.FINAL).addParameter(int.class, "po", Modifier.FINAL);
    if (species != null) {
      return m.addCode(vectorWideInputGrad(species)).build();
    }
    return m.addCode(wideRows("plane[pr + j]", "delta", "dlo", -1, wideMap())).build();
  }

  /**
   * One loop over {@code length} wide positions per kernel row, the row's weights hoisted: {@code target +=
   * Σ_kx w_kx · source[c + direction·kx·d]} as a chain of fused multiply-adds ({@code Math.fma}, which HotSpot
   * vectorizes into FMA instructions). Reading forward ({@code direction} 1) the source row is the plane row
   * {@code ky} below; reading backward (−1) the source is the delta and the target row moves instead.
   */
  /** The wide input gradient with explicit vectors: each plane vector loaded once per kernel row, taps fused. */
  private CodeBlock vectorWideInputGrad(String species) {
    com.palantir.javapoet.ClassName vector = VectorApi.FLOAT_VECTOR;
    CodeBlock.Builder b = CodeBlock.builder();
    int kw = g.kernel().w();
    int length = wideMap();
    b.addStatement("final int bound = $L.loopBound($L)", species, length);
    b.beginControlFlow("for (int ky = 0; ky < $L; ky++)", g.kernel().h());
    b.addStatement("final int pr = po + ky * $L", g.dilation().h() * g.planeW());
    b.addStatement("final int wr = wo + ky * $L", kw);
    List<String> weights = new ArrayList<>();
    List<String> broadcasts = new ArrayList<>();
    for (int kx = 0; kx < kw; kx++) {
      weights.add("w" + kx + " = w[" + plus("wr", kx) + "]");
      broadcasts.add("v" + kx + " = " + vector.simpleName() + ".broadcast(" + species + ", w" + kx + ")");
    }
    b.addStatement("final float $L", Code.list(weights));
    b.addStatement("final $T $L", vector, Code.list(broadcasts));
    b.addStatement("int j = 0");
    b.beginControlFlow("for (; j < bound; j += $L.length())", species);
    b.addStatement("$T s = $T.fromArray($L, plane, pr + j)", vector, vector, species);
    for (int kx = 0; kx < kw; kx++) {
      int shift = kx * g.dilation().w();
      b.addStatement("s = $T.fromArray($L, delta, dlo + j$L).fma(v$L, s)", vector, species,
          shift == 0 ? "" : " - " + shift, kx);
    }
    b.addStatement("s.intoArray(plane, pr + j)");
    b.endControlFlow();
    b.beginControlFlow("for (; j < $L; j++)", length);
    b.addStatement("final int c = dlo + j");
    b.addStatement("float s = plane[pr + j]");
    for (int kx = 0; kx < kw; kx++) {
      int shift = kx * g.dilation().w();
      b.addStatement("s = Math.fma(w$L, delta[c$L], s)", kx, shift == 0 ? "" : " - " + shift);
    }
    b.addStatement("plane[pr + j] = s");
    b.endControlFlow();
    b.endControlFlow();
    return b.build();
  }

  private CodeBlock wideRows(String target, String source, String sourceOffset, int direction, int length) {
    CodeBlock.Builder b = CodeBlock.builder();
    int kw = g.kernel().w();
    int rowStep = g.dilation().h() * g.planeW();
    b.beginControlFlow("for (int ky = 0; ky < $L; ky++)", g.kernel().h());
    b.addStatement("final int pr = po + ky * $L", rowStep);
    b.addStatement("final int wr = wo + ky * $L", kw);
    List<String> decl = new ArrayList<>();
    for (int kx = 0; kx < kw; kx++) {
      decl.add("w" + kx + " = w[" + plus("wr", kx) + "]");
    }
    b.addStatement("final $L $L", num.type(), Code.list(decl));
    Loops.begin(b, "j", length);
    b.addStatement("final int c = $L + j", direction > 0 ? "pr" : sourceOffset);
    b.addStatement("$L s = $L", num.type(), target);
    for (int kx = 0; kx < kw; kx++) {
      int shift = kx * g.dilation().w();
      String index = shift == 0 ? "c" : direction > 0 ? "c + " + shift : "c - " + shift;
      b.addStatement("s = Math.fma(w$L, $L[$L], s)", kx, source, index);
    }
    b.addStatement("$L = s", target);
    b.endControlFlow();
    b.endControlFlow();
    return b.build();
  }

  /** A statement for one tap, given its weight index and plane index expressions. */
  private interface Tap {
    String statement(String weightIndex, String planeIndex);
  }

  /** The taps of one window position when it is not fully unrolled: rows looped, columns unrolled (or looped). */
  private void loopTaps(CodeBlock.Builder b, Tap tap) {
    int rowStep = g.dilation().h() * g.planeW();
    b.beginControlFlow("for (int ky = 0; ky < $L; ky++)", g.kernel().h());
    b.addStatement("final int pr = c + ky * $L", rowStep);
    b.addStatement("final int wr = wo + ky * $L", g.kernel().w());
    if (mode == Mode.ROWS) {
      for (int kx = 0; kx < g.kernel().w(); kx++) {
        b.addStatement(tap.statement(plus("wr", kx), plus("pr", kx * g.dilation().w())));
      }
    } else {
      b.beginControlFlow("for (int kx = 0; kx < $L; kx++)", g.kernel().w());
      b.addStatement(tap.statement("wr + kx", "pr + kx * " + g.dilation().w()));
      b.endControlFlow();
    }
    b.endControlFlow();
  }
}
