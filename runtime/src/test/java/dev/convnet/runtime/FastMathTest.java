package dev.convnet.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FastMathTest {
  @Test
  void tanhIsWithinAFewUlpsEverywhere() {
    double worst = 0;
    float worstAt = 0;
    // every float in [-1e-3, 1e-3] spaced by 2^-30, then a fine grid out to ±20 (beyond 8 the result is ±1)
    for (float x = -20f; x <= 20f; x += Math.abs(x) < 1e-3f ? 0x1p-30f : 1e-5f) {
      double exact = Math.tanh(x);
      double rel = Math.abs(FastMath.tanh(x) - exact) / Math.max(Math.abs(exact), Float.MIN_NORMAL);
      if (rel > worst) {
        worst = rel;
        worstAt = x;
      }
    }
    assertTrue(worst < 5e-7, "worst relative error " + worst + " at " + worstAt);
  }

  @Test
  void tanhIsOddSaturatesAndKeepsNaN() {
    for (float x : new float[] {0.1f, 0.5f, 1f, 3f, 7.5f}) {
      assertEquals(-FastMath.tanh(x), FastMath.tanh(-x), 0f);
    }
    assertEquals(0f, FastMath.tanh(0f), 0f);
    assertEquals(1f, FastMath.tanh(9f), 3e-7f);
    assertEquals(1f, FastMath.tanh(Float.POSITIVE_INFINITY), 3e-7f);
    assertEquals(-1f, FastMath.tanh(Float.NEGATIVE_INFINITY), 3e-7f);
    assertEquals(1f, FastMath.tanh(Float.MAX_VALUE), 3e-7f);
    assertTrue(Float.isNaN(FastMath.tanh(Float.NaN)));
  }
}
