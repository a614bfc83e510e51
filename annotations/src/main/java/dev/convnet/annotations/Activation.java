package dev.convnet.annotations;

/** Element-wise (or, for {@link #SOFTMAX}, per-sample) nonlinearities. */
public enum Activation {
  /** f(x) = x. */
  IDENTITY,
  /** f(x) = max(0, x). */
  RELU,
  /** f(x) = x for x &gt; 0, slope·x otherwise (the layer's {@code slope}, default 0.01). */
  LEAKY_RELU,
  /** f(x) = 1 / (1 + e^−x). */
  SIGMOID,
  /** f(x) = tanh(x). */
  TANH,
  /** LeCun's scaled hyperbolic tangent f(x) = 1.7159·tanh(2x/3). */
  LECUN_TANH,
  /** Softmax over all outputs of a sample; allowed on the output layer only. */
  SOFTMAX
}
