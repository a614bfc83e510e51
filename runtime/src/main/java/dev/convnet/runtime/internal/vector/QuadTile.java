package dev.convnet.runtime.internal.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The forward pass's micro-kernel for groups of {@value #VECTORS} output-channel vectors, where AVX-512's 32 vector
 * registers hold them: {@value #VECTORS} vectors × {@value #POSITIONS} positions = 24 accumulators, + 4 weight
 * vectors + 1 broadcast. For each source channel and tap it loads 4 weight vectors and broadcasts 6 source values:
 * 24 FMAs per 10 loads, where {@link Tile}'s 2 × 7 does 14 per 9; each weight loaded is used for 6 positions and each
 * broadcast for 4 vectors. Six positions, not 7: with 7 the 28 accumulators, 4 weights and the broadcast need 33 of
 * the 32 registers, and C2 kept two accumulators on the stack, loaded and stored at every step (read from its code);
 * measured alone (Zen 5, 16 lanes, one core, best of 800 passes) the 6-position tile took ResNet-18's stride-2 3×3
 * layers from 138–169 to 165–180 GFLOP/s, its 7×7 maps about even (a map of 49 is 8 tiles and one position).
 * Used at 16 lanes only: at 8 (AVX2, 16 registers) the accumulators would spill.
 *
 * <p>The 6 positions of a tile are any 6: their source and destination offsets come in an array ({@link Tile#plane}
 * walks a whole output map in row-major order, 6 positions at a time across row ends, so that an 8 × 8 map takes 11
 * tiles, not 16). Taps and the packed weights' order are {@link Tile}'s, with 4 vectors per source channel:
 * {@code [offset][c][4][L]}. Written for C2 as {@link Tile} is: named accumulators in one loop around a loop of
 * constant trip count.
 */
final class QuadTile {
  /** Output-channel vectors of the tile. */
  static final int VECTORS = 4;
  /** Output positions of the tile. */
  static final int POSITIONS = 6;

  private static final VectorSpecies<Float> SPECIES = Kernels.SPECIES;
  private static final int LANES = Kernels.LANES;

  private QuadTile() {}

  /** Whether this JVM's vectors leave registers enough for the tile: 16 lanes or more (AVX-512). */
  static boolean fits() {
    return LANES >= 16;
  }

  /**
   * {@code dst[dstBase + at[6 + p] + v·dstBlockStride + …] = bias[v] + Σ_offset Σ_c w[offset][c][v] ·
   * src[srcBase + at[p] + offset + c]} for the 6 positions {@code p} and the 4 vectors {@code v}.
   *
   * @param at the positions' source offsets (6) from {@code srcBase}, then their destination offsets (6) from
   *     {@code dstBase}
   * @param offsets every (source block, tap) pair as one offset, flattened into one loop
   * @param bias the bias ({@code 4L} values from {@code biasBase}), or null for none
   * @param accumulate whether the sums start from the values at the destination (a partial sum over earlier source
   *     channels, stored by an earlier call: the same additions in the same order as one call over all of them)
   *     instead of 0; a position may then appear twice in {@code at} (both copies compute and store the same value)
   */
  static void run(float[] src, int srcBase, int[] at, int[] offsets, float[] w, int wBase, float[] bias,
                  int biasBase, float[] dst, int dstBase, int dstBlockStride, boolean accumulate) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector z = FloatVector.zero(s);
    FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a04 = z, a05 = z;
    FloatVector a10 = z, a11 = z, a12 = z, a13 = z, a14 = z, a15 = z;
    FloatVector a20 = z, a21 = z, a22 = z, a23 = z, a24 = z, a25 = z;
    FloatVector a30 = z, a31 = z, a32 = z, a33 = z, a34 = z, a35 = z;
    int d0 = dstBase + at[6];
    int d1 = dstBase + at[7];
    int d2 = dstBase + at[8];
    int d3 = dstBase + at[9];
    int d4 = dstBase + at[10];
    int d5 = dstBase + at[11];
    if (accumulate) {
      int b2 = 2 * dstBlockStride;
      int b3 = 3 * dstBlockStride;
      a00 = FloatVector.fromArray(s, dst, d0);
      a01 = FloatVector.fromArray(s, dst, d1);
      a02 = FloatVector.fromArray(s, dst, d2);
      a03 = FloatVector.fromArray(s, dst, d3);
      a04 = FloatVector.fromArray(s, dst, d4);
      a05 = FloatVector.fromArray(s, dst, d5);
      a10 = FloatVector.fromArray(s, dst, d0 + dstBlockStride);
      a11 = FloatVector.fromArray(s, dst, d1 + dstBlockStride);
      a12 = FloatVector.fromArray(s, dst, d2 + dstBlockStride);
      a13 = FloatVector.fromArray(s, dst, d3 + dstBlockStride);
      a14 = FloatVector.fromArray(s, dst, d4 + dstBlockStride);
      a15 = FloatVector.fromArray(s, dst, d5 + dstBlockStride);
      a20 = FloatVector.fromArray(s, dst, d0 + b2);
      a21 = FloatVector.fromArray(s, dst, d1 + b2);
      a22 = FloatVector.fromArray(s, dst, d2 + b2);
      a23 = FloatVector.fromArray(s, dst, d3 + b2);
      a24 = FloatVector.fromArray(s, dst, d4 + b2);
      a25 = FloatVector.fromArray(s, dst, d5 + b2);
      a30 = FloatVector.fromArray(s, dst, d0 + b3);
      a31 = FloatVector.fromArray(s, dst, d1 + b3);
      a32 = FloatVector.fromArray(s, dst, d2 + b3);
      a33 = FloatVector.fromArray(s, dst, d3 + b3);
      a34 = FloatVector.fromArray(s, dst, d4 + b3);
      a35 = FloatVector.fromArray(s, dst, d5 + b3);
    }
    int s0 = at[0]; int s1 = at[1]; int s2 = at[2]; int s3 = at[3];
    int s4 = at[4]; int s5 = at[5];
    int wi = wBase;
    for (int offset : offsets) {
      int x = srcBase + offset;
      for (int c = 0; c < LANES; c++, x++, wi += 4 * LANES) {
        FloatVector w0 = FloatVector.fromArray(s, w, wi);
        FloatVector w1 = FloatVector.fromArray(s, w, wi + LANES);
        FloatVector w2 = FloatVector.fromArray(s, w, wi + 2 * LANES);
        FloatVector w3 = FloatVector.fromArray(s, w, wi + 3 * LANES);
        FloatVector v;
        v = FloatVector.broadcast(s, src[x + s0]);
        a00 = w0.fma(v, a00);
        a10 = w1.fma(v, a10);
        a20 = w2.fma(v, a20);
        a30 = w3.fma(v, a30);
        v = FloatVector.broadcast(s, src[x + s1]);
        a01 = w0.fma(v, a01);
        a11 = w1.fma(v, a11);
        a21 = w2.fma(v, a21);
        a31 = w3.fma(v, a31);
        v = FloatVector.broadcast(s, src[x + s2]);
        a02 = w0.fma(v, a02);
        a12 = w1.fma(v, a12);
        a22 = w2.fma(v, a22);
        a32 = w3.fma(v, a32);
        v = FloatVector.broadcast(s, src[x + s3]);
        a03 = w0.fma(v, a03);
        a13 = w1.fma(v, a13);
        a23 = w2.fma(v, a23);
        a33 = w3.fma(v, a33);
        v = FloatVector.broadcast(s, src[x + s4]);
        a04 = w0.fma(v, a04);
        a14 = w1.fma(v, a14);
        a24 = w2.fma(v, a24);
        a34 = w3.fma(v, a34);
        v = FloatVector.broadcast(s, src[x + s5]);
        a05 = w0.fma(v, a05);
        a15 = w1.fma(v, a15);
        a25 = w2.fma(v, a25);
        a35 = w3.fma(v, a35);
      }
    }
    if (bias != null) {
      FloatVector b0 = FloatVector.fromArray(s, bias, biasBase);
      FloatVector b1 = FloatVector.fromArray(s, bias, biasBase + LANES);
      FloatVector b2 = FloatVector.fromArray(s, bias, biasBase + 2 * LANES);
      FloatVector b3 = FloatVector.fromArray(s, bias, biasBase + 3 * LANES);
      a00 = a00.add(b0);
      a01 = a01.add(b0);
      a02 = a02.add(b0);
      a03 = a03.add(b0);
      a04 = a04.add(b0);
      a05 = a05.add(b0);
      a10 = a10.add(b1);
      a11 = a11.add(b1);
      a12 = a12.add(b1);
      a13 = a13.add(b1);
      a14 = a14.add(b1);
      a15 = a15.add(b1);
      a20 = a20.add(b2);
      a21 = a21.add(b2);
      a22 = a22.add(b2);
      a23 = a23.add(b2);
      a24 = a24.add(b2);
      a25 = a25.add(b2);
      a30 = a30.add(b3);
      a31 = a31.add(b3);
      a32 = a32.add(b3);
      a33 = a33.add(b3);
      a34 = a34.add(b3);
      a35 = a35.add(b3);
    }
    a00.intoArray(dst, d0);
    a01.intoArray(dst, d1);
    a02.intoArray(dst, d2);
    a03.intoArray(dst, d3);
    a04.intoArray(dst, d4);
    a05.intoArray(dst, d5);
    a10.intoArray(dst, d0 + dstBlockStride);
    a11.intoArray(dst, d1 + dstBlockStride);
    a12.intoArray(dst, d2 + dstBlockStride);
    a13.intoArray(dst, d3 + dstBlockStride);
    a14.intoArray(dst, d4 + dstBlockStride);
    a15.intoArray(dst, d5 + dstBlockStride);
    a20.intoArray(dst, d0 + 2 * dstBlockStride);
    a21.intoArray(dst, d1 + 2 * dstBlockStride);
    a22.intoArray(dst, d2 + 2 * dstBlockStride);
    a23.intoArray(dst, d3 + 2 * dstBlockStride);
    a24.intoArray(dst, d4 + 2 * dstBlockStride);
    a25.intoArray(dst, d5 + 2 * dstBlockStride);
    a30.intoArray(dst, d0 + 3 * dstBlockStride);
    a31.intoArray(dst, d1 + 3 * dstBlockStride);
    a32.intoArray(dst, d2 + 3 * dstBlockStride);
    a33.intoArray(dst, d3 + 3 * dstBlockStride);
    a34.intoArray(dst, d4 + 3 * dstBlockStride);
    a35.intoArray(dst, d5 + 3 * dstBlockStride);
  }

  /**
   * The same product for one position, for maps of fewer than 6 and the last 1 or 2 positions of a map: 4
   * accumulators, one per vector, over every source channel (latency-bound: half the tile's rate, so 1 or 2 positions
   * cost less this way than a whole tile); {@code accumulate} as in {@link #run}.
   */
  static void runOne(float[] src, int srcBase, int[] offsets, float[] w, int wBase, float[] bias, int biasBase,
                     float[] dst, int dstBase, int dstBlockStride, boolean accumulate) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector a0 = FloatVector.zero(s);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    if (accumulate) {
      a0 = FloatVector.fromArray(s, dst, dstBase);
      a1 = FloatVector.fromArray(s, dst, dstBase + dstBlockStride);
      a2 = FloatVector.fromArray(s, dst, dstBase + 2 * dstBlockStride);
      a3 = FloatVector.fromArray(s, dst, dstBase + 3 * dstBlockStride);
    }
    int wi = wBase;
    for (int offset : offsets) {
      int x = srcBase + offset;
      for (int c = 0; c < LANES; c++, x++, wi += 4 * LANES) {
        FloatVector v = FloatVector.broadcast(s, src[x]);
        a0 = FloatVector.fromArray(s, w, wi).fma(v, a0);
        a1 = FloatVector.fromArray(s, w, wi + LANES).fma(v, a1);
        a2 = FloatVector.fromArray(s, w, wi + 2 * LANES).fma(v, a2);
        a3 = FloatVector.fromArray(s, w, wi + 3 * LANES).fma(v, a3);
      }
    }
    if (bias != null) {
      a0 = a0.add(FloatVector.fromArray(s, bias, biasBase));
      a1 = a1.add(FloatVector.fromArray(s, bias, biasBase + LANES));
      a2 = a2.add(FloatVector.fromArray(s, bias, biasBase + 2 * LANES));
      a3 = a3.add(FloatVector.fromArray(s, bias, biasBase + 3 * LANES));
    }
    a0.intoArray(dst, dstBase);
    a1.intoArray(dst, dstBase + dstBlockStride);
    a2.intoArray(dst, dstBase + 2 * dstBlockStride);
    a3.intoArray(dst, dstBase + 3 * dstBlockStride);
  }
}
