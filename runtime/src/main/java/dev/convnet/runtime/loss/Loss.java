package dev.convnet.runtime.loss;

/**
 * A loss function over a batch of network outputs: its mean value and its gradient with respect to the outputs.
 *
 * <p>Outputs and gradients are flat, sample after sample: {@code output[b * outputSize + j]}. Each loss states its
 * reduction (PyTorch's {@code reduction='mean'}): cross-entropies average over the batch, element-wise losses such as
 * MSE average over all {@code batch × outputSize} values. The gradient written is that of the returned (reduced)
 * value.
 *
 * <p>A non-finite output gives a non-finite loss (it is never clamped away), so that a caller can detect divergence.
 * Invalid targets (a label outside {@code [0, outputSize)}, a NaN target, a target a loss cannot accept) and arrays
 * that are too short are reported with an {@link IllegalArgumentException} that names the sample.
 *
 * <p>Instances keep a little reusable scratch state, so that {@code compute} allocates nothing; use one instance per
 * thread. Create them with {@link Losses}.
 */
public interface Loss {
  /**
   * The name {@link Losses#byName} knows this loss by, e.g. {@code "softmax-cross-entropy"}.
   *
   * @return the name {@link Losses#byName} knows this loss by, e.g
   */
  String name();

  /**
   * Computes the loss of a float batch.
   *
   * @param output     at least {@code batch × outputSize} network outputs
   * @param batch      the number of samples, at least 1
   * @param outputSize values per sample, at least 1
   * @param targets    labels or target values for the batch
   * @param gradient   receives d(loss)/d(output) in its first {@code batch × outputSize} values; {@code null} to
   *                   compute only the value (evaluation)
   * @return the mean loss over the batch
   * @throws IllegalArgumentException for arrays that are too short or invalid targets
   */
  double compute(float[] output, int batch, int outputSize, Targets targets, float[] gradient);

  /**
   * The same loss in double precision (same math; used for gradient checks and by float64 networks).
   *
   * @param output the network's outputs
   * @param batch the number of samples in the batch
   * @param outputSize values per sample of the output
   * @param targets the targets of the batch
   * @param gradient where d(loss)/d(output) is written
   * @return the same loss in double precision (same math; used for gradient checks and by float64 networks)
   */
  double compute(double[] output, int batch, int outputSize, Targets targets, double[] gradient);

  /**
   * The mean loss without a gradient.
   *
   * @param output the network's outputs
   * @param batch the number of samples in the batch
   * @param outputSize values per sample of the output
   * @param targets the targets of the batch
   * @return the mean loss without a gradient
   */
  default double value(float[] output, int batch, int outputSize, Targets targets) {
    return compute(output, batch, outputSize, targets, (float[]) null);
  }

  /**
   * The class a network trained with this loss predicts from one sample's outputs
   * {@code output[offset .. offset + n)}: by default the arg-max (the first on ties); a loss whose outputs are
   * penalties (such as {@code rbf-map}) overrides it with the arg-min. Accuracy is counted with it.
   *
   * @param output the network's outputs
   * @param offset the index of the first value in the array
   * @param n the number of values
   * @return the predicted class, from 0
   * @throws IllegalArgumentException if {@code n < 1} or the range lies outside the array
   */
  default int predict(float[] output, int offset, int n) {
    return ClassPrediction.argMax(output, offset, n);
  }
}
