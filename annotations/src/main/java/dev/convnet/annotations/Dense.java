package dev.convnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fully connected layer: {@code y = f(W·x + b)}. After a feature map it flattens it in channel, row, column
 * order. Weights are stored as PyTorch's {@code [out, in]}.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface Dense {
  /** {@return the number of output units} */
  int units();

  /** {@return whether each output has a trainable bias} */
  boolean bias() default true;

  /** {@return the activation applied to the layer's output} */
  Activation activation() default Activation.IDENTITY;

  /** {@return the negative slope of {@link Activation#LEAKY_RELU}} */
  double slope() default 0.01;
}
