package dev.convnet.runtime.internal;

import static dev.convnet.runtime.internal.KernelChecks.fill;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blocked max pooling ({@link Vectorization#maxPool}) against a naive one with −∞ padding, bit for bit (NaN
 * propagates, 0 wins over −0), eager and lazy, and linked after a stem ({@link BlockedConv}'s patch kernels) whose
 * output planes it reads in place, as a frozen ResNet runs its stem, pooling and first block.
 */
class VectorMaxPoolTest {
  private static int lanes;

  @BeforeAll
  static void vectorApi() {
    assertTrue(Vectorization.enabled(), "the tests must run with --add-modules jdk.incubator.vector");
    lanes = Vectorization.lanes();
  }

  /** {@code max(x[window])} per channel and output, padding never taken (−∞), by {@link Math#max}. */
  private static float[] reference(float[] x, int xo, int c, int h, int w, int k, int s, int p, int oh, int ow) {
    float[] y = new float[c * oh * ow];
    for (int m = 0; m < c; m++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          float max = Float.NEGATIVE_INFINITY;
          for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
              int r = oy * s - p + i;
              int col = ox * s - p + j;
              if (r >= 0 && r < h && col >= 0 && col < w) {
                max = Math.max(max, x[xo + (m * h + r) * w + col]);
              }
            }
          }
          y[(m * oh + oy) * ow + ox] = max;
        }
      }
    }
    return y;
  }

  /** Random values with NaN, infinities and both zeros among them. */
  private static float[] input(int n, long seed) {
    float[] x = new float[n];
    SplittableRandom random = new SplittableRandom(seed);
    fill(x, 0, n, random, 2);
    float[] special = {Float.NaN, 0f, -0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY};
    for (int i = 0; i < n; i += 1 + random.nextInt(13)) {
      x[i] = special[random.nextInt(special.length)];
    }
    return x;
  }

  @ParameterizedTest(name = "{0}×{1}, window {2}, stride {3}, pad {4} → {5}×{6}")
  @CsvSource({
      "7, 9, 3, 2, 1, 4, 5", // ResNet's pooling on odd sizes
      "6, 6, 3, 2, 1, 4, 4", // ceil mode: a last window past the input's end
      "6, 6, 2, 2, 0, 3, 3",
      "5, 8, 3, 1, 1, 5, 8",
      "9, 7, 3, 3, 2, 4, 3",
      "4, 5, 1, 1, 0, 4, 5",
      "3, 3, 3, 2, 1, 2, 2"})
  void matchesTheNaivePooling(int h, int w, int k, int s, int p, int oh, int ow) {
    for (int c : new int[] {lanes, 3 * lanes}) {
      int batch = 2;
      float[] x = input(batch * c * h * w + 5, 31L * h + w + c);
      BlockedPool pool = Vectorization.maxPool(c, h, w, k, k, s, s, p, p, oh, ow);
      float[] y = new float[batch * c * oh * ow];
      float[] lazy = new float[y.length];
      for (int n = 0; n < batch; n++) {
        pool.forward(null, x, 5 + n * c * h * w, y, n * c * oh * ow, false);
      }
      for (int n = 0; n < batch; n++) {
        pool.forward(null, x, 5 + n * c * h * w, lazy, n * c * oh * ow, true);
      }
      pool.flush();
      for (int n = 0; n < batch; n++) {
        float[] expected = reference(x, 5 + n * c * h * w, c, h, w, k, s, p, oh, ow);
        assertArrayEquals(expected, Arrays.copyOfRange(y, n * expected.length, (n + 1) * expected.length),
            "eager, " + c + " channels, sample " + n);
        assertArrayEquals(expected, Arrays.copyOfRange(lazy, n * expected.length, (n + 1) * expected.length),
            "lazy, " + c + " channels, sample " + n);
      }
    }
  }

  /**
   * A stem (7×7 stride 2, 3 → L maps, batch norm and ReLU fused) leaves its output lazy in its planes; the pooling
   * reads them in place (the stem's NCHW output stays NaN) and gives what the unlinked passes give.
   */
  @Test
  void readsALazyStemsPlanesInPlace() {
    int c = lanes;
    BlockedConv stem = Vectorization.patchConv(3, c, 22, 22, 7, 7, 2, 2, 3, 3, 1, 1, 11, 11);
    BlockedConv reference = Vectorization.patchConv(3, c, 22, 22, 7, 7, 2, 2, 3, 3, 1, 1, 11, 11);
    SplittableRandom random = new SplittableRandom(9);
    float[] p = new float[c * 3 * 49];
    fill(p, 0, p.length, random, 0.3);
    float[] scale = new float[c];
    float[] shift = new float[c];
    fill(scale, 0, c, random, 1.5);
    fill(shift, 0, c, random, 0.5);
    float[] x = input(3 * 22 * 22, 10);
    stem.packForward(p, 0);
    reference.packForward(p, 0);
    float[] stemOut = new float[c * 121];
    reference.forward(p, -1, x, 0, stemOut, 0, scale, shift, null, 0, true);
    float[] expected = reference(stemOut, 0, c, 11, 11, 3, 2, 1, 6, 6);

    float[] lazyStem = new float[c * 121];
    Arrays.fill(lazyStem, Float.NaN);
    stem.forward(p, -1, null, x, 0, lazyStem, 0, scale, shift, null, null, 0, true, true);
    BlockedPool pool = Vectorization.maxPool(c, 11, 11, 3, 3, 2, 2, 1, 1, 6, 6);
    float[] y = new float[c * 36];
    pool.forward(stem, lazyStem, 0, y, 0, false);
    assertArrayEquals(expected, y);
    assertTrue(Float.isNaN(lazyStem[0]) && Float.isNaN(lazyStem[lazyStem.length - 1]),
        "the pooling read the stem's planes, not its unwritten NCHW output");
    stem.flush();
    assertArrayEquals(stemOut, lazyStem, "the stem's output once flushed");
  }

  @Test
  void rejectsWhatItCannotDo() {
    assertNull(Vectorization.maxPool(lanes + 1, 8, 8, 3, 3, 2, 2, 1, 1, 4, 4), "channels not a multiple of L");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Vectorization.maxPool(lanes, 8, 8, 3, 3, 2, 2, 3, 3, 5, 5));
    assertTrue(e.getMessage().contains("pad 3×3"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Vectorization.maxPool(lanes, 8, 8, 3, 3, 2, 2, 1, 1, 6, 4));
    assertTrue(e.getMessage().contains("output 6×4"), e.getMessage());
  }
}
