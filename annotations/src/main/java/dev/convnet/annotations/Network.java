package dev.convnet.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a convolutional network. The annotated element must be an interface; each of its methods is one layer,
 * annotated with exactly one layer annotation ({@link Input}, {@link Conv}, {@link Dense}, ...). A method's
 * parameters name the layers it reads from, so the interface reads like a forward function:
 *
 * <pre>{@code
 * @Network
 * public interface LeNet5 {
 *   @Input(channels = 1, height = 32, width = 32) Tensor input();
 *   @Conv(filters = 6, kernel = 5, activation = TANH) Tensor c1(Tensor input);
 *   @Subsampling(window = 2, activation = TANH) Tensor s2(Tensor c1);
 *   ...
 *   @Output @Dense(units = 10) Tensor out(Tensor f6);
 * }
 * }</pre>
 *
 * <p>The annotation processor checks every shape at compile time and generates a final class named
 * {@code <Interface>Net} (or {@link #className()}) in the same package.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface Network {
  /**
   * Simple name of the generated class; empty means the interface name followed by {@code Net}.
   *
   * @return simple name of the generated class; empty means the interface name followed by {@code Net}
   */
  String className() default "";

  /**
   * The number types to generate the network in. {@link Precision#FLOAT32} gives {@code <Name>Net}, the class you
   * train and run; {@link Precision#FLOAT64} additionally gives {@code <Name>Net64}, a double-precision twin with the
   * same parameter layout, used for gradient checking and reference computations.
   *
   * @return the number types to generate the network in
   */
  Precision[] precision() default {Precision.FLOAT32};

  /**
   * Emits the float32 class's fully connected products (dense layers, and convolutions whose kernel covers the whole
   * input, such as LeNet-5's C5) with the JDK's incubating Vector API, explicit SIMD that HotSpot 17 does not derive
   * from plain loops for dot products (about 5× faster there). Code using the generated class must then be compiled
   * and run with {@code --add-modules jdk.incubator.vector}. Off by default: the plain Java path needs no flags. The
   * float64 twin never uses it.
   *
   * @return whether fully connected products use the Vector API
   */
  boolean vectorApi() default false;
}
