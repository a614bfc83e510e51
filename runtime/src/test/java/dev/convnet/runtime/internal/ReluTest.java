package dev.convnet.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Relu#backward} gives, bit for bit, what the scalar loop gives — with the Vector API (the default test run, and
 * again at 8 lanes) and without it (the plain-fallback run) — on zeros of both signs, NaN, subnormals and infinities,
 * over ranges with an offset and a tail shorter than a vector, leaving values outside the range alone.
 */
class ReluTest {
  private static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.MIN_VALUE, -Float.MIN_VALUE,
      Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f};

  @Test
  void matchesTheScalarLoopBitForBit() {
    SplittableRandom random = new SplittableRandom(9);
    for (int count : new int[] {0, 1, 7, 15, 16, 17, 33, 100, 1000}) {
      for (int from : new int[] {0, 3, 16}) {
        float[] y = new float[from + count + 5];
        float[] d = new float[y.length];
        for (int i = 0; i < y.length; i++) {
          y[i] = random.nextInt(4) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : (float) random.nextGaussian();
          d[i] = random.nextInt(8) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)] : (float) random.nextGaussian();
        }
        float[] want = d.clone();
        for (int i = from; i < from + count; i++) {
          if (y[i] <= 0) {
            want[i] = 0;
          }
        }
        Relu.backward(y, d, from, count);
        for (int i = 0; i < d.length; i++) {
          assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(d[i]),
              "value " + i + " of " + count + " from " + from + " (y = " + y[i] + "), Vector API "
                  + Vectorization.enabled());
        }
      }
    }
  }
}
