package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;

/** Bias gradients, shared by every layer with one bias per output map. */
public final class BiasCode {
  private BiasCode() {}

  /** {@code g[bias + o] += Σ dy over map o}, for each of {@code maps} maps of {@code plane} values at {@code yo}. */
  public static void planeSums(CodeBlock.Builder b, Numeric num, String bias, int maps, int plane) {
    b.beginControlFlow("for (int o = 0; o < $L; o++)", maps);
    b.addStatement("$L s = 0", num.type());
    b.addStatement("final int d = yo + o * $L", plane);
    Loops.begin(b, "j", plane);
    b.addStatement("s += dy[d + j]");
    b.endControlFlow();
    b.addStatement("g[$L + o] += s", bias);
    b.endControlFlow();
  }
}
