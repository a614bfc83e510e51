package dev.convnet.runtime.loss;

/**
 * {@code mean((log(1 + y) - log(1 + t))²)} over all values. Outputs are clamped to at least {@code -1 + 1e-7} (zero
 * derivative below; a non-finite output gives NaN), targets must be greater than -1.
 */
final class MeanSquaredLogarithmicError extends ElementwiseLoss {
  static final double EPSILON = 1e-7;

  MeanSquaredLogarithmicError() {
    super(false);
  }

  @Override
  public String name() {
    return "msle";
  }

  @Override
  double value(double y, double t) {
    if (!Double.isFinite(y)) {
      return Double.NaN; // a non-finite output is never clamped into a finite loss
    }
    double d = Math.log1p(Math.max(y, EPSILON - 1)) - Math.log1p(t);
    return d * d;
  }

  @Override
  double derivative(double y, double t) {
    if (!Double.isFinite(y)) {
      return Double.NaN;
    }
    if (y < EPSILON - 1) {
      return 0;
    }
    return 2 * (Math.log1p(y) - Math.log1p(t)) / (1 + y);
  }

  @Override
  void checkTarget(double t, int sample, int j) {
    if (t <= -1) {
      throw new IllegalArgumentException(name() + ": target " + j + " of sample " + sample + " is " + t
          + "; mean squared logarithmic error needs targets > -1 (log(1 + t) is undefined otherwise)");
    }
  }
}
