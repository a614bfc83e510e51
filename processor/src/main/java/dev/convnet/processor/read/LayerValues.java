package dev.convnet.processor.read;

import dev.convnet.processor.diag.Diagnostic;
import dev.convnet.processor.diag.Messages;
import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.Dim;
import dev.convnet.processor.model.Layer;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.VariableElement;

/** Reads one layer annotation's values (with defaults) into a {@link Layer}. */
final class LayerValues {
  private final String layer;
  private final AnnotationMirror mirror;
  private final List<Diagnostic> out;
  private final java.util.function.IntFunction<Integer> filterCount;
  private final int blockStride;
  private final boolean inBlock;
  private boolean failed;

  /**
   * @param filterCount a block's filter counts: {@code Block.W1} … resolved from the use's widths (null when
   *                    missing), plain counts multiplied by the use's width
   */
  LayerValues(String layer, AnnotationMirror mirror, List<Diagnostic> out,
              java.util.function.IntFunction<Integer> filterCount, int blockStride, boolean inBlock) {
    this.layer = layer;
    this.mirror = mirror;
    this.out = out;
    this.filterCount = filterCount;
    this.blockStride = blockStride;
    this.inBlock = inBlock;
  }

  /** A filter count; in a block, {@code Block.W1} … {@code W8} or a count scaled by the use's width. */
  private int filters() {
    int f = integer("filters");
    if (!inBlock) {
      return f;
    }
    Integer resolved = filterCount.apply(f);
    if (resolved == null) {
      if (!failed) {
        out.add(Messages.blockProblem(layer, "filters = Block.W" + -f + " names an entry the use's widths do not"
            + " give; add it to @Block(widths = {...})"));
      }
      failed = true;
      return 1;
    }
    return resolved;
  }

  /** A stride; inside a block, {@code Block.STRIDE} (0) takes the use's stride. */
  private Dim stride(Dim fallback) {
    Dim d = dim("stride", fallback);
    if (inBlock && (d.h() == 0 || d.w() == 0)) {
      return new Dim(d.h() == 0 ? blockStride : d.h(), d.w() == 0 ? blockStride : d.w());
    }
    return d;
  }

  Layer toLayer(String kind) {
    Layer result = switch (kind) {
      case "Input" -> new Layer.Input(integer("channels"), integer("height"), integer("width"));
      case "Conv" -> conv();
      case "TransposedConv" -> new Layer.TransposedConv(filters(), dim("kernel", null),
          stride(null), dim("pad", null), dim("outputPad", null), dim("dilation", null), bool("bias"),
          act("activation"));
      case "MaxPool", "AvgPool", "L2Pool" -> {
        Dim window = dim("window", null);
        Layer.PoolKind pk = kind.equals("MaxPool") ? Layer.PoolKind.MAX
            : kind.equals("AvgPool") ? Layer.PoolKind.AVG : Layer.PoolKind.L2;
        yield new Layer.Pool(pk, window, stride(window), dim("pad", null), enumName("edge").equals("CEIL"));
      }
      case "Subsampling" -> {
        Dim window = dim("window", null);
        yield new Layer.Subsampling(window, stride(window), act("activation"));
      }
      case "Add" -> new Layer.Add(act("activation"));
      case "Concat" -> new Layer.Concat();
      case "BatchNorm" -> new Layer.BatchNorm(real("eps"), real("momentum"), bool("affine"), act("activation"));
      case "Dropout" -> new Layer.Dropout(real("rate"), longValue("seed"));
      case "LocalResponseNorm" -> new Layer.Lrn(integer("size"), real("alpha"), real("beta"), real("k"));
      case "GlobalAvgPool" -> new Layer.GlobalAvgPool();
      case "Rbf" -> new Layer.Rbf(integer("units"), strings("prototypes"));
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
    List<String> table = strings("table");
    List<Double> weights = values("weights", Double.class);
    return new Layer.Conv(filters(), dim("kernel", null), stride(null), padMode,
        padValues.isEmpty() ? Dim.of(0) : dim("pad", null), dim("dilation", null), bool("bias"),
        act("activation"), table, integer("groups"), weights);
  }

  private List<String> strings(String attribute) {
    return values(attribute, String.class);
  }

  /** An array attribute's elements, each of {@code type} (else the attribute is unreadable). */
  private <T> List<T> values(String attribute, Class<T> type) {
    List<T> values = new ArrayList<>();
    for (Object o : list(attribute)) {
      if (type.isInstance(o)) {
        values.add(type.cast(o));
      } else {
        unreadable(attribute);
      }
    }
    return values;
  }

  private long longValue(String attribute) {
    return scalar(attribute, Long.class, 0L);
  }

  private AnnotationValue value(String attribute) {
    return NetworkReader.valueWithDefault(mirror, attribute);
  }

  /** A single value of {@code type} (with the annotation's default), or {@code fallback} after reporting it. */
  private <T> T scalar(String attribute, Class<T> type, T fallback) {
    AnnotationValue v = value(attribute);
    if (v != null && type.isInstance(v.getValue())) {
      return type.cast(v.getValue());
    }
    unreadable(attribute);
    return fallback;
  }

  private int integer(String attribute) {
    return scalar(attribute, Integer.class, 1);
  }

  private boolean bool(String attribute) {
    return scalar(attribute, Boolean.class, false);
  }

  private double real(String attribute) {
    return scalar(attribute, Double.class, 0.0);
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
    if (v == null || !(v.getValue() instanceof List<?>)) {
      unreadable(attribute);
    }
    return NetworkReader.elements(v);
  }

  /** One number for both axes or {height, width}; an empty array means {@code fallback}. */
  private Dim dim(String attribute, Dim fallback) {
    List<Object> values = list(attribute);
    if (values.isEmpty() && fallback != null) {
      return fallback;
    }
    if (values.size() != 1 && values.size() != 2) {
      if (!failed) {
        out.add(Messages.badPair(layer, NetworkReader.simpleName(mirror), attribute, values.size()));
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
