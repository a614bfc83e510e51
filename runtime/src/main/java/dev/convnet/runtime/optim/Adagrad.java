package dev.convnet.runtime.optim;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Adagrad, as {@code torch.optim.Adagrad}: {@code g += wd·p}; {@code sum += g²};
 * {@code clr = lr / (1 + (step - 1)·lr_decay)}; {@code p -= clr·g / (sqrt(sum) + eps)}.
 */
public final class Adagrad extends AbstractOptimizer {
  private final double learningRateDecay;
  private final double initialAccumulatorValue;
  private final double epsilon;
  private float[] sum;

  /** PyTorch's defaults: no decay, accumulator starting at 0, eps 1e-10. */
  public Adagrad(double learningRate) {
    this(learningRate, 0, 0, 0, 1e-10);
  }

  /**
   * @param learningRateDecay       the step size is {@code lr / (1 + (step - 1) · learningRateDecay)}
   * @param weightDecay             L2 penalty added to the gradient
   * @param initialAccumulatorValue starting value of the sum of squared gradients
   * @param epsilon                 added to the root of the sum
   */
  public Adagrad(double learningRate, double learningRateDecay, double weightDecay, double initialAccumulatorValue,
                 double epsilon) {
    super(learningRate, weightDecay);
    this.learningRateDecay = nonNegative("learning rate decay", learningRateDecay);
    this.initialAccumulatorValue = nonNegative("initial accumulator value", initialAccumulatorValue);
    this.epsilon = nonNegative("epsilon", epsilon);
  }

  @Override
  protected void allocate(int n) {
    sum = new float[n];
    clear();
  }

  @Override
  protected void clear() {
    Arrays.fill(sum, (float) initialAccumulatorValue);
  }

  @Override
  protected void update(float[] params, float[] grads, long step) {
    double clr = learningRate() / (1 + (step - 1) * learningRateDecay);
    for (int i = 0; i < params.length; i++) {
      double g = gradient(params, grads, i);
      double s = sum[i] + g * g;
      sum[i] = (float) s;
      params[i] = (float) (params[i] - clr * g / (Math.sqrt(s) + epsilon));
    }
  }

  @Override
  protected String algorithm() {
    return "Adagrad";
  }

  @Override
  protected String hyperParameters() {
    return String.format(Locale.ROOT, "lr_decay=%s, weight_decay=%s, initial_accumulator_value=%s, eps=%s",
        learningRateDecay, weightDecay(), initialAccumulatorValue, epsilon);
  }

  @Override
  protected Map<String, float[]> stateArrays() {
    return Map.of("sum", sum);
  }
}
