package dev.convnet.runtime.internal;

import static dev.convnet.runtime.internal.KernelChecks.doubles;
import static dev.convnet.runtime.internal.KernelChecks.fill;
import static dev.convnet.runtime.internal.KernelChecks.nan;
import static dev.convnet.runtime.internal.KernelChecks.sentinels;
import static dev.convnet.runtime.internal.KernelChecks.untouched;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
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
        new Geometry("8L maps, 4 positions", 2, 8 * l, 4, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, false));
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void matchesTheFloat64Reference(Geometry geo) {
    SplittableRandom random = new SplittableRandom(geo.hashCode());
    int weight = 11;
    int bias = geo.bias() ? weight + geo.weights() + 5 : -1;
    float[] p = nan(weight + geo.weights() + 5 + geo.out() + 9);
    fill(p, weight, geo.weights(), random, 0.5);
    if (geo.bias()) {
      fill(p, bias, geo.out(), random, 1);
    }
    int xBase = 13;
    int yBase = 6;
    float[] x = nan(xBase + BATCH * geo.xSize() + 4);
    fill(x, xBase, BATCH * geo.xSize(), random, 1);
    float[] dy = nan(yBase + BATCH * geo.ySize() + 4);
    fill(dy, yBase, BATCH * geo.ySize(), random, 1);

    BlockedConv conv = Vectorization.patchConv(geo.in(), geo.out(), geo.h(), geo.w(), geo.kh(), geo.kw(), geo.sh(),
        geo.sw(), geo.ph(), geo.pw(), geo.dh(), geo.dw(), geo.oh(), geo.ow());
    assertNotNull(conv, geo + ": out is whole blocks");

    float[] y = sentinels(dy.length);
    conv.packForward(p, weight);
    for (int pass = 0; pass < 2; pass++) { // the second pass overwrites the first's values
      for (int n = 0; n < BATCH; n++) {
        conv.forward(p, bias, x, xBase + n * geo.xSize(), y, yBase + n * geo.ySize());
      }
    }
    double[] yRef = forward(geo, p, weight, bias, x, xBase);
    CHECKS.compare(0, geo + " forward", y, yBase, yRef, new double[yRef.length]);
    untouched(geo + " forward", y, yBase, yRef.length);

    float[] g = sentinels(p.length);
    fill(g, weight, geo.weights(), random, 1);
    float[] g0 = g.clone();
    float[] dx = sentinels(x.length);
    fill(dx, xBase, BATCH * geo.xSize(), random, 1);
    float[] dx0 = dx.clone();
    conv.beginBackward(p, weight);
    for (int n = 0; n < BATCH; n++) {
      conv.backward(x, xBase + n * geo.xSize(), dy, yBase + n * geo.ySize(), dx);
    }
    conv.endBackward(g, weight);
    double[] dwRef = new double[geo.weights()];
    double[] dxRef = new double[BATCH * geo.xSize()];
    backward(geo, p, weight, x, xBase, dy, yBase, dwRef, dxRef);
    CHECKS.compare(1, geo + " weight gradient", g, weight, dwRef, doubles(g0, weight, dwRef.length));
    untouched(geo + " weight gradient", g, weight, dwRef.length);
    CHECKS.compare(2, geo + " input gradient", dx, xBase, dxRef, doubles(dx0, xBase, dxRef.length));
    untouched(geo + " input gradient", dx, xBase, dxRef.length);

    // a second pass without the input gradient: the weight gradient starts from zero again
    conv.beginBackward(p, weight);
    for (int n = 0; n < BATCH; n++) {
      conv.backward(x, xBase + n * geo.xSize(), dy, yBase + n * geo.ySize(), null);
    }
    float[] g2 = g0.clone();
    conv.endBackward(g2, weight);
    CHECKS.compare(1, geo + " weight gradient, dx null", g2, weight, dwRef, doubles(g0, weight, dwRef.length));
    untouched(geo + " weight gradient, dx null", g2, weight, dwRef.length);
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

  private static double[] forward(Geometry geo, float[] p, int weight, int bias, float[] x, int xBase) {
    int oh = geo.oh();
    int ow = geo.ow();
    double[] y = new double[BATCH * geo.ySize()];
    for (int n = 0; n < BATCH; n++) {
      for (int o = 0; o < geo.out(); o++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double sum = bias < 0 ? 0 : p[bias + o];
            for (int c = 0; c < geo.in(); c++) {
              for (int a = 0; a < geo.kh(); a++) {
                for (int b = 0; b < geo.kw(); b++) {
                  int r = i * geo.sh() + a * geo.dh() - geo.ph();
                  int q = j * geo.sw() + b * geo.dw() - geo.pw();
                  if (r >= 0 && r < geo.h() && q >= 0 && q < geo.w()) {
                    sum += (double) p[weight + w(geo, o, c, a, b)] * x[xBase + xi(geo, n, c, r, q)];
                  }
                }
              }
            }
            y[((n * geo.out() + o) * oh + i) * ow + j] = sum;
          }
        }
      }
    }
    return y;
  }

  private static void backward(Geometry geo, float[] p, int weight, float[] x, int xBase, float[] dy, int yBase,
                               double[] dw, double[] dx) {
    int oh = geo.oh();
    int ow = geo.ow();
    for (int n = 0; n < BATCH; n++) {
      for (int o = 0; o < geo.out(); o++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double d = dy[yBase + ((n * geo.out() + o) * oh + i) * ow + j];
            for (int c = 0; c < geo.in(); c++) {
              for (int a = 0; a < geo.kh(); a++) {
                for (int b = 0; b < geo.kw(); b++) {
                  int r = i * geo.sh() + a * geo.dh() - geo.ph();
                  int q = j * geo.sw() + b * geo.dw() - geo.pw();
                  if (r >= 0 && r < geo.h() && q >= 0 && q < geo.w()) {
                    dw[w(geo, o, c, a, b)] += d * x[xBase + xi(geo, n, c, r, q)];
                    dx[xi(geo, n, c, r, q)] += d * p[weight + w(geo, o, c, a, b)];
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  private static int w(Geometry geo, int o, int c, int a, int b) {
    return ((o * geo.in() + c) * geo.kh() + a) * geo.kw() + b;
  }

  private static int xi(Geometry geo, int n, int c, int r, int q) {
    return ((n * geo.in() + c) * geo.h() + r) * geo.w() + q;
  }
}
