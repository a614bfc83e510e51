package dev.convnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Uses a block: an interface declaring layers like a network (no {@code @Input}; exactly one {@code @Output}), whose
 * layers' parameters that name no layer of the block are the block's inputs, bound in order of first appearance to
 * this method's parameters. Each use copies the block's layers under the names {@code use_layer} (so parameters are
 * {@code use_layer.weight}), multiplying every {@code filters} count by {@link #width()} and replacing every stride
 * declared as {@link #STRIDE} by {@link #stride()}: one declaration of a ResNet block serves every stage. A block whose
 * layers have unrelated widths (an Inception module's four branches) writes them as {@link #W1} … {@link #W8}, each
 * taking that entry of the use's {@link #widths()}: {@code @Block(value = Inception.class, widths = {64, 96, 128, 16,
 * 32, 32})}. Inside a block, a {@code @Block} use may pass {@code width = Block.W2} on.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface Block {
  /** Write {@code stride = Block.STRIDE} in a block's layer to take the stride of each use. */
  int STRIDE = 0;

  /** Write {@code filters = Block.W1} in a block's layer to take the first of {@link #widths()} (and so on to {@link #W8}). */
  int W1 = -1;
  /** Write {@code filters = Block.W2} in a block's layer to take the second of {@link #widths()}. */
  int W2 = -2;
  /** Write {@code filters = Block.W3} in a block's layer to take the third of {@link #widths()}. */
  int W3 = -3;
  /** Write {@code filters = Block.W4} in a block's layer to take the fourth of {@link #widths()}. */
  int W4 = -4;
  /** Write {@code filters = Block.W5} in a block's layer to take the fifth of {@link #widths()}. */
  int W5 = -5;
  /** Write {@code filters = Block.W6} in a block's layer to take the sixth of {@link #widths()}. */
  int W6 = -6;
  /** Write {@code filters = Block.W7} in a block's layer to take the seventh of {@link #widths()}. */
  int W7 = -7;
  /** Write {@code filters = Block.W8} in a block's layer to take the eighth of {@link #widths()}. */
  int W8 = -8;

  /**
   * The block's declaring interface.
   *
   * @return the block's declaring interface
   */
  Class<?> value();

  /**
   * Multiplies every {@code filters} count of the block's convolutions.
   *
   * @return the factor of every {@code filters} count of the block's convolutions
   */
  int width() default 1;

  /**
   * The stride of the block's layers declared with {@code stride = Block.STRIDE}.
   *
   * @return the stride of the block's layers declared with {@code stride = Block.STRIDE}
   */
  int stride() default 1;

  /**
   * The filter counts that the block's layers name as {@link #W1} … {@link #W8}, in order.
   *
   * @return the filter counts that the block's layers name as {@link #W1} … {@link #W8}, in order
   */
  int[] widths() default {};
}
