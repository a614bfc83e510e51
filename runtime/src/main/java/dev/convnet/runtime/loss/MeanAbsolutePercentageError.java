package dev.convnet.runtime.loss;

/** {@code 100 · mean(|t - y| / max(|t|, ε))} over all values, ε = 1e-7 (Keras {@code mean_absolute_percentage_error}). */
final class MeanAbsolutePercentageError extends ElementwiseLoss {
  static final double EPSILON = 1e-7;

  MeanAbsolutePercentageError() {
    super(false);
  }

  @Override
  public String name() {
    return "mape";
  }

  @Override
  double value(double y, double t) {
    return 100 * Math.abs(t - y) / Math.max(Math.abs(t), EPSILON);
  }

  @Override
  double derivative(double y, double t) {
    return 100 * Math.signum(y - t) / Math.max(Math.abs(t), EPSILON);
  }
}
