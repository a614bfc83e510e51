package dev.convnet.runtime.loss;

/**
 * Checks the arguments of both {@link Loss} overloads and runs one precision-independent implementation over
 * reusable {@link Values} views.
 */
abstract class AbstractLoss implements Loss {
  private final Values.Floats floatOutput = new Values.Floats();
  private final Values.Floats floatGradient = new Values.Floats();
  private final Values.Doubles doubleOutput = new Values.Doubles();
  private final Values.Doubles doubleGradient = new Values.Doubles();

  @Override
  public final double compute(float[] output, int batch, int outputSize, Targets targets, float[] gradient) {
    check(output == null ? -1 : output.length, batch, outputSize, targets, gradient == null ? -1 : gradient.length);
    return compute(floatOutput.of(output), batch, outputSize, targets,
        gradient == null ? null : floatGradient.of(gradient));
  }

  @Override
  public final double compute(double[] output, int batch, int outputSize, Targets targets, double[] gradient) {
    check(output == null ? -1 : output.length, batch, outputSize, targets, gradient == null ? -1 : gradient.length);
    return compute(doubleOutput.of(output), batch, outputSize, targets,
        gradient == null ? null : doubleGradient.of(gradient));
  }

  /**
   * The loss proper.
   *
   * @param gradient where d(loss)/d(output) goes, or {@code null} for the value only
   */
  abstract double compute(Values output, int batch, int outputSize, Targets targets, Values gradient);

  private void check(int outputLength, int batch, int outputSize, Targets targets, int gradientLength) {
    if (batch < 1 || outputSize < 1) {
      throw new IllegalArgumentException(name() + ": batch and output size must be >= 1, got batch " + batch
          + ", output size " + outputSize);
    }
    long needed = (long) batch * outputSize;
    if (outputLength < 0) {
      throw new IllegalArgumentException(name() + ": output array is null");
    }
    if (outputLength < needed) {
      throw new IllegalArgumentException(name() + ": a batch of " + batch + " × " + outputSize + " needs "
          + needed + " outputs, the output array has " + outputLength);
    }
    if (gradientLength >= 0 && gradientLength < needed) {
      throw new IllegalArgumentException(name() + ": a batch of " + batch + " × " + outputSize + " needs "
          + needed + " gradient values, the gradient array has " + gradientLength);
    }
    if (targets == null) {
      throw new IllegalArgumentException(name() + ": targets are null");
    }
    targets.check(batch, outputSize);
  }

  @Override
  public String toString() {
    return name();
  }
}
