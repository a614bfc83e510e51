package dev.convnet.benchmarks.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled micro-kernel every forward and input-gradient product here runs on: {@value #BLOCKS} vectors of
 * output channels × {@value #POSITIONS} output positions = 14 accumulators held in vector registers (+ 2 weight
 * vectors + 1 broadcast = 17 of AVX-512's 32 registers), updated by broadcast-FMA. For each input channel and each
 * tap, it loads the two weight vectors once and uses each for 7 positions; it broadcasts each input value once and
 * uses it for 2 vectors of output channels: 14 FMAs per 9 loads, enough to keep both FMA pipes busy from L1.
 *
 * <p>A "tap" is an offset into the source buffer, so the same kernel runs a 3×3 convolution (9 taps of a padded
 * window), a 1×1 convolution (1 tap: a GEMM over channels × positions), a dense layer (1 tap, positions = batch
 * rows) and each phase of a strided convolution's input gradient (1, 2 or 4 taps). Weights are pre-packed into the
 * exact order the kernel reads them: for each source channel block, each tap, each channel {@code c} of the block,
 * the {@code 2·L} output-channel weights ({@code [block][tap][c][2][L]}), so the kernel walks them linearly.
 *
 * <p>Written for a generator to specialise: every bound is a constant of the layer (LANES, blocks, tap offsets,
 * steps), the accumulators are named locals (never an array of vectors, which C2 would box).
 */
final class Tile {
  /** Vectors of output channels in the tile. */
  static final int BLOCKS = 2;
  /** Output positions in the tile. */
  static final int POSITIONS = 7;

  private static final VectorSpecies<Float> SPECIES = Kernels.SPECIES;
  private static final int LANES = Kernels.LANES;


  /**
   * {@code dst[pos p, vector v] = bias[v] + Σ_offset Σ_c w[offset][c][v] · src[srcBase + offset + p·srcStep + c]} for
   * the 7 positions {@code p} and 2 vectors {@code v}, written at {@code dstBase + v·dstBlockStride + p·dstStep}.
   * {@code offsets} lists every (source channel block, tap) pair as one offset from {@code srcBase}: one loop, not
   * two, because C2 (JDK 17) keeps vectors in registers across one level of loop nesting around the channel loop but
   * boxes them, allocating on every iteration, across two (measured: 1 GFLOP/s instead of tens).
   *
   * @param bias the bias ({@code 2·L} values from {@code biasBase}), or null for none
   */
  void run(float[] src, int srcBase, int[] offsets, int srcStep, float[] w, int wBase, float[] bias, int biasBase,
           float[] dst, int dstBase, int dstBlockStride, int dstStep) {
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
   * The same product for one position (the tail of a row whose length is not a multiple of 7; the generator emits a
   * tile of exactly the remaining width instead). Four accumulators, two per vector over alternating source
   * channels, so that the FMA latency is half hidden.
   */
  void runOne(float[] src, int srcBase, int[] offsets, float[] w, int wBase, float[] bias, int biasBase,
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
