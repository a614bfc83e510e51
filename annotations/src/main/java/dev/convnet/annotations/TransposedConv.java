package dev.convnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Transposed ("fractionally strided", "deconvolution") convolution: the adjoint of {@link Conv}. Each input value
 * scatters a scaled copy of its kernel into the output. Output size per axis:
 * {@code (n − 1)·s − 2p + d(k−1) + outputPad + 1}. Weights are stored as PyTorch's {@code [in, out, kh, kw]}.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface TransposedConv {
  /** {@return the number of output maps} */
  int filters();

  /** {@return the kernel size: one number for a square kernel, or {height, width}} */
  int[] kernel();

  /** {@return the stride: one number or {vertical, horizontal}} */
  int[] stride() default 1;

  /**
   * Padding removed from each side of the full output: one number or {vertical, horizontal}.
   *
   * @return padding removed from each side of the full output: one number or {vertical, horizontal}
   */
  int[] pad() default 0;

  /**
   * Extra rows/columns added at the bottom/right of the output; smaller than the stride or the dilation.
   *
   * @return extra rows/columns added at the bottom/right of the output; smaller than the stride or the dilation
   */
  int[] outputPad() default 0;

  /** {@return the dilation: one number or {vertical, horizontal}} */
  int[] dilation() default 1;

  /** {@return whether each output has a trainable bias} */
  boolean bias() default true;

  /** {@return the activation applied to the layer's output} */
  Activation activation() default Activation.IDENTITY;

  /** {@return the negative slope of {@link Activation#LEAKY_RELU}} */
  double slope() default 0.01;
}
