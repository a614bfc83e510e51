package dev.convnet.runtime.internal.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled micro-kernel of the forward pass and of the input gradient: {@value Kernels#VECTORS} vectors of
 * output channels × {@value #POSITIONS} positions = 14 accumulators in vector registers (+ 2 weight vectors + 1
 * broadcast = 17 of AVX-512's 32), updated by broadcast-FMA. For each source channel and tap it loads two weight
 * vectors and uses each for 7 positions, and broadcasts each source value once for 2 vectors: 14 FMAs per 9 loads,
 * enough to keep both FMA pipes busy from L1.
 *
 * <p>A "tap" is an offset into the source planes, so the same kernel runs any {@code k×k} window (one offset per
 * source block and tap) and each phase of a strided input gradient. The weights are packed in the order the kernel
 * reads them: per offset, per source channel {@code c} of the block, the {@code 2L} destination weights
 * ({@code [offset][c][2][L]}), walked linearly.
 *
 * <p>Written for C2: the species is a constant, the accumulators are named locals (an array of vectors would be
 * boxed), and they live in one loop with a variable trip count around one with a constant trip count (a third level
 * of nesting made C2 box them: 1 GFLOP/s instead of tens). Port of the benchmarks' measured kernel.
 */
final class Tile {
  /** Output positions of the tile. */
  static final int POSITIONS = 7;

  private static final VectorSpecies<Float> SPECIES = Kernels.SPECIES;
  private static final int LANES = Kernels.LANES;

  private Tile() {}

  /**
   * {@code dst[p, v] = bias[v] + Σ_offset Σ_c w[offset][c][v] · src[srcBase + offset + p·srcStep + c]} for the 7
   * positions {@code p} and the 2 vectors {@code v}, written at {@code dstBase + v·dstBlockStride + p·dstStep}.
   *
   * @param offsets every (source block, tap) pair as one offset from {@code srcBase}, flattened into one loop
   * @param bias the bias ({@code 2L} values from {@code biasBase}), or null for none
   */
  static void run(float[] src, int srcBase, int[] offsets, int srcStep, float[] w, int wBase, float[] bias,
                  int biasBase, float[] dst, int dstBase, int dstBlockStride, int dstStep) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector z = FloatVector.zero(s);
    FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a04 = z, a05 = z, a06 = z;
    FloatVector a10 = z, a11 = z, a12 = z, a13 = z, a14 = z, a15 = z, a16 = z;
    int wi = wBase;
    for (int offset : offsets) {
      int x = srcBase + offset;
      for (int c = 0; c < LANES; c++, x++, wi += 2 * LANES) {
        FloatVector w0 = FloatVector.fromArray(s, w, wi);
        FloatVector w1 = FloatVector.fromArray(s, w, wi + LANES);
        FloatVector v = FloatVector.broadcast(s, src[x]);
        a00 = w0.fma(v, a00);
        a10 = w1.fma(v, a10);
        v = FloatVector.broadcast(s, src[x + srcStep]);
        a01 = w0.fma(v, a01);
        a11 = w1.fma(v, a11);
        v = FloatVector.broadcast(s, src[x + 2 * srcStep]);
        a02 = w0.fma(v, a02);
        a12 = w1.fma(v, a12);
        v = FloatVector.broadcast(s, src[x + 3 * srcStep]);
        a03 = w0.fma(v, a03);
        a13 = w1.fma(v, a13);
        v = FloatVector.broadcast(s, src[x + 4 * srcStep]);
        a04 = w0.fma(v, a04);
        a14 = w1.fma(v, a14);
        v = FloatVector.broadcast(s, src[x + 5 * srcStep]);
        a05 = w0.fma(v, a05);
        a15 = w1.fma(v, a15);
        v = FloatVector.broadcast(s, src[x + 6 * srcStep]);
        a06 = w0.fma(v, a06);
        a16 = w1.fma(v, a16);
      }
    }
    if (bias != null) {
      FloatVector b0 = FloatVector.fromArray(s, bias, biasBase);
      FloatVector b1 = FloatVector.fromArray(s, bias, biasBase + LANES);
      a00 = a00.add(b0);
      a01 = a01.add(b0);
      a02 = a02.add(b0);
      a03 = a03.add(b0);
      a04 = a04.add(b0);
      a05 = a05.add(b0);
      a06 = a06.add(b0);
      a10 = a10.add(b1);
      a11 = a11.add(b1);
      a12 = a12.add(b1);
      a13 = a13.add(b1);
      a14 = a14.add(b1);
      a15 = a15.add(b1);
      a16 = a16.add(b1);
    }
    int d0 = dstBase;
    int d1 = dstBase + dstBlockStride;
    a00.intoArray(dst, d0);
    a10.intoArray(dst, d1);
    a01.intoArray(dst, d0 + dstStep);
    a11.intoArray(dst, d1 + dstStep);
    a02.intoArray(dst, d0 + 2 * dstStep);
    a12.intoArray(dst, d1 + 2 * dstStep);
    a03.intoArray(dst, d0 + 3 * dstStep);
    a13.intoArray(dst, d1 + 3 * dstStep);
    a04.intoArray(dst, d0 + 4 * dstStep);
    a14.intoArray(dst, d1 + 4 * dstStep);
    a05.intoArray(dst, d0 + 5 * dstStep);
    a15.intoArray(dst, d1 + 5 * dstStep);
    a06.intoArray(dst, d0 + 6 * dstStep);
    a16.intoArray(dst, d1 + 6 * dstStep);
  }

  /**
   * The same product for one position: the tail of a row whose length is not a multiple of 7. Four accumulators,
   * two per vector over alternating source channels (hence {@code L} even), to hide half the FMA latency.
   */
  static void runOne(float[] src, int srcBase, int[] offsets, float[] w, int wBase, float[] bias, int biasBase,
                     float[] dst, int dstBase, int dstBlockStride) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector a0 = FloatVector.zero(s);
    FloatVector a1 = a0;
    FloatVector e0 = a0;
    FloatVector e1 = a0;
    int wi = wBase;
    for (int offset : offsets) {
      int x = srcBase + offset;
      for (int c = 0; c < LANES; c += 2, x += 2, wi += 4 * LANES) {
        FloatVector v = FloatVector.broadcast(s, src[x]);
        a0 = FloatVector.fromArray(s, w, wi).fma(v, a0);
        a1 = FloatVector.fromArray(s, w, wi + LANES).fma(v, a1);
        FloatVector u = FloatVector.broadcast(s, src[x + 1]);
        e0 = FloatVector.fromArray(s, w, wi + 2 * LANES).fma(u, e0);
        e1 = FloatVector.fromArray(s, w, wi + 3 * LANES).fma(u, e1);
      }
    }
    a0 = a0.add(e0);
    a1 = a1.add(e1);
    if (bias != null) {
      a0 = a0.add(FloatVector.fromArray(s, bias, biasBase));
      a1 = a1.add(FloatVector.fromArray(s, bias, biasBase + LANES));
    }
    a0.intoArray(dst, dstBase);
    a1.intoArray(dst, dstBase + dstBlockStride);
  }
}
