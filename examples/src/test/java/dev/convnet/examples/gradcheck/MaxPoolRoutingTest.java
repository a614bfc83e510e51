package dev.convnet.examples.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.nets.MaxPoolOnlyNet;
import dev.convnet.examples.nets.MaxPoolOnlyNet64;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.CompiledNetwork64;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Max pooling's maxima and the routing of its delta, against a direct reference, on a network that is a padded,
 * overlapping, ceil-mode max pooling alone (2×6×7, window 3, stride 3, pad 1: windows hang over every edge). The
 * forward pass keeps no arg-max, so the backward pass finds it again: it must route each output's delta to the first
 * input of its window, in row-major order, that holds the maximum (PyTorch's choice on ties), in training and in
 * inference mode alike; a NaN propagates, as in PyTorch; padding never receives anything.
 */
class MaxPoolRoutingTest {
  private static final int C = 2;
  private static final int H = 6;
  private static final int W = 7;
  private static final int K = 3;
  private static final int S = 3;
  private static final int P = 1;
  private static final int OH = 3; // ceil((6 + 2 − 3) / 3) + 1
  private static final int OW = 3; // ceil((7 + 2 − 3) / 3) + 1
  private static final int BATCH = 5;

  /** Per output, the index in the sample of the first in-input tap holding the window's maximum. */
  private static int[] reference(double[] x, int n, double[] max) {
    int[] arg = new int[C * OH * OW];
    for (int c = 0, j = 0; c < C; c++) {
      for (int oy = 0; oy < OH; oy++) {
        for (int ox = 0; ox < OW; ox++, j++) {
          double best = Double.NEGATIVE_INFINITY;
          int at = -1;
          for (int ky = 0; ky < K; ky++) {
            for (int kx = 0; kx < K; kx++) {
              int iy = oy * S - P + ky;
              int ix = ox * S - P + kx;
              if (iy < 0 || iy >= H || ix < 0 || ix >= W) {
                continue;
              }
              int i = c * H * W + iy * W + ix;
              double v = x[n * C * H * W + i];
              if (at < 0 || v > best || Double.isNaN(v) && !Double.isNaN(best)) {
                best = v;
                at = i;
              }
            }
          }
          max[j] = best;
          arg[j] = at;
        }
      }
    }
    return arg;
  }

  /** Values drawn from {−1, 0, 1, 2}: many ties, within and across windows. */
  private static float[] tiedInput(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[BATCH * C * H * W];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(4) - 1;
    }
    return x;
  }

  private static float[] outputGradient(int size) {
    float[] dy = new float[size];
    for (int i = 0; i < size; i++) {
      dy[i] = 1 + i; // distinct, so that a delta routed to the wrong input shows
    }
    return dy;
  }

  private static double[] widen(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  private static void checkAgainstReference(float[] x, float[] y, float[] dy, float[] dx) {
    double[] xd = widen(x);
    int outSize = C * OH * OW;
    double[] expected = new double[x.length];
    for (int n = 0; n < BATCH; n++) {
      double[] max = new double[outSize];
      int[] arg = reference(xd, n, max);
      for (int j = 0; j < outSize; j++) {
        float got = y[n * outSize + j];
        assertTrue(Double.isNaN(max[j]) ? Float.isNaN(got) : got == (float) max[j],
            "sample " + n + ", output " + j + ": max " + max[j] + ", got " + got);
        expected[n * C * H * W + arg[j]] += dy[n * outSize + j];
      }
    }
    for (int i = 0; i < x.length; i++) {
      assertEquals(expected[i], dx[i], 0, "input gradient " + i);
    }
  }

  @Test
  void tiesRouteTheDeltaToTheFirstInputHoldingTheMaximumInBothModes() {
    for (boolean training : new boolean[] {true, false}) {
      for (long seed = 1; seed <= 20; seed++) {
        MaxPoolOnlyNet net = new MaxPoolOnlyNet();
        net.setTraining(training);
        float[] x = tiedInput(seed);
        float[] y = net.forward(x, BATCH).clone();
        float[] dy = outputGradient(y.length);
        float[] dx = net.backward(dy);
        checkAgainstReference(x, y, dy, Arrays.copyOf(dx, x.length));
      }
    }
  }

  @Test
  void equalInputsRouteEveryDeltaToTheFirstInputOfItsWindow() {
    MaxPoolOnlyNet net = new MaxPoolOnlyNet();
    float[] x = new float[BATCH * C * H * W];
    Arrays.fill(x, 0.5f);
    float[] y = net.forward(x, BATCH).clone();
    float[] dy = outputGradient(y.length);
    checkAgainstReference(x, y, dy, Arrays.copyOf(net.backward(dy), x.length));
    // the window at (0, 0) covers rows −1…1, columns −1…1: its first input is (0, 0)
    float[] dx = net.backward(dy);
    assertEquals(dy[0], dx[0], 0);
  }

  @Test
  void negativeZeroAndPositiveZeroTieAsEqualValues() {
    MaxPoolOnlyNet net = new MaxPoolOnlyNet();
    float[] x = new float[BATCH * C * H * W];
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextBoolean() ? -0f : 0f;
    }
    float[] y = net.forward(x, BATCH).clone();
    float[] dy = outputGradient(y.length);
    float[] dx = Arrays.copyOf(net.backward(dy), x.length);
    double sum = 0;
    for (float v : dy) {
      sum += v;
    }
    double routed = 0;
    for (float v : dx) {
      routed += v;
    }
    assertEquals(sum, routed, 0, "every delta reaches one input");
    for (float v : y) {
      assertEquals(0f, Math.abs(v), 0);
    }
  }

  @Test
  void aNanPropagatesToItsWindowsAndReceivesTheirDelta() {
    MaxPoolOnlyNet net = new MaxPoolOnlyNet();
    float[] x = tiedInput(7);
    int nan = 1 * C * H * W + H * W + 2 * W + 4; // sample 1, map 1, row 2, column 4: window (1, 1) only
    x[nan] = Float.NaN;
    float[] y = net.forward(x, BATCH).clone();
    float[] dy = outputGradient(y.length);
    float[] dx = Arrays.copyOf(net.backward(dy), x.length);
    int out = 1 * C * OH * OW + OH * OW + OW + 1;
    assertTrue(Float.isNaN(y[out]), "the NaN's window");
    int nans = 0;
    for (float v : y) {
      nans += Float.isNaN(v) ? 1 : 0;
    }
    assertEquals(1, nans, "only the NaN's window");
    checkAgainstReference(x, y, dy, dx);
    assertEquals(dy[out], dx[nan], 0);
  }

  @Test
  void windowsOfMinusInfinityRouteNothingOutsideTheirSample() {
    MaxPoolOnlyNet net = new MaxPoolOnlyNet();
    float[] x = tiedInput(3);
    Arrays.fill(x, 0, C * H * W, Float.NEGATIVE_INFINITY); // sample 0: every window −∞, as its padding
    float[] y = net.forward(x, BATCH).clone();
    float[] dy = outputGradient(y.length);
    float[] dx = Arrays.copyOf(net.backward(dy), x.length);
    float[] later = Arrays.copyOfRange(dx, C * H * W, dx.length);
    float[] xs = Arrays.copyOfRange(x, C * H * W, x.length);
    float[] ys = Arrays.copyOfRange(y, C * OH * OW, y.length);
    float[] dys = Arrays.copyOfRange(dy, C * OH * OW, dy.length);
    // the other samples are untouched by sample 0's windows
    MaxPoolOnlyNet alone = new MaxPoolOnlyNet();
    alone.forward(xs, BATCH - 1);
    assertArrayEquals(Arrays.copyOf(alone.backward(dys), xs.length), later);
    assertArrayEquals(Arrays.copyOf(alone.forward(xs, BATCH - 1), ys.length), ys);
    for (int i = 0; i < C * H * W; i++) {
      assertTrue(Float.isFinite(dx[i]), "input gradient " + i);
    }
  }

  @Test
  void float64TwinRoutesAsTheFloat32Network() {
    CompiledNetwork net = new MaxPoolOnlyNet();
    CompiledNetwork64 twin = new MaxPoolOnlyNet64();
    for (long seed = 1; seed <= 5; seed++) {
      float[] x = tiedInput(seed);
      float[] y = net.forward(x, BATCH).clone();
      float[] dy = outputGradient(y.length);
      float[] dx = Arrays.copyOf(net.backward(dy), x.length);
      double[] y64 = twin.forward(widen(x), BATCH).clone();
      double[] dx64 = twin.backward(widen(dy));
      for (int i = 0; i < y.length; i++) {
        assertEquals(y[i], y64[i], 0);
      }
      for (int i = 0; i < dx.length; i++) {
        assertEquals(dx[i], dx64[i], 0, "input gradient " + i);
      }
    }
  }
}
