package dev.convnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** L2-norm pooling: each output is sqrt(Σ x²) over its window (PyTorch's {@code LPPool2d} with p = 2). */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface L2Pool {
  /**
   * Window size: one number for a square window, or {height, width}.
   *
   * @return window size: one number for a square window, or {height, width}
   */
  int[] window();

  /**
   * Stride: one number or {vertical, horizontal}; empty means equal to the window (non-overlapping pools).
   *
   * @return stride: one number or {vertical, horizontal}; empty means equal to the window (non-overlapping pools)
   */
  int[] stride() default {};

  /**
   * Zero padding per side: one number or {vertical, horizontal}; at most half the window.
   *
   * @return zero padding per side: one number or {vertical, horizontal}; at most half the window
   */
  int[] pad() default 0;

  /**
   * What to do with a leftover edge.
   *
   * @return what to do with a leftover edge
   */
  Edge edge() default Edge.FLOOR;
}
