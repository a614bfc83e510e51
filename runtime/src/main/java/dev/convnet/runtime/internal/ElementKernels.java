package dev.convnet.runtime.internal;

/** Element-wise Vector API kernels of generated networks, made by {@link Vectorization#elementKernels()}. */
public interface ElementKernels {
  /** {@code d[i] = 0} where {@code y[i] <= 0}, for {@code i} in {@code [from, from + count)}: exactly the scalar loop. */
  void reluBackward(float[] y, float[] d, int from, int count);
}
