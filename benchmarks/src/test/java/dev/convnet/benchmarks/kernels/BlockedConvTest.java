package dev.convnet.benchmarks.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The blocked kernels against the naive float64 convolution on {@link Kernels#SPECIES}: forward, input gradient,
 * weight and bias gradients, on shapes that exercise full 7-position tiles, tails, both strides, several channel groups
 * and
 * blocks, batch 2. Every value must agree to a float32 rounding error of its terms' magnitude; the largest error is
 * printed. The build runs this class twice, the second time with {@code -XX:MaxVectorSize=32}, so that an AVX-512
 * machine tests the 8-lane kernels too (on AVX2 both runs have 8 lanes).
 */
class BlockedConvTest {
  /** Relative to the sum of the absolute terms: float32 accumulation over a few hundred terms. */
  static final double TOLERANCE = 2e-6;

  static Stream<Arguments> shapes() {
    Stream.Builder<Arguments> b = Stream.builder();
    int l2 = 2 * Kernels.LANES;
    // lanes, batch, in, out, h, w, k, stride, pad
    b.add(Arguments.of(Kernels.LANES, 2, l2, 2 * l2, 9, 11, 3, 1, 1));   // 7-tiles and tails of 4 and 2
    b.add(Arguments.of(Kernels.LANES, 2, 2 * l2, l2, 14, 14, 3, 2, 1));  // stride 2: 7×7 output, 4 phases
    b.add(Arguments.of(Kernels.LANES, 1, l2, l2, 7, 7, 3, 1, 1));        // one 7-tile per row (ResNet-18's layer4)
    b.add(Arguments.of(Kernels.LANES, 2, l2, 2 * l2, 5, 9, 1, 1, 0));    // 1×1: a GEMM over channels × positions
    b.add(Arguments.of(Kernels.LANES, 2, 2 * l2, l2, 8, 16, 1, 2, 0));   // 1×1 stride 2 (projection shortcut)
    return b.build();
  }

  @ParameterizedTest(name = "{0} lanes, b{1} {2}→{3} {4}×{5} k{6} s{7} p{8}")
  @MethodSource("shapes")
  void matchesTheFloat64Convolution(int lanes, int batch, int in, int out, int h, int w, int k,
                                    int stride, int pad) {
    SplittableRandom random = new SplittableRandom(in * 31 + out * 7 + h + k + stride);
    BlockedConv conv = new BlockedConv(batch, in, out, h, w, k, stride, pad);
    ConvReference ref = new ConvReference(batch, in, out, h, w, k, stride, pad);
    float[] x = uniform(random, batch * in * h * w);
    float[] wt = uniform(random, out * in * k * k);
    float[] bias = uniform(random, out);
    float[] dy = uniform(random, batch * out * ref.oh * ref.ow);

    float[] ys = new float[conv.output().size()];
    conv.forward(conv.input().fromNchw(x), conv.packForward(wt), bias, ys);
    assertClose("forward", ref.forward(x, wt, bias), conv.output().toNchw(ys));
    assertBorderZero(conv.output(), ys);

    ConvReference.Result[] grads = ref.backward(x, wt, dy);
    float[] dys = conv.output().fromNchw(dy);
    float[] dxs = new float[conv.input().size()];
    conv.backwardData(dys, conv.packBackwardData(wt), dxs);
    assertClose("input gradient", grads[0], conv.input().toNchw(dxs));
    assertBorderZero(conv.input(), dxs);

    if (k == 3) {
      float[] dw = new float[wt.length];
      conv.weightGradient(conv.input().fromNchw(x), dys, dw);
      assertClose("weight gradient", grads[1], conv.unpackForward(dw));
    }
    float[] db = new float[out];
    conv.biasGradient(dys, db);
    assertClose("bias gradient", grads[2], db);
  }

  @ParameterizedTest(name = "{0} lanes, b{1} {2}→{3} {4}×{5} k{6} s{7} p{8}")
  @MethodSource("shapes")
  void packingRoundTrips(int lanes, int batch, int in, int out, int h, int w, int k, int stride,
                         int pad) {
    BlockedConv conv = new BlockedConv(batch, in, out, h, w, k, stride, pad);
    float[] wt = uniform(new SplittableRandom(3), out * in * k * k);
    assertEquals(java.util.Arrays.toString(wt), java.util.Arrays.toString(conv.unpackForward(conv.packForward(wt))));
  }

  static float[] uniform(SplittableRandom random, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) random.nextDouble(-1, 1);
    }
    return a;
  }

  static void assertClose(String what, ConvReference.Result expected, float[] actual) {
    assertEquals(expected.value().length, actual.length, what + ": length");
    double worst = 0;
    int at = -1;
    for (int i = 0; i < actual.length; i++) {
      double err = Math.abs(actual[i] - expected.value()[i]) / (expected.magnitude()[i] + 1e-30);
      if (expected.magnitude()[i] == 0 && actual[i] != 0) {
        err = Double.POSITIVE_INFINITY;
      }
      if (err > worst) {
        worst = err;
        at = i;
      }
    }
    System.out.printf("%s: largest error %.2e of the terms' magnitude%n", what, worst);
    double w = worst;
    int a = at;
    assertTrue(worst <= TOLERANCE, () -> what + ": error " + w + " at " + a + ": expected " + expected.value()[a]
        + ", got " + actual[a]);
  }

  static void assertBorderZero(Blocked g, float[] buffer) {
    float[] copy = buffer.clone();
    float[] interior = g.fromNchw(g.toNchw(buffer)); // the interior only, border zero
    assertEquals(java.util.Arrays.toString(interior), java.util.Arrays.toString(copy), "the border must stay zero");
  }
}
