package dev.convnet.runtime;

import java.util.List;

/**
 * What the generated class knows about one layer, for summaries and reports.
 *
 * @param name        the layer's method name in the declaration
 * @param kind        a short description, e.g. {@code "Conv 5×5, table 60/96, tanh"}
 * @param inputs      the names of the layers it reads from
 * @param outputShape the shape of one sample's output
 * @param parameters  trainable parameters (unconnected kernels of a connection table are not counted)
 * @param connections connections counted the way the LeNet-5 paper counts them (each multiply, plus one per bias)
 * @param macs        multiply-accumulates per sample in the forward pass
 */
public record LayerInfo(String name, String kind, List<String> inputs, Shape outputShape, long parameters,
                        long connections, long macs) {
  /**
   * Copies the list of inputs.
   *
   * @param name        the layer's method name in the declaration
   * @param kind        a short description, e.g. {@code "Conv 5×5, table 60/96, tanh"}
   * @param inputs      the names of the layers it reads from
   * @param outputShape the shape of one sample's output
   * @param parameters  trainable parameters (unconnected kernels of a connection table are not counted)
   * @param connections connections counted the way the LeNet-5 paper counts them (each multiply, plus one per bias)
   * @param macs        multiply-accumulates per sample in the forward pass
   */
  public LayerInfo {
    inputs = List.copyOf(inputs);
  }
}
