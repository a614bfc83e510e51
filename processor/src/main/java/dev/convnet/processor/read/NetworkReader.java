package dev.convnet.processor.read;

import dev.convnet.processor.diag.Diagnostic;
import dev.convnet.processor.diag.Messages;
import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.Dim;
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
  static final String PACKAGE = "dev.convnet.annotations";
  static final String TENSOR = PACKAGE + ".Tensor";
  static final Set<String> LAYER_ANNOTATIONS = Set.of("Input", "Conv", "TransposedConv", "MaxPool", "AvgPool",
      "L2Pool", "Subsampling", "Dense", "Activate");

  /** The model (absent if the declaration could not be read) and where everything was declared. */
  public record Result(Optional<NetworkModel> model, SourceMap sources) {}

  private final List<Diagnostic> out;

  public NetworkReader(List<Diagnostic> out) {
    this.out = out;
  }

  public Result read(TypeElement type, AnnotationMirror networkAnnotation) {
    SourceMap sources = new SourceMap(type, networkAnnotation);
    if (type.getKind() != ElementKind.INTERFACE) {
      out.add(Messages.notAnInterface(type.getKind().toString().toLowerCase().replace('_', ' ')));
      return new Result(Optional.empty(), sources);
    }
    if (!type.getTypeParameters().isEmpty()) {
      out.add(Messages.genericNetwork());
      return new Result(Optional.empty(), sources);
    }
    if (type.getNestingKind() == NestingKind.MEMBER && type.getModifiers().contains(Modifier.PRIVATE)) {
      out.add(Messages.nestedNotStatic());
      return new Result(Optional.empty(), sources);
    }
    int errorsBefore = errors();
    List<LayerNode> layers = new ArrayList<>();
    Map<String, String> constants = new HashMap<>();
    for (Element e : type.getEnclosedElements()) {
      if (e.getKind() != ElementKind.METHOD) {
        continue;
      }
      ExecutableElement method = (ExecutableElement) e;
      String name = method.getSimpleName().toString();
      AnnotationMirror layerAnnotation = null;
      boolean output = false;
      for (AnnotationMirror m : method.getAnnotationMirrors()) {
        String qualified = ((TypeElement) m.getAnnotationType().asElement()).getQualifiedName().toString();
        if (!qualified.startsWith(PACKAGE + ".")) {
          continue;
        }
        String simple = qualified.substring(PACKAGE.length() + 1);
        if (simple.equals("Output")) {
          output = true;
        } else if (LAYER_ANNOTATIONS.contains(simple)) {
          if (layerAnnotation != null) {
            sources.put(name, method, layerAnnotation);
            out.add(Messages.twoLayerAnnotations(name, simpleName(layerAnnotation), simple));
          } else {
            layerAnnotation = m;
          }
        }
      }
      boolean isStaticOrDefault = method.getModifiers().contains(Modifier.STATIC)
          || method.getModifiers().contains(Modifier.DEFAULT);
      if (layerAnnotation == null) {
        if (!isStaticOrDefault || output) {
          sources.put(name, method, null);
          out.add(Messages.noLayerAnnotation(name));
        }
        continue;
      }
      if (layers.stream().anyMatch(l -> l.name().equals(name))) {
        sources.put(name + "#" + layers.size(), method, layerAnnotation);
        out.add(withLayer(Messages.overloaded(name), name + "#" + layers.size()));
        continue;
      }
      sources.put(name, method, layerAnnotation);
      String constant = Names.constant(name);
      String clash = constants.putIfAbsent(constant, name);
      if (clash != null) {
        out.add(Messages.nameClash(name, clash, constant));
      }
      if (!method.getTypeParameters().isEmpty()) {
        out.add(Messages.genericMethod(name));
      }
      if (!method.getReturnType().toString().equals(TENSOR)) {
        out.add(Messages.wrongReturnType(name, method.getReturnType().toString()));
      }
      List<String> inputs = new ArrayList<>();
      List<? extends VariableElement> params = method.getParameters();
      for (int i = 0; i < params.size(); i++) {
        VariableElement p = params.get(i);
        if (!p.asType().toString().equals(TENSOR)) {
          out.add(Messages.wrongParameterType(name, i, p.getSimpleName().toString(), p.asType().toString()));
        }
        inputs.add(p.getSimpleName().toString());
      }
      Layer layer = new LayerValues(name, layerAnnotation, out).toLayer(simpleName(layerAnnotation));
      if (layer != null) {
        layers.add(new LayerNode(name, layer, inputs, output));
      }
    }
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
      out.add(Messages.badClassName(className));
      return new Result(Optional.empty(), sources);
    }
    if (className.equals(interfaceName) || (f64 && (className + "64").equals(interfaceName))) {
      out.add(Messages.classNameClash(className, interfaceName));
      return new Result(Optional.empty(), sources);
    }
    AnnotationValue vector = valueWithDefault(networkAnnotation, "vectorApi");
    boolean vectorApi = vector != null && Boolean.TRUE.equals(vector.getValue());
    return new Result(Optional.of(new NetworkModel(pkg, interfaceName, className, f32, f64, layers, vectorApi)),
        sources);
  }

  /** A simple Java identifier that is not a keyword (nor {@code true}, {@code false}, {@code null}). */
  private static boolean validClassName(String name) {
    return javax.lang.model.SourceVersion.isIdentifier(name) && !javax.lang.model.SourceVersion.isKeyword(name)
        && name.chars().noneMatch(Character::isIdentifierIgnorable);
  }

  private static Diagnostic withLayer(Diagnostic d, String layer) {
    return new Diagnostic(d.severity(), d.tag(), d.message(), dev.convnet.processor.diag.Location.layer(layer));
  }

  private int errors() {
    return (int) out.stream().filter(Diagnostic::isError).count();
  }

  private static String simpleName(AnnotationMirror m) {
    return m.getAnnotationType().asElement().getSimpleName().toString();
  }

  private static String packageOf(Element e) {
    while (e != null && !(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return e == null ? "" : ((PackageElement) e).getQualifiedName().toString();
  }

  private static AnnotationValue valueWithDefault(AnnotationMirror m, String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : m.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue();
      }
    }
    for (Element e : m.getAnnotationType().asElement().getEnclosedElements()) {
      if (e instanceof ExecutableElement x && x.getSimpleName().contentEquals(attribute)) {
        return x.getDefaultValue();
      }
    }
    return null;
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

  /** Reads one layer annotation's values (with defaults) into a {@link Layer}. */
  private static final class LayerValues {
    private final String layer;
    private final AnnotationMirror mirror;
    private final List<Diagnostic> out;
    private boolean failed;

    LayerValues(String layer, AnnotationMirror mirror, List<Diagnostic> out) {
      this.layer = layer;
      this.mirror = mirror;
      this.out = out;
    }

    Layer toLayer(String kind) {
      Layer result = switch (kind) {
        case "Input" -> new Layer.Input(integer("channels"), integer("height"), integer("width"));
        case "Conv" -> conv();
        case "TransposedConv" -> new Layer.TransposedConv(integer("filters"), dim("kernel", null),
            dim("stride", null), dim("pad", null), dim("outputPad", null), dim("dilation", null), bool("bias"),
            act("activation"));
        case "MaxPool", "AvgPool", "L2Pool" -> {
          Dim window = dim("window", null);
          Layer.PoolKind pk = kind.equals("MaxPool") ? Layer.PoolKind.MAX
              : kind.equals("AvgPool") ? Layer.PoolKind.AVG : Layer.PoolKind.L2;
          yield new Layer.Pool(pk, window, dim("stride", window), dim("pad", null), enumName("edge").equals("CEIL"));
        }
        case "Subsampling" -> {
          Dim window = dim("window", null);
          yield new Layer.Subsampling(window, dim("stride", window), act("activation"));
        }
        case "Dense" -> new Layer.Dense(integer("units"), bool("bias"), act("activation"));
        case "Activate" -> new Layer.Activation(act("value"));
        default -> throw new IllegalStateException("unknown layer annotation @" + kind);
      };
      return failed ? null : result;
    }

    private Layer conv() {
      String mode = enumName("padding");
      boolean padWritten = mirror.getElementValues().keySet().stream()
          .anyMatch(k -> k.getSimpleName().contentEquals("pad"));
      List<Object> padValues = list("pad");
      Layer.PadMode padMode;
      if (!padValues.isEmpty() || padWritten) {
        if (!mode.equals("VALID")) {
          out.add(Messages.padAndPadding(layer, mode));
          failed = true;
        }
        padMode = Layer.PadMode.EXPLICIT;
      } else {
        padMode = Layer.PadMode.valueOf(mode.isEmpty() ? "VALID" : mode);
      }
      List<String> table = new ArrayList<>();
      for (Object o : list("table")) {
        if (o instanceof String s) {
          table.add(s);
        } else {
          unreadable("table");
        }
      }
      return new Layer.Conv(integer("filters"), dim("kernel", null), dim("stride", null), padMode,
          padValues.isEmpty() ? Dim.of(0) : dim("pad", null), dim("dilation", null), bool("bias"),
          act("activation"), table);
    }

    private AnnotationValue value(String attribute) {
      return valueWithDefault(mirror, attribute);
    }

    private int integer(String attribute) {
      AnnotationValue v = value(attribute);
      if (v != null && v.getValue() instanceof Integer i) {
        return i;
      }
      unreadable(attribute);
      return 1;
    }

    private boolean bool(String attribute) {
      AnnotationValue v = value(attribute);
      if (v != null && v.getValue() instanceof Boolean b) {
        return b;
      }
      unreadable(attribute);
      return false;
    }

    private double real(String attribute) {
      AnnotationValue v = value(attribute);
      if (v != null && v.getValue() instanceof Double d) {
        return d;
      }
      unreadable(attribute);
      return 0;
    }

    private String enumName(String attribute) {
      AnnotationValue v = value(attribute);
      if (v != null && v.getValue() instanceof VariableElement e) {
        return e.getSimpleName().toString();
      }
      unreadable(attribute);
      return "";
    }

    private List<Object> list(String attribute) {
      AnnotationValue v = value(attribute);
      List<Object> values = new ArrayList<>();
      if (v != null && v.getValue() instanceof List<?> l) {
        for (Object o : l) {
          values.add(o instanceof AnnotationValue av ? av.getValue() : o);
        }
      } else {
        unreadable(attribute);
      }
      return values;
    }

    /** One number for both axes or {height, width}; an empty array means {@code fallback}. */
    private Dim dim(String attribute, Dim fallback) {
      List<Object> values = list(attribute);
      if (values.isEmpty() && fallback != null) {
        return fallback;
      }
      if (values.size() != 1 && values.size() != 2) {
        if (!failed) {
          out.add(Messages.badPair(layer, simpleName(mirror), attribute, values.size()));
        }
        failed = true;
        return Dim.of(1);
      }
      int[] n = new int[values.size()];
      for (int i = 0; i < n.length; i++) {
        if (!(values.get(i) instanceof Integer x)) {
          unreadable(attribute);
          return Dim.of(1);
        }
        n[i] = x;
      }
      return n.length == 1 ? Dim.of(n[0]) : new Dim(n[0], n[1]);
    }

    private Act act(String attribute) {
      String name = enumName(attribute);
      if (name.isEmpty()) {
        return Act.IDENTITY;
      }
      return new Act(Act.Kind.valueOf(name), real("slope"));
    }

    private void unreadable(String attribute) {
      if (!failed) {
        AnnotationValue v = value(attribute);
        out.add(Messages.unreadable(layer, attribute, String.valueOf(v)));
      }
      failed = true;
    }
  }
}
