package dev.convnet.runtime.optim;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay, as
 * {@code torch.optim.SGD}: {@code g += wd·p}; with momentum, {@code buf = g} on the first step, else
 * {@code buf = momentum·buf + (1 - dampening)·g}, and {@code g = g + momentum·buf} (Nesterov) or {@code g = buf};
 * then {@code p -= lr·g}.
 */
public final class Sgd extends AbstractOptimizer {
  private final double momentum;
  private final double dampening;
  private final boolean nesterov;
  private float[] buffer;

  /** Plain SGD. */
  public Sgd(double learningRate) {
    this(learningRate, 0, 0, false, 0);
  }

  /**
   * @param momentum    momentum factor, 0 for none
   * @param dampening   dampening of the momentum (ignored on the first step, as PyTorch)
   * @param nesterov    use Nesterov momentum
   * @param weightDecay L2 penalty added to the gradient
   * @throws IllegalArgumentException for Nesterov without momentum or with dampening (as PyTorch)
   */
  public Sgd(double learningRate, double momentum, double dampening, boolean nesterov, double weightDecay) {
    super(learningRate, weightDecay);
    this.momentum = nonNegative("momentum", momentum);
    this.dampening = nonNegative("dampening", dampening);
    this.nesterov = nesterov;
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new IllegalArgumentException("Nesterov momentum requires a momentum > 0 and zero dampening");
    }
  }

  @Override
  protected void allocate(int n) {
    buffer = momentum == 0 ? null : new float[n];
  }

  @Override
  protected void clear() {
    if (buffer != null) {
      Arrays.fill(buffer, 0);
    }
  }

  @Override
  protected void update(float[] params, float[] grads, long step) {
    double lr = learningRate();
    if (momentum == 0 && weightDecay() == 0) {
      // plain SGD in float, as PyTorch's float32 update: a fused multiply-add HotSpot vectorizes
      final float rate = (float) -lr;
      for (int i = 0; i < params.length; i++) {
        params[i] = Math.fma(rate, grads[i], params[i]);
      }
      return;
    }
    for (int i = 0; i < params.length; i++) {
      double g = gradient(params, grads, i);
      if (momentum != 0) {
        double buf = step == 1 ? g : momentum * buffer[i] + (1 - dampening) * g;
        buffer[i] = (float) buf;
        g = nesterov ? g + momentum * buf : buf;
      }
      params[i] = (float) (params[i] - lr * g);
    }
  }

  @Override
  protected String algorithm() {
    return "SGD";
  }

  @Override
  protected String hyperParameters() {
    return String.format(Locale.ROOT, "momentum=%s, dampening=%s, nesterov=%b, weight_decay=%s", momentum, dampening,
        nesterov, weightDecay());
  }

  @Override
  protected Map<String, float[]> stateArrays() {
    return buffer == null ? Map.of() : Map.of("momentum_buffer", buffer);
  }
}
