package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Straight-line code (a connection table compiled into one call per connected kernel) split into methods of at
 * most {@value #MAX_STATEMENTS} statements, so that no method nears HotSpot's 8,000-byte JIT limit however large the
 * table. Short code stays inline.
 */
public final class StraightLine {
  public static final int MAX_STATEMENTS = 200;

  private StraightLine() {}

  /** The code to put inline, and the methods it calls (empty when inline). */
  public record Split(CodeBlock inline, List<MethodSpec> methods) {}

  /**
   * @param statements one code block per statement (comments allowed)
   * @param name       base name of split-off methods
   * @param params     the locals the statements use, passed on to split-off methods
   */
  public static Split split(List<CodeBlock> statements, String name, List<ParameterSpec> params) {
    return split(statements, name, params, MAX_STATEMENTS, false);
  }

  /**
   * Like {@link #split(List, String, List)} with at most {@code max} statements per method ({@code max} chosen for
   * the statements' size: each must stay well under 8,000 bytes), in static methods when {@code isStatic}.
   */
  public static Split split(List<CodeBlock> statements, String name, List<ParameterSpec> params, int max,
                     boolean isStatic) {
    if (statements.size() <= max) {
      CodeBlock.Builder b = CodeBlock.builder();
      statements.forEach(b::add);
      return new Split(b.build(), List.of());
    }
    CodeBlock.Builder inline = CodeBlock.builder();
    List<MethodSpec> methods = new ArrayList<>();
    String args = String.join(", ", params.stream().map(p -> p.name()).toList());
    for (int from = 0, part = 0; from < statements.size(); from += max, part++) {
      int to = Math.min(statements.size(), from + max);
      CodeBlock.Builder body = CodeBlock.builder();
      statements.subList(from, to).forEach(body::add);
      MethodSpec.Builder builder = MethodSpec.methodBuilder(name + part).addModifiers(Modifier.PRIVATE);
      if (isStatic) {
        builder.addModifiers(Modifier.STATIC);
      }
      MethodSpec m = builder
          .addJavadoc("Statements $L to $L of $L, split off to keep methods small.\n", from, to - 1,
              statements.size())
          .addParameters(params)
          .addCode(body.build())
          .build();
      methods.add(m);
      inline.addStatement("$L($L)", m.name(), args);
    }
    return new Split(inline.build(), methods);
  }
}
