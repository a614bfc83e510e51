package dev.convnet.runtime.optim;

/** Gradient clipping by global L2 norm, as PyTorch's {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientClipping {
  private GradientClipping() {}

  /**
   * {@code sqrt(Σ g²)}, accumulated in double.
   *
   * @param grads the gradients, as long as the parameters
   * @return {@code sqrt(Σ g²)}, accumulated in double
   */
  public static double norm(float[] grads) {
    double sum = 0;
    for (float g : grads) {
      sum += (double) g * g;
    }
    return Math.sqrt(sum);
  }

  /**
   * Scales the gradients by {@code maxNorm / (norm + 1e-6)} when that factor is below 1 (PyTorch's rule), else leaves
   * them alone. A non-finite norm is returned as is and the gradients are left unchanged, for the caller to report.
   *
   * @param grads the gradients, as long as the parameters
   * @param maxNorm the largest global L2 norm allowed, > 0
   * @return the norm before clipping
   * @throws IllegalArgumentException if {@code maxNorm} is not a finite number > 0
   */
  public static double clipByGlobalNorm(float[] grads, double maxNorm) {
    if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
      throw new IllegalArgumentException("maximum gradient norm must be a finite number > 0, got " + maxNorm);
    }
    double total = norm(grads);
    if (!Double.isFinite(total)) {
      return total;
    }
    double coefficient = maxNorm / (total + 1e-6);
    if (coefficient < 1) {
      for (int i = 0; i < grads.length; i++) {
        grads[i] = (float) (grads[i] * coefficient);
      }
    }
    return total;
  }
}
