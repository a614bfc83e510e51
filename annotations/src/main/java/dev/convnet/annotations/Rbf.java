package dev.convnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * LeNet-5's Euclidean radial basis function output layer: {@code y_i = Σ_j (x_j − w_ij)²}, one unit per class, each
 * the squared distance of the (flattened) input to the unit's prototype; smaller is better (train it with the
 * {@code rbf-map} loss, which predicts the arg-min). Prototypes are trainable unless given here: one string per unit,
 * one character per input value, {@code X} for +1 and {@code .} for −1 (LeNet's 7×12 bitmaps of the characters).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface Rbf {
  /** {@return the number of output units} */
  int units();

  /**
   * Fixed prototypes (never trained): one string per unit; empty for trainable prototypes.
   *
   * @return fixed prototypes (never trained): one string per unit; empty for trainable prototypes
   */
  String[] prototypes() default {};
}
