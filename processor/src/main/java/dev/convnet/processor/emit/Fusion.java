package dev.convnet.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import dev.convnet.processor.model.Act;
import dev.convnet.processor.model.CheckedNetwork;
import dev.convnet.processor.model.LayerNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * The layers a frozen copy runs fused, as ONNX Runtime fuses them: a convolution whose only reader is a batch norm
 * (with ReLU or none) runs as one kernel that applies the batch norm's inference map, and ReLU, to its output while
 * it is in cache ({@code conv → bn [→ ReLU]}); when that batch norm has no activation and its only reader is a sum of
 * two inputs whose other input is computed before the convolution, the sum and its ReLU join the epilogue
 * ({@code conv → bn → + residual [→ ReLU]}: the second half of a ResNet basic block, or its projection shortcut).
 * The chain's last layer receives the result; the layers before it keep no output in a frozen copy, and their
 * separate passes are skipped. Only where the convolution has a fused pass ({@link LayerEmitter#fusedForward}: the
 * blocked Vector API kernels, when this JVM runs them); elsewhere, and in every network that is not a frozen copy,
 * each layer runs as declared. The epilogue rounds each step as the separate layers do, so frozen copies compute
 * their networks' inference outputs bit for bit.
 */
final class Fusion {
  /**
   * One fused chain: the convolution, its batch norm, perhaps a sum, the pass that replaces them, and the condition
   * under which that pass leaves its output unwritten until flushed ({@link FusedEpilogue#lazy}; "false": never).
   */
  record Chain(LayerNode conv, LayerNode norm, LayerNode sum, FusedForward forward, CodeBlock lazy) {
    /** The layer whose output the fused pass writes. */
    LayerNode target() {
      return sum != null ? sum : norm;
    }

    /** The expression that selects the fused pass: a frozen copy whose convolution has its fast kernels. */
    CodeBlock active() {
      return CodeBlock.of("frozenCopy() && $L", forward.condition());
    }

    /** The layers whose separate passes the fused pass replaces: the batch norm and the sum. */
    List<LayerNode> absorbed() {
      return sum != null ? List.of(norm, sum) : List.of(norm);
    }
  }

  /**
   * A max pooling a frozen copy runs on blocked planes between linked passes (a ResNet's stem, its pooling, its first
   * block): its kernels' field, its pass, and the condition under which it leaves its output unwritten.
   */
  record PoolLink(LayerNode pool, String kernels, CodeBlock code, CodeBlock lazy) {
    /** The expression that selects the linked pass: a frozen copy in a JVM with the kernels. */
    CodeBlock active() {
      return CodeBlock.of("frozenCopy() && $L != null", kernels);
    }
  }

  /** The lazy condition of an output some reader needs written. */
  private static final CodeBlock NEVER = CodeBlock.of("false");

  private final List<Chain> chains;
  private final List<PoolLink> pools;
  private final List<FieldSpec> fields;

  private Fusion(List<Chain> chains, List<PoolLink> pools, List<FieldSpec> fields) {
    this.chains = List.copyOf(chains);
    this.pools = List.copyOf(pools);
    this.fields = List.copyOf(fields);
  }

  /** The fused chains of a network's float class (none in the float64 twin, which has no frozen copies). */
  static Fusion find(CheckedNetwork net, Map<LayerNode, LayerEmitter> emitters, Numeric num) {
    List<Chain> chains = new ArrayList<>();
    List<FieldSpec> fields = new ArrayList<>();
    List<FusedEpilogue> epilogues = new ArrayList<>();
    if (num != Numeric.FLOAT) {
      return new Fusion(chains, List.of(), fields);
    }
    List<LayerNode> order = net.order();
    for (LayerNode conv : order) {
      LayerEmitter convEmitter = emitters.get(conv);
      if (convEmitter == null || !conv.layer().activation().identity()) {
        continue;
      }
      List<LayerNode> readers = net.consumers(conv.name());
      if (readers.size() != 1 || readers.get(0).inputs().size() != 1) {
        continue;
      }
      LayerNode norm = readers.get(0);
      Act.Kind normAct = norm.layer().activation().kind();
      if (normAct != Act.Kind.IDENTITY && normAct != Act.Kind.RELU) {
        continue;
      }
      LayerContext normCtx = new LayerContext(net, norm, num, null);
      String scale = normCtx.field("FoldScale");
      String shift = normCtx.field("FoldShift");
      CodeBlock fold = emitters.get(norm).inferenceAffine(scale, shift);
      if (fold == null) {
        continue;
      }
      LayerNode sum = normAct == Act.Kind.IDENTITY ? residualSum(net, emitters, conv, norm) : null;
      LayerNode target = sum != null ? sum : norm;
      String residual = null;
      String residualSize = null;
      if (sum != null) {
        String other = otherInput(sum, norm);
        residual = LayerContext.outField(other);
        residualSize = LayerContext.sizeConstant(other);
      }
      boolean relu = target.layer().activation().kind() == Act.Kind.RELU;
      FusedEpilogue epilogue = new FusedEpilogue(fold, scale, shift, LayerContext.outField(target.name()),
          LayerContext.sizeConstant(target.name()), residual, residualSize, relu, null, null, NEVER);
      FusedForward forward = convEmitter.fusedForward(epilogue);
      if (forward == null) {
        continue;
      }
      chains.add(new Chain(conv, norm, sum, forward, epilogue.lazy()));
      epilogues.add(epilogue);
      int channels = normCtx.inChannels();
      fields.add(FieldSpec.builder(float[].class, scale, Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new float[$L]", channels)
          .addJavadoc("$L's inference scale per channel, applied in $L's fused epilogue (frozen copies).\n",
              norm.name(), conv.name())
          .build());
      fields.add(FieldSpec.builder(float[].class, shift, Modifier.PRIVATE, Modifier.FINAL)
          .initializer("new float[$L]", channels)
          .addJavadoc("$L's inference shift per channel, applied in $L's fused epilogue (frozen copies).\n",
              norm.name(), conv.name())
          .build());
    }
    List<LayerNode> pooling = new ArrayList<>();
    for (LayerNode node : order) {
      LayerEmitter emitter = emitters.get(node);
      CodeBlock make = emitter == null ? null : emitter.blockedPool();
      if (make != null && node.layer().activation().identity() && (targetOf(chains, node.inputs().get(0)) != null
          || net.consumers(node.name()).stream().anyMatch(r -> reads(chains, r, node.name())))) {
        pooling.add(node);
        fields.add(FieldSpec.builder(RuntimeNames.BLOCKED_POOL, kernels(node), Modifier.PRIVATE, Modifier.FINAL)
            .initializer(make)
            .addJavadoc("$L's blocked Vector API pooling, linked to the layers around it in frozen copies; or null when"
                + " the plain pooling runs.\n", node.name())
            .build());
      }
    }
    return link(net, emitters, chains, epilogues, pooling, fields);
  }

  /** The field of a pooling's blocked kernels. */
  private static String kernels(LayerNode pool) {
    return pool.name() + "$blocked";
  }

  /** The chain whose fused pass computes layer {@code name}'s output, or null. */
  private static Chain targetOf(List<Chain> chains, String name) {
    for (Chain c : chains) {
      if (c.target().name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** The chain that reads {@code name} as its convolution's input or its sum's residual term at {@code reader}. */
  private static Chain reading(List<Chain> chains, LayerNode reader, String name) {
    for (Chain c : chains) {
      if (c.conv() == reader || c.sum() == reader && otherInput(c.sum(), c.norm()).equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static boolean reads(List<Chain> chains, LayerNode reader, String name) {
    return reading(chains, reader, name) != null;
  }

  /**
   * The chains and poolings again, each pass linked to the ones before it: its input and residual term read from
   * their kernels' blocked output where they compute them, and its own output left lazy ({@link FusedEpilogue#lazy})
   * when every reader of it is such a linked pass (a chain's convolution reading it, a chain's sum adding it, a linked
   * pooling), which holds at run time when all their linked passes run. ResNet blocks thus go from convolution to
   * convolution, and a stem through its pooling into the first block, without converting to NCHW and back.
   */
  private static Fusion link(CheckedNetwork net, Map<LayerNode, LayerEmitter> emitters, List<Chain> chains,
                             List<FusedEpilogue> epilogues, List<LayerNode> pooling, List<FieldSpec> fields) {
    Map<String, String> producers = new java.util.HashMap<>(); // a layer's name → the kernels that compute it
    for (Chain c : chains) {
      producers.put(c.target().name(), c.forward().kernels());
    }
    for (LayerNode pool : pooling) {
      producers.put(pool.name(), kernels(pool));
    }
    List<Chain> linked = new ArrayList<>();
    for (int i = 0; i < chains.size(); i++) {
      Chain c = chains.get(i);
      String source = producers.get(c.conv().inputs().get(0));
      String residualSource = c.sum() == null ? null : producers.get(otherInput(c.sum(), c.norm()));
      CodeBlock lazy = lazy(net, chains, pooling, c.target());
      FusedEpilogue e = epilogues.get(i).linked(source, residualSource, lazy);
      linked.add(new Chain(c.conv(), c.norm(), c.sum(), emitters.get(c.conv()).fusedForward(e), lazy));
    }
    List<PoolLink> pools = new ArrayList<>();
    for (LayerNode pool : pooling) {
      String source = producers.get(pool.inputs().get(0));
      CodeBlock lazy = lazy(net, chains, pooling, pool);
      pools.add(new PoolLink(pool, kernels(pool), CodeBlock.builder()
          .addStatement("$L.forward($L, x, xo, y, yo,$W$L)", kernels(pool), source == null ? "null" : source, lazy)
          .build(), lazy));
    }
    return new Fusion(linked, pools, fields);
  }

  /**
   * When the output of {@code producer} (a chain's target or a linked pooling) may stay unwritten: "false" unless it
   * has readers and every one is a chain's convolution, a chain's sum taking it as the residual term or a linked
   * pooling; then the conditions under which those passes run.
   */
  private static CodeBlock lazy(CheckedNetwork net, List<Chain> chains, List<LayerNode> pooling, LayerNode producer) {
    String name = producer.name();
    List<LayerNode> readers = net.consumers(name);
    List<CodeBlock> conditions = new ArrayList<>();
    for (LayerNode reader : readers) {
      Chain chain = reading(chains, reader, name);
      CodeBlock condition;
      if (chain != null) {
        condition = chain.forward().condition();
      } else if (pooling.contains(reader)) {
        condition = CodeBlock.of("$L != null", kernels(reader));
      } else {
        return NEVER;
      }
      if (!conditions.contains(condition)) {
        conditions.add(condition);
      }
    }
    return readers.isEmpty() ? NEVER : CodeBlock.join(conditions, " && ");
  }

  /** The kernels whose linked pass may leave {@code node}'s output unwritten until flushed, or null. */
  String lazyKernels(LayerNode node) {
    for (Chain c : chains) {
      if (c.target() == node && !never(c.lazy())) {
        return c.forward().kernels();
      }
    }
    for (PoolLink p : pools) {
      if (p.pool() == node && !never(p.lazy())) {
        return p.kernels();
      }
    }
    return null;
  }

  /** Whether a lazy condition is the constant "false": the output is always written. */
  private static boolean never(CodeBlock lazy) {
    return lazy.equals(NEVER);
  }

  /** The linked pooling pass of {@code node}, or null. */
  PoolLink poolLink(LayerNode node) {
    for (PoolLink p : pools) {
      if (p.pool() == node) {
        return p;
      }
    }
    return null;
  }

  /**
   * The sum {@code norm} alone feeds, when it adds exactly two different inputs, the other one computed before
   * {@code conv} (so that the fused pass can read it), and ends in ReLU or nothing; else null.
   */
  private static LayerNode residualSum(CheckedNetwork net, Map<LayerNode, LayerEmitter> emitters, LayerNode conv,
                                       LayerNode norm) {
    List<LayerNode> readers = net.consumers(norm.name());
    if (readers.size() != 1) {
      return null;
    }
    LayerNode sum = readers.get(0);
    Act.Kind act = sum.layer().activation().kind();
    if (!emitters.get(sum).sumsInputs() || sum.inputs().size() != 2 || sum.inputs().get(0).equals(sum.inputs().get(1))
        || act != Act.Kind.IDENTITY && act != Act.Kind.RELU) {
      return null;
    }
    String other = otherInput(sum, norm);
    List<LayerNode> order = net.order();
    for (LayerNode node : order.subList(0, order.indexOf(conv))) {
      if (node.name().equals(other)) {
        return sum;
      }
    }
    return null;
  }

  /** The input of a two-input {@code sum} that is not {@code norm}. */
  private static String otherInput(LayerNode sum, LayerNode norm) {
    return sum.inputs().get(0).equals(norm.name()) ? sum.inputs().get(1) : sum.inputs().get(0);
  }

  List<Chain> chains() {
    return chains;
  }

  /** The per-channel scale and shift arrays of every chain, and the linked poolings' kernels. */
  List<FieldSpec> fields() {
    return fields;
  }

  /** The chain whose convolution is {@code node}, or null. */
  Chain ofConv(LayerNode node) {
    for (Chain c : chains) {
      if (c.conv() == node) {
        return c;
      }
    }
    return null;
  }

  /** The chain whose fused pass replaces {@code node}'s (a batch norm or sum it absorbs), or null. */
  Chain absorbing(LayerNode node) {
    for (Chain c : chains) {
      if (c.absorbed().contains(node)) {
        return c;
      }
    }
    return null;
  }
}
