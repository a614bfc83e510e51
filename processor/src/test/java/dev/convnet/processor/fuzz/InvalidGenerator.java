package dev.convnet.processor.fuzz;

import static dev.convnet.processor.diag.Message.*;

import dev.convnet.processor.diag.Message;
import dev.convnet.processor.fuzz.LayerSpec.Act;
import dev.convnet.processor.fuzz.LayerSpec.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Random INVALID declarations, all legal Java: a small valid network with one mistake that the processor must
 * report, drawn from every diagnostic it knows (options, graph, shapes, tables, declaration form, the combining,
 * normalizing, grouped, frozen and RBF layers and blocks) and from random
 * mutations (wrong types, missing annotations, negative and huge numbers, unknown names, cycles, bad class names,
 * non-interface and nested declarations).
 */
final class InvalidGenerator {
  /**
   * One invalid declaration: its simple name, source, the mistake made and the messages that mistake may be reported
   * with (exactly one error of one of them is expected).
   */
  record Case(String name, String source, String mistake, Set<Message> messages) {}

  private static final int[] HUGE = {Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 1 << 30, 1 << 24, 65536, 46341};
  private static final int[] NOT_POSITIVE_VALUES = {0, -1, -7, Integer.MIN_VALUE};

  private final SplittableRandom random;
  private final NetGenerator valid;

  InvalidGenerator(SplittableRandom random) {
    this.random = random;
    this.valid = new NetGenerator(random);
  }

  private int between(int lo, int hi) {
    return random.nextInt(lo, hi + 1);
  }

  private boolean chance(double p) {
    return random.nextDouble() < p;
  }

  private int pick(int[] values) {
    return values[random.nextInt(values.length)];
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /**
   * A mutation: from a valid base network (its name already set) to the invalid source, with the messages its mistake
   * may be reported with (more than one where a random choice decides which mistake is made).
   */
  private record Mutation(String mistake, Set<Message> messages, Function<NetSpec, String> apply) {
    Mutation(String mistake, Message message, Function<NetSpec, String> apply) {
      this(mistake, EnumSet.of(message), apply);
    }
  }

  private final List<Mutation> mutations = List.of(
      new Mutation("non-positive size", NOT_POSITIVE, this::notPositive),
      new Mutation("negative padding", NEGATIVE, this::negativePad),
      new Mutation("three or no numbers for a size", BAD_PAIR, this::badPair),
      new Mutation("pad and padding", PAD_AND_PADDING, n -> first(conv(n, l -> {
        l.pad = chance(0.5) ? LayerSpec.Pad.SAME : LayerSpec.Pad.FULL;
        l.kh = l.kw = 1;
      }), "padding = Padding.", "pad = " + between(0, 2) + ", padding = Padding.")),
      new Mutation("SAME with an even kernel", SAME_PADDING_EVEN, n -> conv(n, l -> {
        l.pad = LayerSpec.Pad.SAME;
        l.kh = 2 * between(1, 2);
        l.dh = 1;
      })),
      new Mutation("SAME with a stride", SAME_WITH_STRIDE, n -> conv(n, l -> {
        l.pad = LayerSpec.Pad.SAME;
        l.kh = l.kw = 1;
        l.sh = between(2, 3);
      })),
      new Mutation("pool padding over half the window", POOL_PAD_TOO_LARGE, n -> insert(n, pool(l -> {
        l.kh = between(1, 3);
        l.ph = l.kh / 2 + between(1, 2);
      }))),
      new Mutation("output padding too large", OUTPUT_PAD_TOO_LARGE, n -> insert(n, transposed(l -> {
        l.sh = between(1, 3);
        l.dh = between(1, 2);
        l.oph = Math.max(l.sh, l.dh) + between(0, 1);
      }))),
      new Mutation("softmax on a hidden layer", SOFTMAX_NOT_OUTPUT, this::hiddenSoftmax),
      new Mutation("bad leaky slope", LEAKY_SLOPE, this::badSlope),
      new Mutation("method without a layer annotation", NO_LAYER_ANNOTATION, this::noAnnotation),
      new Mutation("only @Output", NO_LAYER_ANNOTATION, n -> outputOnly(n)),
      new Mutation("two layer annotations", TWO_LAYER_ANNOTATIONS, this::addToLastAnnotation),
      new Mutation("wrong return type", WRONG_RETURN_TYPE, n -> lastMethod(n, "Tensor " + n.last().name + "(",
          pick(List.of("int ", "void ", "String ", "Object ", "Tensor[] ", "java.util.List<Tensor> ", "double "))
              + n.last().name + "(")),
      new Mutation("wrong parameter type", WRONG_PARAMETER_TYPE, n -> lastMethod(n, "(Tensor " + n.last().from + ")",
          "(" + pick(List.of("String ", "int ", "Tensor[] ", "java.util.List<Tensor> ", "Object ", "float... "))
              + n.last().from + ")")),
      new Mutation("generic layer method", GENERIC_METHOD, n -> lastMethod(n, "  Tensor " + n.last().name + "(",
          "  <T> Tensor " + n.last().name + "(")),
      new Mutation("overloaded layer name", OVERLOADED, n -> appendMembers(n, "  @Dense(units = 2) Tensor "
          + n.last().name + "(Tensor " + n.last().from + ", Tensor " + n.inputName + "2);\n")),
      new Mutation("layer names that make the same constant", CONSTANT_CLASH, this::nameClash),
      new Mutation("@Output on the input", OUTPUT_ON_INPUT, n -> n.source().replace("  @Input(", "  @Output @Input(")),
      new Mutation("no input layer", NO_INPUT, n -> removeLine(n, "@Input(")),
      new Mutation("two input layers", TWO_INPUTS, n -> appendMembers(n,
          "  @Input(height = 3, width = 3) Tensor second();\n")),
      new Mutation("no output", NO_OUTPUT, this::noOutput),
      new Mutation("two outputs", TWO_OUTPUTS, this::twoOutputs),
      new Mutation("input layer with parameters", INPUT_WITH_PARAMETERS, n -> n.source().replace(
          "Tensor " + n.inputName + "();", "Tensor " + n.inputName + "(Tensor " + n.last().name + ");")),
      new Mutation("layer without inputs", NO_INPUTS, n -> lastMethod(n, "(Tensor " + n.last().from + ")", "()")),
      new Mutation("layer with two inputs", ARITY, this::twoInputs),
      new Mutation("unknown input", UNKNOWN_INPUT, n -> lastMethod(n, "(Tensor " + n.last().from + ")",
          "(Tensor " + pick(List.of(n.last().from + "x", "nope", "Input", n.last().from.toUpperCase() + "_",
              "x" + between(0, 99))) + ")")),
      new Mutation("self input", SELF_INPUT, n -> lastMethod(n, "(Tensor " + n.last().from + ")",
          "(Tensor " + n.last().name + ")")),
      new Mutation("a cycle", CYCLE, this::cycle),
      new Mutation("windowed layer after a dense layer", NEEDS_MAP, this::afterDense),
      new Mutation("kernel larger than the input", EnumSet.of(KERNEL_TOO_LARGE, WINDOW_TOO_LARGE),
          n -> insert(n, pick(List.of(
              conv(l -> l.kh = n.height + between(1, 30)),
              pool(l -> l.kw = n.width + between(1, 30)),
              subsampling(l -> l.kh = n.height + between(1, 5)),
              conv(l -> {
                l.kw = 2;
                l.dw = n.width + between(0, 9);
              }))))),
      new Mutation("transposed convolution with an empty output", EMPTY_OUTPUT, n -> insert(n, transposed(l -> {
        l.kh = 1;
        l.ph = n.height + between(0, 5);
      }))),
      new Mutation("table with the wrong number of rows", TABLE_ROWS, n -> conv(n, l -> {
        l.filters = 2;
        l.table = new String[n.channels + between(1, 2)];
        java.util.Arrays.fill(l.table, "XX");
      })),
      new Mutation("table rows of the wrong length", TABLE_COLUMNS, n -> conv(n, l -> {
        l.filters = between(1, 3);
        l.table = new String[n.channels];
        java.util.Arrays.fill(l.table, "X".repeat(l.filters));
        l.table[between(0, n.channels - 1)] = chance(0.5) ? "X".repeat(l.filters + 1) : "X".repeat(l.filters - 1);
      })),
      new Mutation("table with a bad character", TABLE_CHARACTER, n -> conv(n, l -> {
        l.filters = 2;
        l.table = new String[n.channels];
        java.util.Arrays.fill(l.table, "XX");
        l.table[between(0, n.channels - 1)] = pick(List.of("X-", "x.", "1X", "X ", "XO", "X\\\"", "ÄX"));
      })),
      new Mutation("table with an empty column", TABLE_EMPTY_OUTPUT, n -> conv(n, l -> {
        l.filters = 2;
        l.table = new String[n.channels];
        java.util.Arrays.fill(l.table, "X.");
      })),
      new Mutation("huge input", OUTPUT_TOO_LARGE, n -> n.source().replaceFirst("height = \\d+, width = \\d+",
          "height = " + pick(HUGE) + ", width = " + pick(new int[] {65536, 1 << 20, Integer.MAX_VALUE}))),
      new Mutation("huge layer", EnumSet.of(KERNEL_TOO_LARGE, OUTPUT_TOO_LARGE, PADDED_INPUT_TOO_LARGE,
          UNCROPPED_TOO_LARGE), this::hugeLayer),
      new Mutation("too many parameters", PARAMETERS_TOO_LARGE, this::tooManyParameters),
      new Mutation("a concatenation too large for an array", CONCAT_TOO_LARGE, this::hugeConcat),
      new Mutation("a class, enum, record or annotation type", NOT_AN_INTERFACE, this::notAnInterface),
      new Mutation("a generic network", GENERIC_NETWORK, n -> n.source().replace("public interface " + n.name + " {",
          "public interface " + n.name + pick(List.of("<T>", "<T extends Number>", "<A, B>")) + " {")),
      new Mutation("a private nested network", PRIVATE_NESTED_NETWORK, this::privateNested),
      new Mutation("a bad class name", BAD_CLASS_NAME, n -> n.source().replace("@Network(", "@Network(className = \""
          + pick(List.of("1Net", "my net", "a.b", "class", "Net-1", " ", "int", "true", "Net()", "N\\u0000"))
          + "\", ")),
      new Mutation("the interface's own name as className", CLASS_NAME_CLASH, n -> n.source().replace("@Network(",
          "@Network(className = \"" + n.name + "\", ")),
      new Mutation("Add of different shapes", ADD_SHAPES, this::addOfDifferentShapes),
      new Mutation("Concat of different sizes", CONCAT_SHAPES, this::concatOfDifferentSizes),
      new Mutation("Add or Concat of one input", TOO_FEW_INPUTS, n -> {
        LayerSpec bad = new LayerSpec(chance(0.5) ? Kind.ADD : Kind.CONCAT, "bad", n.inputName);
        return front(n, bad);
      }),
      new Mutation("groups not dividing the maps", GROUPS_MISMATCH, this::groupsNotDividing),
      new Mutation("groups with a table", GROUPS_WITH_TABLE, n -> conv(n, l -> {
        l.filters = 2;
        l.groups = 2;
        l.table = new String[n.channels];
        java.util.Arrays.fill(l.table, "XX");
      })),
      new Mutation("wrong number of fixed weights", EnumSet.of(WEIGHTS_COUNT, BIAS_WITH_FIXED_KERNELS),
          this::wrongWeights),
      new Mutation("fixed weights that are not finite", WEIGHTS_NOT_FINITE, this::nonFiniteWeights),
      new Mutation("bad RBF prototypes", EnumSet.of(PROTOTYPE_COUNT, PROTOTYPE_LENGTH, PROTOTYPE_CHARACTER),
          this::badPrototypes),
      new Mutation("bad batch-norm options", EnumSet.of(EPS_RANGE, MOMENTUM_RANGE), this::badBatchNorm),
      new Mutation("dropout rate outside [0, 1)", DROPOUT_RATE_RANGE, n -> {
        LayerSpec d = new LayerSpec(Kind.DROPOUT, "bad", n.inputName);
        d.rate = 0.123;
        return front(n, d).replace("rate = 0.123", "rate = " + pick(List.of("1.0", "1", "1.5", "-0.1",
            "Double.NaN", "Double.POSITIVE_INFINITY", "-1e-300")));
      }),
      new Mutation("bad local response normalization options", EnumSet.of(NOT_POSITIVE, LRN_RANGE, LRN_K_RANGE),
          this::badLrn),
      new Mutation("global average pooling of a vector", NEEDS_MAP, n -> {
        LayerSpec d = new LayerSpec(Kind.DENSE, "flat", n.inputName);
        d.units = between(1, 5);
        LayerSpec g = new LayerSpec(Kind.GAP, "bad", "flat");
        return front(n, d, g);
      }),
      new Mutation("RBF with non-positive units", NOT_POSITIVE, n -> {
        LayerSpec r = new LayerSpec(Kind.RBF, "bad", n.inputName);
        r.units = pick(NOT_POSITIVE_VALUES);
        return front(n, r);
      }),
      new Mutation("block use with the wrong number of inputs", BLOCK_INPUTS, this::blockInputs),
      new Mutation("bad block", EnumSet.of(BLOCK_OUTPUTS, BLOCK_SIZE, BLOCK_WITH_INPUT, BLOCK_NOT_AN_INTERFACE),
          this::badBlock),
      new Mutation("a block that uses itself", BLOCK_USES_ITSELF, this::blockUsingItself),
      new Mutation("a layer named like a block's layer", BLOCK_NAME_CLASH, this::blockNameClash),
      new Mutation("bad block widths", EnumSet.of(BLOCK_WIDTHS, BLOCK_FILTERS_MISSING_WIDTH), this::badWidths));

  /** The number of kinds of mistakes. */
  int mistakes() {
    return mutations.size();
  }

  Case next(String name) {
    return next(name, random.nextInt(mutations.size()));
  }

  Case next(String name, int mistake) {
    Mutation m = mutations.get(mistake);
    NetSpec base = valid.valid(name, true);
    String source = m.apply.apply(base);
    return new Case(name, source, m.mistake, m.messages);
  }

  // ------------------------------------------------------------------ building blocks

  /** Inserts {@code l} as the first layer, reading the input; the rest of the chain follows it. */
  private static String insert(NetSpec n, LayerSpec l) {
    l.name = "bad";
    n.insertFirst(l);
    return n.source();
  }

  private String conv(NetSpec n, java.util.function.Consumer<LayerSpec> edit) {
    return insert(n, conv(edit));
  }

  private LayerSpec conv(java.util.function.Consumer<LayerSpec> edit) {
    LayerSpec l = new LayerSpec(Kind.CONV, "bad", "input");
    l.filters = between(1, 3);
    l.kh = l.kw = 1;
    edit.accept(l);
    return l;
  }

  private LayerSpec transposed(java.util.function.Consumer<LayerSpec> edit) {
    LayerSpec l = new LayerSpec(Kind.TRANSPOSED, "bad", "input");
    l.filters = between(1, 3);
    l.kh = l.kw = between(1, 3);
    edit.accept(l);
    return l;
  }

  private LayerSpec pool(java.util.function.Consumer<LayerSpec> edit) {
    LayerSpec l = new LayerSpec(chance(0.4) ? Kind.MAX : chance(0.5) ? Kind.AVG : Kind.L2, "bad", "input");
    l.kh = l.kw = 1;
    l.strideWritten = false;
    l.ceil = chance(0.3);
    edit.accept(l);
    l.sh = l.kh;
    l.sw = l.kw;
    return l;
  }

  private LayerSpec subsampling(java.util.function.Consumer<LayerSpec> edit) {
    LayerSpec l = new LayerSpec(Kind.SUBSAMPLING, "bad", "input");
    l.kh = l.kw = 1;
    l.strideWritten = false;
    edit.accept(l);
    return l;
  }

  private static String first(String source, String from, String to) {
    return source.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
  }

  /** Replaces text in the last layer's method line. */
  private static String lastMethod(NetSpec n, String from, String to) {
    String s = n.source();
    int at = s.lastIndexOf(from);
    if (at < 0) {
      throw new IllegalStateException("no '" + from + "' in\n" + s);
    }
    return s.substring(0, at) + to + s.substring(at + from.length());
  }

  /** Adds {@code members} at the end of the network interface (not of a block declared after it). */
  private static String appendMembers(NetSpec n, String members) {
    String s = n.source();
    int end = s.indexOf("\n}\n", s.indexOf("public interface " + n.name + " {")) + 1;
    return s.substring(0, end) + members + s.substring(end);
  }

  private static String removeLine(NetSpec n, String containing) {
    StringBuilder b = new StringBuilder();
    for (String line : n.source().split("\n", -1)) {
      if (!line.contains(containing)) {
        b.append(line).append('\n');
      }
    }
    return b.substring(0, b.length() - 1);
  }

  /** Drops the annotations of a random layer. */
  private String noAnnotation(NetSpec n) {
    LayerSpec l = n.layers.get(random.nextInt(n.layers.size()));
    return n.source().replace("  " + l.annotations() + "\n", chance(0.5) ? "" : "  /** no annotation */\n");
  }

  private String outputOnly(NetSpec n) {
    LayerSpec last = n.last();
    return n.source().replace("  " + last.annotations() + "\n", "  @Output\n");
  }

  private String addToLastAnnotation(NetSpec n) {
    LayerSpec last = n.last();
    String annotations = last.annotations();
    String other;
    do {
      other = pick(List.of(" @Activate(Activation.TANH)", " @Dense(units = 2)", " @MaxPool(window = 1)",
          " @Input(height = 2, width = 2)", " @Subsampling(window = 1)", " @Conv(filters = 1, kernel = 1)"));
    } while (annotations.contains(other.substring(1, other.indexOf('('))  + "("));
    return n.source().replace("  " + annotations + "\n", "  " + annotations + other + "\n");
  }

  // ------------------------------------------------------------------ mutations

  private String notPositive(NetSpec n) {
    int v = pick(NOT_POSITIVE_VALUES);
    switch (random.nextInt(7)) {
      case 0 -> {
        String attribute = chance(0.5) ? "height" : "width";
        return n.source().replaceFirst(attribute + " = \\d+", attribute + " = " + v);
      }
      case 1 -> {
        n.channels = v;
        n.channelsWritten = true;
        return n.source();
      }
      case 2 -> {
        return conv(n, l -> {
          switch (random.nextInt(4)) {
            case 0 -> l.filters = v;
            case 1 -> l.kh = v;
            case 2 -> l.sw = v;
            default -> l.dh = v;
          }
        });
      }
      case 3 -> {
        return insert(n, transposed(l -> {
          switch (random.nextInt(4)) {
            case 0 -> l.filters = v;
            case 1 -> l.kw = v;
            case 2 -> l.sh = v;
            default -> l.dw = v;
          }
        }));
      }
      case 4 -> {
        LayerSpec p = pool(l -> l.kh = v);
        p.strideWritten = chance(0.5);
        return insert(n, p);
      }
      case 5 -> {
        return insert(n, subsampling(l -> {
          l.strideWritten = true;
          l.sh = v;
        }));
      }
      default -> {
        LayerSpec d = new LayerSpec(Kind.DENSE, "bad", "input");
        d.units = v;
        return insert(n, d);
      }
    }
  }

  private String negativePad(NetSpec n) {
    int v = -between(1, 3);
    return switch (random.nextInt(3)) {
      case 0 -> conv(n, l -> {
        l.pad = LayerSpec.Pad.EXPLICIT;
        l.ph = v;
      });
      case 1 -> insert(n, transposed(l -> {
        if (chance(0.5)) {
          l.pw = v;
        } else {
          l.opw = v;
        }
      }));
      default -> insert(n, pool(l -> l.ph = v));
    };
  }

  private String badPair(NetSpec n) {
    String bad = pick(List.of("{1, 2, 3}", "{}", "{1, 1, 1, 1}"));
    return switch (random.nextInt(4)) {
      case 0 -> first(conv(n, l -> { }), "kernel = 1", "kernel = " + bad);
      case 1 -> first(insert(n, pool(l -> { })), "window = 1", "window = " + bad);
      case 2 -> first(conv(n, l -> l.dh = 2), "dilation = {2, 1}", "dilation = " + bad.replace("{}", "{1, 2, 1}"));
      default -> first(insert(n, transposed(l -> l.strideWritten = false)), "kernel = ",
          "stride = " + bad.replace("{}", "{2, 2, 2}") + ", kernel = ");
    };
  }

  // ------------------------------------------------------------------ mistakes in the newer layer forms

  /**
   * Puts {@code ls} (their inputs already set, reading the input or each other) right after the input; every layer
   * that read the input reads the last of them.
   */
  private static String front(NetSpec n, LayerSpec... ls) {
    String last = ls[ls.length - 1].name;
    for (LayerSpec l : n.layers) {
      l.from = l.from.equals(n.inputName) ? last : l.from;
      l.more.replaceAll(m -> m.equals(n.inputName) ? last : m);
    }
    for (int i = 0; i < ls.length; i++) {
      n.layers.add(i, ls[i]);
    }
    return n.source();
  }

  private String addOfDifferentShapes(NetSpec n) {
    LayerSpec other;
    if (chance(0.5)) { // more maps
      other = new LayerSpec(Kind.CONV, "wide", n.inputName);
      other.filters = n.channels + between(1, 2);
    } else { // a vector of the same size
      other = new LayerSpec(Kind.DENSE, "wide", n.inputName);
      other.units = n.channels * n.height * n.width;
    }
    LayerSpec bad = new LayerSpec(Kind.ADD, "bad", n.inputName);
    bad.more.add("wide");
    if (chance(0.5)) {
      bad.from = "wide";
      bad.more = new ArrayList<>(List.of(n.inputName));
    }
    return front(n, other, bad);
  }

  private String concatOfDifferentSizes(NetSpec n) {
    LayerSpec other;
    if (chance(0.5) || n.height * n.width == 1) { // a vector next to maps
      other = new LayerSpec(chance(0.5) ? Kind.GAP : Kind.DENSE, "side", n.inputName);
      other.units = between(1, 4);
    } else { // smaller maps
      other = new LayerSpec(Kind.CONV, "side", n.inputName);
      other.filters = between(1, 2);
      other.kh = n.height > 1 ? 2 : 1;
      other.kw = n.height > 1 ? 1 : 2;
    }
    LayerSpec bad = new LayerSpec(Kind.CONCAT, "bad", n.inputName);
    bad.more.add("side");
    return front(n, other, bad);
  }

  private String groupsNotDividing(NetSpec n) {
    return conv(n, l -> {
      if (chance(0.5)) { // more groups than input maps
        l.groups = n.channels + between(1, 2);
        l.filters = l.groups;
      } else { // the input maps divide, the filters do not
        l.groups = n.channels == 1 ? 2 : n.channels;
        l.filters = l.groups + 1;
      }
    });
  }

  private String wrongWeights(NetSpec n) {
    return conv(n, l -> {
      l.kh = between(1, 2);
      l.kw = between(1, 2);
      int taps = l.kh * l.kw;
      int all = l.filters * n.channels * taps;
      l.bias = false;
      int count = switch (random.nextInt(3)) {
        case 0 -> taps + 1;
        case 1 -> all + 1;
        default -> Math.max(1, all - 1) == taps ? all + taps : Math.max(1, all - 1);
      };
      if (count == taps || count == all) {
        count = all + taps + 1;
      }
      if (chance(0.2)) { // right count, but fixed kernels cannot have a bias
        count = taps;
        l.bias = true;
      }
      l.weights = new double[count];
      java.util.Arrays.fill(l.weights, 0.5);
    });
  }

  private String badPrototypes(NetSpec n) {
    LayerSpec r = new LayerSpec(Kind.RBF, "bad", n.inputName);
    int size = n.channels * n.height * n.width;
    r.units = between(1, 3);
    String good = "X".repeat(size);
    switch (random.nextInt(3)) {
      case 0 -> { // one prototype too many or too few
        r.prototypes = new String[r.units + (chance(0.5) ? 1 : -1)];
        java.util.Arrays.fill(r.prototypes, good);
      }
      case 1 -> { // one of the wrong length
        r.prototypes = new String[r.units];
        java.util.Arrays.fill(r.prototypes, good);
        r.prototypes[random.nextInt(r.units)] = chance(0.5) ? good + "." : good.substring(1);
      }
      default -> { // a character other than X and '.'
        r.prototypes = new String[r.units];
        java.util.Arrays.fill(r.prototypes, good);
        int at = random.nextInt(size);
        r.prototypes[random.nextInt(r.units)] = good.substring(0, at) + pick(List.of("x", "o", "1", " ", "-"))
            + good.substring(at + 1);
      }
    }
    if (r.prototypes.length == 0) {
      r.prototypes = new String[] {good, good};
      r.units = 1;
    }
    return front(n, r);
  }

  private String badBatchNorm(NetSpec n) {
    LayerSpec b = new LayerSpec(Kind.BATCHNORM, "bad", n.inputName);
    boolean eps = chance(0.6);
    if (eps) {
      b.eps = 0.123;
    } else {
      b.momentum = 0.123;
    }
    String s = front(n, b);
    return eps ? s.replace("eps = 0.123", "eps = " + pick(List.of("0", "0.0", "-1e-5", "-1", "Double.NaN",
        "-Double.MIN_VALUE")))
        : s.replace("momentum = 0.123", "momentum = " + pick(List.of("-0.1", "1.5", "Double.NaN", "2")));
  }

  private String badLrn(NetSpec n) {
    LayerSpec l = new LayerSpec(Kind.LRN, "bad", n.inputName);
    switch (random.nextInt(4)) {
      case 0 -> l.lrnSize = pick(NOT_POSITIVE_VALUES);
      case 1 -> l.k = -between(0, 2);
      case 2 -> l.alpha = -0.5;
      default -> l.beta = -between(1, 2);
    }
    l.longForm = true;
    return front(n, l);
  }

  /** A block of one input ({@code x}): a tanh and the residual addition. */
  private static BlockSpec residualBlock(NetSpec n) {
    BlockSpec block = new BlockSpec(n.name + "Bad"); // not the name of a block the valid base may use
    LayerSpec a = new LayerSpec(Kind.ACTIVATE, "a", "x");
    a.act = Act.TANH;
    LayerSpec out = new LayerSpec(Kind.ADD, "out", "a");
    out.more.add("x");
    out.output = true;
    block.layers.addAll(List.of(a, out));
    return block;
  }

  private String blockInputs(NetSpec n) {
    BlockSpec block = residualBlock(n);
    n.blocks.add(block);
    LayerSpec side = new LayerSpec(Kind.ACTIVATE, "side", n.inputName);
    side.act = Act.RELU;
    LayerSpec use = new LayerSpec(Kind.BLOCK, "bad", n.inputName);
    use.block = block;
    use.more.add("side"); // two inputs for a block of one
    String s = front(n, side, use);
    return chance(0.3) ? s.replace("Tensor bad(Tensor " + n.inputName + ", Tensor side)", "Tensor bad()") : s;
  }

  /** Uses a new residual block as the layer {@code bad}, right after the input; returns the block. */
  private static BlockSpec useResidualBlock(NetSpec n) {
    BlockSpec block = residualBlock(n);
    n.blocks.add(block);
    LayerSpec use = new LayerSpec(Kind.BLOCK, "bad", n.inputName);
    use.block = block;
    front(n, use);
    return block;
  }

  private String badBlock(NetSpec n) {
    String blockName = useResidualBlock(n).name;
    String s = n.source();
    // the bad block is declared last: its mistakes are made after its declaration starts, not in other blocks
    int at = s.indexOf("interface " + blockName + " {\n");
    String before = s.substring(0, at);
    String declaration = s.substring(at);
    return switch (random.nextInt(5)) {
      case 0 -> before + declaration.replace("  @Output @Add", "  @Add"); // no output in the block
      case 1 -> before + declaration.replace("  @Activate(value = Activation.TANH)\n  Tensor a(Tensor x)",
          "  @Output @Activate(value = Activation.TANH)\n  Tensor a(Tensor x)"); // two outputs
      case 2 -> s.replace("@Block(" + blockName + ".class)", "@Block(value = " + blockName + ".class, "
          + pick(List.of("width", "stride")) + " = " + pick(NOT_POSITIVE_VALUES) + ")");
      case 3 -> before + declaration.replace("interface " + blockName + " {\n", "interface " + blockName + " {\n"
          + "  @Input(height = 2, width = 2) Tensor extra();\n");
      default -> s.replace("@Block(" + blockName + ".class)", "@Block(" + pick(List.of("String.class",
          "Object.class", "Edge.class", "Runnable.class")) + ")");
    };
  }

  private String hiddenSoftmax(NetSpec n) {
    LayerSpec l = chance(0.5) ? new LayerSpec(Kind.ACTIVATE, "bad", "input") : new LayerSpec(Kind.DENSE, "bad",
        "input");
    l.units = between(1, 4);
    l.act = Act.SOFTMAX;
    return insert(n, l);
  }

  private String badSlope(NetSpec n) {
    LayerSpec l = chance(0.5) ? new LayerSpec(Kind.ACTIVATE, "bad", "input") : new LayerSpec(Kind.DENSE, "bad",
        "input");
    l.units = 2;
    l.act = Act.LEAKY_RELU;
    String s = insert(n, l);
    String slope = pick(List.of("-0.5", "-1e-9", "1.0", "2.5", "Double.NaN", "-Double.MIN_VALUE", "1e300",
        "Double.POSITIVE_INFINITY", "Double.NEGATIVE_INFINITY"));
    return s.replaceFirst("slope = [-0-9.E]+", java.util.regex.Matcher.quoteReplacement("slope = " + slope));
  }

  private String nameClash(NetSpec n) {
    String[][] pairs = {{"fooBar", "foo_bar"}, {"FooBar", "fooBar"}, {"c1", "C1"}, {"aB", "A_b"}, {"x", "X"}};
    // names the declaration does not use yet: a name it already has would be a duplicate method, javac's error
    java.util.Set<String> taken = new java.util.HashSet<>();
    taken.add(n.inputName);
    n.layers.forEach(l -> taken.add(l.name));
    List<String[]> free = new java.util.ArrayList<>();
    for (String[] p : pairs) {
      if (!taken.contains(p[0]) && !taken.contains(p[1])) {
        free.add(p);
      }
    }
    String[] pair = free.isEmpty() ? new String[] {"clashName", "CLASH_NAME"} : free.get(random.nextInt(free.size()));
    LayerSpec a = new LayerSpec(Kind.ACTIVATE, pair[0], "input");
    a.act = Act.TANH;
    LayerSpec b = new LayerSpec(Kind.ACTIVATE, pair[1], pair[0]);
    b.act = Act.RELU;
    n.insertFirst(a, b);
    return n.source();
  }

  /** Takes {@code @Output} off the last layer (and its softmax, which would be a second mistake). */
  private String noOutput(NetSpec n) {
    n.last().output = false;
    hiddenWithoutSoftmax(n.last());
    return n.source();
  }

  private static void hiddenWithoutSoftmax(LayerSpec l) {
    if (l.act == Act.SOFTMAX) {
      l.act = l.kind == Kind.ACTIVATE ? Act.TANH : Act.IDENTITY;
    }
  }

  /** Appends {@code l} as the new output, reading the former one. */
  private static String appendOutput(NetSpec n, LayerSpec l) {
    LayerSpec last = n.last();
    last.output = false;
    hiddenWithoutSoftmax(last);
    l.from = last.name;
    l.output = true;
    n.layers.add(l);
    return n.source();
  }

  /** The last layer reads a second, existing layer (never itself, which would be a second mistake). */
  private String twoInputs(NetSpec n) {
    LayerSpec last = n.last();
    List<String> others = new ArrayList<>();
    others.add(n.inputName);
    n.layers.forEach(l -> others.add(l.name));
    others.remove(last.name);
    others.remove(last.from);
    if (others.isEmpty()) {
      LayerSpec side = new LayerSpec(Kind.ACTIVATE, "side", n.inputName);
      side.act = Act.RELU;
      n.layers.add(n.layers.size() - 1, side);
      others.add("side");
    }
    return lastMethod(n, "(Tensor " + last.from + ")", "(Tensor " + last.from + ", Tensor " + pick(others) + ")");
  }

  /** A dense output of nearly 2^31 units: its output fits an array, its weights do not. */
  private String tooManyParameters(NetSpec n) {
    LayerSpec d = new LayerSpec(Kind.DENSE, "bad", "?");
    d.units = Integer.MAX_VALUE - 8 - between(0, 1 << 20);
    return appendOutput(n, d);
  }

  /** Three maps of about 2^30 values each, concatenated. */
  private String hugeConcat(NetSpec n) {
    n.height = 1 << 15;
    n.width = Math.max(1, (1 << 30) / (n.channels * n.height));
    LayerSpec a = new LayerSpec(Kind.ACTIVATE, "side", n.inputName);
    a.act = Act.TANH;
    LayerSpec bad = new LayerSpec(Kind.CONCAT, "bad", n.inputName);
    bad.more.addAll(List.of("side", "side2"));
    LayerSpec copy = new LayerSpec(Kind.ACTIVATE, "side2", n.inputName);
    copy.act = Act.RELU;
    return front(n, a, copy, bad);
  }

  private String nonFiniteWeights(NetSpec n) {
    String s = conv(n, l -> {
      l.kh = between(1, 2);
      l.kw = between(1, 2);
      l.bias = false;
      l.weights = new double[l.kh * l.kw];
      java.util.Arrays.fill(l.weights, 0.5);
    });
    return first(s, "weights = {0.5", "weights = {" + pick(List.of("Double.NaN", "Double.POSITIVE_INFINITY",
        "Double.NEGATIVE_INFINITY", "0.0 / 0.0", "-1 / 0.0")));
  }

  private String blockUsingItself(NetSpec n) {
    BlockSpec block = useResidualBlock(n);
    return n.source().replace("interface " + block.name + " {\n", "interface " + block.name + " {\n  @Block("
        + block.name + ".class) Tensor self(Tensor x);\n");
  }

  /** The use {@code bad} of a block with a layer {@code a} makes a layer {@code bad_a}: so does the network. */
  private String blockNameClash(NetSpec n) {
    useResidualBlock(n);
    return appendMembers(n, "  @Activate(Activation.RELU) Tensor bad_a(Tensor " + n.inputName + ");\n");
  }

  /** A block whose convolutions take their filters from the use's widths, given a width of 0 or too few. */
  private String badWidths(NetSpec n) {
    BlockSpec block = new BlockSpec(n.name + "Bad");
    LayerSpec one = new LayerSpec(Kind.CONV, "one", "x");
    one.widthIndex = 1;
    LayerSpec two = new LayerSpec(Kind.CONV, "two", "x");
    two.widthIndex = 2;
    for (LayerSpec c : List.of(one, two)) {
      c.filters = 1;
      c.kh = c.kw = 1;
    }
    LayerSpec cat = new LayerSpec(Kind.CONCAT, "cat", "one");
    cat.more.add("two");
    cat.output = true;
    block.layers.addAll(List.of(one, two, cat));
    n.blocks.add(block);
    LayerSpec use = new LayerSpec(Kind.BLOCK, "bad", n.inputName);
    use.block = block;
    use.widths.add(between(1, 3));
    if (chance(0.5)) {
      use.widths.add(pick(NOT_POSITIVE_VALUES));
    }
    return front(n, use);
  }

  private String twoOutputs(NetSpec n) {
    if (n.layers.size() == 1) {
      LayerSpec extra = new LayerSpec(Kind.ACTIVATE, "extra", n.last().name);
      extra.act = Act.TANH;
      extra.output = true;
      String s = n.source();
      int end = s.lastIndexOf('}');
      return s.substring(0, end) + "  " + extra.annotations() + " Tensor extra(Tensor " + n.last().name + ");\n"
          + s.substring(end);
    }
    n.layers.get(random.nextInt(n.layers.size() - 1)).output = true;
    return n.source();
  }

  private String cycle(NetSpec n) {
    LayerSpec a = new LayerSpec(Kind.ACTIVATE, "ring1", "ring2");
    a.act = Act.TANH;
    LayerSpec b = new LayerSpec(Kind.ACTIVATE, "ring2", "ring1");
    b.act = Act.TANH;
    String ring = "  " + a.annotations() + " Tensor ring1(Tensor ring2);\n  " + b.annotations()
        + " Tensor ring2(Tensor ring1);\n";
    if (chance(0.5)) { // the output reads from the ring
      return lastMethod(n, "(Tensor " + n.last().from + ")", "(Tensor ring1)").replace("  @Input(", ring
          + "  @Input(");
    }
    return appendMembers(n, ring); // a ring the output does not read is still a cycle
  }

  private String afterDense(NetSpec n) {
    LayerSpec d = new LayerSpec(Kind.DENSE, "flat", "input");
    d.units = between(1, 9);
    LayerSpec w = pick(List.of(conv(l -> { }), transposed(l -> { }), pool(l -> { }), subsampling(l -> { })));
    w.name = "bad";
    w.from = "flat";
    n.insertFirst(d, w);
    return n.source();
  }

  private String hugeLayer(NetSpec n) {
    int h = pick(HUGE);
    return switch (random.nextInt(6)) {
      case 0 -> conv(n, l -> l.filters = Integer.MAX_VALUE);
      case 1 -> conv(n, l -> {
        l.kh = h;
        l.dh = chance(0.5) ? 1 : pick(new int[] {2, 3, h});
      });
      case 2 -> conv(n, l -> {
        l.pad = LayerSpec.Pad.EXPLICIT;
        l.ph = Math.max(h, 1 << 16);
        l.pw = l.ph;
      });
      case 3 -> {
        n.height = Math.max(2, n.height);
        n.width = Math.max(2, n.width);
        yield insert(n, transposed(l -> {
          l.sh = l.sw = Math.max(h, 1 << 24);
          l.kh = l.kw = 2;
        }));
      }
      case 4 -> insert(n, transposed(l -> {
        l.kh = l.kw = Math.max(h, 1 << 24);
        l.dw = chance(0.5) ? 1 : 2;
      }));
      default -> {
        LayerSpec d = new LayerSpec(Kind.DENSE, "bad", "input");
        d.units = Integer.MAX_VALUE - between(0, 7);
        yield insert(n, d);
      }
    };
  }

  private String notAnInterface(NetSpec n) {
    String s = n.source();
    return switch (random.nextInt(5)) {
      case 0 -> s.replace("public interface " + n.name + " {", "public abstract class " + n.name + " {")
          .replaceAll("\n  (@[^\n]*)\n  Tensor", "\n  $1\n  abstract Tensor");
      case 1 -> s.substring(0, s.indexOf("public interface")) + "public enum " + n.name + " { A, B }\n";
      case 2 -> s.substring(0, s.indexOf("public interface")) + "public record " + n.name + "(int height) {}\n";
      case 3 -> s.substring(0, s.indexOf("public interface")) + "public @interface " + n.name + " {}\n";
      default -> s.substring(0, s.indexOf("public interface")) + "public final class " + n.name + " {\n"
          + "  Tensor input() { return null; }\n}\n";
    };
  }

  private String privateNested(NetSpec n) {
    String s = n.source();
    int at = s.indexOf("/** loss");
    String body = s.substring(at).replace("public interface ", "private interface Inner");
    return s.substring(0, at) + "public class " + n.name + " {\n" + body.replaceAll("(?m)^", "  ") + "}\n";
  }
}
