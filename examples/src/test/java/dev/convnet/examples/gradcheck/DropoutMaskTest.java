package dev.convnet.examples.gradcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.nets.DropoutOnlyNet;
import dev.convnet.examples.nets.DropoutOnlyNet64;
import dev.convnet.runtime.CompiledNetwork;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Dropout's mask and backward pass, analytically, on a network that is a dropout layer alone (rate 0.25, seed 3):
 * each value is zeroed or scaled by exactly {@code 1/(1 − rate)}, about {@code 1 − rate} of them are kept,
 * {@code dx = dy·mask}, the same seed gives the same mask, each pass and each worker draws a new one, and inference
 * mode is the identity. (The finite-difference check in training mode is in {@link GraphLayerGradientTest}.)
 */
class DropoutMaskTest {
  private static final int BATCH = 40;
  private static final float SCALE = 1f / (1f - 0.25f);

  private static float[] input(int size) {
    SplittableRandom random = new SplittableRandom(9);
    float[] x = new float[size];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble(0.5, 2) * (random.nextBoolean() ? 1 : -1);
    }
    return x;
  }

  /** The mask of the last pass: {@code y/x}, each exactly 0 or the scale. */
  private static float[] mask(float[] x, float[] y) {
    float[] m = new float[x.length];
    for (int i = 0; i < m.length; i++) {
      m[i] = y[i] == 0f ? 0f : SCALE;
      assertTrue(y[i] == 0f || y[i] == x[i] * SCALE, "value " + i + ": " + x[i] + " became " + y[i]);
    }
    return m;
  }

  private static float[] maskOfPass(CompiledNetwork net, float[] x) {
    return mask(x, net.forward(x, BATCH).clone());
  }

  @Test
  void keptValuesAreScaledAndAboutOneMinusTheRateAreKept() {
    DropoutOnlyNet net = new DropoutOnlyNet();
    float[] x = input(BATCH * net.inputSize());
    float[] m = maskOfPass(net, x);
    long kept = 0;
    for (float v : m) {
      kept += v == 0f ? 0 : 1;
    }
    double fraction = (double) kept / m.length;
    // 6720 values: the kept fraction's standard deviation is about 0.005
    assertEquals(0.75, fraction, 0.025, "kept fraction");
  }

  @Test
  void backwardMultipliesTheOutputGradientByTheMask() {
    DropoutOnlyNet net = new DropoutOnlyNet();
    float[] x = input(BATCH * net.inputSize());
    float[] m = maskOfPass(net, x);
    float[] dy = input(x.length);
    for (int i = 0; i < dy.length; i++) {
      dy[i] = dy[i] * 0.7f + 0.1f;
    }
    float[] dx = net.backward(dy);
    for (int i = 0; i < dy.length; i++) {
      assertEquals(dy[i] * m[i], dx[i], 0f, "dx at " + i);
    }
  }

  @Test
  void theSameSeedGivesTheSameMaskAndEachPassANewOne() {
    DropoutOnlyNet first = new DropoutOnlyNet();
    DropoutOnlyNet second = new DropoutOnlyNet();
    float[] x = input(BATCH * first.inputSize());
    float[] a = maskOfPass(first, x);
    assertArrayEquals(a, maskOfPass(second, x));
    float[] next = maskOfPass(first, x);
    assertFalse(Arrays.equals(a, next), "the second pass reused the first pass's mask");
    assertArrayEquals(next, maskOfPass(second, x));
  }

  @Test
  void aWorkerDrawsFromAnotherStream() {
    DropoutOnlyNet net = new DropoutOnlyNet();
    CompiledNetwork worker = net.newWorker();
    CompiledNetwork worker2 = net.newWorker();
    float[] x = input(BATCH * net.inputSize());
    float[] own = maskOfPass(net, x);
    float[] w1 = maskOfPass(worker, x);
    float[] w2 = maskOfPass(worker2, x);
    assertFalse(Arrays.equals(own, w1), "worker 1 repeats the network's mask");
    assertFalse(Arrays.equals(own, w2), "worker 2 repeats the network's mask");
    assertFalse(Arrays.equals(w1, w2), "the two workers share a mask");
  }

  @Test
  void theDoubleTwinDrawsTheSameMask() {
    DropoutOnlyNet net = new DropoutOnlyNet();
    DropoutOnlyNet64 twin = new DropoutOnlyNet64();
    float[] x = input(BATCH * net.inputSize());
    float[] m = maskOfPass(net, x);
    double[] xd = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      xd[i] = x[i];
    }
    double[] y = twin.forward(xd, BATCH);
    for (int i = 0; i < x.length; i++) {
      assertEquals(m[i] == 0f, y[i] == 0.0, "mask differs at " + i);
    }
  }

  @Test
  void inferenceModeIsTheIdentityForwardAndBackward() {
    DropoutOnlyNet net = new DropoutOnlyNet();
    net.setTraining(false);
    float[] x = input(BATCH * net.inputSize());
    assertArrayEquals(x, Arrays.copyOf(net.forward(x, BATCH), x.length));
    float[] dy = input(x.length);
    assertArrayEquals(dy, Arrays.copyOf(net.backward(dy), dy.length));
  }
}
