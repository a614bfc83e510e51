package dev.convnet.processor.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.convnet.processor.model.CheckedNetwork;
import dev.convnet.processor.model.Counts;
import dev.convnet.processor.model.LayerNode;
import dev.convnet.processor.model.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.lang.model.element.Modifier;

/**
 * Writes the generated class of a checked network in one number type: constants for every shape and parameter
 * offset, the parameter layout, buffers sized once per batch size, one forward and one backward method per layer
 * (one sample at a time, the layer's emitter writing the body), and the {@code CompiledNetwork} plumbing.
 */
public final class NetworkEmitter {
  public static final String PROCESSOR = "dev.convnet.processor.NetworkProcessor";
  private static final String RUNTIME = "dev.convnet.runtime";
  private static final ClassName ARRAYS = ClassName.get(java.util.Arrays.class);
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName LAYER_INFO = ClassName.get(RUNTIME, "LayerInfo");
  private static final ClassName LAYER_SPEC = ClassName.get(RUNTIME, "LayerSpec");
  private static final ClassName SHAPE = ClassName.get(RUNTIME, "Shape");
  private static final ClassName PARAMETERS = ClassName.get(RUNTIME, "Parameters");
  private static final ClassName INIT = ClassName.get(RUNTIME, "Init");

  private final CheckedNetwork net;
  private final Numeric num;
  private final String className;
  private final Map<LayerNode, LayerEmitter> emitters = new LinkedHashMap<>();
  private final ParamPlan plan = new ParamPlan();
  private final Workspace workspace = new Workspace();
  private final SummaryDoc summary;

  public NetworkEmitter(CheckedNetwork net, Numeric num) {
    this.net = net;
    this.num = num;
    this.className = net.model().className() + num.classSuffix();
    for (LayerNode node : net.order()) {
      if (node != net.input()) {
        LayerEmitter e = Emitters.of(new LayerContext(net, node, num));
        emitters.put(node, e);
        e.parameters(plan);
        e.workspace(workspace);
      }
    }
    this.summary = new SummaryDoc(net, num, emitters, plan);
  }

  public String className() {
    return className;
  }

  /** The generated source; {@code origins} are recorded as its originating elements for incremental builds. */
  public JavaFile emit(javax.lang.model.element.Element... origins) {
    TypeSpec.Builder type = TypeSpec.classBuilder(className)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ClassName.get(RUNTIME, num == Numeric.FLOAT ? "CompiledNetwork" : "CompiledNetwork64"))
        .addAnnotation(AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
            .addMember("value", "$S", PROCESSOR)
            .addMember("comments", "$S", "from " + net.model().qualifiedName())
            .build())
        .addJavadoc(summary.javadoc());
    constants(type);
    fields(type);
    constructors(type);
    api(type);
    layers(type);
    for (javax.lang.model.element.Element origin : origins) {
      type.addOriginatingElement(origin);
    }
    return JavaFile.builder(net.model().packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  // ------------------------------------------------------------------ constants

  private void constants(TypeSpec.Builder type) {
    type.addField(FieldSpec.builder(String.class, "NAME", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .initializer("$S", net.model().interfaceName()).build());
    type.addField(FieldSpec.builder(String.class, "FINGERPRINT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("A hash of the architecture; model files carry it.\n")
        .initializer("$S", Fingerprint.of(net)).build());
    for (LayerNode node : net.order()) {
      Shape s = net.shape(node.name());
      String c = dev.convnet.processor.read.Names.constant(node.name());
      type.addField(FieldSpec.builder(int.class, c + "_C", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("$L: $L\n", node.name(), s.compact()).initializer("$L", s.channels()).build());
      type.addField(FieldSpec.builder(int.class, c + "_H", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .initializer("$L", s.height()).build());
      type.addField(FieldSpec.builder(int.class, c + "_W", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .initializer("$L", s.width()).build());
      type.addField(FieldSpec.builder(int.class, c + "_SIZE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .initializer("$L", s.size()).build());
    }
    type.addField(FieldSpec.builder(long.class, "PARAMETER_COUNT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Trainable parameters.\n").initializer("$LL", plan.size()).build());
    type.addField(FieldSpec.builder(long.class, "MACS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Multiply-accumulates per sample in the forward pass ($L).\n", SummaryDoc.thousands(Counts.totalMacs(net)))
        .initializer("$LL", Counts.totalMacs(net)).build());
    for (ParamPlan.Buffer buf : plan.buffers()) {
      type.addField(FieldSpec.builder(int.class, buf.constant(), Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("Offset of the buffer $L ($L values) in the buffer array.\n", buf.name(), buf.length())
          .initializer("$L", buf.offset()).build());
    }
    for (ParamPlan.Tensor t : plan.tensors()) {
      type.addField(FieldSpec.builder(int.class, t.constant(), Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("Offset of $L ($L values) in the parameter buffer.\n", t.name(), t.length())
          .initializer("$L", t.offset()).build());
    }
    type.addField(FieldSpec.builder(ParamPlan.LAYOUT, "LAYOUT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("Names, shapes and offsets of the $L parameters.\n", SummaryDoc.thousands(plan.size()))
        .initializer("buildLayout()").build());
    ClassName builder = ParamPlan.LAYOUT.nestedClass("Builder");
    StraightLine.Split layout = StraightLine.split(plan.layoutStatements(), "buildLayout",
        List.of(com.palantir.javapoet.ParameterSpec.builder(builder, "b").build()), STATIC_STATEMENTS, true);
    type.addMethod(MethodSpec.methodBuilder("buildLayout").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(ParamPlan.LAYOUT)
        .addStatement("$T b = $T.builder()", builder, ParamPlan.LAYOUT)
        .addCode(layout.inline())
        .addStatement("return b.build()").build());
    layout.methods().forEach(type::addMethod);
    List<CodeBlock> infos = new ArrayList<>();
    for (LayerNode node : net.order()) {
      Shape s = net.shape(node.name());
      String inputs = String.join(", ", node.inputs().stream().map(n -> "\"" + n + "\"").toList());
      infos.add(CodeBlock.builder().addStatement("l.add(new $T($S, $S, $T.of($L), $L, $LL, $LL, $LL))", LAYER_INFO,
          node.name(), summary.kind(node), LIST, inputs, shapeExpression(s), Counts.parameters(net, node),
          Counts.connections(net, node), Counts.macs(net, node)).build());
    }
    com.palantir.javapoet.TypeName infoList = ParameterizedTypeName.get(LIST, LAYER_INFO);
    StraightLine.Split layers = StraightLine.split(infos, "layerInfos",
        List.of(com.palantir.javapoet.ParameterSpec.builder(infoList, "l").build()), STATIC_STATEMENTS, true);
    type.addMethod(MethodSpec.methodBuilder("layerInfos").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(infoList)
        .addStatement("$T l = new $T<>()", infoList, ClassName.get(java.util.ArrayList.class))
        .addCode(layers.inline())
        .addStatement("return $T.copyOf(l)", LIST).build());
    layers.methods().forEach(type::addMethod);
    type.addField(FieldSpec.builder(infoList, "LAYERS", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("layerInfos()").build());
    architecture(type);
  }

  /** The static architecture list: one canonical layer description per layer. */
  private void architecture(TypeSpec.Builder type) {
    List<CodeBlock> specs = new ArrayList<>();
    for (LayerNode node : net.order()) {
      Architecture.Spec spec = Architecture.of(net, node);
      CodeBlock.Builder args = CodeBlock.builder();
      for (Map.Entry<String, String> e : spec.attributes().entrySet()) {
        args.add(", $S, $S", e.getKey(), e.getValue());
      }
      String inputs = String.join(", ", node.inputs().stream().map(n -> "\"" + n + "\"").toList());
      specs.add(CodeBlock.builder().addStatement("a.add($T.of($S, $S, $T.of($L), $L$L))", LAYER_SPEC, node.name(),
          spec.op(), LIST, inputs, shapeExpression(net.shape(node.name())), args.build()).build());
    }
    TypeName specList = ParameterizedTypeName.get(LIST, LAYER_SPEC);
    StraightLine.Split split = StraightLine.split(specs, "architectureSpecs",
        List.of(com.palantir.javapoet.ParameterSpec.builder(specList, "a").build()), STATIC_STATEMENTS, true);
    type.addMethod(MethodSpec.methodBuilder("architectureSpecs").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(specList)
        .addStatement("$T a = new $T<>()", specList, ClassName.get(java.util.ArrayList.class))
        .addCode(split.inline())
        .addStatement("return $T.copyOf(a)", LIST).build());
    split.methods().forEach(type::addMethod);
    type.addField(FieldSpec.builder(specList, "ARCHITECTURE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The architecture, one canonical description per layer.\n")
        .initializer("architectureSpecs()").build());
  }

  /**
   * Statements per split-off method for the per-layer plumbing (static tables, allocations, per-layer calls): each
   * takes some tens of bytes, so methods stay far below HotSpot's 8,000-byte limit for networks of hundreds of
   * layers (DenseNet-121).
   */
  private static final int STATIC_STATEMENTS = 40;
  private static final int PLUMBING_STATEMENTS = 100;

  private CodeBlock shapeExpression(Shape s) {
    return s.vector() ? CodeBlock.of("$T.vector($L)", SHAPE, s.channels())
        : CodeBlock.of("$T.map($L, $L, $L)", SHAPE, s.channels(), s.height(), s.width());
  }

  // ------------------------------------------------------------------ fields and constructors

  private void fields(TypeSpec.Builder type) {
    TypeName array = num.arrayType();
    if (num == Numeric.FLOAT) {
      type.addField(PARAMETERS, "parameters", Modifier.PRIVATE, Modifier.FINAL);
    }
    type.addField(FieldSpec.builder(array, "p", Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("The parameters, laid out as {@link #LAYOUT}.\n").build());
    type.addField(FieldSpec.builder(array, "g", Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("d(loss)/d(parameters) of the last backward pass.\n").build());
    type.addField(FieldSpec.builder(array, "b", Modifier.PRIVATE, Modifier.FINAL)
        .addJavadoc("Buffers that are not trained (batch-norm running statistics), laid out as {@link #LAYOUT}'s"
            + " buffers.\n").build());
    type.addField(FieldSpec.builder(boolean[].class, "mode", Modifier.PRIVATE).initializer("{true}")
        .addJavadoc("{@code mode[0]}: training mode; one array shared with this network's workers, which so follow it"
            + " without being remembered here.\n").build());
    type.addField(FieldSpec.builder(boolean.class, "primary", Modifier.PRIVATE).initializer("true")
        .addJavadoc("False for workers: only the network itself updates running statistics.\n").build());
    type.addField(FieldSpec.builder(int.class, "stream", Modifier.PRIVATE)
        .addJavadoc("This instance's index among its workers (0 for the network itself): picks random streams.\n")
        .build());
    type.addField(FieldSpec.builder(int.class, "workers", Modifier.PRIVATE)
        .addJavadoc("How many workers were made from this network.\n").build());
    for (LayerEmitter e : emitters.values()) {
      for (FieldSpec f : e.fields()) {
        type.addField(f);
      }
    }
    if (num == Numeric.FLOAT && net.model().vectorApi()) {
      type.addField(VectorApi.speciesField());
    }
    type.addField(FieldSpec.builder(boolean.class, LayerContext.INPUT_GRADIENT_FLAG, Modifier.PRIVATE)
        .addJavadoc("Whether the running backward pass computes d(loss)/d(input).\n").build());
    type.addField(FieldSpec.builder(int.class, "capacity", Modifier.PRIVATE)
        .addJavadoc("The batch size the per-batch buffers hold.\n").build());
    type.addField(FieldSpec.builder(int.class, "batch", Modifier.PRIVATE)
        .addJavadoc("The size of the last forward batch.\n").build());
    List<CodeBlock> allocations = new ArrayList<>();
    for (LayerNode node : net.order()) {
      type.addField(FieldSpec.builder(array, LayerContext.outField(node.name()), Modifier.PRIVATE)
          .addJavadoc("$L: activations, $L per sample.\n", node.name(), net.shape(node.name()).compact()).build());
      type.addField(FieldSpec.builder(array, LayerContext.deltaField(node.name()), Modifier.PRIVATE)
          .addJavadoc("$L: d(loss)/d(activations).\n", node.name()).build());
      allocations.add(CodeBlock.builder().addStatement("$L = new $L[0]", LayerContext.outField(node.name()),
          num.type()).addStatement("$L = new $L[0]", LayerContext.deltaField(node.name()), num.type()).build());
    }
    for (Workspace.Buffer buf : workspace.buffers()) {
      TypeName bufferType = com.palantir.javapoet.ArrayTypeName.of(buf.elementType());
      if (buf.rows() != null) {
        type.addField(FieldSpec.builder(com.palantir.javapoet.ArrayTypeName.of(bufferType), buf.field(),
            Modifier.PRIVATE).addJavadoc("$L.\n", buf.doc()).build());
        allocations.add(CodeBlock.builder().addStatement("$L = new $T[$L][$L]", buf.field(), buf.elementType(),
            buf.rows(), buf.perSample()).build());
        continue;
      }
      type.addField(FieldSpec.builder(bufferType, buf.field(), Modifier.PRIVATE).addJavadoc("$L.\n", buf.doc())
          .build());
      CodeBlock.Builder a = CodeBlock.builder().addStatement("$L = new $T[$L]", buf.field(), buf.elementType(),
          buf.perBatch() ? "0" : buf.perSample());
      if (!buf.perBatch() && buf.fill() != null) {
        a.addStatement("$T.fill($L, $L)", ARRAYS, buf.field(), buf.fill());
      }
      allocations.add(a.build());
    }
    StraightLine.Split allocate = StraightLine.split(allocations, "allocate", List.of(), PLUMBING_STATEMENTS / 2,
        false);
    type.addMethod(MethodSpec.methodBuilder("allocate").addModifiers(Modifier.PRIVATE)
        .addJavadoc("Allocates the per-sample scratch buffers, and empty per-batch buffers until the first batch.\n")
        .addCode(allocate.inline()).build());
    allocate.methods().forEach(type::addMethod);
  }

  private void constructors(TypeSpec.Builder type) {
    CodeBlock fills = CodeBlock.builder().addStatement("allocate()").build();
    if (num == Numeric.FLOAT) {
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
          .addJavadoc("A network with fresh parameters, initialized as PyTorch does by default with seed 1.\n")
          .addStatement("this(new $T(LAYOUT).initialize($T.PYTORCH_DEFAULT, 1L))", PARAMETERS, INIT).build());
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
          .addJavadoc("A network computing with {@code parameters}, which it shares (see {@link #newWorker()}).\n")
          .addParameter(PARAMETERS, "parameters")
          .beginControlFlow("if (parameters.layout() != LAYOUT && !parameters.layout().describe().equals("
              + "LAYOUT.describe()))")
          .addStatement("throw new IllegalArgumentException($S + LAYOUT.describe() + $S"
              + " + parameters.layout().describe())",
              "these parameters belong to another network; " + className + " needs:\n", "\nbut got:\n")
          .endControlFlow()
          .addStatement("this.parameters = parameters")
          .addStatement("this.p = parameters.data()")
          .addStatement("this.b = parameters.buffers()")
          .addStatement("this.g = new float[LAYOUT.size()]")
          .addCode(fills)
          .addStatement("reseed()")
          .build());
    } else {
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
          .addJavadoc("A network with fresh parameters, initialized as the float network's default.\n")
          .addStatement("this(toDouble(new $T(LAYOUT).initialize($T.PYTORCH_DEFAULT, 1L).data()))", PARAMETERS, INIT)
          .build());
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
          .addJavadoc("A network computing with {@code parameters} (laid out as {@link #LAYOUT}), not copied.\n")
          .addParameter(double[].class, "parameters")
          .beginControlFlow("if (parameters.length != LAYOUT.size())")
          .addStatement("throw new IllegalArgumentException($S + LAYOUT.size() + $S + parameters.length)",
              className + " has ", " parameters, got ")
          .endControlFlow()
          .addStatement("this.p = parameters")
          .addStatement("this.b = new double[LAYOUT.bufferSize()]")
          .beginControlFlow("for ($T s : LAYOUT.buffers())", ClassName.get(RUNTIME, "BufferSlot"))
          .addStatement("$T.fill(b, s.offset(), s.offset() + s.length(), s.initial())", ARRAYS)
          .endControlFlow()
          .addStatement("this.g = new double[LAYOUT.size()]")
          .addCode(fills)
          .addStatement("reseed()")
          .build());
      type.addMethod(MethodSpec.methodBuilder("buffers").addModifiers(Modifier.PUBLIC).returns(double[].class)
          .addJavadoc("The running statistics (not trained), laid out as {@link #LAYOUT}'s buffers.\n")
          .addStatement("return b").build());
      type.addMethod(MethodSpec.methodBuilder("toDouble").addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .returns(double[].class).addParameter(float[].class, "values")
          .addStatement("double[] out = new double[values.length]")
          .beginControlFlow("for (int i = 0; i < values.length; i++)")
          .addStatement("out[i] = values[i]")
          .endControlFlow()
          .addStatement("return out").build());
    }
  }

  // ------------------------------------------------------------------ the CompiledNetwork API

  private MethodSpec reseed() {
    MethodSpec.Builder m = MethodSpec.methodBuilder("reseed").addModifiers(Modifier.PRIVATE)
        .addJavadoc("Seeds the random streams (dropout masks) of this instance from the declared seeds and"
            + " {@code stream}.\n");
    for (LayerEmitter e : emitters.values()) {
      m.addCode(e.reseed());
    }
    return m.build();
  }

  private void api(TypeSpec.Builder type) {
    TypeName array = num.arrayType();
    LayerNode input = net.input();
    LayerNode output = net.output();
    type.addMethod(reseed());
    type.addMethod(override("name", String.class).addStatement("return NAME").build());
    type.addMethod(override("inputShape", SHAPE).addStatement("return $L", shapeExpression(net.shape(input.name())))
        .build());
    type.addMethod(override("outputShape", SHAPE).addStatement("return $L", shapeExpression(net.shape(output.name())))
        .build());
    type.addMethod(override("layers", ParameterizedTypeName.get(LIST, LAYER_INFO)).addStatement("return LAYERS")
        .build());
    type.addMethod(override("layout", ParamPlan.LAYOUT).addStatement("return LAYOUT").build());
    type.addMethod(override("architecture", ParameterizedTypeName.get(LIST, LAYER_SPEC))
        .addStatement("return ARCHITECTURE").build());
    if (num == Numeric.FLOAT) {
      type.addMethod(override("parameters", PARAMETERS).addStatement("return parameters").build());
      type.addMethod(override("fingerprint", String.class).addStatement("return FINGERPRINT").build());
      type.addMethod(override("newWorker", ClassName.get(RUNTIME, "CompiledNetwork"))
          .addStatement("$L w = new $L(parameters)", className, className)
          .addStatement("w.primary = false")
          .addStatement("w.mode = mode")
          .addStatement("w.stream = ++workers")
          .addStatement("w.reseed()")
          .addStatement("return w").build());
    } else {
      type.addMethod(override("parameters", array).addStatement("return p").build());
    }
    type.addMethod(override("gradients", array).addStatement("return g").build());
    type.addMethod(override("setTraining", TypeName.VOID).addParameter(boolean.class, "training")
        .addStatement("mode[0] = training").build());

    String inSize = LayerContext.sizeConstant(input.name());
    String outSize = LayerContext.sizeConstant(output.name());
    MethodSpec.Builder forward = override("forward", array)
        .addParameter(array, "input").addParameter(int.class, "offset").addParameter(int.class, "batch")
        .beginControlFlow("if (batch <= 0 || offset < 0)")
        .addStatement("throw new IllegalArgumentException($S + batch + $S + offset)", "batch must be positive and "
            + "offset not negative, got batch ", " and offset ")
        .endControlFlow()
        .beginControlFlow("if (input.length - offset < (long) batch * $L)", inSize)
        .addStatement("throw new IllegalArgumentException($S + batch + $S + ((long) batch * $L) + $S + offset"
                + " + $S + input.length)", "a batch of ", " samples of " + net.shape(input.name()).compact()
                + " needs ", inSize, " input values from offset ", ", but the array has ")
        .endControlFlow()
        .addStatement("reserve(batch)")
        .addStatement("this.batch = batch")
        .addStatement("System.arraycopy(input, offset, $L, 0, batch * $L)", LayerContext.outField(input.name()),
            inSize);
    List<CodeBlock> forwardCalls = new ArrayList<>();
    for (Map.Entry<LayerNode, LayerEmitter> e : emitters.entrySet()) {
      forwardCalls.add(batchCall(e.getValue(), forwardName(e.getKey())));
    }
    StraightLine.Split forwardSplit = StraightLine.split(forwardCalls, "forwardLayers", List.of(),
        PLUMBING_STATEMENTS, false);
    forward.addCode(forwardSplit.inline());
    forwardSplit.methods().forEach(type::addMethod);
    forward.addStatement("return $L", LayerContext.outField(output.name()));
    type.addMethod(forward.build());

    MethodSpec.Builder backward = MethodSpec.methodBuilder("propagate").addModifiers(Modifier.PRIVATE)
        .addJavadoc("The backward pass over the last forward batch; d(loss)/d(input) only if {@code $L}.\n",
            LayerContext.INPUT_GRADIENT_FLAG)
        .addParameter(array, "outputGradient").addParameter(boolean.class, LayerContext.INPUT_GRADIENT_FLAG)
        .beginControlFlow("if (batch == 0)")
        .addStatement("throw new IllegalStateException($S)", "backward() needs a forward() first")
        .endControlFlow()
        .addStatement("this.$L = $L", LayerContext.INPUT_GRADIENT_FLAG, LayerContext.INPUT_GRADIENT_FLAG)
        .beginControlFlow("if (outputGradient.length < batch * $L)", outSize)
        .addStatement("throw new IllegalArgumentException($S + batch + $S + (batch * $L) + $S + "
            + "outputGradient.length)", "the output gradient of a batch of ", " needs ", outSize, " values, got ")
        .endControlFlow()
        .addStatement("System.arraycopy(outputGradient, 0, $L, 0, batch * $L)",
            LayerContext.deltaField(output.name()), outSize);
    backward.beginControlFlow("if ($L)", LayerContext.INPUT_GRADIENT_FLAG)
        .addStatement("$T.fill($L, 0, batch * $L, $L)", ARRAYS, LayerContext.deltaField(input.name()),
            LayerContext.sizeConstant(input.name()), num.literal(0))
        .endControlFlow();
    List<CodeBlock> backwardCalls = new ArrayList<>();
    for (LayerNode node : net.order()) {
      if (node != output && node != input) {
        backwardCalls.add(CodeBlock.builder().addStatement("$T.fill($L, 0, batch * $L, $L)", ARRAYS,
            LayerContext.deltaField(node.name()), LayerContext.sizeConstant(node.name()), num.literal(0)).build());
      }
    }
    backwardCalls.add(CodeBlock.builder().addStatement("$T.fill(g, $L)", ARRAYS, num.literal(0)).build());
    List<LayerNode> reversed = new ArrayList<>(emitters.keySet());
    java.util.Collections.reverse(reversed);
    for (LayerNode node : reversed) {
      backwardCalls.add(batchCall(emitters.get(node), backwardName(node)));
    }
    StraightLine.Split backwardSplit = StraightLine.split(backwardCalls, "backwardLayers", List.of(),
        PLUMBING_STATEMENTS, false);
    backward.addCode(backwardSplit.inline());
    backwardSplit.methods().forEach(type::addMethod);
    type.addMethod(backward.build());
    type.addMethod(override("backward", array).addParameter(array, "outputGradient")
        .addStatement("propagate(outputGradient, true)")
        .addStatement("return $L", LayerContext.deltaField(input.name())).build());
    type.addMethod(override("backwardParameters", TypeName.VOID).addParameter(array, "outputGradient")
        .addStatement("propagate(outputGradient, false)").build());

    MethodSpec.Builder layerOutput = override("layerOutput", array).addParameter(String.class, "layer");
    List<LayerNode> all = net.order();
    if (all.size() <= PLUMBING_STATEMENTS) {
      layerOutput.beginControlFlow("switch (layer)");
      for (LayerNode node : all) {
        layerOutput.addStatement("case $S: return $L", node.name(), LayerContext.outField(node.name()));
      }
      layerOutput.addStatement("default: throw new IllegalArgumentException($S + layer + $S)", "no layer named '",
          "' in " + net.model().interfaceName()).endControlFlow();
    } else {
      layerOutput.addStatement("$L found", array);
      for (int from = 0, part = 0; from < all.size(); from += PLUMBING_STATEMENTS, part++) {
        MethodSpec.Builder m = MethodSpec.methodBuilder("layerOutput" + part).addModifiers(Modifier.PRIVATE)
            .returns(array).addParameter(String.class, "layer")
            .addJavadoc("Layers $L to $L of $L; null if {@code layer} is none of them.\n", from,
                Math.min(all.size(), from + PLUMBING_STATEMENTS) - 1, all.size())
            .beginControlFlow("switch (layer)");
        for (LayerNode node : all.subList(from, Math.min(all.size(), from + PLUMBING_STATEMENTS))) {
          m.addStatement("case $S: return $L", node.name(), LayerContext.outField(node.name()));
        }
        type.addMethod(m.addStatement("default: return null").endControlFlow().build());
        layerOutput.beginControlFlow("if ((found = layerOutput$L(layer)) != null)", part)
            .addStatement("return found").endControlFlow();
      }
      layerOutput.addStatement("throw new IllegalArgumentException($S + layer + $S)", "no layer named '",
          "' in " + net.model().interfaceName());
    }
    type.addMethod(layerOutput.build());

    MethodSpec.Builder reserve = MethodSpec.methodBuilder("reserve").addModifiers(Modifier.PRIVATE)
        .addJavadoc("Sizes the per-batch buffers for {@code batch} samples; allocates only when it grows.\n")
        .addParameter(int.class, "batch")
        .beginControlFlow("if (batch <= capacity)").addStatement("return").endControlFlow();
    List<CodeBlock> sizing = new ArrayList<>();
    for (LayerNode node : net.order()) {
      String size = LayerContext.sizeConstant(node.name());
      sizing.add(CodeBlock.builder()
          .addStatement("$L = new $L[batch * $L]", LayerContext.outField(node.name()), num.type(), size)
          .addStatement("$L = new $L[batch * $L]", LayerContext.deltaField(node.name()), num.type(), size).build());
    }
    for (Workspace.Buffer buf : workspace.buffers()) {
      if (buf.perBatch()) {
        sizing.add(CodeBlock.builder().addStatement("$L = new $T[batch * $L]", buf.field(), buf.elementType(),
            buf.perSample()).build());
      }
    }
    StraightLine.Split sized = StraightLine.split(sizing, "reserve",
        List.of(com.palantir.javapoet.ParameterSpec.builder(int.class, "batch").build()), PLUMBING_STATEMENTS / 2,
        false);
    reserve.addCode(sized.inline()).addStatement("capacity = batch");
    type.addMethod(reserve.build());
    sized.methods().forEach(type::addMethod);
  }

  private static MethodSpec.Builder override(String name, Object returns) {
    MethodSpec.Builder m = MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC);
    if (returns instanceof TypeName t) {
      m.returns(t);
    } else {
      m.returns((Class<?>) returns);
    }
    return m;
  }

  // ------------------------------------------------------------------ per layer

  private static String forwardName(LayerNode node) {
    return node.name() + "Forward";
  }

  private static String backwardName(LayerNode node) {
    return node.name() + "Backward";
  }

  private void layers(TypeSpec.Builder type) {
    for (Map.Entry<LayerNode, LayerEmitter> e : emitters.entrySet()) {
      LayerNode node = e.getKey();
      LayerEmitter emitter = e.getValue();
      LayerContext ctx = new LayerContext(net, node, num);
      String header = header(node);
      boolean whole = emitter.wholeBatch();
      CodeBlock activation = ActivationCode.forward(num, node.layer().activation(), "y", "yo", ctx.outSize());
      CodeBlock forward = CodeBlock.builder().add(emitter.forward()).add(whole ? perSample(ctx, activation)
          : activation).build();
      MethodSpec.Builder fm = MethodSpec.methodBuilder(forwardName(node)).addModifiers(Modifier.PRIVATE)
          .addJavadoc("Forward, $L: $L\n", whole ? "the whole batch" : "one sample", header);
      if (!whole) {
        fm.addParameter(int.class, "n");
      }
      type.addMethod(fm.addCode("// $L\n", header)
          .addCode(locals(ctx, forward, false, whole))
          .addCode(forward)
          .build());
      CodeBlock activationBack = ActivationCode.backward(num, node.layer().activation(), "dy", "y", "yo",
          ctx.outSize());
      CodeBlock backward = CodeBlock.builder()
          .add(whole ? perSample(ctx, activationBack) : activationBack)
          .add(emitter.backward()).build();
      MethodSpec.Builder bm = MethodSpec.methodBuilder(backwardName(node)).addModifiers(Modifier.PRIVATE)
          .addJavadoc("Backward, $L: $L\n", whole ? "the whole batch" : "one sample", header);
      if (!whole) {
        bm.addParameter(int.class, "n");
      }
      type.addMethod(bm.addCode(locals(ctx, backward, true, whole))
          .addCode(backward)
          .build());
      for (MethodSpec helper : emitter.helpers()) {
        type.addMethod(helper);
      }
    }
  }

  /** One layer's pass over the batch: a single call for whole-batch layers, else one call per sample. */
  private static CodeBlock batchCall(LayerEmitter emitter, String method) {
    if (emitter.wholeBatch()) {
      return CodeBlock.builder().addStatement("$L()", method).build();
    }
    return CodeBlock.builder().beginControlFlow("for (int n = 0; n < batch; n++)").addStatement("$L(n)", method)
        .endControlFlow().build();
  }

  /** Runs per-sample code (an activation) over every sample of the batch, with {@code yo} set for each. */
  private static CodeBlock perSample(LayerContext ctx, CodeBlock code) {
    if (code.isEmpty()) {
      return code;
    }
    return CodeBlock.builder().beginControlFlow("for (int n = 0; n < batch; n++)")
        .addStatement("final int yo = n * $L", ctx.outSize()).add(code).endControlFlow().build();
  }

  private String header(LayerNode node) {
    LayerContext ctx = new LayerContext(net, node, num);
    return node.name() + ": " + summary.kind(node) + "; " + ctx.in().compact() + " → " + ctx.out().compact() + ", "
        + SummaryDoc.thousands(Counts.parameters(net, node)) + " parameters, " + SummaryDoc.thousands(Counts.connections(net, node))
        + " connections";
  }

  /**
   * Declares the locals the body uses: x/xo, y/yo, and in backward dy/dx (x, dx: the first input). A whole-batch
   * body has no sample offsets of its own.
   */
  private CodeBlock locals(LayerContext ctx, CodeBlock body, boolean backward, boolean whole) {
    String text = body.toString();
    CodeBlock.Builder b = CodeBlock.builder();
    String t = num.type();
    declare(b, text, "x", t + "[]", LayerContext.outField(ctx.inputName()));
    declare(b, text, "y", t + "[]", LayerContext.outField(ctx.name()));
    if (!whole) {
      declare(b, text, "xo", "int", "n * " + ctx.inSize());
      declare(b, text, "yo", "int", "n * " + ctx.outSize());
    }
    if (backward) {
      declare(b, text, "dy", t + "[]", LayerContext.deltaField(ctx.name()));
      declare(b, text, "dx", t + "[]", LayerContext.deltaField(ctx.inputName()));
    }
    return b.build();
  }

  private static void declare(CodeBlock.Builder b, String text, String name, String type, String value) {
    if (Pattern.compile("\\b" + name + "\\b").matcher(text).find()) {
      b.addStatement("final $L $L = $L", type, name, value);
    }
  }
}
