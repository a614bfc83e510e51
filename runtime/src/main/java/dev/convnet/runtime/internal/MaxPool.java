package dev.convnet.runtime.internal;

/**
 * Max pooling's backward pass without branches, for generated networks. The forward pass keeps only the maximum of
 * each window ({@code Math.max}: no branches; NaN propagates, as in PyTorch); the backward pass finds the tap of the
 * window that holds that maximum, bit for bit, in the input it still has, and routes the delta there. (Recording the
 * arg-max while searching, a branch per tap taken at random, mispredicted several times per window: measured 20 ns
 * per output, 4 ms per sample for ResNet-18's max pooling, against 0.75 ms for the maximum alone.)
 *
 * <p>Generated code ORs {@link #hit} over the taps of a window (up to 31) and takes the lowest set bit: the first tap
 * in row-major order on ties. When no tap matches (a NaN whose payload changed), it takes the tap at the padding
 * offset, which lies inside the input for every window. Larger windows test the taps one by one with {@link #same}.
 */
public final class MaxPool {
  private MaxPool() {}

  /** {@code 1 << t} when {@code v} has exactly the bits of {@code max}, else 0; no branch. */
  public static int hit(float v, float max, int t) {
    int d = Float.floatToRawIntBits(v) ^ Float.floatToRawIntBits(max);
    return (~(d | -d) >>> 31) << t;
  }

  /** {@code 1 << t} when {@code v} has exactly the bits of {@code max}, else 0; no branch. */
  public static int hit(double v, double max, int t) {
    long d = Double.doubleToRawLongBits(v) ^ Double.doubleToRawLongBits(max);
    return (int) (~(d | -d) >>> 63) << t;
  }

  /** Whether {@code v} has exactly the bits of {@code max}. */
  public static boolean same(float v, float max) {
    return Float.floatToRawIntBits(v) == Float.floatToRawIntBits(max);
  }

  /** Whether {@code v} has exactly the bits of {@code max}. */
  public static boolean same(double v, double max) {
    return Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(max);
  }
}
