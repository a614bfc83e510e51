package dev.convnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The network's input: a feature map of {@code channels × height × width}. A method with no parameters. */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface Input {
  /** {@return the number of channels (maps) of the input} */
  int channels() default 1;

  /** {@return the input's height in pixels} */
  int height();

  /** {@return the input's width in pixels} */
  int width();
}
