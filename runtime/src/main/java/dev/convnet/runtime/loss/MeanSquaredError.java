package dev.convnet.runtime.loss;

/** {@code mean((y - t)²)} over all values (PyTorch {@code MSELoss}). */
final class MeanSquaredError extends ElementwiseLoss {
  MeanSquaredError() {
    super(false);
  }

  @Override
  public String name() {
    return "mse";
  }

  @Override
  double value(double y, double t) {
    double d = y - t;
    return d * d;
  }

  @Override
  double derivative(double y, double t) {
    return 2 * (y - t);
  }
}
