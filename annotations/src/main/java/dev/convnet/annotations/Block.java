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

  /** Write {@code filters = Block.W1} (… {@code W8}) in a block's layer to take the first (… eighth) of {@link #widths()}. */
  int W1 = -1;
  int W2 = -2;
  int W3 = -3;
  int W4 = -4;
  int W5 = -5;
  int W6 = -6;
  int W7 = -7;
  int W8 = -8;

  /** The block's declaring interface. */
  Class<?> value();

  /** Multiplies every {@code filters} count of the block's convolutions. */
  int width() default 1;

  /** The stride of the block's layers declared with {@code stride = Block.STRIDE}. */
  int stride() default 1;

  /** The filter counts that the block's layers name as {@link #W1} … {@link #W8}, in order. */
  int[] widths() default {};
}
