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
  /** One fused chain: the convolution, its batch norm, perhaps a sum, and the pass that replaces them. */
  record Chain(LayerNode conv, LayerNode norm, LayerNode sum, FusedForward forward) {
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

  private final List<Chain> chains;
  private final List<FieldSpec> fields;

  private Fusion(List<Chain> chains, List<FieldSpec> fields) {
    this.chains = List.copyOf(chains);
    this.fields = List.copyOf(fields);
  }

  /** The fused chains of a network's float class (none in the float64 twin, which has no frozen copies). */
  static Fusion find(CheckedNetwork net, Map<LayerNode, LayerEmitter> emitters, Numeric num) {
    List<Chain> chains = new ArrayList<>();
    List<FieldSpec> fields = new ArrayList<>();
    if (num != Numeric.FLOAT) {
      return new Fusion(chains, fields);
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
      FusedForward forward = convEmitter.fusedForward(new FusedEpilogue(fold, scale, shift,
          LayerContext.outField(target.name()), LayerContext.sizeConstant(target.name()), residual, residualSize,
          relu));
      if (forward == null) {
        continue;
      }
      chains.add(new Chain(conv, norm, sum, forward));
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
    return new Fusion(chains, fields);
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

  /** The per-channel scale and shift arrays of every chain. */
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
