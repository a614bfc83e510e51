package dev.convnet.runtime.loss;

/** {@code mean(|y - t|)} over all values (PyTorch {@code L1Loss}); the derivative is sign(y - t), 0 at 0. */
final class MeanAbsoluteError extends ElementwiseLoss {
  MeanAbsoluteError() {
    super(false);
  }

  @Override
  public String name() {
    return "l1";
  }

  @Override
  double value(double y, double t) {
    return Math.abs(y - t);
  }

  @Override
  double derivative(double y, double t) {
    return Math.signum(y - t);
  }
}
