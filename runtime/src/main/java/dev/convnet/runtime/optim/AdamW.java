package dev.convnet.runtime.optim;

/**
 * AdamW, as {@code torch.optim.AdamW}: first {@code p *= 1 - lr·weight_decay} (decoupled weight decay), then the
 * {@link Adam} update without L2.
 */
public final class AdamW extends Adam {
  /**
   * PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01, no AMSGrad.
   *
   * @param learningRate the learning rate, >= 0
   */
  public AdamW(double learningRate) {
    this(learningRate, 0.9, 0.999, 1e-8, 0.01, false);
  }

  /**
   * AdamW with every hyper-parameter given; {@code weightDecay} is decoupled ({@code p *= 1 - lr·wd}).
   *
   * @param learningRate the learning rate, >= 0
   * @param beta1 decay of the first-moment estimate, in [0, 1)
   * @param beta2 decay of the second-moment estimate, in [0, 1)
   * @param epsilon added to the denominator, >= 0
   * @param weightDecay the weight-decay coefficient, >= 0
   * @param amsgrad use the running maximum of the second moment (AMSGrad)
   */
  public AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
               boolean amsgrad) {
    super(learningRate, beta1, beta2, epsilon, weightDecay, amsgrad, true);
  }
}
