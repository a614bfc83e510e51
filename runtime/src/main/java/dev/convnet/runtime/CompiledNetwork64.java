package dev.convnet.runtime;

import java.util.List;

/**
 * The double-precision twin of a {@link CompiledNetwork} ({@code @Network(precision = {FLOAT32, FLOAT64})}): the
 * same generated code in {@code double}, with the same parameter layout. Used for finite-difference gradient checks
 * and as a reference.
 */
public interface CompiledNetwork64 {
  String name();

  Shape inputShape();

  Shape outputShape();

  List<LayerInfo> layers();

  /** The architecture, as {@link CompiledNetwork#architecture()}. */
  List<LayerSpec> architecture();

  ParameterLayout layout();

  /** The flat parameter buffer (not a copy). */
  double[] parameters();

  double[] gradients();

  double[] forward(double[] input, int offset, int batch);

  default double[] forward(double[] input, int batch) {
    return forward(input, 0, batch);
  }

  double[] backward(double[] outputGradient);

  /**
   * Like {@link #backward} but computes only {@link #gradients()}: the work that only d(loss)/d(input) needs (the
   * first layers' input gradient) is skipped. What training uses.
   */
  default void backwardParameters(double[] outputGradient) {
    backward(outputGradient);
  }

  double[] layerOutput(String layer);

  void setTraining(boolean training);

  /** Sets a tensor from values in PyTorch layout. */
  default void set(String name, double[] values) {
    Parameters.importInto(layout().slot(name), values, parameters());
  }

  /** A tensor's gradient in PyTorch layout. */
  default double[] gradient(String name) {
    return Parameters.exportFrom(layout().slot(name), gradients());
  }
}
