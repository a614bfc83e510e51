package dev.convnet.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What the kernel tests share: comparing a float32 result with a float64 reference (the error relative to the
 * largest expected magnitude, the worst of each kind kept for the run's report), checking that nothing outside a
 * written range changed, and making arrays of NaN (outside the ranges a kernel may read), sentinels (outside the
 * ranges it may write) or random values; and the one scenario every layer kernel goes through,
 * {@link #checkLayer}.
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

  /** A layer's sizes per sample and its float64 reference over a batch. */
  interface Layer {
    int xSize();

    int ySize();

    int weights();

    int out();

    /** The outputs of {@code batch} samples from {@code x[xBase …]}, the bias at {@code p[bias]} or none if −1. */
    double[] forward(float[] p, int weight, int bias, float[] x, int xBase, int batch);

    /** d(loss)/d(weights) summed over {@code batch} samples. */
    double[] weightGradient(float[] p, int weight, float[] x, int xBase, float[] dy, int yBase, int batch);

    /** d(loss)/d(input) of {@code batch} samples. */
    double[] inputGradient(float[] p, int weight, float[] x, int xBase, float[] dy, int yBase, int batch);
  }

  /**
   * Runs {@code conv} over a batch at odd offsets of arrays whose other values are NaN (inputs) or sentinels
   * (outputs): the forward pass twice (the second overwrites the first), a backward pass adding into nonzero
   * gradients, and one more without the input gradient (the weight gradient starts from zero again); compares each
   * result with {@code layer}'s reference and checks that nothing outside the written ranges changed.
   */
  void checkLayer(String what, BlockedConv conv, Layer layer, boolean hasBias, long seed, int batch) {
    SplittableRandom random = new SplittableRandom(seed);
    int weight = 11;
    int bias = hasBias ? weight + layer.weights() + 5 : -1;
    float[] p = nan(weight + layer.weights() + 5 + layer.out() + 9);
    fill(p, weight, layer.weights(), random, 0.5);
    if (hasBias) {
      fill(p, bias, layer.out(), random, 1);
    }
    int xBase = 13;
    int yBase = 6;
    float[] x = nan(xBase + batch * layer.xSize() + 4);
    fill(x, xBase, batch * layer.xSize(), random, 1);
    float[] dy = nan(yBase + batch * layer.ySize() + 4);
    fill(dy, yBase, batch * layer.ySize(), random, 1);

    float[] y = sentinels(dy.length);
    conv.packForward(p, weight);
    for (int pass = 0; pass < 2; pass++) { // the second pass overwrites the first's values
      for (int n = 0; n < batch; n++) {
        conv.forward(p, bias, x, xBase + n * layer.xSize(), y, yBase + n * layer.ySize());
      }
    }
    double[] yRef = layer.forward(p, weight, bias, x, xBase, batch);
    compare(0, what + " forward", y, yBase, yRef, new double[yRef.length]);
    untouched(what + " forward", y, yBase, yRef.length);

    float[] g = sentinels(p.length);
    fill(g, weight, layer.weights(), random, 1);
    float[] g0 = g.clone();
    float[] dx = sentinels(x.length);
    fill(dx, xBase, batch * layer.xSize(), random, 1);
    float[] dx0 = dx.clone();
    conv.beginBackward(p, weight);
    for (int n = 0; n < batch; n++) {
      conv.backward(x, xBase + n * layer.xSize(), dy, yBase + n * layer.ySize(), dx);
    }
    conv.endBackward(g, weight);
    double[] dwRef = layer.weightGradient(p, weight, x, xBase, dy, yBase, batch);
    double[] dxRef = layer.inputGradient(p, weight, x, xBase, dy, yBase, batch);
    compare(1, what + " weight gradient", g, weight, dwRef, doubles(g0, weight, dwRef.length));
    untouched(what + " weight gradient", g, weight, dwRef.length);
    compare(2, what + " input gradient", dx, xBase, dxRef, doubles(dx0, xBase, dxRef.length));
    untouched(what + " input gradient", dx, xBase, dxRef.length);

    // a second pass without the input gradient: the weight gradient starts from zero again
    conv.beginBackward(p, weight);
    for (int n = 0; n < batch; n++) {
      conv.backward(x, xBase + n * layer.xSize(), dy, yBase + n * layer.ySize(), null);
    }
    float[] g2 = g0.clone();
    conv.endBackward(g2, weight);
    compare(1, what + " weight gradient, dx null", g2, weight, dwRef, doubles(g0, weight, dwRef.length));
    untouched(what + " weight gradient, dx null", g2, weight, dwRef.length);
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
