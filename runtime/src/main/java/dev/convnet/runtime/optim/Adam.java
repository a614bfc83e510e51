package dev.convnet.runtime.optim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Adam, as {@code torch.optim.Adam}: {@code g += wd·p} (L2); {@code m = b1·m + (1 - b1)·g};
 * {@code v = b2·v + (1 - b2)·g²}; {@code p -= lr / (1 - b1^t) · m / (sqrt(v) / sqrt(1 - b2^t) + eps)}; with
 * AMSGrad the running maximum of {@code v} replaces {@code v} in the denominator. {@link AdamW} applies decoupled
 * weight decay instead of L2.
 */
public class Adam extends AbstractOptimizer {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final boolean amsgrad;
  private final boolean decoupledWeightDecay;
  private float[] m;
  private float[] v;
  private float[] vMax;

  /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay, no AMSGrad. */
  public Adam(double learningRate) {
    this(learningRate, 0.9, 0.999, 1e-8, 0, false);
  }

  /** Adam with L2 weight decay added to the gradient. */
  public Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, boolean amsgrad) {
    this(learningRate, beta1, beta2, epsilon, weightDecay, amsgrad, false);
  }

  Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay, boolean amsgrad,
       boolean decoupledWeightDecay) {
    super(learningRate, weightDecay);
    this.beta1 = fraction("beta1", beta1);
    this.beta2 = fraction("beta2", beta2);
    this.epsilon = nonNegative("epsilon", epsilon);
    this.amsgrad = amsgrad;
    this.decoupledWeightDecay = decoupledWeightDecay;
  }

  @Override
  protected final void allocate(int n) {
    m = new float[n];
    v = new float[n];
    vMax = amsgrad ? new float[n] : null;
  }

  @Override
  protected final void clear() {
    Arrays.fill(m, 0);
    Arrays.fill(v, 0);
    if (vMax != null) {
      Arrays.fill(vMax, 0);
    }
  }

  @Override
  protected final void update(float[] params, float[] grads, long step) {
    double lr = learningRate();
    double stepSize = lr / (1 - Math.pow(beta1, step));
    double correction2 = Math.sqrt(1 - Math.pow(beta2, step));
    double shrink = decoupledWeightDecay ? 1 - lr * weightDecay() : 1;
    for (int i = 0; i < params.length; i++) {
      double g = decoupledWeightDecay ? grads[i] : gradient(params, grads, i);
      double p = params[i] * shrink;
      double mi = m[i] + (1 - beta1) * (g - m[i]);
      double vi = beta2 * v[i] + (1 - beta2) * g * g;
      m[i] = (float) mi;
      v[i] = (float) vi;
      if (amsgrad) {
        vi = Math.max(vMax[i], vi);
        vMax[i] = (float) vi;
      }
      double denominator = Math.sqrt(vi) / correction2 + epsilon;
      params[i] = (float) (p - stepSize * mi / denominator);
    }
  }

  @Override
  protected final String algorithm() {
    return decoupledWeightDecay ? "AdamW" : "Adam";
  }

  @Override
  protected final String hyperParameters() {
    return String.format(Locale.ROOT, "betas=(%s, %s), eps=%s, weight_decay=%s, amsgrad=%b", beta1, beta2, epsilon,
        weightDecay(), amsgrad);
  }

  @Override
  protected final Map<String, float[]> stateArrays() {
    Map<String, float[]> arrays = new LinkedHashMap<>();
    arrays.put("exp_avg", m);
    arrays.put("exp_avg_sq", v);
    if (vMax != null) {
      arrays.put("max_exp_avg_sq", vMax);
    }
    return arrays;
  }
}
