package dev.convnet.runtime.loss;

/**
 * Cross-entropy of probabilities, for networks whose last layer already applies softmax (Keras
 * {@code categorical_crossentropy}): {@code -Σ t[j] log(clamp(y[j], ε, 1 - ε))} with ε = 1e-7, mean over the batch.
 * The clamp has zero derivative outside [ε, 1 - ε]; a non-finite output gives NaN rather than being clamped.
 */
final class CategoricalCrossEntropy extends ElementwiseLoss {
  static final double EPSILON = 1e-7;

  CategoricalCrossEntropy() {
    super(true);
  }

  @Override
  public String name() {
    return "categorical-cross-entropy";
  }

  @Override
  double value(double y, double t) {
    if (!Double.isFinite(y)) {
      return Double.NaN; // a non-finite output is never clamped into a finite loss
    }
    return -t * Math.log(Math.min(Math.max(y, EPSILON), 1 - EPSILON));
  }

  @Override
  double derivative(double y, double t) {
    if (!Double.isFinite(y)) {
      return Double.NaN;
    }
    return y < EPSILON || y > 1 - EPSILON ? 0 : -t / y;
  }
}
