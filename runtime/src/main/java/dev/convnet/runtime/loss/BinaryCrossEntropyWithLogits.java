package dev.convnet.runtime.loss;

/**
 * Binary cross-entropy of sigmoid(logits), per output (PyTorch {@code BCEWithLogitsLoss}), in the stable form
 * {@code max(x, 0) - x t + log(1 + exp(-|x|))}; mean over all values.
 */
final class BinaryCrossEntropyWithLogits extends ElementwiseLoss {
  BinaryCrossEntropyWithLogits() {
    super(false);
  }

  @Override
  public String name() {
    return "binary-cross-entropy-with-logits";
  }

  @Override
  double value(double x, double t) {
    return Math.max(x, 0) - x * t + Math.log1p(Math.exp(-Math.abs(x)));
  }

  @Override
  double derivative(double x, double t) {
    return sigmoid(x) - t;
  }

  /** 1 / (1 + e^-x), without overflow for large |x|. */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }
}
