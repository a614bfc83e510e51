package dev.convnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Convolution (cross-correlation, as in every deep-learning library): {@code filters} output maps, each the sum over
 * its connected input maps of the input correlated with a {@code kernel}, plus a bias, through the activation.
 * Output size per axis: {@code (n + 2p − d(k−1) − 1) / s + 1}.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface Conv {
  /**
   * Number of output maps.
   *
   * @return number of output maps
   */
  int filters();

  /**
   * Kernel size: one number for a square kernel, or {height, width}.
   *
   * @return kernel size: one number for a square kernel, or {height, width}
   */
  int[] kernel();

  /**
   * Stride: one number or {vertical, horizontal}.
   *
   * @return stride: one number or {vertical, horizontal}
   */
  int[] stride() default 1;

  /**
   * Named padding mode; use {@link #pad()} for an explicit amount instead.
   *
   * @return named padding mode; use {@link #pad()} for an explicit amount instead
   */
  Padding padding() default Padding.VALID;

  /**
   * Explicit zero padding per side: one number or {vertical, horizontal}. Not together with {@link #padding()}.
   *
   * @return explicit zero padding per side: one number or {vertical, horizontal}
   */
  int[] pad() default {};

  /**
   * Dilation: one number or {vertical, horizontal}.
   *
   * @return dilation: one number or {vertical, horizontal}
   */
  int[] dilation() default 1;

  /**
   * Whether each output map has a trainable bias.
   *
   * @return whether each output map has a trainable bias
   */
  boolean bias() default true;

  /** {@return the activation applied to the layer's output} */
  Activation activation() default Activation.IDENTITY;

  /**
   * Negative slope of {@link Activation#LEAKY_RELU}.
   *
   * @return negative slope of {@link Activation#LEAKY_RELU}
   */
  double slope() default 0.01;

  /**
   * Optional connection table, drawn as in the LeNet-5 paper: one string per input map, one character per output
   * map, {@code X} where that input map feeds that output map and {@code .} where it does not, e.g.
   * {@code "X...XXX..XXXX.XX"}. Empty means every input map feeds every output map. Only the connected kernels
   * are stored, computed and trained.
   *
   * @return the connection table, one string per input map (empty: every input map feeds every output map)
   */
  String[] table() default {};

  /**
   * Grouped convolution: input and output maps are split into {@code groups} equal groups, each output group reading
   * only its input group (AlexNet's two towers). Weights are {@code [filters, inputs/groups, kh, kw]}.
   *
   * @return grouped convolution: input and output maps are split into {@code groups} equal groups, each output group reading only its input group (AlexNet's two towers)
   */
  int groups() default 1;

  /**
   * Fixed kernels, never trained (a frozen layer, e.g. a Sobel filter): the weights in {@code [filters, inputs,
   * kh, kw]} order, or one {@code kh × kw} kernel used for every (output, input) pair. Needs {@code bias = false}.
   *
   * @return the fixed kernels (empty: trained kernels)
   */
  double[] weights() default {};
}
