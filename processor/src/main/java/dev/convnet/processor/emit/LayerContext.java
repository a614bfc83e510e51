package dev.convnet.processor.emit;

import dev.convnet.processor.model.CheckedNetwork;
import dev.convnet.processor.model.LayerNode;
import dev.convnet.processor.model.Shape;
import dev.convnet.processor.read.Names;

/**
 * What an emitter knows about the layer it writes: the checked network, the node, the number type, and the Java names
 * of everything the layer reads and writes in the generated class. Naming lives here only.
 */
public record LayerContext(CheckedNetwork net, LayerNode node, Numeric num, GeometryConstants constants,
                           boolean vector) {

  /** The context of the network's own code: Vector API code only under {@code @Network(vectorApi = true)}. */
  public LayerContext(CheckedNetwork net, LayerNode node, Numeric num, GeometryConstants constants) {
    this(net, node, num, constants, net.model().vectorApi());
  }

  /** The same layer written for the class's Vector API variant ({@link VectorVariants}). */
  public LayerContext forVectorVariant() {
    return new LayerContext(net, node, num, constants, true);
  }

  public String name() {
    return node.name();
  }

  public Shape in() {
    return net.inputShape(node);
  }

  /** The input's channels, a vector counting as that many 1×1 maps (per-channel layers: batch norm, LRN). */
  public int inChannels() {
    return in().vector() ? in().size() : in().channels();
  }

  /** Values per channel of the input: its map's height × width, 1 for a vector. */
  public int inPlane() {
    return in().vector() ? 1 : in().height() * in().width();
  }

  public Shape out() {
    return net.shape(node.name());
  }

  /**
   * Whether this layer's code may use the Vector API (float32 only): under {@code @Network(vectorApi = true)}, or in
   * the class's Vector API variant ({@link VectorVariants}).
   */
  public boolean vectorApi() {
    return num == Numeric.FLOAT && vector;
  }

  /** Whether this layer reads the network's input, whose gradient only {@code backward} (not training) needs. */
  public boolean readsNetworkInput() {
    return inputName().equals(net.input().name());
  }

  /** Wraps code that only computes d(loss)/d(input) so that it runs only when that gradient is wanted. */
  public com.palantir.javapoet.CodeBlock inputGradientOnly(com.palantir.javapoet.CodeBlock code) {
    if (!readsNetworkInput() || code.isEmpty()) {
      return code;
    }
    return com.palantir.javapoet.CodeBlock.builder()
        .add("// the network's input gradient: only backward() needs it, not training (backwardParameters)\n")
        .beginControlFlow("if ($L)", INPUT_GRADIENT_FLAG).add(code).endControlFlow().build();
  }

  /** The generated expression telling whether the network is in training mode (shared with its workers). */
  public static final String TRAINING = "mode[0]";

  /** The generated field telling whether the running backward pass computes d(loss)/d(input). */
  public static final String INPUT_GRADIENT_FLAG = "inputGradient";

  public String inputName() {
    return node.inputs().get(0);
  }

  /** Prefix of this layer's constants: {@code C1}. */
  public String constant() {
    return Names.constant(node.name());
  }

  /**
   * A named geometry constant of this layer, {@code C1_PITCH} for suffix {@code PITCH}, declared once in the generated
   * class with {@code doc} (which names the layer) as its Javadoc.
   */
  public String geometry(String suffix, int value, String doc) {
    return constants.name(constant() + "_" + suffix, value, doc);
  }

  /** The shape constant {@code C}, {@code H} or {@code W} of the layer this one reads: {@code S2_H}. */
  public String inDim(String axis) {
    return Names.constant(inputName()) + "_" + axis;
  }

  /** The shape constant {@code C}, {@code H} or {@code W} of this layer's output: {@code C1_H}. */
  public String outDim(String axis) {
    return constant() + "_" + axis;
  }

  /** Values of one input map, as a constant expression: {@code S2_H * S2_W}. */
  public String inPlaneExpr() {
    return inDim("H") + " * " + inDim("W");
  }

  /** Values of one output map, as a constant expression: {@code C1_H * C1_W}. */
  public String outPlaneExpr() {
    return outDim("H") + " * " + outDim("W");
  }

  public static String sizeConstant(String layer) {
    return Names.constant(layer) + "_SIZE";
  }

  /** Field holding a layer's activations for the batch. */
  public static String outField(String layer) {
    return member(layer, "out");
  }

  /** Field holding d(loss)/d(activations) for the batch. */
  public static String deltaField(String layer) {
    return member(layer, "delta");
  }

  /** A field name private to this layer: {@code c1$pad}. */
  public String field(String suffix) {
    return member(node.name(), Character.toLowerCase(suffix.charAt(0)) + suffix.substring(1));
  }

  /**
   * A field of layer {@code layer}: {@code c1$out}. Plain concatenation could make two layers' fields one
   * ({@code x} + {@code PadDelta} and {@code xPad} + {@code Delta}); with a '$' before a suffix that has none, the
   * last '$' separates layer and suffix, so distinct layers never share a field.
   */
  private static String member(String layer, String suffix) {
    return layer + "$" + suffix;
  }

  /** A method name private to this layer: {@code c1Gather}. */
  public String method(String suffix) {
    return node.name() + suffix;
  }

  /** The constant holding a parameter tensor's offset: {@code C1_WEIGHT}. */
  public String param(String tensor) {
    return constant() + "_" + tensor.toUpperCase();
  }

  /** The constant holding this layer's per-sample output size. */
  public String outSize() {
    return sizeConstant(node.name());
  }

  public String inSize() {
    return sizeConstant(inputName());
  }
}
