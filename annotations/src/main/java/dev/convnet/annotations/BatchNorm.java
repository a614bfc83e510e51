package dev.convnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Batch normalization per channel (per feature for a vector), with PyTorch's semantics: in training mode each
 * channel is normalized with the batch's mean and biased variance over samples and positions, and the running
 * averages are updated as {@code running = (1 − momentum)·running + momentum·batch} with the unbiased batch variance;
 * in inference mode the running averages are used. Then a trainable scale (gamma, starts at 1) and shift (beta, starts
 * at 0), then the activation. The running averages are buffers: saved with the model, not trained.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface BatchNorm {
  /** {@return the value added to the variance, for numerical stability} */
  double eps() default 1e-5;

  /** {@return the weight of the newest batch in the running statistics (PyTorch's convention)} */
  double momentum() default 0.1;

  /**
   * Whether the layer has the trainable scale and shift.
   *
   * @return whether the layer has the trainable scale and shift
   */
  boolean affine() default true;

  /** {@return the activation applied to the layer's output} */
  Activation activation() default Activation.IDENTITY;

  /** {@return the negative slope of {@link Activation#LEAKY_RELU}} */
  double slope() default 0.01;
}
