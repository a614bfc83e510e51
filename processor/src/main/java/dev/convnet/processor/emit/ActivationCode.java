package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;
import dev.convnet.processor.model.Act;

/**
 * Activation functions and their derivatives, written once for every layer kind. Derivatives are expressed through
 * the activation's output y, so layers keep only their outputs for the backward pass.
 */
public final class ActivationCode {
  private static final double LECUN_A = 1.7159;
  private static final double LECUN_B = 2.0 / 3.0;

  private static final com.palantir.javapoet.ClassName FAST_MATH =
      RuntimeNames.FAST_MATH;

  private ActivationCode() {}

  /** Applies {@code act} in place to {@code a[from .. from+count)}; nothing for identity. */
  public static CodeBlock forward(Numeric num, Act act, String a, String from, String count) {
    CodeBlock.Builder b = CodeBlock.builder();
    String t = num.type();
    switch (act.kind()) {
      case IDENTITY -> { }
      case SOFTMAX -> {
        b.add("// softmax over the sample, shifted by its maximum for stability\n");
        b.addStatement("$L max = $L[$L]", t, a, from);
        b.beginControlFlow("for (int i = $L + 1; i < $L + $L; i++)", from, from, count);
        b.addStatement("max = Math.max(max, $L[i])", a);
        b.endControlFlow();
        b.addStatement("double sum = 0");
        b.beginControlFlow("for (int i = $L; i < $L + $L; i++)", from, from, count);
        b.addStatement("$L e = $L", t, num.fromDouble("Math.exp(" + a + "[i] - max)"));
        b.addStatement("$L[i] = e", a);
        b.addStatement("sum += e");
        b.endControlFlow();
        b.addStatement("final $L inv = $L", t, num.fromDouble("(1.0 / sum)"));
        b.beginControlFlow("for (int i = $L; i < $L + $L; i++)", from, from, count);
        b.addStatement("$L[i] *= inv", a);
        b.endControlFlow();
      }
      default -> {
        b.beginControlFlow("for (int i = $L; i < $L + $L; i++)", from, from, count);
        b.addStatement(CodeBlock.of("$L[i] = ", a).toBuilder().add(apply(num, act, a + "[i]")).build());
        b.endControlFlow();
      }
    }
    return b.build();
  }

  /** {@code f(v)} as an expression of this number type. */
  public static CodeBlock apply(Numeric num, Act act, String v) {
    return switch (act.kind()) {
      case IDENTITY -> CodeBlock.of("$L", v);
      case RELU -> CodeBlock.of("Math.max($L, $L)", num.literal(0), v);
      case LEAKY_RELU -> CodeBlock.of("($L > 0 ? $L : $L * $L)", v, v, num.literal(act.slope()), v);
      case SIGMOID -> CodeBlock.of("$L", num.fromDouble("(1.0 / (1.0 + Math.exp(-" + v + ")))"));
      case TANH -> tanh(num, v);
      case LECUN_TANH -> CodeBlock.of("$L * ", num.literal(LECUN_A)).toBuilder()
          .add(tanh(num, num.literal(LECUN_B) + " * " + v)).build();
      case SOFTMAX -> throw new IllegalArgumentException("softmax is not element-wise");
    };
  }

  /**
   * tanh. The float path calls the runtime's {@code FastMath.tanh}, a rational approximation within 5·10⁻⁷ relative
   * error that HotSpot vectorizes ({@code Math.tanh} is not an intrinsic on JDK 17, and {@code Math.exp} in double
   * costs over ten times as much); the float64 twin, a reference, keeps {@code Math.tanh}.
   */
  private static CodeBlock tanh(Numeric num, String v) {
    return num == Numeric.FLOAT ? CodeBlock.of("$T.tanh($L)", FAST_MATH, v) : CodeBlock.of("Math.tanh($L)", v);
  }

  /**
   * Turns d(loss)/d(output) in {@code d[from .. from+count)} into d(loss)/d(pre-activation), in place, using the
   * outputs {@code y}. Nothing for identity.
   */
  public static CodeBlock backward(Numeric num, Act act, String d, String y, String from, String count) {
    CodeBlock.Builder b = CodeBlock.builder();
    String t = num.type();
    if (act.kind() == Act.Kind.IDENTITY) {
      return b.build();
    }
    if (act.kind() == Act.Kind.SOFTMAX) {
      b.add("// softmax Jacobian: dz_i = y_i · (dy_i − Σ_j dy_j · y_j)\n");
      b.addStatement("double dot = 0");
      b.beginControlFlow("for (int i = $L; i < $L + $L; i++)", from, from, count);
      b.addStatement("dot += $L[i] * $L[i]", d, y);
      b.endControlFlow();
      b.addStatement("final $L dotT = $L", t, num.fromDouble("dot"));
      b.beginControlFlow("for (int i = $L; i < $L + $L; i++)", from, from, count);
      b.addStatement("$L[i] = $L[i] * ($L[i] - dotT)", d, y, d);
      b.endControlFlow();
      return b.build();
    }
    if (act.kind() == Act.Kind.RELU && num == Numeric.FLOAT) {
      // branch-free (a Vector API blend when the JVM reads jdk.incubator.vector): the same values as the loop
      return b.addStatement("$T.backward($L, $L, $L, $L)", RuntimeNames.RELU, y, d, from, count).build();
    }
    b.beginControlFlow("for (int i = $L; i < $L + $L; i++)", from, from, count);
    String yi = y + "[i]";
    String di = d + "[i]";
    switch (act.kind()) {
      case RELU -> b.addStatement("if ($L <= 0) $L = 0", yi, di);
      case LEAKY_RELU -> b.addStatement("if ($L <= 0) $L *= $L", yi, di, num.literal(act.slope()));
      case SIGMOID -> b.addStatement("$L *= $L * ($L - $L)", di, yi, num.literal(1), yi);
      case TANH -> b.addStatement("$L *= $L - $L * $L", di, num.literal(1), yi, yi);
      case LECUN_TANH -> b.addStatement("$L *= $L * ($L - $L * $L * $L)", di, num.literal(LECUN_B),
          num.literal(LECUN_A), yi, yi, num.literal(1.0 / LECUN_A));
      default -> throw new IllegalStateException(act.toString());
    }
    b.endControlFlow();
    return b.build();
  }
}
