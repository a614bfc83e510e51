package dev.convnet.processor.read;

import dev.convnet.annotations.Block;
import dev.convnet.annotations.Output;
import dev.convnet.processor.diag.Diagnostic;
import dev.convnet.processor.diag.Location;
import dev.convnet.processor.diag.Message;
import dev.convnet.processor.kind.AnnotationValues;
import dev.convnet.processor.kind.LayerKind;
import dev.convnet.processor.kind.LayerKinds;
import dev.convnet.processor.model.Layer;
import dev.convnet.processor.model.LayerNode;
import dev.convnet.processor.model.NetworkModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The first stage: reads a {@code @Network} interface into a {@link NetworkModel}, reporting declarations that are
 * not of the expected form (not an interface, a method without a layer annotation, wrong types, unreadable
 * values). Knows javac's element API so that nothing after it has to.
 */
public final class NetworkReader {
  static final String TENSOR = dev.convnet.annotations.Tensor.class.getName();
  static final String BLOCK = Block.class.getName();
  static final String OUTPUT = Output.class.getName();

  /**
   * Where a block's layers are being read: the prefix of their names, what the block's inputs and output are called
   * outside, the use's width and stride, and the use's method and annotation (where errors inside the block point).
   */
  private record Scope(String prefix, Map<String, String> bound, String outputName, int width, int stride,
                       List<Integer> widths, ExecutableElement useMethod, AnnotationMirror useAnnotation,
                       List<String> stack) {
    static final Scope TOP = new Scope(null, Map.of(), null, 1, 1, List.of(), null, null, List.of());

    /**
     * A filter count or width written in this block: {@code Block.W1} … {@code W8} (negative) name an entry of the
     * use's widths (null when there is none), a positive count is multiplied by the use's width.
     */
    Integer resolve(int declared) {
      if (declared >= 0) {
        return declared * width;
      }
      int index = -declared - 1;
      return index < widths.size() ? widths.get(index) : null;
    }

    boolean top() {
      return prefix == null;
    }

    /** The network-wide name of a block layer (the output takes the use's name). */
    String name(String inner, boolean output) {
      if (top()) {
        return inner;
      }
      return output ? outputName : prefix + "_" + inner;
    }

    /** Where a block layer comes from, for messages: its block, its name there and the use. */
    String origin(String inner) {
      String block = stack.get(stack.size() - 1);
      return "block " + block.substring(block.lastIndexOf('.') + 1) + "'s layer '" + inner + "' in the use '"
          + prefix + "'";
    }
  }

  /** The model (absent if the declaration could not be read) and where everything was declared. */
  public record Result(Optional<NetworkModel> model, SourceMap sources) {}

  private final List<Diagnostic> out;
  /** For each layer copied from a block, where it came from (for name clashes); per network. */
  private final Map<String, String> blockOrigins = new HashMap<>();

  public NetworkReader(List<Diagnostic> out) {
    this.out = out;
  }

  public Result read(TypeElement type, AnnotationMirror networkAnnotation) {
    SourceMap sources = new SourceMap(type, networkAnnotation);
    if (type.getKind() != ElementKind.INTERFACE) {
      out.add(Message.NOT_AN_INTERFACE.at(Location.network(),
          Message.withArticle(type.getKind().toString().toLowerCase().replace('_', ' '))));
      return new Result(Optional.empty(), sources);
    }
    if (!type.getTypeParameters().isEmpty()) {
      out.add(Message.GENERIC_NETWORK.at(Location.network()));
      return new Result(Optional.empty(), sources);
    }
    if (type.getNestingKind() == NestingKind.MEMBER && type.getModifiers().contains(Modifier.PRIVATE)) {
      out.add(Message.PRIVATE_NESTED_NETWORK.at(Location.network()));
      return new Result(Optional.empty(), sources);
    }
    int errorsBefore = errors();
    blockOrigins.clear();
    List<LayerNode> layers = new ArrayList<>();
    readLayers(type, Scope.TOP, layers, sources, new HashMap<>());
    if (errors() > errorsBefore) {
      return new Result(Optional.empty(), sources);
    }
    String pkg = packageOf(type);
    String className = stringValue(networkAnnotation, "className");
    if (className.isEmpty()) {
      className = type.getSimpleName() + "Net";
    }
    boolean f32 = false;
    boolean f64 = false;
    for (String p : enumListValue(networkAnnotation, "precision")) {
      f32 |= p.equals("FLOAT32");
      f64 |= p.equals("FLOAT64");
    }
    if (!f32 && !f64) {
      f32 = true;
    }
    String interfaceName = type.getSimpleName().toString();
    if (!validClassName(className)) {
      out.add(Message.BAD_CLASS_NAME.at(Location.networkAttribute("className"), className));
      return new Result(Optional.empty(), sources);
    }
    if (className.equals(interfaceName) || (f64 && (className + "64").equals(interfaceName))) {
      out.add(Message.CLASS_NAME_CLASH.at(Location.networkAttribute("className"), className, interfaceName));
      return new Result(Optional.empty(), sources);
    }
    AnnotationValue vector = valueWithDefault(networkAnnotation, "vectorApi");
    boolean vectorApi = vector != null && Boolean.TRUE.equals(vector.getValue());
    return new Result(Optional.of(new NetworkModel(pkg, interfaceName, className, f32, f64, layers, vectorApi)),
        sources);
  }

  /** Reads the layer methods of a network or block interface into {@code layers}, expanding block uses. */
  private void readLayers(TypeElement type, Scope scope, List<LayerNode> layers, SourceMap sources,
                          Map<String, String> constants) {
    List<ExecutableElement> methods = new ArrayList<>();
    for (Element e : type.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD) {
        methods.add((ExecutableElement) e);
      }
    }
    Set<String> own = new java.util.HashSet<>();
    String blockOutput = null;
    if (!scope.top()) {
      for (ExecutableElement m : methods) {
        if (layerAnnotation(m) != null) {
          own.add(m.getSimpleName().toString());
          if (hasAnnotation(m, OUTPUT)) {
            blockOutput = m.getSimpleName().toString();
          }
        }
      }
    }
    for (ExecutableElement method : methods) {
      String inner = method.getSimpleName().toString();
      boolean output = false;
      AnnotationMirror layerAnnotation = null;
      for (AnnotationMirror m : method.getAnnotationMirrors()) {
        String qualified = ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
        if (qualified.equals(OUTPUT)) {
          output = true;
        } else if (isLayerAnnotation(qualified)) {
          if (layerAnnotation != null) {
            put(sources, scope, inner, method, layerAnnotation);
            out.add(Message.TWO_LAYER_ANNOTATIONS.at(Location.layer(scope.name(inner, false)),
                scope.name(inner, false), simpleName(layerAnnotation), simpleName(m)));
          } else {
            layerAnnotation = m;
          }
        }
      }
      boolean isStaticOrDefault = method.getModifiers().contains(Modifier.STATIC)
          || method.getModifiers().contains(Modifier.DEFAULT);
      String name = scope.name(inner, inner.equals(blockOutput));
      if (layerAnnotation == null) {
        if (!isStaticOrDefault || output) {
          put(sources, scope, name, method, null);
          out.add(Message.NO_LAYER_ANNOTATION.at(Location.layer(name), name, LayerKinds.annotationList()
              + " or @Block"));
        }
        continue;
      }
      if (layers.stream().anyMatch(l -> l.name().equals(name))) {
        put(sources, scope, name + "#" + layers.size(), method, layerAnnotation);
        String origin = scope.top() ? blockOrigins.get(name) : scope.origin(inner);
        Location at = Location.layer(name + "#" + layers.size());
        out.add(origin == null ? Message.OVERLOADED.at(at, name) : Message.BLOCK_NAME_CLASH.at(at, name, origin));
        continue;
      }
      put(sources, scope, name, method, layerAnnotation);
      if (!scope.top()) {
        blockOrigins.put(name, scope.origin(inner));
      }
      String constant = Names.constant(name);
      // a block use's name is taken by the block's output layer, registered when the block is read
      String clash = isBlock(layerAnnotation) ? null : constants.putIfAbsent(constant, name);
      if (clash != null) {
        out.add(Message.CONSTANT_CLASH.at(Location.layer(name), clash, name, constant));
      }
      if (!method.getTypeParameters().isEmpty()) {
        out.add(Message.GENERIC_METHOD.at(Location.layer(name), name));
      }
      if (!method.getReturnType().toString().equals(TENSOR)) {
        out.add(Message.WRONG_RETURN_TYPE.at(Location.layer(name), name, method.getReturnType().toString()));
      }
      List<String> inputs = new ArrayList<>();
      List<? extends VariableElement> params = method.getParameters();
      for (int i = 0; i < params.size(); i++) {
        VariableElement p = params.get(i);
        if (!p.asType().toString().equals(TENSOR)) {
          out.add(Message.WRONG_PARAMETER_TYPE.at(Location.parameter(name, i), p.getSimpleName().toString(), name,
              p.asType().toString()));
        }
        String from = p.getSimpleName().toString();
        if (!scope.top()) {
          from = own.contains(from) ? scope.name(from, from.equals(blockOutput))
              : scope.bound().getOrDefault(from, from);
        }
        inputs.add(from);
      }
      if (isBlock(layerAnnotation)) {
        expandBlock(name, method, layerAnnotation, inputs, output, scope, layers, sources, constants);
        continue;
      }
      LayerKind<?> kind = LayerKinds.byAnnotation(qualifiedName(layerAnnotation)).orElseThrow();
      if (!scope.top() && kind.arity() == LayerKind.Arity.NONE) {
        out.add(Message.BLOCK_WITH_INPUT.at(Location.layer(name), name, inner));
        continue;
      }
      AnnotationValues values = new AnnotationValues(name, layerAnnotation, out, scope::resolve, scope.stride(),
          !scope.top());
      Layer layer = kind.read(values);
      if (!values.failed()) {
        layers.add(new LayerNode(name, layer, inputs, scope.top() && output));
      }
    }
  }

  /** Reads the block a {@code @Block} method uses into {@code layers}, its output named {@code name}. */
  private void expandBlock(String name, ExecutableElement method, AnnotationMirror use, List<String> inputs,
                           boolean output, Scope scope, List<LayerNode> layers, SourceMap sources,
                           Map<String, String> constants) {
    AnnotationValue v = valueWithDefault(use, "value");
    if (v == null || !(v.getValue() instanceof javax.lang.model.type.DeclaredType dt)
        || !(dt.asElement() instanceof TypeElement block)) {
      out.add(Message.UNREADABLE.at(Location.attribute(name, "value"), name, "value", String.valueOf(v)));
      return;
    }
    String blockName = block.getQualifiedName().toString();
    if (block.getKind() != ElementKind.INTERFACE) {
      String kind = block.getKind().toString().toLowerCase().replace('_', ' ');
      out.add(Message.BLOCK_NOT_AN_INTERFACE.at(Location.layer(name), name, block.getSimpleName(),
          Message.withArticle(kind)));
      return;
    }
    if (scope.stack().contains(blockName)) {
      out.add(Message.BLOCK_USES_ITSELF.at(Location.layer(name), name, block.getSimpleName(),
          String.join(" → ", scope.stack())));
      return;
    }
    int declaredWidth = intValue(use, "width");
    int stride = intValue(use, "stride");
    if (stride == 0 && !scope.top()) {
      stride = scope.stride(); // a use inside a block declared with stride = Block.STRIDE takes its own use's stride
    }
    // Inside a block, Block.W1 … W8 take the enclosing use's widths; a plain width multiplies the enclosing one.
    Integer width = scope.top() ? Integer.valueOf(declaredWidth) : scope.resolve(declaredWidth);
    List<Integer> widths = new ArrayList<>();
    for (Object o : annotationList(use, "widths")) {
      Integer w = o instanceof Integer i ? (scope.top() ? i : scope.resolve(i)) : null;
      if (w == null || w < 1) {
        out.add(Message.BLOCK_WIDTHS.at(Location.layer(name), name, annotationList(use, "widths"), scope.top() ? ""
            : " (Block.W1 … W8 name the enclosing use's widths " + scope.widths() + ")"));
        return;
      }
      widths.add(w);
    }
    if (width == null) {
      out.add(Message.BLOCK_MISSING_WIDTH.at(Location.layer(name), name, -declaredWidth, scope.widths()));
      return;
    }
    if (width < 1 || stride < 1) {
      out.add(Message.BLOCK_SIZE.at(Location.layer(name), name, width, stride));
      return;
    }
    // The block's free inputs: parameters naming no layer of the block, in order of first appearance.
    Set<String> own = new java.util.HashSet<>();
    List<String> free = new ArrayList<>();
    int outputs = 0;
    for (Element e : block.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD && layerAnnotation((ExecutableElement) e) != null) {
        own.add(e.getSimpleName().toString());
        outputs += hasAnnotation((ExecutableElement) e, OUTPUT) ? 1 : 0;
      }
    }
    for (Element e : block.getEnclosedElements()) {
      if (e.getKind() == ElementKind.METHOD && layerAnnotation((ExecutableElement) e) != null) {
        for (VariableElement p : ((ExecutableElement) e).getParameters()) {
          String n = p.getSimpleName().toString();
          if (!own.contains(n) && !free.contains(n)) {
            free.add(n);
          }
        }
      }
    }
    if (outputs != 1) {
      out.add(Message.BLOCK_OUTPUTS.at(Location.layer(name), name, block.getSimpleName(), outputs));
      return;
    }
    if (free.size() != inputs.size()) {
      out.add(Message.BLOCK_INPUTS.at(Location.layer(name), name, block.getSimpleName(),
          Message.count(free.size(), "input"), free, inputs.size(), inputs));
      return;
    }
    Map<String, String> bound = new HashMap<>();
    for (int i = 0; i < free.size(); i++) {
      bound.put(free.get(i), inputs.get(i));
    }
    sources.block(block);
    List<String> stack = new ArrayList<>(scope.stack());
    stack.add(blockName);
    ExecutableElement useMethod = scope.top() ? method : scope.useMethod();
    AnnotationMirror useAnnotation = scope.top() ? use : scope.useAnnotation();
    Scope inner = new Scope(name, bound, name, width, stride, widths, useMethod, useAnnotation, stack);
    int before = layers.size();
    readLayers(block, inner, layers, sources, constants);
    if (output && scope.top()) { // inside a block, @Output marks the block's output, not the network's
      for (int i = before; i < layers.size(); i++) {
        LayerNode n = layers.get(i);
        if (n.name().equals(name)) {
          layers.set(i, new LayerNode(n.name(), n.layer(), n.inputs(), true));
        }
      }
    }
  }

  private static void put(SourceMap sources, Scope scope, String name, ExecutableElement method,
                          AnnotationMirror annotation) {
    if (scope.top()) {
      sources.put(name, method, annotation);
    } else {
      sources.put(name, scope.useMethod(), scope.useAnnotation());
    }
  }

  private static AnnotationMirror layerAnnotation(ExecutableElement method) {
    for (AnnotationMirror m : method.getAnnotationMirrors()) {
      if (isLayerAnnotation(qualifiedName(m))) {
        return m;
      }
    }
    return null;
  }

  /** A layer kind's annotation, or {@code @Block} (a use of a block, which stands for its layers). */
  private static boolean isLayerAnnotation(String qualified) {
    return qualified.equals(BLOCK) || LayerKinds.byAnnotation(qualified).isPresent();
  }

  private static boolean isBlock(AnnotationMirror m) {
    return qualifiedName(m).equals(BLOCK);
  }

  private static String qualifiedName(AnnotationMirror m) {
    return ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  private static boolean hasAnnotation(ExecutableElement method, String qualified) {
    for (AnnotationMirror m : method.getAnnotationMirrors()) {
      if (qualifiedName(m).equals(qualified)) {
        return true;
      }
    }
    return false;
  }

  private static List<Object> annotationList(AnnotationMirror m, String attribute) {
    return elements(valueWithDefault(m, attribute));
  }

  static List<Object> elements(AnnotationValue v) {
    return AnnotationValues.elements(v);
  }

  private static int intValue(AnnotationMirror m, String attribute) {
    AnnotationValue v = valueWithDefault(m, attribute);
    return v != null && v.getValue() instanceof Integer i ? i : 0;
  }

  /** A simple Java identifier that is not a keyword (nor {@code true}, {@code false}, {@code null}). */
  private static boolean validClassName(String name) {
    return javax.lang.model.SourceVersion.isIdentifier(name) && !javax.lang.model.SourceVersion.isKeyword(name)
        && name.chars().noneMatch(Character::isIdentifierIgnorable);
  }

  private int errors() {
    return (int) out.stream().filter(Diagnostic::isError).count();
  }

  static String simpleName(AnnotationMirror m) {
    return AnnotationValues.simpleName(m);
  }

  private static String packageOf(Element e) {
    while (e != null && !(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return e == null ? "" : ((PackageElement) e).getQualifiedName().toString();
  }

  static AnnotationValue valueWithDefault(AnnotationMirror m, String attribute) {
    return AnnotationValues.valueWithDefault(m, attribute);
  }

  private static String stringValue(AnnotationMirror m, String attribute) {
    AnnotationValue v = valueWithDefault(m, attribute);
    return v != null && v.getValue() instanceof String s ? s : "";
  }

  private static List<String> enumListValue(AnnotationMirror m, String attribute) {
    List<String> names = new ArrayList<>();
    AnnotationValue v = valueWithDefault(m, attribute);
    if (v != null && v.getValue() instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof AnnotationValue av && av.getValue() instanceof VariableElement ve) {
          names.add(ve.getSimpleName().toString());
        }
      }
    }
    return names;
  }
}
