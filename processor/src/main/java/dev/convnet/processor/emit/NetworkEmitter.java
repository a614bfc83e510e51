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
import dev.convnet.processor.kind.Canonical;
import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.kind.LayerKinds;
import dev.convnet.processor.model.CheckedNetwork;
import dev.convnet.processor.model.Counts;
import dev.convnet.processor.model.Layer;
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
  private static final ClassName ARRAYS = ClassName.get(java.util.Arrays.class);
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName LAYER_INFO = RuntimeNames.LAYER_INFO;
  private static final ClassName LAYER_SPEC = RuntimeNames.LAYER_SPEC;
  private static final ClassName SHAPE = RuntimeNames.SHAPE;
  private static final ClassName PARAMETERS = RuntimeNames.PARAMETERS;
  private static final ClassName INIT = RuntimeNames.INIT;

  private final CheckedNetwork net;
  private final Numeric num;
  private final String className;
  private final Map<LayerNode, LayerEmitter> emitters = new LinkedHashMap<>();
  private final ParamPlan plan = new ParamPlan();
  private final Workspace workspace = new Workspace();
  private final GeometryConstants geometry;
  private final SummaryDoc summary;
  private final Fusion fusion;
  /** The fields holding layers' Vector API kernels ({@code BlockedConv}, {@code BlockedPool}), in declaration order. */
  private final List<String> kernelFields = new ArrayList<>();

  /** The variant of the layers written with the Vector API, or null when the class gets none. */
  private final VectorVariants variants;

  /**
   * @param vectorModule whether the compilation reads {@code jdk.incubator.vector}: then a float32 class also gets
   *     its layers' Vector API variant ({@link VectorVariants}), chosen when a network is made
   */
  public NetworkEmitter(CheckedNetwork net, Numeric num, boolean vectorModule) {
    this.net = net;
    this.num = num;
    this.className = net.model().className() + num.classSuffix();
    java.util.Set<String> shapeConstants = new java.util.HashSet<>();
    for (LayerNode node : net.order()) {
      for (String axis : List.of("C", "H", "W", "SIZE")) {
        shapeConstants.add(dev.convnet.processor.read.Names.constant(node.name()) + "_" + axis);
      }
    }
    this.geometry = new GeometryConstants(shapeConstants);
    for (LayerNode node : net.order()) {
      if (node != net.input()) {
        LayerEmitter e = LayerKinds.of(node.layer()).emitter(node.layer(), new LayerContext(net, node, num, geometry));
        emitters.put(node, e);
        e.parameters(plan);
        e.workspace(workspace);
      }
    }
    this.variants = VectorVariants.wanted(num, net.model().vectorApi(), vectorModule) ? new VectorVariants() : null;
    if (variants != null) {
      variants.prepare(emitters, node -> new LayerContext(net, node, num, geometry), workspace);
    }
    this.summary = new SummaryDoc(net, num, plan);
    this.fusion = Fusion.find(net, emitters, num);
  }

  public String className() {
    return className;
  }

  /** The generated source; {@code origins} are recorded as its originating elements for incremental builds. */
  public JavaFile emit(javax.lang.model.element.Element... origins) {
    TypeSpec.Builder type = TypeSpec.classBuilder(className)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(num == Numeric.FLOAT ? RuntimeNames.GENERATED_NETWORK : RuntimeNames.GENERATED_NETWORK_64)
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
    if (variants != null) {
      variants.addTo(type);
    }
    geometry.fields().forEach(type::addField);
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
      infos.add(CodeBlock.builder().addStatement("l.add(new $T($S, $S, $T.of($L),$W$L, $LL, $LL, $LL))", LAYER_INFO,
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
    type.addField(FieldSpec.builder(String.class, "FINGERPRINT", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("A hash of the architecture (version 2: {@link #ARCHITECTURE} and {@link #LAYOUT}); model files"
            + " carry it.\n")
        .initializer("$T.of(ARCHITECTURE, LAYOUT)", RuntimeNames.FINGERPRINTS).build());
    type.addField(FieldSpec.builder(String.class, "FORMER_FINGERPRINT", Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The fingerprint version 1 gave this architecture: model files saved then still load.\n")
        .initializer("$S", FormerFingerprint.of(net)).build());
    type.addField(FieldSpec.builder(RuntimeNames.NETWORK_INFO, "INFO", Modifier.PRIVATE, Modifier.STATIC,
        Modifier.FINAL)
        .initializer(num == Numeric.FLOAT
            ? "new $T(NAME, LAYERS, ARCHITECTURE, LAYOUT,$WFINGERPRINT, $T.of(FORMER_FINGERPRINT))"
            : "new $T(NAME, LAYERS, ARCHITECTURE, LAYOUT,$Wnull, $T.of())", RuntimeNames.NETWORK_INFO, LIST).build());
  }

  /** The static architecture list: one canonical layer description per layer. */
  private void architecture(TypeSpec.Builder type) {
    List<CodeBlock> specs = new ArrayList<>();
    for (LayerNode node : net.order()) {
      LayerKind<Layer> kind = LayerKinds.of(node.layer());
      Canonical attributes = new Canonical();
      kind.describe(node.layer(), net.shapes(node), attributes);
      CodeBlock.Builder args = CodeBlock.builder();
      for (Map.Entry<String, String> e : attributes.values().entrySet()) {
        args.add(",$W$S,$W$L", e.getKey(), ConstantArray.string(e.getValue()));
      }
      String inputs = String.join(", ", node.inputs().stream().map(n -> "\"" + n + "\"").toList());
      specs.add(CodeBlock.builder().addStatement("a.add($T.of($S, $S, $T.of($L),$W$L$L))", LAYER_SPEC, node.name(),
          kind.op(node.layer()), LIST, inputs, shapeExpression(net.shape(node.name())), args.build()).build());
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
    type.addField(FieldSpec.builder(boolean.class, "primary", Modifier.PRIVATE).initializer("true")
        .addJavadoc("False for workers: only the network itself updates running statistics.\n").build());
    type.addField(FieldSpec.builder(int.class, "stream", Modifier.PRIVATE)
        .addJavadoc("This instance's index among its workers (0 for the network itself): picks random streams.\n")
        .build());
    type.addField(FieldSpec.builder(int.class, "workers", Modifier.PRIVATE)
        .addJavadoc("How many workers were made from this network.\n").build());
    List<FieldSpec> declared = new ArrayList<>();
    kernelFields.clear();
    for (LayerEmitter e : emitters.values()) {
      declared.addAll(e.fields());
    }
    declared.addAll(fusion.fields());
    for (FieldSpec f : declared) {
      type.addField(f);
      if (f.type().equals(RuntimeNames.BLOCKED_CONV) || f.type().equals(RuntimeNames.BLOCKED_POOL)) {
        kernelFields.add(f.name());
      }
    }
    if (num == Numeric.FLOAT && net.model().vectorApi()) {
      type.addField(VectorApi.speciesField());
    }
    type.addField(FieldSpec.builder(int.class, "capacity", Modifier.PRIVATE)
        .addJavadoc("The batch size the per-batch buffers hold.\n").build());
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
    if (num == Numeric.FLOAT) {
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
          .addJavadoc("A network with fresh parameters, initialized as PyTorch does by default with seed 1.\n")
          .addStatement("this(new $T(LAYOUT).initialize($T.PYTORCH_DEFAULT, 1L))", PARAMETERS, INIT).build());
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
          .addJavadoc("A network computing with {@code parameters}, which it shares (see {@link #newWorker()}).\n")
          .addJavadoc("\n@throws IllegalArgumentException if the parameters belong to another network\n")
          .addParameter(PARAMETERS, "parameters")
          .addStatement("super(INFO, parameters)")
          .addStatement("allocate()")
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
          .addStatement("super(INFO, parameters, initialBuffers(LAYOUT))")
          .addStatement("allocate()")
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
    LayerNode input = net.input();
    LayerNode output = net.output();
    type.addMethod(reseed());
    if (num == Numeric.FLOAT) {
      type.addMethod(MethodSpec.methodBuilder("withParameters").addAnnotation(Override.class)
          .addModifiers(Modifier.PROTECTED).returns(RuntimeNames.GENERATED_NETWORK)
          .addParameter(RuntimeNames.PARAMETERS, "parameters")
          .addStatement("return new $L(parameters)", className).build());
      if (!kernelFields.isEmpty()) {
        type.addMethod(MethodSpec.methodBuilder("blockedLayers").addAnnotation(Override.class)
            .addModifiers(Modifier.PROTECTED).returns(com.palantir.javapoet.ArrayTypeName.of(RuntimeNames.BLOCKED_LAYER))
            .addJavadoc("The layers' Vector API kernels (null where the plain kernels run).\n")
            .addStatement("return new $T[] {$L}", RuntimeNames.BLOCKED_LAYER, CodeBlock.join(
                kernelFields.stream().map(n -> CodeBlock.of("$L", n)).toList(), ",$W"))
            .build());
      }
      type.addMethod(override("newWorker", RuntimeNames.COMPILED_NETWORK)
          .addStatement("$L w = new $L(sharedParameters())", className, className)
          .addStatement("w.primary = false")
          .addStatement("share(w)")
          .addStatement("w.stream = ++workers")
          .addStatement("w.reseed()")
          .addStatement("return w").build());
    }

    List<CodeBlock> forwardCalls = new ArrayList<>();
    for (Map.Entry<LayerNode, LayerEmitter> e : emitters.entrySet()) {
      CodeBlock call = batchCall(e.getValue(), forwardName(e.getKey()));
      Fusion.Chain absorbing = fusion.absorbing(e.getKey());
      if (absorbing != null) { // a frozen copy computes this layer in the fused convolution's epilogue
        call = CodeBlock.builder().beginControlFlow("if (!($L))", absorbing.active()).add(call).endControlFlow()
            .build();
      }
      forwardCalls.add(timed(e.getKey(), false, call));
    }
    StraightLine.Split forwardSplit = StraightLine.split(forwardCalls, "forwardLayers", List.of(),
        PLUMBING_STATEMENTS, false);
    type.addMethod(plumbing("forwardLayers").addCode(forwardSplit.inline()).build());
    forwardSplit.methods().forEach(type::addMethod);

    MethodSpec.Builder backward = plumbing("backwardLayers")
        .beginControlFlow("if ($L)", LayerContext.INPUT_GRADIENT_FLAG)
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
      backwardCalls.add(timed(node, true, batchCall(emitters.get(node), backwardName(node))));
    }
    StraightLine.Split backwardSplit = StraightLine.split(backwardCalls, "backwardLayers", List.of(),
        PLUMBING_STATEMENTS, false);
    type.addMethod(backward.addCode(backwardSplit.inline()).build());
    backwardSplit.methods().forEach(type::addMethod);

    buffersByIndex(type, "activations", node -> {
      String lazy = fusion.lazyKernels(node);
      return lazy == null ? CodeBlock.of("$L", LayerContext.outField(node.name()))
          : CodeBlock.of("flushed($L, $L)", lazy, LayerContext.outField(node.name()));
    });
    buffersByIndex(type, "deltas", node -> CodeBlock.of("$L", LayerContext.deltaField(node.name())));
    fusedInto(type);

    MethodSpec.Builder reserve = plumbing("reserve").addParameter(int.class, "batch")
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

  /**
   * The base class's {@code fusedInto(int)}: for each layer a frozen copy computes inside a fused convolution without
   * keeping its output (the convolution, and the batch norm before a fused sum), the layer that holds the result,
   * when the fused pass runs. Only for networks with fused chains; a switch in parts of at most
   * {@value #PLUMBING_STATEMENTS} cases.
   */
  private void fusedInto(TypeSpec.Builder type) {
    List<CodeBlock> cases = new ArrayList<>();
    for (Fusion.Chain c : fusion.chains()) {
      List<LayerNode> away = c.sum() != null ? List.of(c.conv(), c.norm()) : List.of(c.conv());
      for (LayerNode node : away) {
        cases.add(CodeBlock.of("case $L: return $L ? $S : null", net.order().indexOf(node), c.active(),
            c.target().name()));
      }
    }
    if (cases.isEmpty()) {
      return;
    }
    MethodSpec.Builder m = plumbing("fusedInto").returns(String.class).addParameter(int.class, "layer");
    for (int from = 0, part = 0; from < cases.size(); from += PLUMBING_STATEMENTS, part++) {
      List<CodeBlock> slice = cases.subList(from, Math.min(cases.size(), from + PLUMBING_STATEMENTS));
      MethodSpec.Builder target = m;
      if (cases.size() > PLUMBING_STATEMENTS) {
        target = MethodSpec.methodBuilder("fusedInto" + part).addModifiers(Modifier.PRIVATE).returns(String.class)
            .addParameter(int.class, "layer").addJavadoc("Fused layers $L to $L of $L.\n", from,
                from + slice.size() - 1, cases.size());
      }
      target.beginControlFlow("switch (layer)");
      slice.forEach(target::addStatement);
      target.addStatement("default: break").endControlFlow();
      if (target != m) {
        type.addMethod(target.addStatement("return null").build());
        m.addStatement("String into$L = fusedInto$L(layer)", part, part)
            .beginControlFlow("if (into$L != null)", part).addStatement("return into$L", part).endControlFlow();
      }
    }
    type.addMethod(m.addStatement("return null").build());
  }

  /** A protected override of one of the base class's hooks. */
  private static MethodSpec.Builder plumbing(String name) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PROTECTED);
  }

  /**
   * The base class's {@code activations(int)} or {@code deltas(int)}: a layer's buffer by its index (an output a
   * lazy linked pass may have left unwritten flushed first, {@link Fusion#lazyKernels}), a switch split into parts for
   * networks of hundreds of layers.
   */
  private void buffersByIndex(TypeSpec.Builder type, String name,
                              java.util.function.Function<LayerNode, CodeBlock> field) {
    TypeName array = num.arrayType();
    List<LayerNode> all = net.order();
    MethodSpec.Builder m = plumbing(name).returns(array).addParameter(int.class, "layer");
    if (all.size() <= PLUMBING_STATEMENTS) {
      m.beginControlFlow("switch (layer)");
      for (int i = 0; i < all.size(); i++) {
        m.addStatement("case $L: return $L", i, field.apply(all.get(i)));
      }
      m.addStatement("default: throw new $T($S + layer)", IndexOutOfBoundsException.class, "no layer ")
          .endControlFlow();
    } else {
      for (int from = 0, part = 0; from < all.size(); from += PLUMBING_STATEMENTS, part++) {
        int to = Math.min(all.size(), from + PLUMBING_STATEMENTS);
        MethodSpec.Builder p = MethodSpec.methodBuilder(name + part).addModifiers(Modifier.PRIVATE).returns(array)
            .addParameter(int.class, "layer")
            .addJavadoc("Layers $L to $L of $L.\n", from, to - 1, all.size())
            .beginControlFlow("switch (layer)");
        for (int i = from; i < to; i++) {
          p.addStatement("case $L: return $L", i, field.apply(all.get(i)));
        }
        type.addMethod(p.addStatement("default: throw new $T($S + layer)", IndexOutOfBoundsException.class,
            "no layer ").endControlFlow().build());
        m.beginControlFlow("if (layer < $L)", to).addStatement("return $L$L(layer)", name, part).endControlFlow();
      }
      m.addStatement("throw new $T($S + layer)", IndexOutOfBoundsException.class, "no layer ");
    }
    type.addMethod(m.build());
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
      LayerContext ctx = new LayerContext(net, node, num, geometry);
      boolean whole = emitter.wholeBatch();
      CodeBlock forward = forwardPass(ctx, emitter);
      CodeBlock backward = backwardPass(ctx, emitter);
      List<MethodSpec> kernels = emitter.helpers();
      Fusion.Chain chain = fusion.ofConv(node);
      Fusion.PoolLink pool = fusion.poolLink(node);
      VectorVariants.Switch variant = null;
      // A layer a frozen copy fuses or links keeps one form, so that the copy computes what the network computes.
      if (variants != null && chain == null && pool == null) {
        LayerEmitter v = variants.emitter(node);
        CodeBlock vForward = forwardPass(ctx, v);
        CodeBlock vBackward = backwardPass(ctx, v);
        variant = variants.choose(
            List.of(forwardMethod(node, emitter, whole, null, forward), backwardMethod(node, whole, null, backward)),
            kernels, List.of(forwardMethod(node, v, whole, null, vForward), backwardMethod(node, whole, null, vBackward)),
            v.helpers(),
            whole ? "()" : "(n)");
      }
      CodeBlock forwardFirst = variant != null ? variant.forward() : null;
      if (chain != null) {
        forward = CodeBlock.builder()
            .beginControlFlow("if ($L)", chain.active())
            .add("// a frozen copy: $L fused into this convolution's epilogue, written to $L\n",
                chain.sum() != null ? chain.norm().name() + " and " + chain.sum().name() : chain.norm().name(),
                chain.target().name())
            .add(chain.forward().code())
            .nextControlFlow("else")
            .add(forward)
            .endControlFlow()
            .build();
      }
      if (pool != null) {
        forward = CodeBlock.builder()
            .beginControlFlow("if ($L)", pool.active())
            .add("// a frozen copy: blocked max pooling, linked to the blocked layers around it\n")
            .add(pool.code())
            .nextControlFlow("else")
            .add(forward)
            .endControlFlow()
            .build();
      }
      MethodSpec.Builder fm = forwardMethod(node, emitter, whole, forwardFirst, forward).toBuilder();
      if (variant != null) {
        String strategy = variants.emitter(node).strategy();
        fm.addJavadoc("\n<p>Vector API variant ({@link $L#$L}, when the JVM reads jdk.incubator.vector): $L.\n",
            VectorVariants.CLASS, forwardName(node), strategy != null ? strategy : "the same layer with the Vector API");
      }
      type.addMethod(fm.build());
      type.addMethod(backwardMethod(node, whole, variant != null ? variant.backward() : null, backward));
      for (MethodSpec helper : kernels) {
        type.addMethod(helper);
      }
    }
  }

  /** A layer's forward pass: the emitter's code, then the activation (per sample for a whole-batch layer). */
  private CodeBlock forwardPass(LayerContext ctx, LayerEmitter emitter) {
    CodeBlock activation = ActivationCode.forward(num, ctx.node().layer().activation(), "y", "yo", ctx.outSize());
    return CodeBlock.builder().add(emitter.forward()).add(emitter.wholeBatch() ? perSample(ctx, activation)
        : activation).build();
  }

  /** A layer's backward pass: the activation's derivative, then the emitter's code. */
  private CodeBlock backwardPass(LayerContext ctx, LayerEmitter emitter) {
    CodeBlock activationBack = ActivationCode.backward(num, ctx.node().layer().activation(), "dy", "y", "yo",
        ctx.outSize());
    return CodeBlock.builder()
        .add(emitter.wholeBatch() ? perSample(ctx, activationBack) : activationBack)
        .add(emitter.backward()).build();
  }

  /**
   * The method of a layer's forward or backward pass {@code body}, with its header, its strategy (or null) and its
   * locals; {@code first} (or null) comes before the locals.
   */
  private MethodSpec passMethod(LayerNode node, String strategy, boolean whole, boolean backward, CodeBlock first,
                                CodeBlock body) {
    LayerContext ctx = new LayerContext(net, node, num, geometry);
    String header = header(node);
    MethodSpec.Builder m = MethodSpec.methodBuilder(backward ? backwardName(node) : forwardName(node))
        .addModifiers(Modifier.PRIVATE)
        .addJavadoc("$L, $L: $L\n", backward ? "Backward" : "Forward", whole ? "the whole batch" : "one sample",
            header);
    if (strategy != null) {
      m.addJavadoc("\n<p>Strategy: $L.\n", strategy);
    }
    if (!whole) {
      m.addParameter(int.class, "n");
    }
    return m.addCode("// $L$L\n", header, backward ? ", backward" : "")
        .addCode(first != null ? first : CodeBlock.of(""))
        .addCode(locals(ctx, body, backward, whole))
        .addCode(body)
        .build();
  }

  private MethodSpec forwardMethod(LayerNode node, LayerEmitter emitter, boolean whole, CodeBlock first,
                                   CodeBlock body) {
    return passMethod(node, emitter.strategy(), whole, false, first, body);
  }

  private MethodSpec backwardMethod(LayerNode node, boolean whole, CodeBlock first, CodeBlock body) {
    return passMethod(node, null, whole, true, first, body);
  }

  /** A layer's pass between the base class's clock calls, which time it when profiling is on. */
  private CodeBlock timed(LayerNode node, boolean backward, CodeBlock pass) {
    return CodeBlock.builder().addStatement("startLayer()").add(pass)
        .addStatement("endLayer($L, $L)", net.order().indexOf(node), backward).build();
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
    LayerContext ctx = new LayerContext(net, node, num, geometry);
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
