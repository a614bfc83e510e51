package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;

/**
 * Counted loops in generated code, with constant bounds. A loop that would run once is written as a block with its
 * variable set to 0, so that generated code never reads {@code for (int i = 0; i < 1; i++)}.
 */
public final class Loops {
  private Loops() {}

  /**
   * Opens {@code for (int var = 0[, more]; var < count; var++)}, or a block with {@code var = 0} (and {@code more},
   * e.g. {@code "j = 0"}, as a variable) when {@code count} is 1. Close it with {@link #end}.
   */
  public static void begin(CodeBlock.Builder b, String var, int count, String more) {
    if (count == 1) {
      b.add("{ // $L = 0 only\n$>", var);
      b.addStatement("final int $L = 0", var);
      if (more != null) {
        b.addStatement("int $L", more);
      }
      return;
    }
    b.beginControlFlow("for (int $L = 0$L; $L < $L; $L++)", var, more == null ? "" : ", " + more, var, count, var);
  }

  public static void begin(CodeBlock.Builder b, String var, int count) {
    begin(b, var, count, null);
  }

  /** Closes what {@link #begin} opened. */
  public static void end(CodeBlock.Builder b) {
    b.endControlFlow();
  }
}
