package dev.convnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Residual addition: the element-wise sum of two or more inputs of equal shape (ResNet's shortcut connections), then
 * the activation: {@code Tensor out(Tensor branch, Tensor shortcut)}. No parameters.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface Add {
  /** {@return the activation applied to the layer's output} */
  Activation activation() default Activation.IDENTITY;

  /** {@return the negative slope of {@link Activation#LEAKY_RELU}} */
  double slope() default 0.01;
}
