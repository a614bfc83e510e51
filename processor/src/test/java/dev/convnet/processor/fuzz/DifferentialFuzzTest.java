package dev.convnet.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the generated code: random valid declarations are compiled with the processor (several per
 * javac run), and each generated network, float64 and float32, is compared with the {@link Reference} interpreter on
 * output, loss, every parameter gradient and the input gradient. A mismatch is shrunk and reported with the
 * declaration's source as a reproducer.
 *
 * <p>The declarations are DAGs: residual additions and concatenations of branches, batch norm (whose running
 * statistics are compared too, and which is run again in inference mode), dropout (the generated SplitMix64 masks
 * reproduced), local response normalization, global average pooling, grouped and frozen convolutions, RBF units and
 * uses of a block declared in the same file, besides every older layer kind.
 *
 * <p>One in ten declarations starts with a convolution into 16 to 64 maps from 16 or 32 maps or from 1 to 4 (with
 * larger kernels, strides, dilation), which takes the blocked Vector API kernels (their direct or their patch form)
 * when the JVM reads {@code jdk.incubator.vector}: the build runs this test so, and again with
 * {@code -Dconvnet.vector=false} (their plain kernels). Half of those convolutions are followed by a batch norm and
 * perhaps a sum with the input, which frozen copies fuse into the convolution's epilogue: every float32 network's
 * frozen copy must give its inference output bit for bit; often a second such chain (sometimes after a max pooling)
 * reads the first, which frozen copies link on blocked planes. With the default seed the declarations reach the
 * 4-vector tile (forward and input gradient), the 2-vector row tile of 3×3 stride-1 layers, fused frozen copies and
 * every kind of link between their passes.
 *
 * <p>Normal runs use a fixed seed and {@value #DEFAULT_COUNT} declarations; long runs:
 * {@code -Dfuzz.count=20000 -Dfuzz.seed=7}.
 */
class DifferentialFuzzTest {
  static final int DEFAULT_COUNT = 150;
  /**
   * A seed whose declarations reach every required strategy: the 4- and 2-vector tiles, the row tile's runs of 8 and
   * 7 positions, the fused frozen copies and their links, the plane gathers of 4, 2 and 1 maps (20261217 before the
   * generator drew rows of 13 to 16, 20261209 before it drew linked chains).
   */
  static final long DEFAULT_SEED = 20261219L;
  private static final String QUAD_FORWARD =
      "conv into 64k maps, not 3×3 stride 1 (forward by the 4-vector tile at 16 lanes)";
  private static final String QUAD_INPUT_GRADIENT =
      "conv from 64k maps (input gradient by the 4-vector tile at 16 lanes)";
  private static final String ROW3_FORWARD =
      "3×3 stride-1 conv from 16k into 32k maps (forward by the 2-vector row tile at 16 lanes)";
  private static final String ROW3_SEVEN =
      "3×3 stride-1 conv from 16k into 32k maps, rows of 8a + 7b, b > 0 (the row tile by 8 and 7 positions at 16 lanes)";
  private static final int PER_COMPILATION = 25;

  @Test
  void generatedNetworksAgreeWithTheReferenceInterpreter() throws Exception {
    long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
    int count = Integer.getInteger("fuzz.count", DEFAULT_COUNT);
    SplittableRandom random = new SplittableRandom(seed);
    NetGenerator generator = new NetGenerator(random);
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    int layers = 0;
    java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
    for (int first = 0; first < count; first += PER_COMPILATION) {
      List<NetSpec> specs = new ArrayList<>();
      List<Long> seeds = new ArrayList<>();
      for (int i = first; i < Math.min(count, first + PER_COMPILATION); i++) {
        specs.add(generator.valid("N" + i));
        NetSpec spec = specs.get(specs.size() - 1);
        for (LayerSpec l : spec.expanded()) {
          layers++;
          kinds.merge(l.kind.toString(), 1, Integer::sum);
          if (l.kind == LayerSpec.Kind.CONV && l.filters >= 16 && l.filters % 16 == 0) {
            kinds.merge("blocked-size conv", 1, Integer::sum);
          }
          boolean row3 = l.kh == 3 && l.kw == 3 && l.sh == 1 && l.sw == 1 && l.dh == 1 && l.dw == 1;
          if (l.kind == LayerSpec.Kind.CONV && l.filters % 64 == 0 && !row3) {
            kinds.merge(QUAD_FORWARD, 1, Integer::sum);
          }
          kinds.merge(l.groups > 1 ? "grouped" : l.frozen() ? "frozen" : l.prototypes != null ? "fixed prototypes"
              : l.kind == LayerSpec.Kind.DROPOUT && l.rate > 0 ? "random mask" : "-", 1, Integer::sum);
        }
        if (spec.channels % 64 == 0 && !spec.layers.isEmpty() && spec.layers.get(0).kind == LayerSpec.Kind.CONV) {
          kinds.merge(QUAD_INPUT_GRADIENT, 1, Integer::sum);
        }
        LayerSpec head = spec.layers.isEmpty() ? null : spec.layers.get(0);
        if (spec.channels % 16 == 0 && head != null && head.kind == LayerSpec.Kind.CONV && head.filters % 32 == 0
            && head.kh == 3 && head.kw == 3 && head.sh == 1 && head.sw == 1 && head.ph <= 1 && head.pw <= 1) {
          kinds.merge(ROW3_FORWARD, 1, Integer::sum);
          int ow = spec.width + 2 * head.pw - 2;
          if (ow > 8 && ow % 8 != 0 && ow >= 7 * ((8 - ow % 8) % 8)) { // 8a + 7b positions, b > 0
            kinds.merge(ROW3_SEVEN, 1, Integer::sum);
          }
        }
        for (LayerSpec l : spec.layers) {
          if (l.kind == LayerSpec.Kind.BLOCK) {
            kinds.merge("BLOCK use", 1, Integer::sum);
          }
        }
        seeds.add(random.nextLong());
      }
      checkBatch(specs, seeds, failures);
      if (failures.size() >= 5) {
        break;
      }
    }
    System.out.printf("differential fuzzing: %d declarations (seed %d, %d layers) in %.1f s, %d failures%n", count,
        seed, layers, (System.nanoTime() - start) / 1e9, failures.size());
    System.out.println("layers by kind: " + kinds);
    assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    if (count >= 100) {
      for (String kind : List.of(QUAD_FORWARD, QUAD_INPUT_GRADIENT, ROW3_FORWARD, ROW3_SEVEN)) {
        assertTrue(kinds.containsKey(kind), "no declaration had a " + kind);
      }
    }
    DifferentialCheck.WORST.forEach((what, e) -> System.out.printf("worst %-32s error %9.3e   limit %.1e%n", what, e,
        what.startsWith("float64") ? DifferentialCheck.TIGHT : DifferentialCheck.LOOSE));
    System.out.printf("blocked Vector API strategy: %d layers (kernels %s in this JVM)%n", BLOCKED_LAYERS.get(),
        dev.convnet.runtime.internal.Vectorization.enabled() ? "on" : "off: their plain path ran");
    System.out.printf("frozen copies: %d layers fused into a convolution's epilogue%n",
        DifferentialCheck.FUSED_LAYERS.get());
    assertTrue(count < 100 || BLOCKED_LAYERS.get() > 0, "no declaration reached the blocked convolution strategy");
    System.out.printf("Vector API variants: %d layers (%s in this JVM)%n", VARIANT_LAYERS.get(),
        dev.convnet.runtime.internal.Vectorization.enabled() ? "run" : "off: their plain code ran");
    assertTrue(count < 100 || VARIANT_LAYERS.get() > 0, "no declaration reached a layer's Vector API variant");
    System.out.println("plane gathers (Vector API tap-row strategy): " + PLANE_GATHER_LAYERS);
    for (String gather : PLANE_GATHERS) {
      assertTrue(count < 100 || PLANE_GATHER_LAYERS.containsKey(gather), "no declaration reached " + gather);
    }
    assertTrue(count < 100 || !dev.convnet.runtime.internal.Vectorization.enabled()
        || PLANE_GATHER_LAYERS.containsKey(PLAIN_FORWARD), "no declaration reached a " + PLAIN_FORWARD);
    assertTrue(count < 100 || !dev.convnet.runtime.internal.Vectorization.enabled()
        || DifferentialCheck.FUSED_LAYERS.get() > 0, "no frozen copy fused a convolution with its batch norm");
    System.out.println("linked fused passes: " + LINKED_PASSES);
    for (String link : LINKS.keySet()) {
      assertTrue(count < 100 || LINKED_PASSES.containsKey(link), "no declaration reached a " + link);
    }
  }

  /**
   * The Vector API tap-row strategy's gathers straight from the input planes ({@code FourMapConv}), of 4, 2 and 1
   * output maps at a time (LeNet-5's 6 maps take 4 + 2): each must be reached.
   */
  private static final List<String> PLANE_GATHERS = List.of("PlaneGather4", "PlaneGather2", "PlaneGather");
  /** A layer whose forward pass is the plane gathers and whose backward pass the blocked patch form. */
  private static final String PLAIN_FORWARD = "plane-gather forward, blocked backward";
  private static final java.util.Map<String, Integer> PLANE_GATHER_LAYERS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The links between a frozen copy's fused passes, found in the generated source: a pass reading its input from the
   * blocked planes of the kernels before it, one reading its residual term so, a pass leaving its output lazy, and a
   * max pooling reading a fused pass's planes.
   */
  private static final java.util.Map<String, java.util.regex.Pattern> LINKS = java.util.Map.of(
      "linked input", java.util.regex.Pattern.compile("\\$blocked\\.forward\\(p, [^,]+, \\w+\\$blocked, x, xo"),
      "linked residual", java.util.regex.Pattern.compile("\\$foldShift, \\w+\\$blocked, "),
      "lazy output", java.util.regex.Pattern.compile("\\$blocked != null\\);"),
      "linked pooling", java.util.regex.Pattern.compile("\\$blocked\\.forward\\(\\w+\\$blocked, x, xo, y, yo"));
  private static final java.util.Map<String, Integer> LINKED_PASSES = new java.util.concurrent.ConcurrentHashMap<>();

  /** Layers of the float32 classes compiled so far with a Vector API variant (the inner class {@code VectorVariant}). */
  private static final java.util.concurrent.atomic.AtomicInteger VARIANT_LAYERS =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Layers of the float32 classes compiled so far that have blocked kernels ({@code BlockedVectorConv}). */
  private static final java.util.concurrent.atomic.AtomicInteger BLOCKED_LAYERS =
      new java.util.concurrent.atomic.AtomicInteger();

  private static void checkBatch(List<NetSpec> specs, List<Long> seeds, List<String> failures) throws Exception {
    List<JavaFileObject> sources = new ArrayList<>();
    for (NetSpec s : specs) {
      sources.add(Compiled.source(s.qualifiedName(), s.source()));
    }
    Compiled compiled = Compiled.compile(sources);
    for (int i = 0; i < specs.size(); i++) {
      NetSpec spec = specs.get(i);
      Compiled mine = compiled.succeeded() ? compiled : Compiled.compile(List.of(sources.get(i)));
      String problem = problem(spec, seeds.get(i), mine);
      if (problem != null) {
        String kind = kind(problem);
        long checkSeed = seeds.get(i);
        NetSpec small = Shrinker.shrink(spec, s -> kind.equals(kind(problem(s, checkSeed,
            Compiled.compile(List.of(Compiled.source(s.qualifiedName(), s.source())))))));
        String smallProblem = problem(small, seeds.get(i),
            Compiled.compile(List.of(Compiled.source(small.qualifiedName(), small.source()))));
        failures.add("=== " + spec.name + " (check seed " + seeds.get(i) + "): " + problem
            + "\n--- declaration:\n" + spec.source()
            + (small == spec ? "" : "--- shrunk to:\n" + small.source() + "--- which fails with: " + smallProblem));
      }
    }
  }

  /** The kind of a problem, so that shrinking keeps the same failure: its first words. */
  private static String kind(String problem) {
    return problem == null ? "none" : problem.replaceAll("[0-9.E-]+", "#").split("\n")[0].replaceAll(" by .*", "");
  }

  /** Why {@code spec} fails (compilation or comparison), or null when the generated code agrees. */
  static String problem(NetSpec spec, long seed, Compiled compiled) {
    if (!compiled.succeeded()) {
      return "the valid declaration did not compile:\n" + compiled.describeErrors();
    }
    try {
      Class<?> c32 = spec.float32 ? compiled.load(NetSpec.PACKAGE + "." + spec.name + "Net") : null;
      if (c32 != null) {
        for (java.lang.reflect.Field f : c32.getDeclaredFields()) {
          if (f.getName().endsWith("$blocked")) {
            BLOCKED_LAYERS.incrementAndGet();
          }
        }
        java.util.Set<String> methods = new java.util.HashSet<>();
        List<java.lang.reflect.Method> all = new ArrayList<>(List.of(c32.getDeclaredMethods()));
        for (Class<?> inner : c32.getDeclaredClasses()) { // the layers' Vector API variant
          if (inner.getSimpleName().equals("VectorVariant")) {
            for (java.lang.reflect.Method m : inner.getDeclaredMethods()) {
              all.add(m);
              if (m.getName().endsWith("Forward")) {
                VARIANT_LAYERS.incrementAndGet();
              }
            }
          }
        }
        for (java.lang.reflect.Method m : all) {
          methods.add(m.getName());
          for (String gather : PLANE_GATHERS) {
            if (m.getName().endsWith(gather)) {
              PLANE_GATHER_LAYERS.merge(gather, 1, Integer::sum);
            }
          }
        }
        compiled.compilation.generatedSourceFile(NetSpec.PACKAGE + "." + spec.name + "Net").ifPresent(f -> {
          try {
            String code = f.getCharContent(true).toString();
            LINKS.forEach((what, pattern) -> {
              java.util.regex.Matcher m = pattern.matcher(code);
              while (m.find()) {
                LINKED_PASSES.merge(what, 1, Integer::sum);
              }
            });
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        for (java.lang.reflect.Field f : c32.getDeclaredFields()) { // blocked backward, plane-gather forward
          String layer = f.getName().endsWith("$blocked") ? f.getName().substring(0, f.getName().indexOf('$')) : null;
          if (layer != null && methods.contains(layer + "PlaneGather4")) {
            PLANE_GATHER_LAYERS.merge(PLAIN_FORWARD, 1, Integer::sum);
          }
        }
      }
      Class<?> c64 = spec.float64 ? compiled.load(NetSpec.PACKAGE + "." + spec.name + "Net64") : null;
      List<String> problems = new DifferentialCheck(spec, seed).run(c32, c64);
      return problems.isEmpty() ? null : String.join("\n", problems);
    } catch (ClassNotFoundException | LinkageError e) {
      return "cannot load the generated class: " + e;
    }
  }
}
