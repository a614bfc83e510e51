package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/** A {@code private static final} array of the network's number type holding values fixed in the declaration. */
public final class ConstantArray {
  private ConstantArray() {}

  public static FieldSpec field(Numeric num, String name, double[] values, String doc) {
    CodeBlock.Builder init = CodeBlock.builder().add("new $L[] {", num.type());
    for (int i = 0; i < values.length; i++) {
      init.add(i == 0 ? "" : i % 8 == 0 ? ",\n    " : ", ").add("$L", num.literal(values[i]));
    }
    init.add("}");
    return FieldSpec.builder(num.arrayType(), name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("$L\n", doc).initializer(init.build()).build();
  }

  public static double[] of(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
