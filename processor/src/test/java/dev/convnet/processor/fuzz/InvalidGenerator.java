package dev.convnet.processor.fuzz;

import dev.convnet.processor.fuzz.LayerSpec.Act;
import dev.convnet.processor.fuzz.LayerSpec.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Random INVALID declarations, all legal Java: a small valid network with one mistake that the processor must
 * report, drawn from every diagnostic it knows (options, graph, shapes, tables, declaration form) and from random
 * mutations (wrong types, missing annotations, negative and huge numbers, unknown names, cycles, bad class names,
 * non-interface and nested declarations).
 */
final class InvalidGenerator {
  /** One invalid declaration: its simple name, source and the mistake made. */
  record Case(String name, String source, String mistake) {}

  private static final int[] HUGE = {Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 1 << 30, 1 << 24, 65536, 46341};
  private static final int[] NOT_POSITIVE = {0, -1, -7, Integer.MIN_VALUE};

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

  /** A mutation: from a valid base network (its name already set) to the invalid source, or null if not applicable. */
  private record Mutation(String mistake, Function<NetSpec, String> apply) {}

  private final List<Mutation> mutations = List.of(
      new Mutation("non-positive size", this::notPositive),
      new Mutation("negative padding", this::negativePad),
      new Mutation("three or no numbers for a size", this::badPair),
      new Mutation("pad and padding", n -> first(conv(n, l -> {
        l.pad = chance(0.5) ? LayerSpec.Pad.SAME : LayerSpec.Pad.FULL;
        l.kh = l.kw = 1;
      }), "padding = Padding.", "pad = " + between(0, 2) + ", padding = Padding.")),
      new Mutation("SAME with an even kernel", n -> conv(n, l -> {
        l.pad = LayerSpec.Pad.SAME;
        l.kh = 2 * between(1, 2);
        l.dh = 1;
      })),
      new Mutation("SAME with a stride", n -> conv(n, l -> {
        l.pad = LayerSpec.Pad.SAME;
        l.kh = l.kw = 1;
        l.sh = between(2, 3);
      })),
      new Mutation("pool padding over half the window", n -> insert(n, pool(l -> {
        l.kh = between(1, 3);
        l.ph = l.kh / 2 + between(1, 2);
      }))),
      new Mutation("output padding too large", n -> insert(n, transposed(l -> {
        l.sh = between(1, 3);
        l.dh = between(1, 2);
        l.oph = Math.max(l.sh, l.dh) + between(0, 1);
      }))),
      new Mutation("softmax on a hidden layer", this::hiddenSoftmax),
      new Mutation("bad leaky slope", this::badSlope),
      new Mutation("method without a layer annotation", this::noAnnotation),
      new Mutation("only @Output", n -> outputOnly(n)),
      new Mutation("two layer annotations", n -> addToLastAnnotation(n, " @Activate(Activation.TANH)")),
      new Mutation("wrong return type", n -> lastMethod(n, "Tensor " + n.last().name + "(",
          pick(List.of("int ", "void ", "String ", "Object ", "Tensor[] ", "java.util.List<Tensor> ", "double "))
              + n.last().name + "(")),
      new Mutation("wrong parameter type", n -> lastMethod(n, "(Tensor " + n.last().from + ")",
          "(" + pick(List.of("String ", "int ", "Tensor[] ", "java.util.List<Tensor> ", "Object ", "float... "))
              + n.last().from + ")")),
      new Mutation("generic layer method", n -> lastMethod(n, "  Tensor " + n.last().name + "(",
          "  <T> Tensor " + n.last().name + "(")),
      new Mutation("overloaded layer name", n -> appendMembers(n, "  @Dense(units = 2) Tensor " + n.last().name
          + "(Tensor " + n.last().from + ", Tensor " + n.inputName + "2);\n")),
      new Mutation("layer names that make the same constant", this::nameClash),
      new Mutation("@Output on the input", n -> n.source().replace("  @Input(", "  @Output @Input(")),
      new Mutation("no input layer", n -> removeLine(n, "@Input(")),
      new Mutation("two input layers", n -> appendMembers(n, "  @Input(height = 3, width = 3) Tensor second();\n")),
      new Mutation("no output", n -> n.source().replace("@Output ", "")),
      new Mutation("two outputs", this::twoOutputs),
      new Mutation("input layer with parameters", n -> n.source().replace("Tensor " + n.inputName + "();",
          "Tensor " + n.inputName + "(Tensor " + n.last().name + ");")),
      new Mutation("layer without inputs", n -> lastMethod(n, "(Tensor " + n.last().from + ")", "()")),
      new Mutation("layer with two inputs", n -> lastMethod(n, "(Tensor " + n.last().from + ")",
          "(Tensor " + n.last().from + ", Tensor " + (n.last().from.equals(n.inputName) ? n.layers.size() > 1
              ? n.layers.get(0).name : n.last().name : n.inputName) + ")")),
      new Mutation("unknown input", n -> lastMethod(n, "(Tensor " + n.last().from + ")",
          "(Tensor " + pick(List.of(n.last().from + "x", "nope", "Input", n.last().from.toUpperCase() + "_",
              "x" + between(0, 99))) + ")")),
      new Mutation("self input", n -> lastMethod(n, "(Tensor " + n.last().from + ")", "(Tensor " + n.last().name
          + ")")),
      new Mutation("a cycle", this::cycle),
      new Mutation("windowed layer after a dense layer", this::afterDense),
      new Mutation("kernel larger than the input", n -> insert(n, pick(List.of(
          conv(l -> l.kh = n.height + between(1, 30)),
          pool(l -> l.kw = n.width + between(1, 30)),
          subsampling(l -> l.kh = n.height + between(1, 5)),
          conv(l -> {
            l.kw = 2;
            l.dw = n.width + between(0, 9);
          }))))),
      new Mutation("transposed convolution with an empty output", n -> insert(n, transposed(l -> {
        l.kh = 1;
        l.ph = n.height + between(0, 5);
      }))),
      new Mutation("table with the wrong number of rows", n -> conv(n, l -> {
        l.filters = 2;
        l.table = new String[n.channels + between(1, 2)];
        java.util.Arrays.fill(l.table, "XX");
      })),
      new Mutation("table rows of the wrong length", n -> conv(n, l -> {
        l.filters = between(1, 3);
        l.table = new String[n.channels];
        java.util.Arrays.fill(l.table, "X".repeat(l.filters));
        l.table[between(0, n.channels - 1)] = chance(0.5) ? "X".repeat(l.filters + 1) : "X".repeat(l.filters - 1);
      })),
      new Mutation("table with a bad character", n -> conv(n, l -> {
        l.filters = 2;
        l.table = new String[n.channels];
        java.util.Arrays.fill(l.table, "XX");
        l.table[between(0, n.channels - 1)] = pick(List.of("X-", "x.", "1X", "X ", "XO", "X\\\"", "ÄX"));
      })),
      new Mutation("table with an empty column", n -> conv(n, l -> {
        l.filters = 2;
        l.table = new String[n.channels];
        java.util.Arrays.fill(l.table, "X.");
      })),
      new Mutation("huge input", n -> n.source().replaceFirst("height = \\d+, width = \\d+",
          "height = " + pick(HUGE) + ", width = " + pick(new int[] {65536, 1 << 20, Integer.MAX_VALUE}))),
      new Mutation("huge layer", this::hugeLayer),
      new Mutation("a class, enum, record or annotation type", this::notAnInterface),
      new Mutation("a generic network", n -> n.source().replace("public interface " + n.name + " {",
          "public interface " + n.name + pick(List.of("<T>", "<T extends Number>", "<A, B>")) + " {")),
      new Mutation("a private nested network", this::privateNested),
      new Mutation("a bad class name", n -> n.source().replace("@Network(", "@Network(className = \""
          + pick(List.of("1Net", "my net", "a.b", "class", "Net-1", " ", "int", n.name, "true", "Net()", "N\\u0000"))
          + "\", ")));

  /** The number of kinds of mistakes. */
  int mistakes() {
    return mutations.size();
  }

  Case next(String name) {
    return next(name, random.nextInt(mutations.size()));
  }

  Case next(String name, int mistake) {
    Mutation m = mutations.get(mistake);
    NetSpec base = valid.valid(name);
    String source = m.apply.apply(base);
    return new Case(name, source, m.mistake);
  }

  // ------------------------------------------------------------------ building blocks

  /** Inserts {@code l} as the first layer, reading the input; the rest of the chain follows it. */
  private static String insert(NetSpec n, LayerSpec l) {
    l.name = "bad";
    n.layers.add(0, l);
    n.relink();
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

  private static String appendMembers(NetSpec n, String members) {
    String s = n.source();
    int end = s.lastIndexOf('}');
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

  private String addToLastAnnotation(NetSpec n, String extra) {
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
    int v = pick(NOT_POSITIVE);
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
      default -> first(insert(n, transposed(l -> l.strideWritten = false)), "kernel = ", "stride = " + bad.replace("{}", "{2, 2, 2}")
          + ", kernel = ");
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
    n.layers.add(0, b);
    n.layers.add(0, a);
    n.relink();
    return n.source();
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
    n.layers.add(0, w);
    n.layers.add(0, d);
    n.relink();
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
