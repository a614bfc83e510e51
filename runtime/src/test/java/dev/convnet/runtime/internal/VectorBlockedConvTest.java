package dev.convnet.runtime.internal;

import static dev.convnet.runtime.internal.KernelChecks.fill;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.parallel.WorkerPool;
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
 * The Vector API kernels ({@link BlockedConv}, made by {@link Vectorization#blockedConv}) against a naive float64
 * convolution: forward, the weight gradient summed over a batch and added into a nonzero gradient, and the input
 * gradient added into a nonzero array (or skipped when it is null), for every kind of geometry the kernels take, at
 * this JVM's lanes (surefire runs this class at 16 and, with {@code -XX:MaxVectorSize=32}, at 8). Samples sit at
 * nonzero offsets inside larger arrays whose other values must stay untouched; the parameters and inputs outside
 * the ranges read are NaN, so a read out of range shows in the results.
 */
class VectorBlockedConvTest {
  /**
   * Largest error allowed, relative to the largest magnitude of the expected values of the compared array. The worst
   * errors measured over every geometry here (2026-11-30, one-vector groups included) were, at 16 lanes, 8.6e-7
   * (forward), 3.6e-7 (weight gradient) and 8.9e-7 (input gradient), and at 8 lanes 5.3e-7, 5.3e-7 and 5.1e-7:
   * float32 rounding of sums of at most a few hundred products (and of the add into a nonzero array). The limit is
   * about 10× the worst; the test prints the worst errors of its run.
   */
  private static final double TOLERANCE = 1e-5;
  private static final int BATCH = 3;

  private static int lanes;
  private static final KernelChecks CHECKS = new KernelChecks(TOLERANCE, 3);

  /** One layer: channels, input size, kernel, stride, padding, with a bias or not. */
  record Geometry(int in, int out, int h, int w, int k, int s, int pad, boolean bias) {
    int oh() {
      return (h + 2 * pad - k) / s + 1;
    }

    int ow() {
      return (w + 2 * pad - k) / s + 1;
    }

    int xSize() {
      return in * h * w;
    }

    int ySize() {
      return out * oh() * ow();
    }

    int weights() {
      return out * in * k * k;
    }

    ReferenceConv reference() {
      return ReferenceConv.square(in, out, h, w, k, s, pad);
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
    System.out.printf("VectorBlockedConvTest at %d lanes: worst relative errors forward %.2e, weight gradient %.2e,"
        + " input gradient %.2e (limit %.1e)%n", lanes, CHECKS.worst(0), CHECKS.worst(1), CHECKS.worst(2), TOLERANCE);
  }

  static Stream<Geometry> geometries() {
    int l = Vectorization.lanes();
    return Stream.of(
        new Geometry(l, 2 * l, 8, 9, 3, 1, 1, true),          // 3×3 pad 1, width 9 = 7 + a tail of 2
        new Geometry(3 * l, 4 * l, 14, 15, 3, 1, 1, false),   // odd input blocks, two output groups
        new Geometry(2 * l, 2 * l, 8, 14, 3, 2, 1, true),     // 3×3/2: 8×14 → 4×7
        new Geometry(l, 2 * l, 7, 7, 3, 2, 1, false),         // odd sizes: 7×7 → 4×4
        new Geometry(3 * l, 2 * l, 15, 9, 3, 2, 1, true),     // 15×9 → 8×5
        new Geometry(3 * l, 2 * l, 9, 10, 3, 1, 0, true),     // 3×3 pad 0: 9×10 → 7×8
        new Geometry(l, 2 * l, 9, 8, 3, 2, 0, false),         // 3×3/2 pad 0: 9×8 → 4×3
        new Geometry(3 * l, 4 * l, 5, 7, 1, 1, 0, true),      // 1×1
        new Geometry(2 * l, 2 * l, 6, 6, 1, 2, 0, false),     // 1×1/2: 6×6 → 3×3
        new Geometry(l, 4 * l, 7, 5, 1, 2, 0, true),          // 1×1/2 odd: 7×5 → 4×3
        new Geometry(l, 2 * l, 4, 3, 1, 1, 1, true),          // 1×1 pad 1: 4×3 → 6×5
        new Geometry(l, 2 * l, 6, 9, 2, 1, 0, true),          // 2×2: 6×9 → 5×8
        new Geometry(2 * l, 2 * l, 7, 9, 2, 2, 0, false),     // 2×2/2: 7×9 → 3×4
        new Geometry(l, 2 * l, 5, 5, 2, 2, 1, true),          // 2×2/2 pad 1: 5×5 → 3×3
        // out a multiple of 4L: the forward pass by QuadTile at 16 lanes (4 vectors × 6 positions) unless the row
        // tile takes it (3×3 stride 1 on maps at least 8 wide)
        new Geometry(2 * l, 8 * l, 6, 9, 3, 1, 1, true),      // two groups of 4L by the row tile
        new Geometry(l, 4 * l, 16, 20, 3, 2, 1, false),       // 3×3/2: 16×20 → 8×10 = 13 tiles + 2 single positions
        new Geometry(2 * l, 4 * l, 4, 5, 2, 1, 0, true),      // 2×2: 4×5 → 3×4, 2 tiles across row ends
        new Geometry(l, 4 * l, 3, 4, 2, 1, 0, false),         // 2×2: 3×4 → 2×3, one tile
        new Geometry(l, 4 * l, 8, 8, 3, 1, 1, true),          // CIFAR's last stage: 8×8 by the row tile
        new Geometry(l, 8 * l, 5, 5, 3, 2, 1, true),          // 3×3/2: 5×5 → 3×3 = 1 tile + a shifted one
        new Geometry(2 * l, 4 * l, 3, 3, 2, 1, 0, false),     // 2×2: 3×3 → 2×2, a map smaller than the tile
        new Geometry(l, 4 * l, 1, 11, 1, 1, 0, true),         // 1×1 on one row of 11: a tile + a shifted one
        new Geometry(2 * l, 4 * l, 7, 7, 3, 1, 1, true),      // 7×7 (ResNet-18's layer4): 8 tiles + 1 position
        // in a multiple of 4L: the input gradient by QuadTile at 16 lanes, over each phase's positions
        new Geometry(4 * l, 2 * l, 9, 11, 3, 2, 1, true),     // 3×3/2: phases of 5×6, 5×5, 4×6, 4×5 positions
        new Geometry(4 * l, 4 * l, 7, 7, 3, 1, 1, false),     // 3×3: both directions by QuadTile
        new Geometry(8 * l, l, 6, 5, 1, 2, 0, true),          // 1×1/2 into one vector: phases of 3×3 and none
        new Geometry(4 * l, 2 * l, 5, 4, 2, 2, 1, false),     // 2×2/2 pad 1: phases of 3×2 positions, one tap each
        // one-vector groups: out = L or 3L (forward, weight gradient), in = L or 3L (input gradient)
        new Geometry(l, l, 9, 31, 3, 1, 1, true),             // 3×3 L → L, width 31 = 2·14 + a tail of 3
        new Geometry(l, l, 6, 23, 3, 1, 1, false),            // width 23 = 14 + 9: the tail by a shifted tile
        new Geometry(3 * l, 3 * l, 11, 13, 3, 1, 1, true),    // 3L → 3L: a group of 2L and one of L; width < 14
        new Geometry(l, l, 7, 20, 3, 1, 0, true),             // 3×3 pad 0: 7×20 → 5×18 = 16 + a tail of 2
        new Geometry(3 * l, l, 4, 37, 3, 1, 1, false),        // width 37 = 2·16 + 5
        new Geometry(l, 3 * l, 15, 29, 3, 2, 1, false),       // 3×3/2: 15×29 → 8×15
        new Geometry(2 * l, l, 9, 10, 3, 2, 0, true),         // 3×3/2 pad 0: 9×10 → 4×4
        new Geometry(3 * l, l, 5, 33, 1, 1, 0, true),         // 1×1
        new Geometry(l, 3 * l, 9, 30, 1, 2, 0, false),        // 1×1/2: 9×30 → 5×15
        new Geometry(l, l, 7, 16, 2, 2, 1, true),             // 2×2/2 pad 1: 7×16 → 4×9
        // the 2-vector row tile of 3×3 stride 1 at 16 lanes (8 positions, each broadcast for up to 3 of them)
        new Geometry(2 * l, 2 * l, 5, 19, 3, 1, 1, true),     // width 19 = 2·8 + a shifted tile
        new Geometry(l, 6 * l, 4, 16, 3, 1, 0, false),        // 3 groups of 2L, 4×16 → 2×14 = 8 + a shifted tile
        new Geometry(2 * l, 5 * l, 6, 10, 3, 1, 1, true),     // 2 groups of 2L and one of L, width 10
        // rows of 8a + 7b positions, b > 0: the row tile by 8 and 7 positions (no shifted tile)
        new Geometry(2 * l, 2 * l, 3, 14, 3, 1, 1, true),     // 14 = 2·7
        new Geometry(l, 4 * l, 2, 28, 3, 1, 1, false),        // 28 = 4·7, two groups of 2L
        new Geometry(2 * l, 3 * l, 4, 23, 3, 1, 0, true),     // 3×3 pad 0: 23 → 21 = 3·7, a group of 2L and one of L
        new Geometry(l, 2 * l, 3, 15, 3, 1, 1, false),        // 15 = 8 + 7
        new Geometry(2 * l, 2 * l, 2, 31, 3, 1, 1, true));    // 31 = 3·8 + 7
  }

  @ParameterizedTest
  @MethodSource("geometries")
  void matchesTheFloat64Reference(Geometry geo) {
    BlockedConv conv = Vectorization.blockedConv(geo.in(), geo.out(), geo.h(), geo.w(), geo.k(), geo.s(), geo.pad());
    assertNotNull(conv, geo + " fits the blocks");
    CHECKS.checkLayer(geo.toString(), conv, geo.reference(), geo.bias(), geo.hashCode(), BATCH);
  }

  /**
   * Packed weights are reused only while the weights they were made from are unchanged: a single weight written in
   * place between passes (as an optimizer step or a user's own write does) must show in the next forward pass and in
   * the next input gradient, and rewriting the original value must bring the original results back.
   */
  @Test
  void weightsChangedInPlaceAreRepacked() {
    int l = Vectorization.lanes();
    Geometry geo = new Geometry(2 * l, 2 * l, 5, 9, 3, 1, 1, false);
    SplittableRandom random = new SplittableRandom(5);
    float[] p = new float[geo.weights()];
    fill(p, 0, geo.weights(), random, 0.5);
    float[] x = new float[BATCH * geo.xSize()];
    fill(x, 0, x.length, random, 1);
    float[] dy = new float[BATCH * geo.ySize()];
    fill(dy, 0, dy.length, random, 1);
    BlockedConv conv = Vectorization.blockedConv(geo.in(), geo.out(), geo.h(), geo.w(), geo.k(), geo.s(), geo.pad());
    float[] first = passes(conv, geo, p, x, dy);
    ReferenceConv reference = geo.reference();
    int changed = reference.weightIndex(geo.out() - 1, 1, 2, 0);
    float was = p[changed];
    p[changed] = was + 3;
    float[] second = passes(conv, geo, p, x, dy);
    double[] yRef = reference.forward(p, 0, -1, x, 0, BATCH);
    CHECKS.compare(0, "forward after a weight changed in place", Arrays.copyOf(second, yRef.length), 0, yRef,
        new double[yRef.length]);
    double[] dxRef = reference.inputGradient(p, 0, x, 0, dy, 0, BATCH);
    CHECKS.compare(2, "input gradient after a weight changed in place", Arrays.copyOfRange(second, yRef.length,
        second.length), 0, dxRef, new double[dxRef.length]);
    p[changed] = was;
    assertArrayEquals(first, passes(conv, geo, p, x, dy), "the original weights give the original results again");
  }

  /**
   * The batched forward ({@link BlockedConv#forwardBatch}) of layers with small output maps: bit for bit the
   * per-sample pass, with input blocks in one chunk or several and a last chunk of fewer blocks, a last tile that
   * repeats a position, stride 2 and a bias; the pass's per-sample calls then do nothing, and a call out of order is
   * computed as usual. At 8 lanes (no 4-vector tile) no layer is batched.
   */
  @ParameterizedTest(name = "{0} → {1} maps, {2}×{2}, stride {3}, bias {4}")
  @org.junit.jupiter.params.provider.CsvSource({"4, 4, 7, 1, false", "5, 4, 7, 1, true", "1, 4, 5, 1, false",
      "8, 8, 9, 2, true", "2, 4, 3, 1, true"})
  void batchedForwardMatchesThePerSamplePass(int inBlocks, int outBlocks, int side, int stride, boolean bias) {
    int l = Vectorization.lanes();
    Geometry geo = new Geometry(inBlocks * l, outBlocks * l, side, side, 3, stride, 1, bias);
    SplittableRandom random = new SplittableRandom(17);
    float[] p = new float[geo.weights() + geo.out()];
    fill(p, 0, p.length, random, 0.5);
    int batch = 3;
    float[] x = new float[batch * geo.xSize()];
    fill(x, 0, x.length, random, 1);
    BlockedConv single = Vectorization.blockedConv(geo.in(), geo.out(), side, side, 3, stride, 1);
    BlockedConv batched = Vectorization.blockedConv(geo.in(), geo.out(), side, side, 3, stride, 1);
    int b = bias ? geo.weights() : -1;
    single.packForward(p, 0);
    batched.packForward(p, 0);
    float[] expected = new float[batch * geo.ySize()];
    for (int n = 0; n < batch; n++) {
      single.forward(p, b, x, n * geo.xSize(), expected, n * geo.ySize());
    }
    float[] y = new float[expected.length];
    boolean done = batched.forwardBatch(p, b, x, y, batch);
    org.junit.jupiter.api.Assertions.assertEquals(l == 16 && outBlocks % 4 == 0 && geo.oh() * geo.ow() <= 64, done,
        "batched where the 4-vector tile runs small maps");
    if (done) {
      assertArrayEquals(expected, y, "the batch at once");
      Arrays.fill(y, Float.NaN);
      for (int n = 0; n < batch; n++) { // the pass's own calls: nothing more to do
        batched.forward(p, b, x, n * geo.xSize(), y, n * geo.ySize());
      }
      assertTrue(Float.isNaN(y[0]) && Float.isNaN(y[y.length - 1]), "the per-sample calls of the pass do nothing");
      assertTrue(batched.forwardBatch(p, b, x, y, batch));
      batched.forward(p, b, x, geo.xSize(), y, geo.ySize()); // sample 1 first: out of order, computed again
      assertArrayEquals(expected, y, "a call out of order is computed");
    }
    for (int n = 0; n < batch; n++) {
      batched.forward(p, b, x, n * geo.xSize(), y, n * geo.ySize());
    }
    assertArrayEquals(expected, y, "per-sample calls after the batched pass are computed");
    double[] reference = geo.reference().forward(p, 0, b, x, 0, batch);
    CHECKS.compare(0, "batched forward", y, 0, reference, new double[reference.length]);
  }

  /**
   * A forward pass split across a team of threads ({@link BlockedLayer#useThreads}): bit for bit the pass on one
   * thread, for every geometry, with teams of 2 and 3 (more members than some layers have groups, so that groups are
   * sliced by tiles or rows), the plain and the fused pass, and again on one thread after the team is taken away.
   */
  @ParameterizedTest
  @MethodSource("geometries")
  void forwardSplitAcrossThreadsIsTheSameBitForBit(Geometry geo) {
    SplittableRandom random = new SplittableRandom(geo.hashCode());
    float[] p = new float[geo.weights() + geo.out()];
    fill(p, 0, p.length, random, 0.5);
    float[] x = new float[BATCH * geo.xSize()];
    fill(x, 0, x.length, random, 1);
    float[] scale = new float[geo.out()];
    fill(scale, 0, scale.length, random, 1);
    float[] shift = new float[geo.out()];
    fill(shift, 0, shift.length, random, 1);
    int bias = geo.bias() ? geo.weights() : -1;
    BlockedConv conv = Vectorization.blockedConv(geo.in(), geo.out(), geo.h(), geo.w(), geo.k(), geo.s(), geo.pad());
    float[] expected = forwardSplit(conv, geo, p, bias, x, scale, shift);
    for (int size : new int[] {2, 3}) {
      try (WorkerPool team = new WorkerPool(size, "split-test")) {
        conv.useThreads(team);
        assertArrayEquals(expected, forwardSplit(conv, geo, p, bias, x, scale, shift), geo + " on " + size
            + " threads");
      }
    }
    conv.useThreads(null);
    assertArrayEquals(expected, forwardSplit(conv, geo, p, bias, x, scale, shift), geo + " back on one thread");
  }

  /** The batch's plain forward outputs, then its fused ones (batch norm map, ReLU). */
  private static float[] forwardSplit(BlockedConv conv, Geometry geo, float[] p, int bias, float[] x, float[] scale,
                                      float[] shift) {
    float[] y = new float[2 * BATCH * geo.ySize()];
    conv.packForward(p, 0);
    for (int n = 0; n < BATCH; n++) {
      conv.forward(p, bias, x, n * geo.xSize(), y, n * geo.ySize());
    }
    for (int n = 0; n < BATCH; n++) {
      conv.forward(p, bias, x, n * geo.xSize(), y, (BATCH + n) * geo.ySize(), scale, shift, null, 0, true);
    }
    return y;
  }

  /** One forward pass and one input-gradient pass over the batch: the outputs, then the input gradient. */
  private static float[] passes(BlockedConv conv, Geometry geo, float[] p, float[] x, float[] dy) {
    float[] y = new float[BATCH * geo.ySize()];
    conv.packForward(p, 0);
    for (int n = 0; n < BATCH; n++) {
      conv.forward(p, -1, x, n * geo.xSize(), y, n * geo.ySize());
    }
    float[] dx = new float[BATCH * geo.xSize()];
    conv.beginBackward(p, 0);
    for (int n = 0; n < BATCH; n++) {
      conv.backward(x, n * geo.xSize(), dy, n * geo.ySize(), dx);
    }
    conv.endBackward(new float[p.length], 0);
    float[] both = Arrays.copyOf(y, y.length + dx.length);
    System.arraycopy(dx, 0, both, y.length, dx.length);
    return both;
  }

  @Test
  void rejectsWhatItCannotDo() {
    int l = lanes;
    assertNull(Vectorization.blockedConv(l, l + l / 2, 8, 8, 3, 1, 1), "out not a multiple of L");
    assertNull(Vectorization.blockedConv(l + 1, 2 * l, 8, 8, 3, 1, 1), "in not a multiple of L");
    // kernel, stride, pad, side, and what the message must name
    List<Object[]> bad = List.of(
        new Object[] {5, 1, 2, 8, "k 5"},
        new Object[] {3, 3, 1, 8, "stride 3"},
        new Object[] {3, 1, 2, 8, "pad 2"},
        new Object[] {3, 1, -1, 8, "pad -1"},
        new Object[] {0, 1, 0, 8, "k 0"},
        new Object[] {3, 1, 0, 2, "does not fit an input of 2×2"});
    for (Object[] b : bad) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Vectorization.blockedConv(l, 2 * l, (int) b[3], (int) b[3], (int) b[0], (int) b[1], (int) b[2]),
          () -> Arrays.toString(b));
      assertTrue(e.getMessage().contains((String) b[4]), e.getMessage());
    }
  }
}
