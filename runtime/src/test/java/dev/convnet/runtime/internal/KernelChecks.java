package dev.convnet.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What the kernel tests share: comparing a float32 result with a float64 reference (the error relative to the
 * largest expected magnitude, the worst of each kind kept for the run's report), checking that nothing outside a
 * written range changed, and making arrays of NaN (outside the ranges a kernel may read), sentinels (outside the
 * ranges it may write) or random values.
 */
final class KernelChecks {
  /** The value outside a range a kernel may write. */
  static final float SENTINEL = 7.25f;

  private final double tolerance;
  private final double[] worst;

  /** Checks with the relative {@code tolerance}, keeping the worst error of each of {@code kinds} kinds. */
  KernelChecks(double tolerance, int kinds) {
    this.tolerance = tolerance;
    this.worst = new double[kinds];
  }

  /** The worst relative error of kind {@code kind} so far. */
  double worst(int kind) {
    return worst[kind];
  }

  /** {@code got[base + i] ≈ before[i] + ref[i]}, the error relative to the largest expected magnitude. */
  void compare(int kind, String what, float[] got, int base, double[] ref, double[] before) {
    double scale = 0;
    double error = 0;
    int at = 0;
    for (int i = 0; i < ref.length; i++) {
      double expected = before[i] + ref[i];
      scale = Math.max(scale, Math.abs(expected));
      double e = Math.abs(got[base + i] - expected);
      if (!(e <= error)) { // NaN counts as the worst
        error = e;
        at = i;
      }
    }
    double relative = error / scale;
    worst[kind] = Math.max(worst[kind], relative);
    assertTrue(relative <= tolerance, what + ": relative error " + relative + " at " + at + ": "
        + got[base + at] + " instead of " + (before[at] + ref[at]));
  }

  /** Every value of {@code a} outside {@code [base, base + n)} is still the sentinel. */
  static void untouched(String what, float[] a, int base, int n) {
    for (int i = 0; i < a.length; i++) {
      if (i < base || i >= base + n) {
        assertEquals(SENTINEL, a[i], what + ": wrote outside its range at " + i);
      }
    }
  }

  static double[] doubles(float[] a, int base, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = a[base + i];
    }
    return d;
  }

  static float[] nan(int n) {
    float[] a = new float[n];
    Arrays.fill(a, Float.NaN);
    return a;
  }

  static float[] sentinels(int n) {
    float[] a = new float[n];
    Arrays.fill(a, SENTINEL);
    return a;
  }

  /** {@code a[base …]} = {@code n} values uniform in (−scale, scale). */
  static void fill(float[] a, int base, int n, SplittableRandom random, double scale) {
    for (int i = 0; i < n; i++) {
      a[base + i] = (float) (scale * (2 * random.nextDouble() - 1));
    }
  }
}
