package dev.convnet.processor.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.convnet.processor.kind.LayerKinds;
import dev.convnet.processor.model.LayerNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The Vector API variant of a float32 class that does not ask for {@code @Network(vectorApi = true)}: every layer whose
 * code differs when written with the Vector API (LeNet-sized convolutions' four-map gathers, vector input and weight
 * gradients, dense products) is written twice, the plain code in the class's own method and the Vector API code in a
 * method of the same name in the inner class {@value #CLASS}, and the class's method hands the pass to the inner one
 * when the network was made in a JVM whose {@code Vectorization} is enabled (it reads {@code jdk.incubator.vector}).
 * The inner class alone names the incubating module, so the generated class loads and runs its plain code on a JVM
 * without it; the variant is written only when the compilation itself reads the module ({@code javac --add-modules
 * jdk.incubator.vector}), since the inner class's source needs it.
 */
final class VectorVariants {
  /** The inner class holding the variant's methods and its species constant. */
  static final String CLASS = "VectorVariant";
  /** The instance field holding the inner class's instance, null when the plain code runs. */
  static final String FIELD = "vectorVariant";
  private static final String ENABLED = "VECTOR_VARIANT";

  private final Map<LayerNode, LayerEmitter> emitters = new LinkedHashMap<>();
  private final TypeSpec.Builder type = TypeSpec.classBuilder(CLASS).addModifiers(Modifier.PRIVATE, Modifier.FINAL)
      .addJavadoc("The Vector API code of the layers whose code differs with it ({@code jdk.incubator.vector}): each\n"
          + "method here replaces the enclosing class's method of the same name when {@link #$L} is set. Loaded only\n"
          + "then, so that the enclosing class runs on JVMs without the incubating module.\n", FIELD);
  private int layers;

  /** Whether a class gets a variant: float32, not already all Vector API code, and the compilation reads the module. */
  static boolean wanted(Numeric num, boolean vectorApi, boolean moduleReadable) {
    return num == Numeric.FLOAT && !vectorApi && moduleReadable;
  }

  /**
   * Writes every layer of {@code plain} again in its Vector API form, registering the form's parameters on a throwaway
   * plan (the names are the same) and its scratch buffers in {@code workspace} beside the plain code's.
   */
  void prepare(Map<LayerNode, LayerEmitter> plain, java.util.function.Function<LayerNode, LayerContext> context,
               Workspace workspace) {
    for (LayerNode node : plain.keySet()) {
      LayerContext ctx = context.apply(node).forVectorVariant();
      LayerEmitter e = LayerKinds.of(node.layer()).emitter(node.layer(), ctx);
      e.parameters(new ParamPlan());
      Workspace own = new Workspace();
      e.workspace(own);
      workspace.absorb(own);
      emitters.put(node, e);
    }
  }

  /** The Vector API form of {@code node}'s layer. */
  LayerEmitter emitter(LayerNode node) {
    return emitters.get(node);
  }

  /** The code that hands a layer's forward and backward pass to the inner class when the variant is on. */
  record Switch(CodeBlock forward, CodeBlock backward) {}

  /**
   * One layer's switch: null when its Vector API form writes the same passes and kernels as its plain form, else the
   * code that calls the inner class's methods (added here, {@code forward} and {@code backward} with the form's
   * kernels) when the variant is on.
   *
   * @param plain the plain form's forward and backward methods and its kernels
   * @param variant the Vector API form's
   * @param sample the calls' argument list, {@code "(n)"} or {@code "()"} for a whole-batch layer
   */
  Switch choose(List<MethodSpec> plain, List<MethodSpec> plainKernels, List<MethodSpec> variant,
                List<MethodSpec> variantKernels, String sample) {
    if (code(plain).equals(code(variant)) && code(plainKernels).equals(code(variantKernels))) {
      return null;
    }
    variant.forEach(type::addMethod);
    variantKernels.forEach(type::addMethod); // named after the layer, like the class's own kernels
    layers++;
    return new Switch(call(variant.get(0).name() + sample), call(variant.get(1).name() + sample));
  }

  private static String code(List<MethodSpec> methods) {
    StringBuilder b = new StringBuilder();
    methods.forEach(m -> b.append(m.name()).append(m.parameters()).append(m.code()).append('\n'));
    return b.toString();
  }

  private static CodeBlock call(String call) {
    return CodeBlock.builder()
        .beginControlFlow("if ($L != null)", FIELD)
        .add("// the Vector API variant of this layer (jdk.incubator.vector)\n")
        .addStatement("$L.$L", FIELD, call)
        .addStatement("return")
        .endControlFlow()
        .build();
  }

  /** The inner class, its switch and its instance field, when some layer has a variant. */
  void addTo(TypeSpec.Builder outer) {
    if (layers == 0) {
      return;
    }
    type.addField(VectorApi.speciesField("The widest float vectors of this CPU ({@code FloatVector.SPECIES_PREFERRED}).\n"));
    outer.addField(FieldSpec.builder(boolean.class, ENABLED, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Whether the layers' Vector API variant runs: the JVM reads {@code jdk.incubator.vector} and\n"
            + "{@code -Dconvnet.vector=false} is not set.\n")
        .initializer("$T.enabled()", RuntimeNames.VECTORIZATION).build());
    outer.addField(FieldSpec.builder(ClassName.bestGuess(CLASS), FIELD, Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("The $L layers' Vector API code, or null when the plain code runs.\n", layers)
        .initializer("$L ? new $L() : null", ENABLED, CLASS).build());
    outer.addType(type.build());
  }
}
