package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;
import java.util.List;

/** Small pieces of generated code that keep lines short. */
public final class Code {
  private Code() {}

  /** {@code a, b, c} with a place to wrap after each comma, so that long declarator lists wrap. */
  public static CodeBlock list(List<String> parts) {
    CodeBlock.Builder b = CodeBlock.builder();
    for (int i = 0; i < parts.size(); i++) {
      b.add(i == 0 ? "$L" : ",$W$L", parts.get(i));
    }
    return b.build();
  }
}
