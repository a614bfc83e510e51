package dev.convnet.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.parallel.WorkerPool;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The patch (im2col) kernels ({@link BlockedConv}, made by {@link Vectorization#patchConv}) against a naive float64
 * convolution of any geometry (rectangular kernels, strides, padding before, dilation, the output size given):
 * forward, the weight gradient summed over a batch and added into a nonzero gradient, the input gradient added into
 * a nonzero array or skipped when it is null, at this JVM's lanes (surefire runs this class at 16 and at 8). As in
 * {@code VectorBlockedConvTest}, samples sit at nonzero offsets of larger arrays whose other values must stay
 * untouched, and everything outside the ranges read is NaN.
 */
class PatchConvTest {
  /**
   * Largest error allowed, relative to the largest magnitude of the expected values of the compared array. The worst
   * errors measured over every geometry here (2026-11-30) were, at 16 lanes, 5.3e-7 (forward), 2.6e-7 (weight
   * gradient) and 2.0e-7 (input gradient), and at 8 lanes 5.4e-7, 3.5e-7 and 1.9e-7: float32 rounding of sums of
   * at most a few hundred products (the weight gradient over a batch of up to 1140 positions). The limit is about
   * 10× the worst; the test prints the worst errors of its run.
   */
  private static final double TOLERANCE = 5e-6;
  private static final int BATCH = 3;

  private static int lanes;
  private static final KernelChecks CHECKS = new KernelChecks(TOLERANCE, 3);

  /** One layer; its output size follows from the padding {@code ph, pw} before and {@code ph2, pw2} after. */
  record Geometry(String name, int in, int out, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw,
                  int dh, int dw, int ph2, int pw2, boolean bias) {
    int oh() {
      return (h + ph + ph2 - (dh * (kh - 1) + 1)) / sh + 1;
    }

    int ow() {
      return (w + pw + pw2 - (dw * (kw - 1) + 1)) / sw + 1;
    }

    int xSize() {
      return in * h * w;
    }

    int ySize() {
      return out * oh() * ow();
    }

    int weights() {
      return out * in * kh * kw;
    }

    ReferenceConv reference() {
      return new ReferenceConv(in, out, h, w, kh, kw, sh, sw, ph, pw, dh, dw, oh(), ow());
    }

    @Override
    public String toString() {
      return name + ": " + in + "→" + out + " " + h + "×" + w + " k" + kh + "×" + kw + " s" + sh + "×" + sw + " p"
          + ph + "×" + pw + " d" + dh + "×" + dw + " → " + oh() + "×" + ow();
    }
  }

  @BeforeAll
  static void vectorApi() {
    assertTrue(Vectorization.enabled(), "the tests must run with --add-modules jdk.incubator.vector");
    lanes = Vectorization.lanes();
    assertTrue(lanes == 8 || lanes == 16, "lanes " + lanes);
  }

  @AfterAll
  static void report() {
    System.out.printf("PatchConvTest at %d lanes: worst relative errors forward %.2e, weight gradient %.2e,"
        + " input gradient %.2e (limit %.1e)%n", lanes, CHECKS.worst(0), CHECKS.worst(1), CHECKS.worst(2), TOLERANCE);
  }

  static Stream<Geometry> geometries() {
    int l = Vectorization.lanes();
    return Stream.of(
        new Geometry("ResNet stem", 3, 2 * l, 19, 17, 7, 7, 2, 2, 3, 3, 1, 1, 3, 3, true),
        new Geometry("stem, several chunks", 3, 2 * l, 40, 38, 7, 7, 2, 2, 3, 3, 1, 1, 3, 3, false),
        new Geometry("5×5 pad 2", 4, l, 11, 13, 5, 5, 1, 1, 2, 2, 1, 1, 2, 2, true),
        new Geometry("3×5 dilation 2", 5, 3 * l, 12, 14, 3, 5, 1, 2, 2, 4, 2, 2, 2, 4, false),
        new Geometry("LeNet 5×5 valid", 1, l, 12, 12, 5, 5, 1, 1, 0, 0, 1, 1, 0, 0, true),
        new Geometry("K = in·9 a multiple of L", 16, l, 6, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, true),
        new Geometry("pad before only (SAME)", 2, 2 * l, 10, 9, 4, 4, 2, 2, 1, 1, 1, 1, 1, 2, true),
        new Geometry("tiny: 9 positions", 2, 3 * l, 5, 5, 3, 3, 1, 1, 0, 0, 1, 1, 0, 0, true),
        new Geometry("output past the input", 3, l, 6, 5, 2, 3, 3, 2, 2, 1, 1, 1, 4, 3, false),
        new Geometry("stride 3, 1×1", 7, 2 * l, 10, 11, 1, 1, 3, 3, 0, 0, 1, 1, 0, 0, true),
        // out a multiple of 4L: the forward pass by QuadTile at 16 lanes
        new Geometry("stem into 4L maps, several chunks", 3, 4 * l, 40, 38, 7, 7, 2, 2, 3, 3, 1, 1, 3, 3, true),
        new Geometry("8L maps, 4 positions", 2, 8 * l, 4, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, false),
        // output rows of 16 or more and patches of at most 64: the forward pass by the swapped tile over im2col rows
        new Geometry("wide: dilation 2, stride 3 across", 2, 2 * l, 7, 70, 3, 3, 1, 3, 1, 2, 2, 2, 1, 2, true),
        new Geometry("wide: two chunks, a partial tile group", 3, l, 20, 37, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, false),
        new Geometry("wide: output past the input", 1, 2 * l, 4, 20, 2, 2, 1, 1, 0, 0, 1, 1, 2, 3, true),
        new Geometry("wide: stride 2 both ways, 5L maps", 2, 5 * l, 9, 41, 5, 5, 2, 2, 2, 2, 1, 1, 2, 2, true),
        new Geometry("wide rows, long patches: per position", 8, 2 * l, 6, 36, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, false));
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void matchesTheFloat64Reference(Geometry geo) {
    BlockedConv conv = Vectorization.patchConv(geo.in(), geo.out(), geo.h(), geo.w(), geo.kh(), geo.kw(), geo.sh(),
        geo.sw(), geo.ph(), geo.pw(), geo.dh(), geo.dw(), geo.oh(), geo.ow());
    assertNotNull(conv, geo + ": out is whole blocks");
    CHECKS.checkLayer(geo.toString(), conv, geo.reference(), geo.bias(), geo.hashCode(), BATCH);
  }

  /**
   * A forward pass whose chunks are split across a team of threads ({@link BlockedLayer#useThreads}): bit for bit
   * the pass on one thread, unlinked (NCHW output, the fused epilogue) and linked (output planes, lazy NCHW output
   * flushed), with teams of 2 and 3, and again on one thread after the team is taken away.
   */
  @ParameterizedTest
  @MethodSource("geometries")
  void forwardSplitAcrossThreadsIsTheSameBitForBit(Geometry geo) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(geo.hashCode());
    float[] p = new float[geo.weights() + geo.out()];
    KernelChecks.fill(p, 0, p.length, random, 0.5);
    float[] x = new float[BATCH * geo.xSize()];
    KernelChecks.fill(x, 0, x.length, random, 1);
    float[] scale = new float[geo.out()];
    KernelChecks.fill(scale, 0, scale.length, random, 1);
    float[] shift = new float[geo.out()];
    KernelChecks.fill(shift, 0, shift.length, random, 1);
    int bias = geo.bias() ? geo.weights() : -1;
    BlockedConv conv = Vectorization.patchConv(geo.in(), geo.out(), geo.h(), geo.w(), geo.kh(), geo.kw(), geo.sh(),
        geo.sw(), geo.ph(), geo.pw(), geo.dh(), geo.dw(), geo.oh(), geo.ow());
    float[] expected = forwardSplit(conv, geo, p, bias, x, scale, shift);
    for (int size : new int[] {2, 3}) {
      try (WorkerPool team = new WorkerPool(size, "split-test")) {
        conv.useThreads(team);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, forwardSplit(conv, geo, p, bias, x, scale,
            shift), geo + " on " + size + " threads");
      }
    }
    conv.useThreads(null);
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, forwardSplit(conv, geo, p, bias, x, scale, shift),
        geo + " back on one thread");
  }

  /** The batch's plain forward outputs, its fused ones (batch norm map, ReLU), then its linked lazy ones flushed. */
  private static float[] forwardSplit(BlockedConv conv, Geometry geo, float[] p, int bias, float[] x, float[] scale,
                                      float[] shift) {
    float[] y = new float[3 * BATCH * geo.ySize()];
    conv.packForward(p, 0);
    for (int n = 0; n < BATCH; n++) {
      conv.forward(p, bias, x, n * geo.xSize(), y, n * geo.ySize());
    }
    for (int n = 0; n < BATCH; n++) {
      conv.forward(p, bias, x, n * geo.xSize(), y, (BATCH + n) * geo.ySize(), scale, shift, null, 0, true);
    }
    for (int n = 0; n < BATCH; n++) {
      conv.forward(p, bias, null, x, n * geo.xSize(), y, (2 * BATCH + n) * geo.ySize(), scale, shift, null, null, 0,
          true, true);
      conv.flush();
    }
    return y;
  }

  @Test
  void rejectsWhatItCannotDo() {
    int l = lanes;
    assertNull(Vectorization.patchConv(3, l + l / 2, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1, 8, 8), "out not a multiple of L");
    // 64·9 = 576 patch channels × 256×256 positions: 37.7 million floats
    IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
        () -> Vectorization.patchConv(64, l, 256, 256, 3, 3, 1, 1, 1, 1, 1, 1, 256, 256));
    assertTrue(big.getMessage().contains("more than 33554432"), big.getMessage());
    assertNotNull(Vectorization.patchConv(64, l, 240, 240, 3, 3, 1, 1, 1, 1, 1, 1, 240, 240), "33.2 million floats");
    // kh, stride, pad, dilation, outH
    List<int[]> bad = List.of(
        new int[] {0, 1, 0, 1, 8},
        new int[] {3, 0, 0, 1, 8},
        new int[] {3, 1, -1, 1, 8},
        new int[] {3, 1, 1, 0, 8},
        new int[] {3, 1, 1, 1, 0});
    for (int[] b : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Vectorization.patchConv(3, l, 8, 8, b[0], 3, b[1], 1, b[2], 1, b[3], 1, b[4], 8),
          () -> Arrays.toString(b));
      assertTrue(e.getMessage().contains("not a convolution"), e.getMessage());
    }
  }
}
