package dev.convnet.runtime.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * RMSprop, as {@code torch.optim.RMSprop}: {@code g += wd·p}; {@code sq = alpha·sq + (1 - alpha)·g²}; centered:
 * {@code avg_g = alpha·avg_g + (1 - alpha)·g}, {@code avg = sqrt(sq - avg_g²) + eps}, else
 * {@code avg = sqrt(sq) + eps}; with momentum {@code buf = momentum·buf + g / avg}, {@code p -= lr·buf}, else
 * {@code p -= lr·g / avg}.
 */
public final class RmsProp extends AbstractOptimizer {
  private final double alpha;
  private final double epsilon;
  private final double momentum;
  private final boolean centered;
  private float[] squareAverage;
  private float[] gradientAverage;
  private float[] buffer;

  /** PyTorch's defaults: alpha 0.99, eps 1e-8, no weight decay, no momentum, not centered. */
  public RmsProp(double learningRate) {
    this(learningRate, 0.99, 1e-8, 0, 0, false);
  }

  /**
   * @param alpha       smoothing constant of the squared-gradient average, in [0, 1)
   * @param epsilon     added to the root mean square
   * @param weightDecay L2 penalty added to the gradient
   * @param momentum    momentum of the scaled step, 0 for none
   * @param centered    normalize by the gradient's estimated variance instead of its second moment
   */
  public RmsProp(double learningRate, double alpha, double epsilon, double weightDecay, double momentum,
                 boolean centered) {
    super(learningRate, weightDecay);
    this.alpha = fraction("alpha", alpha);
    this.epsilon = nonNegative("epsilon", epsilon);
    this.momentum = nonNegative("momentum", momentum);
    this.centered = centered;
  }

  @Override
  protected void allocate(int n) {
    squareAverage = new float[n];
    gradientAverage = centered ? new float[n] : null;
    buffer = momentum > 0 ? new float[n] : null;
  }

  @Override
  protected void clear() {
    Arrays.fill(squareAverage, 0);
    if (gradientAverage != null) {
      Arrays.fill(gradientAverage, 0);
    }
    if (buffer != null) {
      Arrays.fill(buffer, 0);
    }
  }

  @Override
  protected void update(float[] params, float[] grads, long step) {
    double lr = learningRate();
    for (int i = 0; i < params.length; i++) {
      double g = gradient(params, grads, i);
      double sq = alpha * squareAverage[i] + (1 - alpha) * g * g;
      squareAverage[i] = (float) sq;
      double variance = sq;
      if (centered) {
        double mean = gradientAverage[i] + (1 - alpha) * (g - gradientAverage[i]);
        gradientAverage[i] = (float) mean;
        variance = sq - mean * mean;
      }
      double avg = Math.sqrt(variance) + epsilon;
      if (momentum > 0) {
        double buf = momentum * buffer[i] + g / avg;
        buffer[i] = (float) buf;
        params[i] = (float) (params[i] - lr * buf);
      } else {
        params[i] = (float) (params[i] - lr * g / avg);
      }
    }
  }

  @Override
  protected String algorithm() {
    return "RMSprop";
  }

  @Override
  protected String hyperParameters() {
    return String.format(Locale.ROOT, "alpha=%s, eps=%s, weight_decay=%s, momentum=%s, centered=%b", alpha, epsilon,
        weightDecay(), momentum, centered);
  }

  @Override
  protected Map<String, float[]> stateArrays() {
    Map<String, float[]> arrays = new LinkedHashMap<>();
    arrays.put("square_avg", squareAverage);
    if (gradientAverage != null) {
      arrays.put("grad_avg", gradientAverage);
    }
    if (buffer != null) {
      arrays.put("momentum_buffer", buffer);
    }
    return arrays;
  }
}
