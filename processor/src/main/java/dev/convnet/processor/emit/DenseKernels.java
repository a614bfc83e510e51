package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;

/**
 * The code of a fully connected product {@code y = W·x + b}, with {@code W} stored {@code [units, in]} row after row
 * (PyTorch's layout), shared by {@link DenseEmitter} and by {@link ConvEmitter} for a convolution whose kernel covers
 * its whole unpadded input (LeNet-5's C5), which is the same product.
 *
 * <p>The forward pass computes {@value #BLOCK} outputs at a time, so that every input value loaded feeds
 * {@value #BLOCK} independent multiply-add chains (about twice the throughput of one dot product at a time, which is
 * bound by the latency of its single chain). The backward pass is in axpy form over contiguous inputs, which HotSpot
 * vectorizes.
 */
public final class DenseKernels {
  public static final int BLOCK = 4;

  private DenseKernels() {}

  /**
   * {@code y[yo + o] = b[o] + Σ_i W[o][i] · x[xo + i]} for every output.
   *
   * @param bias the bias offset constant, or {@code null} for none
   */
  public static CodeBlock forward(LayerContext ctx, String weight, String bias, int units, int in) {
    Numeric num = ctx.num();
    if (ctx.vectorApi()) {
      return vectorForward(weight, bias, units, in);
    }
    CodeBlock.Builder b = CodeBlock.builder();
    String t = num.type();
    int blocked = units / BLOCK * BLOCK;
    if (blocked > 0) {
      b.add("// $L outputs at a time: each input value feeds $L independent multiply-add chains\n", BLOCK, BLOCK);
      b.beginControlFlow("for (int o = 0; o < $L; o += $L)", blocked, BLOCK);
      b.addStatement("final int w0 = $L + o * $L", weight, in);
      for (int k = 1; k < BLOCK; k++) {
        b.addStatement("final int w$L = w$L + $L", k, k - 1, in);
      }
      for (int k = 0; k < BLOCK; k++) {
        b.addStatement("$L s$L = $L", t, k, start(num, bias, "o + " + k));
      }
      b.beginControlFlow("for (int i = 0; i < $L; i++)", in);
      b.addStatement("final $L v = x[xo + i]", t);
      for (int k = 0; k < BLOCK; k++) {
        b.addStatement("s$L = Math.fma(p[w$L + i], v, s$L)", k, k, k);
      }
      b.endControlFlow();
      for (int k = 0; k < BLOCK; k++) {
        b.addStatement("y[yo + o + $L] = s$L", k, k);
      }
      b.endControlFlow();
    }
    if (blocked < units) {
      b.beginControlFlow("for (int o = $L, w = $L + $L; o < $L; o++)", blocked, weight, blocked * in, units);
      b.addStatement("$L s = $L", t, start(num, bias, "o"));
      b.beginControlFlow("for (int i = 0; i < $L; i++, w++)", in);
      b.addStatement("s += p[w] * x[xo + i]");
      b.endControlFlow();
      b.addStatement("y[yo + o] = s");
      b.endControlFlow();
    }
    return b.build();
  }

  /**
   * The forward product with the Vector API: {@value #BLOCK} outputs at a time, one vector accumulator each, fed by
   * one vector of inputs per step; lanes are summed at the end and the inputs past the last whole vector finish in
   * scalar code.
   */
  private static CodeBlock vectorForward(String weight, String bias, int units, int in) {
    String sp = VectorApi.SPECIES;
    CodeBlock.Builder b = CodeBlock.builder();
    b.add("// Vector API: $L outputs at a time, a vector accumulator each\n", BLOCK);
    b.addStatement("final int bound = $L.loopBound($L)", sp, in);
    b.beginControlFlow("for (int o = 0; o < $L; o += $L)", units, BLOCK);
    b.addStatement("final int rows = Math.min($L, $L - o)", BLOCK, units);
    for (int k = 0; k < BLOCK; k++) {
      // rows past the last output repeat the last row: computed, never stored
      b.addStatement("final int w$L = $L + (o + Math.min($L, rows - 1)) * $L", k, weight, k, in);
    }
    b.addStatement("$T a0 = $T.zero($L), a1 = a0, a2 = a0, a3 = a0", VectorApi.FLOAT_VECTOR, VectorApi.FLOAT_VECTOR, sp);
    b.addStatement("int i = 0");
    b.beginControlFlow("for (; i < bound; i += $L.length())", sp);
    b.addStatement("final $T v = $T.fromArray($L, x, xo + i)", VectorApi.FLOAT_VECTOR, VectorApi.FLOAT_VECTOR, sp);
    for (int k = 0; k < BLOCK; k++) {
      b.addStatement("a$L = $T.fromArray($L, p, w$L + i).fma(v, a$L)", k, VectorApi.FLOAT_VECTOR, sp, k, k);
    }
    b.endControlFlow();
    for (int k = 0; k < BLOCK; k++) {
      b.addStatement("float s$L = a$L.reduceLanes($T.ADD)", k, k, VectorApi.OPERATORS);
    }
    b.beginControlFlow("for (; i < $L; i++)", in);
    b.addStatement("final float v = x[xo + i]");
    for (int k = 0; k < BLOCK; k++) {
      b.addStatement("s$L = Math.fma(p[w$L + i], v, s$L)", k, k, k);
    }
    b.endControlFlow();
    for (int k = 0; k < BLOCK; k++) {
      String value = bias == null ? "s" + k : "p[" + bias + " + o + " + k + "] + s" + k;
      if (k == 0) {
        b.addStatement("y[yo + o] = $L", value);
      } else {
        b.beginControlFlow("if (rows > $L)", k).addStatement("y[yo + o + $L] = $L", k, value).endControlFlow();
      }
    }
    b.endControlFlow();
    return b.build();
  }

  private static String start(Numeric num, String bias, String o) {
    return bias == null ? num.literal(0) : "p[" + bias + " + " + o + "]";
  }

  /**
   * Accumulates {@code g[W] += dy ⊗ x} and {@code g[b] += dy}, then {@code dx += Wᵀ·dy} (through {@code
   * inputGradient}, which may skip it), both in axpy form over contiguous inputs.
   */
  public static CodeBlock backward(LayerContext ctx, String weight, String bias, int units, int in) {
    Numeric num = ctx.num();
    CodeBlock.Builder b = CodeBlock.builder()
        .beginControlFlow("for (int o = 0, w = $L; o < $L; o++, w += $L)", weight, units, in)
        .addStatement("final $L d = dy[yo + o]", num.type());
    if (bias != null) {
      b.addStatement("g[$L + o] += d", bias);
    }
    b.add(axpy(ctx, "g", "w", "x", "xo", in)).endControlFlow();
    CodeBlock dx = CodeBlock.builder()
        .beginControlFlow("for (int o = 0, w = $L; o < $L; o++, w += $L)", weight, units, in)
        .addStatement("final $L d = dy[yo + o]", num.type())
        .add(axpy(ctx, "dx", "xo", "p", "w", in))
        .endControlFlow()
        .build();
    return b.add(ctx.inputGradientOnly(dx)).build();
  }

  /**
   * {@code target[to + i] += d · source[so + i]} for {@code i < n}. Plain Java stores and loads at different
   * offsets here, which HotSpot 17 does not vectorize (the arrays might be one); with the Vector API it is explicit.
   */
  private static CodeBlock axpy(LayerContext ctx, String target, String to, String source, String so, int n) {
    CodeBlock.Builder b = CodeBlock.builder();
    String scalarLoop = "for (int i = 0; i < " + n + "; i++)";
    if (ctx.vectorApi()) {
      scalarLoop = "for (; i < " + n + "; i++)";
      b.addStatement("int i = 0");
      String sp = VectorApi.SPECIES;
      b.addStatement("final $T vd = $T.broadcast($L, d)", VectorApi.FLOAT_VECTOR, VectorApi.FLOAT_VECTOR, sp);
      b.beginControlFlow("for (; i < $L.loopBound($L); i += $L.length())", sp, n, sp);
      b.addStatement("$T.fromArray($L, $L, $L + i)$W.fma(vd, $T.fromArray($L, $L, $L + i))$W.intoArray($L, $L + i)",
          VectorApi.FLOAT_VECTOR, sp, source, so, VectorApi.FLOAT_VECTOR, sp, target, to, target, to);
      b.endControlFlow();
    }
    return b.beginControlFlow(scalarLoop)
        .addStatement("$L[$L + i] = Math.fma(d, $L[$L + i], $L[$L + i])", target, to, source, so, target, to)
        .endControlFlow()
        .build();
  }
}
