package dev.convnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Local response normalization across channels (AlexNet), with PyTorch's semantics:
 * {@code b_c = a_c / (k + alpha/size · Σ a_j²)^beta}, the sum over the {@code size} channels centred on {@code c}
 * (zero outside). No parameters.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface LocalResponseNorm {
  /** {@return the number of neighbouring channels summed over (odd)} */
  int size() default 5;

  /** {@return the scale α of the sum of squares} */
  double alpha() default 1e-4;

  /** {@return the exponent β} */
  double beta() default 0.75;

  /** {@return the additive constant k} */
  double k() default 2.0;
}
