package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * A {@code private static final} array of the network's number type holding values fixed in the declaration. Up to
 * {@value #LITERAL} values it is an array literal; a longer one is built by the runtime's {@code Constants} at class
 * initialization, as a period of at most {@value #LITERAL} values repeated (a kernel shared by every pair of maps),
 * else from its values in decimal text, in pieces of at most {@value #PIECE} characters: a literal costs about 8 bytes
 * of the static initializer per value, and javac rejects one over 64 KB, so that fixed kernels of any size compile.
 */
public final class ConstantArray {
  /** The most values written as an array literal (≈ 0.5 KB of the static initializer each). */
  static final int LITERAL = 64;
  /** The most characters of one string constant of values (the class file allows 65,535 bytes). */
  static final int PIECE = 4000;

  private ConstantArray() {}

  public static FieldSpec field(Numeric num, String name, double[] values, String doc) {
    return FieldSpec.builder(num.arrayType(), name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("$L\n", doc).initializer(initializer(num, values)).build();
  }

  static CodeBlock initializer(Numeric num, double[] values) {
    if (values.length <= LITERAL) {
      return literal(num, values, values.length);
    }
    int period = period(values);
    if (period <= LITERAL) {
      return CodeBlock.of("$T.tiled($L, $L)", RuntimeNames.CONSTANTS, literal(num, values, period),
          values.length / period);
    }
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    for (double v : values) {
      String text = num == Numeric.FLOAT ? Float.toString((float) v) : Double.toString(v);
      if (piece.length() > 0 && piece.length() + 1 + text.length() > PIECE) {
        pieces.add(piece.toString());
        piece.setLength(0);
      }
      piece.append(piece.length() > 0 ? "," : "").append(text);
    }
    pieces.add(piece.toString());
    CodeBlock.Builder b = CodeBlock.builder().add("$T.$L(", RuntimeNames.CONSTANTS,
        num == Numeric.FLOAT ? "floats" : "doubles");
    for (int i = 0; i < pieces.size(); i++) {
      b.add(i == 0 ? "\n    $S" : ",\n    $S", pieces.get(i));
    }
    return b.add(")").build();
  }

  /**
   * A string expression of {@code text}: a literal, or for a text longer than {@value #PIECE} characters (a long list
   * of fixed values in a layer's canonical description) its pieces joined at run time, each its own constant.
   */
  static CodeBlock string(String text) {
    if (text.length() <= PIECE) {
      return CodeBlock.of("$S", text);
    }
    CodeBlock.Builder b = CodeBlock.builder().add("$T.join($S", String.class, "");
    for (int from = 0; from < text.length(); from += PIECE) {
      b.add(",\n    $S", text.substring(from, Math.min(text.length(), from + PIECE)));
    }
    return b.add(")").build();
  }

  /** The first {@code n} values as an array literal, 8 to a line. */
  private static CodeBlock literal(Numeric num, double[] values, int n) {
    CodeBlock.Builder init = CodeBlock.builder().add("new $L[] {", num.type());
    for (int i = 0; i < n; i++) {
      init.add(i == 0 ? "" : i % 8 == 0 ? ",\n    " : ", ").add("$L", num.literal(values[i]));
    }
    return init.add("}").build();
  }

  /** The length of the shortest prefix whose repetition gives {@code values} (their length when none shorter does). */
  private static int period(double[] values) {
    for (int p = 1; p < values.length; p++) {
      if (values.length % p != 0) {
        continue;
      }
      boolean repeats = true;
      for (int i = p; i < values.length && repeats; i++) {
        repeats = Double.doubleToLongBits(values[i]) == Double.doubleToLongBits(values[i - p]);
      }
      if (repeats) {
        return p;
      }
    }
    return values.length;
  }

  public static double[] of(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
