package dev.convnet.runtime.internal;

import static dev.convnet.runtime.internal.KernelChecks.fill;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fused passes linked to the kernels before them ({@link BlockedConv}'s linked forward, as frozen copies run ResNet
 * blocks): the consumer reads its input and residual term from the producer's blocked output planes, the producer
 * leaves its NCHW output unwritten when lazy, and every value is bit for bit what the unlinked fused passes give.
 * The NCHW arrays a lazy pass must not write hold NaN, so that a consumer reading them instead of the planes, or a
 * flush that never came, shows.
 */
class LinkedFusedPassTest {
  private static int lanes;

  @BeforeAll
  static void vectorApi() {
    assertTrue(Vectorization.enabled(), "the tests must run with --add-modules jdk.incubator.vector");
    lanes = Vectorization.lanes();
  }

  /** Two 3×3 layers of {@code 2L} maps on 6×7 maps, the second adding the first's output as its residual term. */
  private static final class Pair {
    final int channels = 2 * lanes;
    final int h = 6;
    final int w = 7;
    final int size = channels * h * w;
    final int weights = channels * channels * 9;
    final float[] p = new float[2 * weights + channels];
    final float[] scale = new float[channels];
    final float[] shift = new float[channels];

    Pair(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      fill(p, 0, p.length, random, 0.3);
      fill(scale, 0, channels, random, 1.5);
      fill(shift, 0, channels, random, 0.5);
    }

    BlockedConv first(int pad) {
      BlockedConv c = Vectorization.blockedConv(channels, channels, h + 2 - 2 * pad, w + 2 - 2 * pad, 3, 1, pad);
      c.packForward(p, 0);
      return c;
    }

    BlockedConv second() {
      BlockedConv c = Vectorization.blockedConv(channels, channels, h, w, 3, 1, 1);
      c.packForward(p, weights);
      return c;
    }
  }

  private static float[] nan(int n) {
    float[] a = new float[n];
    Arrays.fill(a, Float.NaN);
    return a;
  }

  @Test
  void theConsumerReadsTheLazyProducersPlanesAndTheFlushWritesThem() {
    Pair pair = new Pair(3);
    float[] x = new float[pair.size];
    fill(x, 0, x.length, new SplittableRandom(4), 1);
    // unlinked reference: the first layer's fused output, then the second's with it as residual
    float[] a = new float[pair.size];
    pair.first(1).forward(pair.p, -1, x, 0, a, 0, pair.scale, pair.shift, null, 0, true);
    float[] b = new float[pair.size];
    pair.second().forward(pair.p, 2 * pair.weights, a, 0, b, 0, pair.scale, pair.shift, a, 0, false);

    BlockedConv first = pair.first(1);
    BlockedConv second = pair.second();
    float[] lazyA = nan(pair.size);
    first.forward(pair.p, -1, null, x, 0, lazyA, 0, pair.scale, pair.shift, null, null, 0, true, true);
    assertTrue(Float.isNaN(lazyA[0]) && Float.isNaN(lazyA[pair.size - 1]), "a lazy pass leaves its output unwritten");
    float[] linkedB = new float[pair.size];
    second.forward(pair.p, 2 * pair.weights, first, lazyA, 0, linkedB, 0, pair.scale, pair.shift, first, lazyA, 0,
        false, false);
    assertArrayEquals(b, linkedB, "input and residual read from the producer's planes");
    assertArrayEquals(nan(pair.size), lazyA, "read in place, the lazy output was not written");
    first.flush();
    assertArrayEquals(a, lazyA, "the flush writes the lazy output");
    Arrays.fill(lazyA, Float.NaN);
    first.flush();
    assertArrayEquals(nan(pair.size), lazyA, "a second flush writes nothing");
  }

  @Test
  void aBatchOfSamplesWritesEachSampleBeforeTheNextOverwritesThePlanes() {
    Pair pair = new Pair(5);
    int batch = 3;
    float[] x = new float[batch * pair.size];
    fill(x, 0, x.length, new SplittableRandom(6), 1);
    BlockedConv refFirst = pair.first(1);
    BlockedConv refSecond = pair.second();
    float[] a = new float[batch * pair.size];
    float[] b = new float[batch * pair.size];
    for (int n = 0; n < batch; n++) {
      refFirst.forward(pair.p, -1, x, n * pair.size, a, n * pair.size, pair.scale, pair.shift, null, 0, false);
    }
    for (int n = 0; n < batch; n++) {
      refSecond.forward(pair.p, 2 * pair.weights, a, n * pair.size, b, n * pair.size, pair.scale, pair.shift, a,
          n * pair.size, true);
    }
    BlockedConv first = pair.first(1);
    BlockedConv second = pair.second();
    float[] lazyA = nan(batch * pair.size);
    float[] lazyB = nan(batch * pair.size);
    for (int n = 0; n < batch; n++) { // layer by layer, as generated passes run: the planes hold the last sample
      first.forward(pair.p, -1, null, x, n * pair.size, lazyA, n * pair.size, pair.scale, pair.shift, null, null, 0,
          false, true);
    }
    assertArrayEquals(Arrays.copyOf(a, (batch - 1) * pair.size), Arrays.copyOf(lazyA, (batch - 1) * pair.size),
        "every sample but the last written when the next one ran");
    for (int n = 0; n < batch; n++) {
      second.forward(pair.p, 2 * pair.weights, first, lazyA, n * pair.size, lazyB, n * pair.size, pair.scale,
          pair.shift, first, lazyA, n * pair.size, true, true);
    }
    second.flush();
    assertArrayEquals(b, lazyB);
    first.flush();
    assertArrayEquals(a, lazyA);
  }

  @Test
  void planesOfAnotherLayoutAreFlushedAndReadAsNchw() {
    Pair pair = new Pair(7);
    // a 3×3 layer without padding keeps a border of 2 around its output, the next layer's input planes have 1
    int inSize = pair.channels * (pair.h + 2) * (pair.w + 2);
    float[] x = new float[inSize];
    fill(x, 0, x.length, new SplittableRandom(8), 1);
    float[] a = new float[pair.size];
    pair.first(0).forward(pair.p, -1, x, 0, a, 0, pair.scale, pair.shift, null, 0, true);
    float[] b = new float[pair.size];
    pair.second().forward(pair.p, 2 * pair.weights, a, 0, b, 0, pair.scale, pair.shift, a, 0, true);
    BlockedConv first = pair.first(0);
    float[] lazyA = nan(pair.size);
    first.forward(pair.p, -1, null, x, 0, lazyA, 0, pair.scale, pair.shift, null, null, 0, true, true);
    float[] linkedB = new float[pair.size];
    pair.second().forward(pair.p, 2 * pair.weights, first, lazyA, 0, linkedB, 0, pair.scale, pair.shift, first,
        lazyA, 0, true, false);
    assertArrayEquals(b, linkedB);
    assertArrayEquals(a, lazyA, "flushed for the consumer that could not read the planes");
  }

  @Test
  void aNewPassOverTheSameSampleDropsThePendingOutputAndTheFlushWritesTheNewOne() {
    Pair pair = new Pair(9);
    float[] x1 = new float[pair.size];
    float[] x2 = new float[pair.size];
    fill(x1, 0, x1.length, new SplittableRandom(10), 1);
    fill(x2, 0, x2.length, new SplittableRandom(11), 1);
    float[] a1 = new float[pair.size];
    pair.first(1).forward(pair.p, -1, x1, 0, a1, 0, pair.scale, pair.shift, null, 0, true);
    float[] a2 = new float[pair.size];
    pair.first(1).forward(pair.p, -1, x2, 0, a2, 0, pair.scale, pair.shift, null, 0, true);
    BlockedConv first = pair.first(1);
    float[] lazyA = nan(pair.size);
    first.forward(pair.p, -1, null, x1, 0, lazyA, 0, pair.scale, pair.shift, null, null, 0, true, true);
    first.forward(pair.p, -1, null, x2, 0, lazyA, 0, pair.scale, pair.shift, null, null, 0, true, true);
    assertArrayEquals(nan(pair.size), lazyA, "the first pass's pending output was dropped, not written");
    first.flush();
    assertArrayEquals(a2, lazyA);
    // an unfused pass over other arrays writes a pending output first
    first.forward(pair.p, -1, null, x1, 0, lazyA, 0, pair.scale, pair.shift, null, null, 0, true, true);
    float[] plain = new float[pair.size];
    first.forward(pair.p, -1, x2, 0, plain, 0);
    assertArrayEquals(a1, lazyA, "the pending output of x1 was written");
  }
}
