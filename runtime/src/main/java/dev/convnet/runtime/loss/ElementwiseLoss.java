package dev.convnet.runtime.loss;

/**
 * A loss that is a sum of one function of (output, target) per value, defined once by its value and derivative in
 * double precision, averaged either over all {@code batch × outputSize} values (MSE, L1, ...) or over the batch
 * only (categorical cross-entropy).
 */
abstract class ElementwiseLoss extends AbstractLoss {
  private final boolean meanOverBatchOnly;

  /** @param meanOverBatchOnly divide the sum by the batch size instead of by the number of values */
  ElementwiseLoss(boolean meanOverBatchOnly) {
    this.meanOverBatchOnly = meanOverBatchOnly;
  }

  /** The unreduced loss of output {@code y} for target {@code t}. */
  abstract double value(double y, double t);

  /** d value(y, t) / dy. */
  abstract double derivative(double y, double t);

  /**
   * Rejects a target this loss cannot accept; the default accepts any finite target.
   *
   * @throws IllegalArgumentException naming the sample and output
   */
  void checkTarget(double t, int sample, int j) {}

  @Override
  final double compute(Values output, int batch, int outputSize, Targets targets, Values gradient) {
    double scale = 1.0 / (meanOverBatchOnly ? batch : (double) batch * outputSize);
    double sum = 0;
    for (int b = 0; b < batch; b++) {
      int base = b * outputSize;
      for (int j = 0; j < outputSize; j++) {
        double y = output.get(base + j);
        double t = targets.value(b, outputSize, j);
        checkTarget(t, b, j);
        sum += value(y, t);
        if (gradient != null) {
          gradient.set(base + j, derivative(y, t) * scale);
        }
      }
    }
    return sum * scale;
  }
}
