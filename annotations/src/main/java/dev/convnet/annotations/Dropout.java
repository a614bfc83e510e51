package dev.convnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Inverted dropout: in training mode each value is zeroed with probability {@code rate} and the others are scaled by
 * {@code 1 / (1 − rate)}; in inference mode the layer is the identity. The mask comes from a generator seeded with
 * {@code seed} (and the worker's index), so that runs are reproducible.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface Dropout {
  /** {@return the probability of dropping a value, in [0, 1)} */
  double rate() default 0.5;

  /** {@return the seed of the layer's random stream} */
  long seed() default 1;
}
