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
  int units();

  boolean bias() default true;

  Activation activation() default Activation.IDENTITY;

  double slope() default 0.01;
}
