package dev.convnet.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer of a generated network's architecture, described canonically: what it computes ({@code op} and its
 * {@code attributes}), what it reads and what it gives. Exporters (ONNX) read it; the architecture fingerprint that
 * model files carry is a hash of every layer's {@link #canonical()} line.
 *
 * <p>Ops and their attributes (values are plain strings: integers in decimal, sizes {@code "HxW"}, booleans
 * {@code "true"}/{@code "false"}, reals as Java's {@code Double.toString}, activations {@code identity}, {@code relu},
 * {@code leaky_relu:<slope>}, {@code sigmoid}, {@code tanh}, {@code lecun_tanh} or {@code softmax}):
 * <ul>
 *   <li>{@code input}: none (the shape is {@link #outputShape()});
 *   <li>{@code conv}: filters, kernel, stride, pad (the zero padding per side), dilation, groups, bias, activation;
 *       {@code table} when it has a connection table (rows joined by {@code /}, row i for input map i, character j
 *       {@code X} where it feeds output map j); {@code weights} when its kernels are fixed (comma-separated, in
 *       {@code [filters, inputs/groups, kh, kw]} order);
 *   <li>{@code transposed_conv}: filters, kernel, stride, pad, output_pad, dilation, bias, activation;
 *   <li>{@code max_pool}, {@code avg_pool}, {@code l2_pool}: window, stride, pad, ceil (average pooling counts padded
 *       zeros in the divisor; with ceil, a window past the padding is divided by its part inside input and padding);
 *   <li>{@code subsampling}: window, stride, activation ({@code f(w_k·mean(window) + b_k)} per map);
 *   <li>{@code dense}: units, bias, activation (flattens its input in channel, row, column order);
 *   <li>{@code activation}: activation; {@code add}: activation; {@code concat}: none (channels, in input order);
 *   <li>{@code batch_norm}: eps, momentum, affine, activation; {@code dropout}: rate, seed;
 *       {@code lrn}: size, alpha, beta, k; {@code global_avg_pool}: none;
 *   <li>{@code rbf}: units; {@code prototypes} when fixed (rows joined by {@code /}, {@code X} for +1, {@code .} for
 *       −1).
 * </ul>
 *
 * @param name        the layer's name in the declaration
 * @param op          what it computes (see above)
 * @param inputs      the layers it reads, in order
 * @param outputShape one sample's output shape
 * @param attributes  the op's options, in a fixed order
 */
public record LayerSpec(String name, String op, List<String> inputs, Shape outputShape,
                        Map<String, String> attributes) {
  /**
   * Copies the inputs and attributes (keeping the attributes' order).
   *
   * @param name        the layer's name in the declaration
   * @param op          what it computes
   * @param inputs      the layers it reads, in order
   * @param outputShape one sample's output shape
   * @param attributes  the op's options, in a fixed order
   */
  public LayerSpec {
    inputs = List.copyOf(inputs);
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /**
   * A spec from alternating attribute names and values.
   *
   * @param name        the layer's name
   * @param op          what it computes
   * @param inputs      the layers it reads
   * @param outputShape one sample's output shape
   * @param attributes  name, value, name, value, …
   * @return the spec
   */
  public static LayerSpec of(String name, String op, List<String> inputs, Shape outputShape, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < attributes.length; i += 2) {
      map.put(attributes[i], attributes[i + 1]);
    }
    return new LayerSpec(name, op, inputs, outputShape, map);
  }

  /**
   * An attribute's value.
   *
   * @param key the attribute's name
   * @return its value
   * @throws IllegalArgumentException if the layer has no such attribute
   */
  public String attribute(String key) {
    String v = attributes.get(key);
    if (v == null) {
      throw new IllegalArgumentException("layer '" + name + "' (" + op + ") has no attribute '" + key + "'");
    }
    return v;
  }

  /**
   * Whether the layer has an attribute (the optional ones: {@code table}, {@code weights}, {@code prototypes}).
   *
   * @param key the attribute's name
   * @return whether it is present
   */
  public boolean has(String key) {
    return attributes.containsKey(key);
  }

  /**
   * An integer attribute.
   *
   * @param key the attribute's name
   * @return its value
   */
  public int intAttribute(String key) {
    return Integer.parseInt(attribute(key));
  }

  /**
   * A size attribute.
   *
   * @param key the attribute's name
   * @return its value {@code "HxW"} as {@code {h, w}}
   */
  public int[] pairAttribute(String key) {
    String v = attribute(key);
    int x = v.indexOf('x');
    return new int[] {Integer.parseInt(v.substring(0, x)), Integer.parseInt(v.substring(x + 1))};
  }

  /**
   * A real attribute.
   *
   * @param key the attribute's name
   * @return its value
   */
  public double realAttribute(String key) {
    return Double.parseDouble(attribute(key));
  }

  /**
   * A boolean attribute.
   *
   * @param key the attribute's name
   * @return its value
   */
  public boolean booleanAttribute(String key) {
    return Boolean.parseBoolean(attribute(key));
  }

  /** {@return {@code name op(k=v,k=v) <- in1,in2 : CxHxW}: the line the architecture fingerprint hashes} */
  public String canonical() {
    StringBuilder b = new StringBuilder(name).append(' ').append(op).append('(');
    boolean first = true;
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      b.append(first ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
      first = false;
    }
    b.append(") <- ").append(String.join(",", inputs)).append(" : ");
    b.append(outputShape.vector() ? Integer.toString(outputShape.channels())
        : outputShape.channels() + "x" + outputShape.height() + "x" + outputShape.width());
    return b.toString();
  }
}
