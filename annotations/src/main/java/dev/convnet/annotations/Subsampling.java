package dev.convnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * LeNet-5's trainable subsampling: per map k, {@code f(w_k · mean(window) + b_k)}, one trainable coefficient and
 * one trainable bias per map. Parameters are named {@code <layer>.weight} and {@code <layer>.bias}.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface Subsampling {
  /**
   * Window size: one number or {height, width}.
   *
   * @return window size: one number or {height, width}
   */
  int[] window();

  /**
   * Stride; empty means equal to the window.
   *
   * @return stride; empty means equal to the window
   */
  int[] stride() default {};

  /** {@return the activation applied to the layer's output} */
  Activation activation() default Activation.IDENTITY;

  /** {@return the negative slope of {@link Activation#LEAKY_RELU}} */
  double slope() default 0.01;
}
