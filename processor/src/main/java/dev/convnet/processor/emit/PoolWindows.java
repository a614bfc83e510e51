package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.model.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Window code shared by pooling and trainable subsampling: the loops over maps and output positions, the unrolled
 * taps of a window (constant offsets from its top-left index {@code c}), the window sum, and the spread of a value
 * back over a window. Windows read either the input sample itself or, when padded, a scratch copy of it.
 */
public final class PoolWindows {
  private final Window win;
  private final int maps;

  public PoolWindows(Window win, int maps) {
    this.win = win;
    this.maps = maps;
  }

  /** Values per map of the plane windows read: the padded plane, or the input plane. */
  public int planeSize() {
    return win.paddedH() * win.paddedW();
  }

  public int outPlane() {
    return win.outPlane();
  }

  /** Offset of tap {@code t} from the window's top-left index. */
  public int offset(int t) {
    int ky = t / win.kernel().w();
    int kx = t % win.kernel().w();
    return ky * win.paddedW() + kx;
  }

  public int taps() {
    return win.taps();
  }

  /**
   * Opens the loops over maps {@code m} and output positions, defining {@code c} (the window's top-left index in
   * the plane starting at {@code base}) and {@code j} (the output index relative to the sample).
   */
  public void open(CodeBlock.Builder b, String base) {
    Loops.begin(b, "m", maps, "j = 0");
    b.beginControlFlow("for (int oy = 0; oy < $L; oy++)", win.outH());
    b.addStatement("final int row = $L + m * $L + oy * $L", base, planeSize(), win.stride().h() * win.paddedW());
    b.beginControlFlow("for (int ox = 0; ox < $L; ox++, j++)", win.outW());
    b.addStatement("final int c = row + ox * $L", win.stride().w());
  }

  public void close(CodeBlock.Builder b) {
    b.endControlFlow();
    b.endControlFlow();
    b.endControlFlow();
  }

  private static String at(String array, String base, int offset) {
    return array + "[" + (offset == 0 ? base : base + " + " + offset) + "]";
  }

  /** {@code Σ src[c + t]} (or of squares) over the window, as one expression. */
  public String sum(String src, boolean squares) {
    List<String> terms = new ArrayList<>();
    for (int t = 0; t < taps(); t++) {
      String v = at(src, "c", offset(t));
      terms.add(squares ? v + " * " + v : v);
    }
    return String.join(" + ", terms);
  }

  /**
   * {@code max(src[c + t])} over taps {@code from … to − 1}, as one balanced tree of {@code Math.max} calls (no
   * branches; NaN propagates).
   */
  public CodeBlock max(String src, int from, int to) {
    if (to - from == 1) {
      return CodeBlock.of("$L", at(src, "c", offset(from)));
    }
    int mid = (from + to + 1) / 2;
    return CodeBlock.of("Math.max($L,$W$L)", max(src, from, mid), max(src, mid, to));
  }

  /** Columns of the plane a row of windows reads: {@code (outW − 1)·strideW + kw}. */
  public int rowSpan() {
    return (win.outW() - 1) * win.stride().w() + win.kernel().w();
  }

  /**
   * A separable max over the windows of maps {@code m}, output rows {@code oy} (defining {@code j} as in
   * {@link #open}): for each output row, the maximum down the window's {@code kh} rows of every column it reads into
   * {@code cols} (consecutive values: a loop HotSpot vectorizes), then each output the maximum of its {@code kw}
   * columns, into {@code y[yo + j]}. The maximum of the same values as {@link #max}: {@code Math.max} gives one result
   * whatever the order (NaN if any is NaN, +0 over −0), so the outputs are the same bit for bit, with
   * {@code (kh − 1)·span / outW + kw − 1} instead of {@code kh·kw − 1} comparisons per output (3×3 stride 2: about 5
   * instead of 8, most of them vectorized).
   */
  public void separableMax(CodeBlock.Builder b, String src, String base, String cols) {
    Loops.begin(b, "m", maps, "j = 0");
    b.beginControlFlow("for (int oy = 0; oy < $L; oy++)", win.outH());
    b.addStatement("final int row = $L + m * $L + oy * $L", base, planeSize(), win.stride().h() * win.paddedW());
    b.beginControlFlow("for (int i = 0; i < $L; i++)", rowSpan());
    List<String> down = new ArrayList<>();
    for (int ky = 0; ky < win.kernel().h(); ky++) {
      down.add(at(src, "row + i", ky * win.paddedW()));
    }
    b.addStatement("$L[i] = $L", cols, tree(down, 0, down.size()));
    b.endControlFlow();
    b.beginControlFlow("for (int ox = 0; ox < $L; ox++, j++)", win.outW());
    b.addStatement("final int c = ox * $L", win.stride().w());
    List<String> across = new ArrayList<>();
    for (int kx = 0; kx < win.kernel().w(); kx++) {
      across.add(at(cols, "c", kx));
    }
    b.addStatement("y[yo + j] = $L", tree(across, 0, across.size()));
    b.endControlFlow();
    b.endControlFlow();
    Loops.end(b);
  }

  /** A balanced tree of {@code Math.max} over {@code terms[from … to − 1]}. */
  private static CodeBlock tree(List<String> terms, int from, int to) {
    if (to - from == 1) {
      return CodeBlock.of("$L", terms.get(from));
    }
    int mid = (from + to + 1) / 2;
    return CodeBlock.of("Math.max($L,$W$L)", tree(terms, from, mid), tree(terms, mid, to));
  }

  /**
   * Emits the search for the first tap, in row-major order, whose value in {@code src} has exactly the bits of
   * {@code value} (tap 0 when none has) and returns that tap's offset from {@code c} as an expression: a mask of
   * {@code MaxPool.hit} bits and its lowest set bit for windows of up to 31 taps, tests from the last tap to the first
   * for larger ones.
   */
  public String firstHolding(CodeBlock.Builder b, String src, String value) {
    if (taps() <= 31) {
      CodeBlock.Builder hits = CodeBlock.builder();
      for (int t = 0; t < taps(); t++) {
        hits.add(t == 0 ? "$T.hit($L, $L, $L)" : " |$W$T.hit($L, $L, $L)", RuntimeNames.MAX_POOL,
            at(src, "c", offset(t)), value, t);
      }
      b.addStatement("final int hit = $L", hits.build());
      b.addStatement("final int t = Integer.numberOfTrailingZeros(hit == 0 ? 1 : hit)");
    } else {
      b.addStatement("int t = 0");
      for (int t = taps() - 1; t >= 0; t--) {
        b.beginControlFlow("if ($T.same($L, $L))", RuntimeNames.MAX_POOL, at(src, "c", offset(t)), value);
        b.addStatement("t = $L", t);
        b.endControlFlow();
      }
    }
    int kw = win.kernel().w();
    return kw == 1 ? "t * " + win.paddedW() : "t / " + kw + " * " + win.paddedW() + " + t % " + kw;
  }

  /** {@code dst[c + t] += value(t)} for every tap. */
  public void spread(CodeBlock.Builder b, String dst, java.util.function.IntFunction<String> value) {
    for (int t = 0; t < taps(); t++) {
      b.addStatement("$L += $L", at(dst, "c", offset(t)), value.apply(t));
    }
  }

  /**
   * The divisor of an average over the window at (oy, ox): the window's area, except where a ceil-mode window
   * hangs past the padded input, where PyTorch counts only its part inside input plus padding. Returns a constant
   * expression when no window hangs over.
   */
  public String divisor(Numeric num, CodeBlock.Builder b) {
    boolean overhang = win.padEnd().h() > win.pad().h() || win.padEnd().w() > win.pad().w();
    if (!overhang) {
      return num.literal(win.taps());
    }
    b.addStatement("final int hs = oy * $L - $L", win.stride().h(), win.pad().h());
    b.addStatement("final int ws = ox * $L - $L", win.stride().w(), win.pad().w());
    b.addStatement("final int area = (Math.min(hs + $L, $L) - hs) * (Math.min(ws + $L, $L) - ws)", win.kernel().h(),
        win.inH() + win.pad().h(), win.kernel().w(), win.inW() + win.pad().w());
    return "area";
  }
}
