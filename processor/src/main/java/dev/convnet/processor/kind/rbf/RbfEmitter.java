package dev.convnet.processor.kind.rbf;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.convnet.processor.emit.ConstantArray;
import dev.convnet.processor.emit.LayerContext;
import dev.convnet.processor.emit.LayerEmitter;
import dev.convnet.processor.emit.ParamPlan;
import java.util.List;

/**
 * {@link RbfLayer}: {@code y_u = Σ_j (x_j − w_uj)²}; backward {@code ∂y_u/∂x_j = 2(x_j − w_uj)} and
 * {@code ∂y_u/∂w_uj = −2(x_j − w_uj)}. Fixed prototypes (±1 from the declaration's bitmaps) are a constant array
 * and get no gradient; trainable ones are the parameter {@code weight [units, in]}.
 */
final class RbfEmitter implements LayerEmitter {
  private final LayerContext ctx;
  private final RbfLayer rbf;
  private String weight;

  RbfEmitter(LayerContext ctx, RbfLayer layer) {
    this.ctx = ctx;
    this.rbf = layer;
  }

  private int in() {
    return ctx.in().size();
  }

  private String array() {
    return rbf.fixed() ? ctx.field("Prototypes") : "p";
  }

  private String offset() {
    return rbf.fixed() ? "0" : weight;
  }

  @Override
  public void parameters(ParamPlan plan) {
    if (!rbf.fixed()) {
      weight = plan.add(ctx.name(), ctx.constant(), "weight", "WEIGHT", new int[] {rbf.units(), in()}, in(),
          rbf.units());
    }
  }

  @Override
  public List<FieldSpec> fields() {
    if (!rbf.fixed()) {
      return List.of();
    }
    double[] values = new double[rbf.units() * in()];
    for (int u = 0; u < rbf.units(); u++) {
      String bitmap = rbf.prototypes().get(u);
      for (int j = 0; j < in(); j++) {
        values[u * in() + j] = bitmap.charAt(j) == 'X' ? 1 : -1;
      }
    }
    return List.of(ConstantArray.field(ctx.num(), array(), values,
        ctx.name() + ": the fixed prototypes, [units, in], +1 for X and −1 for '.' in the declaration."));
  }

  @Override
  public CodeBlock forward() {
    String t = ctx.num().type();
    return CodeBlock.builder()
        .addStatement("final $L[] w = $L", t, array())
        .beginControlFlow("for (int u = 0; u < $L; u++)", rbf.units())
        .addStatement("final int wo = $L + u * $L", offset(), in())
        .addStatement("$L s = 0", t)
        .beginControlFlow("for (int j = 0; j < $L; j++)", in())
        .addStatement("final $L d = x[xo + j] - w[wo + j]", t)
        .addStatement("s += d * d")
        .endControlFlow()
        .addStatement("y[yo + u] = s")
        .endControlFlow().build();
  }

  @Override
  public CodeBlock backward() {
    String t = ctx.num().type();
    CodeBlock.Builder b = CodeBlock.builder()
        .addStatement("final $L[] w = $L", t, array())
        .beginControlFlow("for (int u = 0; u < $L; u++)", rbf.units())
        .addStatement("final int wo = $L + u * $L", offset(), in())
        .addStatement("final $L d2 = 2 * dy[yo + u]", t);
    CodeBlock.Builder dx = CodeBlock.builder()
        .beginControlFlow("for (int j = 0; j < $L; j++)", in())
        .addStatement("dx[xo + j] += d2 * (x[xo + j] - w[wo + j])")
        .endControlFlow();
    b.add(ctx.inputGradientOnly(dx.build()));
    if (!rbf.fixed()) {
      b.beginControlFlow("for (int j = 0; j < $L; j++)", in())
          .addStatement("g[wo + j] -= d2 * (x[xo + j] - w[wo + j])")
          .endControlFlow();
    }
    return b.endControlFlow().build();
  }
}
