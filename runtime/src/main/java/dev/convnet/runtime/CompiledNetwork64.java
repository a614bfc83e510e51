package dev.convnet.runtime;

import java.util.List;

/**
 * The double-precision twin of a {@link CompiledNetwork} ({@code @Network(precision = {FLOAT32, FLOAT64})}): the
 * same generated code in {@code double}, with the same parameter layout. Used for finite-difference gradient checks
 * and as a reference.
 */
public interface CompiledNetwork64 {
  /** {@return the declaring interface's simple name} */
  String name();

  /** {@return the shape of one input sample} */
  Shape inputShape();

  /** {@return the shape of one output sample} */
  Shape outputShape();

  /** {@return per-layer facts in declaration order, the input layer first} */
  List<LayerInfo> layers();

  /** {@return the architecture, as {@link CompiledNetwork#architecture()}} */
  List<LayerSpec> architecture();

  /** {@return the layout of the parameters and buffers} */
  ParameterLayout layout();

  /**
   * The flat parameter buffer (not a copy).
   *
   * @return the flat parameter buffer (not a copy)
   */
  double[] parameters();

  /** {@return d(loss)/d(parameter) of the last backward pass, in layout order} */
  double[] gradients();

  /**
   * Runs {@code batch} samples read from {@code input} at {@code offset} through the network.
   *
   * @param input  the input batch, sample after sample
   * @param offset the index of the first input value
   * @param batch  the number of samples
   * @return the output buffer, reused by the next call
   */
  double[] forward(double[] input, int offset, int batch);

  /**
   * Runs {@code batch} samples from the start of {@code input}.
   *
   * @param input the input batch, sample after sample
   * @param batch the number of samples
   * @return the output buffer, reused by the next call
   */
  default double[] forward(double[] input, int batch) {
    return forward(input, 0, batch);
  }

  /**
   * Back-propagates d(loss)/d(output) of the last forward batch; sets {@link #gradients()}.
   *
   * @param outputGradient d(loss)/d(output) of the batch
   * @return d(loss)/d(input), a reused buffer
   */
  double[] backward(double[] outputGradient);

  /**
   * Like {@link #backward} but computes only {@link #gradients()}: the work that only d(loss)/d(input) needs (the
   * first layers' input gradient) is skipped. What training uses.
   *
   * @param outputGradient d(loss)/d(output) of the batch
   */
  default void backwardParameters(double[] outputGradient) {
    backward(outputGradient);
  }

  /**
   * The activations of a layer for the last forward batch.
   *
   * @param layer the layer's name
   * @return a reused buffer of {@code batch × size} values
   */
  double[] layerOutput(String layer);

  /**
   * Switches between training and inference mode (dropout, batch norm).
   *
   * @param training true for training mode
   */
  void setTraining(boolean training);

  /**
   * Sets a tensor from values in PyTorch layout.
   *
   * @param name the name
   * @param values the values
   */
  default void set(String name, double[] values) {
    Parameters.importInto(layout().slot(name), values, parameters());
  }

  /**
   * A tensor's gradient in PyTorch layout.
   *
   * @param name the name
   * @return a tensor's gradient in PyTorch layout
   */
  default double[] gradient(String name) {
    return Parameters.exportFrom(layout().slot(name), gradients());
  }
}
