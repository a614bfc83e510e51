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
 * <p>A group with a single vector (the last of an odd number of blocks: {@code out = L, 3L …}) takes
 * {@link #runHalf}, 1 vector × {@value #HALF_POSITIONS} positions (14 accumulators again, 15 loads per 14 FMAs), its
 * weights packed {@code [offset][c][L]}; for a 3×3 stride-1 window at 16 lanes, {@link #runRow3Half} (16 positions
 * of a row, each broadcast used by up to 3 of them).
 *
 * <p>Written for C2: the species is a constant, the accumulators are named locals (an array of vectors would be
 * boxed), and they live in one loop with a variable trip count around one with a constant trip count (a third level
 * of nesting made C2 box them: 1 GFLOP/s instead of tens). Port of the benchmarks' measured kernel.
 */
final class Tile {
  /** Output positions of the tile. */
  static final int POSITIONS = 7;
  /** Output positions of the one-vector tile. */
  static final int HALF_POSITIONS = 14;
  /** Output positions of the one-vector 3×3 stride-1 row tile. */
  static final int ROW3_POSITIONS = 16;
  /** The length of {@link #plane}'s scratch: source and destination offsets of the larger tile's positions. */
  static final int AT = 2 * Math.max(POSITIONS, QuadTile.POSITIONS);
  /** Output positions of the 2-vector 3×3 stride-1 row tile. */
  static final int ROW3_PAIR_POSITIONS = 8;

  private static final VectorSpecies<Float> SPECIES = Kernels.SPECIES;
  private static final int LANES = Kernels.LANES;

  private Tile() {}

  /**
   * {@code dst[dstBase + at[7 + p] + v·dstBlockStride + …] = bias[v] + Σ_offset Σ_c w[offset][c][v] ·
   * src[srcBase + at[p] + offset + c]} for the 7 positions {@code p} and the 2 vectors {@code v}: any 7 positions,
   * so that a tile may take positions across a row's end ({@link #plane}).
   *
   * @param at the positions' source offsets (7) from {@code srcBase}, then their destination offsets (7) from
   *     {@code dstBase}
   * @param offsets every (source block, tap) pair as one offset, flattened into one loop
   * @param bias the bias ({@code 2L} values from {@code biasBase}), or null for none
   */
  static void run(float[] src, int srcBase, int[] at, int[] offsets, float[] w, int wBase, float[] bias,
                  int biasBase, float[] dst, int dstBase, int dstBlockStride) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector z = FloatVector.zero(s);
    FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a04 = z, a05 = z, a06 = z;
    FloatVector a10 = z, a11 = z, a12 = z, a13 = z, a14 = z, a15 = z, a16 = z;
    int s0 = at[0]; int s1 = at[1]; int s2 = at[2]; int s3 = at[3];
    int s4 = at[4]; int s5 = at[5]; int s6 = at[6];
    int wi = wBase;
    for (int offset : offsets) {
      int x = srcBase + offset;
      for (int c = 0; c < LANES; c++, x++, wi += 2 * LANES) {
        FloatVector w0 = FloatVector.fromArray(s, w, wi);
        FloatVector w1 = FloatVector.fromArray(s, w, wi + LANES);
        FloatVector v;
        v = FloatVector.broadcast(s, src[x + s0]);
        a00 = w0.fma(v, a00);
        a10 = w1.fma(v, a10);
        v = FloatVector.broadcast(s, src[x + s1]);
        a01 = w0.fma(v, a01);
        a11 = w1.fma(v, a11);
        v = FloatVector.broadcast(s, src[x + s2]);
        a02 = w0.fma(v, a02);
        a12 = w1.fma(v, a12);
        v = FloatVector.broadcast(s, src[x + s3]);
        a03 = w0.fma(v, a03);
        a13 = w1.fma(v, a13);
        v = FloatVector.broadcast(s, src[x + s4]);
        a04 = w0.fma(v, a04);
        a14 = w1.fma(v, a14);
        v = FloatVector.broadcast(s, src[x + s5]);
        a05 = w0.fma(v, a05);
        a15 = w1.fma(v, a15);
        v = FloatVector.broadcast(s, src[x + s6]);
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
    int d0 = dstBase + at[7];
    int d1 = dstBase + at[8];
    int d2 = dstBase + at[9];
    int d3 = dstBase + at[10];
    int d4 = dstBase + at[11];
    int d5 = dstBase + at[12];
    int d6 = dstBase + at[13];
    a00.intoArray(dst, d0);
    a10.intoArray(dst, d0 + dstBlockStride);
    a01.intoArray(dst, d1);
    a11.intoArray(dst, d1 + dstBlockStride);
    a02.intoArray(dst, d2);
    a12.intoArray(dst, d2 + dstBlockStride);
    a03.intoArray(dst, d3);
    a13.intoArray(dst, d3 + dstBlockStride);
    a04.intoArray(dst, d4);
    a14.intoArray(dst, d4 + dstBlockStride);
    a05.intoArray(dst, d5);
    a15.intoArray(dst, d5 + dstBlockStride);
    a06.intoArray(dst, d6);
    a16.intoArray(dst, d6 + dstBlockStride);
  }

  /**
   * A whole output map of {@code rows × cols} positions for a group of 2 vectors ({@link #run}, 7 positions per
   * tile) or, with {@code quad}, of 4 ({@link QuadTile#run}, 6 per tile), in row-major order across row ends. The last
   * positions short of a whole tile: by one more tile shifted back over positions already done (the tile overwrites,
   * so the overlap writes the same values again), or, for {@code quad} and 1 or 2 positions, by
   * {@link QuadTile#runOne} each (a map of 49 costs 8 tiles and one position, not 9 tiles); a map smaller than a tile
   * one position at a time ({@link #runOne}, {@link QuadTile#runOne}). Position {@code (r, q)} reads from
   * {@code srcBase + r·srcRow + q·srcStep} and writes at {@code dstBase + r·dstRow + q·dstStep}. A row of 16 costs no
   * one-position tiles, an 8×8 map 10 tiles of 7, not 16.
   *
   * @param at scratch for the tile's offsets, {@link #AT} ints
   */
  static void plane(boolean quad, int rows, int cols, float[] src, int srcBase, int srcRow, int srcStep,
                    int[] offsets, float[] w, int wBase, float[] bias, int biasBase, float[] dst, int dstBase,
                    int dstRow, int dstStep, int dstBlockStride, int[] at) {
    plane(quad, rows, cols, 0, units(quad, rows * cols), src, srcBase, srcRow, srcStep, offsets, w, wBase, bias,
        biasBase, dst, dstBase, dstRow, dstStep, dstBlockStride, at);
  }

  /** Positions of a map of {@code count} that {@link #plane} computes by whole tiles (the rest one at a time). */
  private static int tiled(boolean quad, int count) {
    int tile = quad ? QuadTile.POSITIONS : POSITIONS;
    // the whole map, or for quad only its whole tiles when 1 or 2 positions are left
    return count < tile ? 0 : quad && count % tile <= 2 ? count - count % tile : count;
  }

  /**
   * The units of work {@link #plane} splits a map of {@code count} positions into: its tiles, and one more for the
   * positions computed one at a time when there are any. Each unit's values do not depend on which units are
   * computed with it, so that a map split into ranges of units across threads gives the same values as one call.
   */
  static int units(boolean quad, int count) {
    int tile = quad ? QuadTile.POSITIONS : POSITIONS;
    int tiled = tiled(quad, count);
    return (tiled + tile - 1) / tile + (tiled < count ? 1 : 0);
  }

  /**
   * {@link #plane} over the units {@code [from, to)} of the map ({@link #units}): tiles in row-major order, then the
   * positions one at a time.
   */
  static void plane(boolean quad, int rows, int cols, int from, int to, float[] src, int srcBase, int srcRow,
                    int srcStep, int[] offsets, float[] w, int wBase, float[] bias, int biasBase, float[] dst,
                    int dstBase, int dstRow, int dstStep, int dstBlockStride, int[] at) {
    int count = rows * cols;
    int tile = quad ? QuadTile.POSITIONS : POSITIONS;
    int tiled = tiled(quad, count);
    int tiles = (tiled + tile - 1) / tile;
    for (int i = to > tiles ? tiled : count; i < count; i++) {
      int source = srcBase + (i / cols) * srcRow + (i % cols) * srcStep;
      int target = dstBase + (i / cols) * dstRow + (i % cols) * dstStep;
      if (quad) {
        QuadTile.runOne(src, source, offsets, w, wBase, bias, biasBase, dst, target, dstBlockStride, false);
      } else {
        runOne(src, source, offsets, w, wBase, bias, biasBase, dst, target, dstBlockStride);
      }
    }
    for (int i0 = from * tile; i0 < Math.min(to, tiles) * tile; i0 += tile) {
      int first = Math.min(i0, tiled - tile);
      int r = first / cols;
      int q = first % cols;
      for (int p = 0; p < tile; p++) {
        at[p] = r * srcRow + q * srcStep;
        at[tile + p] = r * dstRow + q * dstStep;
        if (++q == cols) {
          q = 0;
          r++;
        }
      }
      if (quad) {
        QuadTile.run(src, srcBase, at, offsets, w, wBase, bias, biasBase, dst, dstBase, dstBlockStride, false);
      } else {
        run(src, srcBase, at, offsets, w, wBase, bias, biasBase, dst, dstBase, dstBlockStride);
      }
    }
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

  /**
   * {@link #run} for a group of one vector: {@code dst[p] = bias + Σ_offset Σ_c w[offset][c] · src[…]} for the 14
   * positions {@code p}, written at {@code dstBase + p·dstStep}; the weights are {@code L} per source channel.
   */
  static void runHalf(float[] src, int srcBase, int[] offsets, int srcStep, float[] w, int wBase, float[] bias,
                      int biasBase, float[] dst, int dstBase, int dstStep) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector z = FloatVector.zero(s);
    FloatVector a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z;
    FloatVector a7 = z, a8 = z, a9 = z, a10 = z, a11 = z, a12 = z, a13 = z;
    int wi = wBase;
    for (int offset : offsets) {
      int x = srcBase + offset;
      for (int c = 0; c < LANES; c++, x++, wi += LANES) {
        FloatVector w0 = FloatVector.fromArray(s, w, wi);
        a0 = w0.fma(FloatVector.broadcast(s, src[x]), a0);
        a1 = w0.fma(FloatVector.broadcast(s, src[x + srcStep]), a1);
        a2 = w0.fma(FloatVector.broadcast(s, src[x + 2 * srcStep]), a2);
        a3 = w0.fma(FloatVector.broadcast(s, src[x + 3 * srcStep]), a3);
        a4 = w0.fma(FloatVector.broadcast(s, src[x + 4 * srcStep]), a4);
        a5 = w0.fma(FloatVector.broadcast(s, src[x + 5 * srcStep]), a5);
        a6 = w0.fma(FloatVector.broadcast(s, src[x + 6 * srcStep]), a6);
        a7 = w0.fma(FloatVector.broadcast(s, src[x + 7 * srcStep]), a7);
        a8 = w0.fma(FloatVector.broadcast(s, src[x + 8 * srcStep]), a8);
        a9 = w0.fma(FloatVector.broadcast(s, src[x + 9 * srcStep]), a9);
        a10 = w0.fma(FloatVector.broadcast(s, src[x + 10 * srcStep]), a10);
        a11 = w0.fma(FloatVector.broadcast(s, src[x + 11 * srcStep]), a11);
        a12 = w0.fma(FloatVector.broadcast(s, src[x + 12 * srcStep]), a12);
        a13 = w0.fma(FloatVector.broadcast(s, src[x + 13 * srcStep]), a13);
      }
    }
    if (bias != null) {
      FloatVector b = FloatVector.fromArray(s, bias, biasBase);
      a0 = a0.add(b);
      a1 = a1.add(b);
      a2 = a2.add(b);
      a3 = a3.add(b);
      a4 = a4.add(b);
      a5 = a5.add(b);
      a6 = a6.add(b);
      a7 = a7.add(b);
      a8 = a8.add(b);
      a9 = a9.add(b);
      a10 = a10.add(b);
      a11 = a11.add(b);
      a12 = a12.add(b);
      a13 = a13.add(b);
    }
    a0.intoArray(dst, dstBase);
    a1.intoArray(dst, dstBase + dstStep);
    a2.intoArray(dst, dstBase + 2 * dstStep);
    a3.intoArray(dst, dstBase + 3 * dstStep);
    a4.intoArray(dst, dstBase + 4 * dstStep);
    a5.intoArray(dst, dstBase + 5 * dstStep);
    a6.intoArray(dst, dstBase + 6 * dstStep);
    a7.intoArray(dst, dstBase + 7 * dstStep);
    a8.intoArray(dst, dstBase + 8 * dstStep);
    a9.intoArray(dst, dstBase + 9 * dstStep);
    a10.intoArray(dst, dstBase + 10 * dstStep);
    a11.intoArray(dst, dstBase + 11 * dstStep);
    a12.intoArray(dst, dstBase + 12 * dstStep);
    a13.intoArray(dst, dstBase + 13 * dstStep);
  }

  /**
   * {@link #runHalf} for one position: four accumulators over source channels {@code ≡ 0 … 3 (mod 4)} (hence
   * {@code L} a multiple of 4).
   */
  static void runOneHalf(float[] src, int srcBase, int[] offsets, float[] w, int wBase, float[] bias, int biasBase,
                         float[] dst, int dstBase) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector a0 = FloatVector.zero(s);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int wi = wBase;
    for (int offset : offsets) {
      int x = srcBase + offset;
      for (int c = 0; c < LANES; c += 4, x += 4, wi += 4 * LANES) {
        a0 = FloatVector.fromArray(s, w, wi).fma(FloatVector.broadcast(s, src[x]), a0);
        a1 = FloatVector.fromArray(s, w, wi + LANES).fma(FloatVector.broadcast(s, src[x + 1]), a1);
        a2 = FloatVector.fromArray(s, w, wi + 2 * LANES).fma(FloatVector.broadcast(s, src[x + 2]), a2);
        a3 = FloatVector.fromArray(s, w, wi + 3 * LANES).fma(FloatVector.broadcast(s, src[x + 3]), a3);
      }
    }
    a0 = a0.add(a1).add(a2.add(a3));
    if (bias != null) {
      a0 = a0.add(FloatVector.fromArray(s, bias, biasBase));
    }
    a0.intoArray(dst, dstBase);
  }

  /**
   * One row of {@code count} positions of one group: for a group of 2 vectors the {@link #plane} of one row;
   * {@link #runHalf} by 14 for one vector ({@code half}), its last 7 to 13 positions by one more tile shifted back
   * over positions already done (the tiles overwrite, so the overlap writes the same values again) when the row
   * holds 14, the rest by {@link #runOneHalf}. Position {@code p} reads from {@code srcBase + p·srcStep} and writes
   * at {@code dstBase + p·dstStep}.
   *
   * @param at {@link #plane}'s scratch (groups of 2 vectors only; one-vector groups take null)
   */
  static void row(boolean half, int count, float[] src, int srcBase, int[] offsets, int srcStep, float[] w,
                  int wBase, float[] bias, int biasBase, float[] dst, int dstBase, int dstBlockStride, int dstStep,
                  int[] at) {
    if (!half) {
      plane(false, 1, count, src, srcBase, 0, srcStep, offsets, w, wBase, bias, biasBase, dst, dstBase, 0, dstStep,
          dstBlockStride, at);
      return;
    }
    int p = 0;
    for (; p + HALF_POSITIONS <= count; p += HALF_POSITIONS) {
      runHalf(src, srcBase + p * srcStep, offsets, srcStep, w, wBase, bias, biasBase, dst, dstBase + p * dstStep,
          dstStep);
    }
    if (count - p >= POSITIONS && count >= HALF_POSITIONS) {
      p = count - HALF_POSITIONS;
      runHalf(src, srcBase + p * srcStep, offsets, srcStep, w, wBase, bias, biasBase, dst, dstBase + p * dstStep,
          dstStep);
      return;
    }
    for (; p < count; p++) {
      runOneHalf(src, srcBase + p * srcStep, offsets, w, wBase, bias, biasBase, dst, dstBase + p * dstStep);
    }
  }

  /**
   * The one-vector tile of a 3×3 stride-1 window, {@value #ROW3_POSITIONS} consecutive positions of a row: each
   * source value is broadcast once and used by the up to 3 positions whose window row holds it (with the weights of
   * its column in each), so that per source channel and window row 3 weight loads and {@code 16 + 2} broadcasts
   * feed 48 FMAs (the plain one-vector tile: 15 loads per 14 FMAs, bound by the loads). 16 accumulators + 3 weights
   * + 1 broadcast: 20 vector registers, for AVX-512's 32 (used at 16 lanes only).
   *
   * @param rowOffsets one offset per (source block, window row), from {@code srcBase} to the leftmost source value
   *     of position 0; positions and window columns are {@code L} floats apart
   * @param w per row offset, per source channel, the 3 weight vectors of window columns 0, 1, 2 (as counted from
   *     the left of the sources read)
   */
  static void runRow3Half(float[] src, int srcBase, int[] rowOffsets, float[] w, int wBase, float[] bias,
                          int biasBase, float[] dst, int dstBase, int dstStep) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector z = FloatVector.zero(s);
    FloatVector a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z, a7 = z;
    FloatVector a8 = z, a9 = z, a10 = z, a11 = z, a12 = z, a13 = z, a14 = z, a15 = z;
    int wi = wBase;
    for (int offset : rowOffsets) {
      int x = srcBase + offset;
      for (int c = 0; c < LANES; c++, x++, wi += 3 * LANES) {
        FloatVector w0 = FloatVector.fromArray(s, w, wi);
        FloatVector w1 = FloatVector.fromArray(s, w, wi + LANES);
        FloatVector w2 = FloatVector.fromArray(s, w, wi + 2 * LANES);
        FloatVector v;
        v = FloatVector.broadcast(s, src[x]);
        a0 = w0.fma(v, a0);
        v = FloatVector.broadcast(s, src[x + LANES]);
        a0 = w1.fma(v, a0);
        a1 = w0.fma(v, a1);
        v = FloatVector.broadcast(s, src[x + 2 * LANES]);
        a0 = w2.fma(v, a0);
        a1 = w1.fma(v, a1);
        a2 = w0.fma(v, a2);
        v = FloatVector.broadcast(s, src[x + 3 * LANES]);
        a1 = w2.fma(v, a1);
        a2 = w1.fma(v, a2);
        a3 = w0.fma(v, a3);
        v = FloatVector.broadcast(s, src[x + 4 * LANES]);
        a2 = w2.fma(v, a2);
        a3 = w1.fma(v, a3);
        a4 = w0.fma(v, a4);
        v = FloatVector.broadcast(s, src[x + 5 * LANES]);
        a3 = w2.fma(v, a3);
        a4 = w1.fma(v, a4);
        a5 = w0.fma(v, a5);
        v = FloatVector.broadcast(s, src[x + 6 * LANES]);
        a4 = w2.fma(v, a4);
        a5 = w1.fma(v, a5);
        a6 = w0.fma(v, a6);
        v = FloatVector.broadcast(s, src[x + 7 * LANES]);
        a5 = w2.fma(v, a5);
        a6 = w1.fma(v, a6);
        a7 = w0.fma(v, a7);
        v = FloatVector.broadcast(s, src[x + 8 * LANES]);
        a6 = w2.fma(v, a6);
        a7 = w1.fma(v, a7);
        a8 = w0.fma(v, a8);
        v = FloatVector.broadcast(s, src[x + 9 * LANES]);
        a7 = w2.fma(v, a7);
        a8 = w1.fma(v, a8);
        a9 = w0.fma(v, a9);
        v = FloatVector.broadcast(s, src[x + 10 * LANES]);
        a8 = w2.fma(v, a8);
        a9 = w1.fma(v, a9);
        a10 = w0.fma(v, a10);
        v = FloatVector.broadcast(s, src[x + 11 * LANES]);
        a9 = w2.fma(v, a9);
        a10 = w1.fma(v, a10);
        a11 = w0.fma(v, a11);
        v = FloatVector.broadcast(s, src[x + 12 * LANES]);
        a10 = w2.fma(v, a10);
        a11 = w1.fma(v, a11);
        a12 = w0.fma(v, a12);
        v = FloatVector.broadcast(s, src[x + 13 * LANES]);
        a11 = w2.fma(v, a11);
        a12 = w1.fma(v, a12);
        a13 = w0.fma(v, a13);
        v = FloatVector.broadcast(s, src[x + 14 * LANES]);
        a12 = w2.fma(v, a12);
        a13 = w1.fma(v, a13);
        a14 = w0.fma(v, a14);
        v = FloatVector.broadcast(s, src[x + 15 * LANES]);
        a13 = w2.fma(v, a13);
        a14 = w1.fma(v, a14);
        a15 = w0.fma(v, a15);
        v = FloatVector.broadcast(s, src[x + 16 * LANES]);
        a14 = w2.fma(v, a14);
        a15 = w1.fma(v, a15);
        v = FloatVector.broadcast(s, src[x + 17 * LANES]);
        a15 = w2.fma(v, a15);
      }
    }
    if (bias != null) {
      FloatVector b = FloatVector.fromArray(s, bias, biasBase);
      a0 = a0.add(b);
      a1 = a1.add(b);
      a2 = a2.add(b);
      a3 = a3.add(b);
      a4 = a4.add(b);
      a5 = a5.add(b);
      a6 = a6.add(b);
      a7 = a7.add(b);
      a8 = a8.add(b);
      a9 = a9.add(b);
      a10 = a10.add(b);
      a11 = a11.add(b);
      a12 = a12.add(b);
      a13 = a13.add(b);
      a14 = a14.add(b);
      a15 = a15.add(b);
    }
    a0.intoArray(dst, dstBase);
    a1.intoArray(dst, dstBase + dstStep);
    a2.intoArray(dst, dstBase + 2 * dstStep);
    a3.intoArray(dst, dstBase + 3 * dstStep);
    a4.intoArray(dst, dstBase + 4 * dstStep);
    a5.intoArray(dst, dstBase + 5 * dstStep);
    a6.intoArray(dst, dstBase + 6 * dstStep);
    a7.intoArray(dst, dstBase + 7 * dstStep);
    a8.intoArray(dst, dstBase + 8 * dstStep);
    a9.intoArray(dst, dstBase + 9 * dstStep);
    a10.intoArray(dst, dstBase + 10 * dstStep);
    a11.intoArray(dst, dstBase + 11 * dstStep);
    a12.intoArray(dst, dstBase + 12 * dstStep);
    a13.intoArray(dst, dstBase + 13 * dstStep);
    a14.intoArray(dst, dstBase + 14 * dstStep);
    a15.intoArray(dst, dstBase + 15 * dstStep);
  }

  /**
   * A row of {@code count} positions of a one-vector group of a 3×3 stride-1 window: {@link #runRow3Half} by 16,
   * the rest by one more tile shifted back (the tiles overwrite) or, for a few positions or a row shorter than 16,
   * by {@link #row}'s one-vector tiles with the plain weights {@code w} ({@code [offset][c][L]}, {@code offsets}).
   */
  static void row3Half(int count, float[] src, int srcBase, int[] rowOffsets, float[] w3, int w3Base, int[] offsets,
                       float[] w, int wBase, float[] bias, int biasBase, float[] dst, int dstBase, int dstStep) {
    if (count < ROW3_POSITIONS) {
      row(true, count, src, srcBase, offsets, LANES, w, wBase, bias, biasBase, dst, dstBase, 0, dstStep, null);
      return;
    }
    int p = 0;
    for (; p + ROW3_POSITIONS <= count; p += ROW3_POSITIONS) {
      runRow3Half(src, srcBase + p * LANES, rowOffsets, w3, w3Base, bias, biasBase, dst, dstBase + p * dstStep,
          dstStep);
    }
    if (count - p >= 6) {
      p = count - ROW3_POSITIONS;
      runRow3Half(src, srcBase + p * LANES, rowOffsets, w3, w3Base, bias, biasBase, dst, dstBase + p * dstStep,
          dstStep);
      return;
    }
    for (; p < count; p++) {
      runOneHalf(src, srcBase + p * LANES, offsets, w, wBase, bias, biasBase, dst, dstBase + p * dstStep);
    }
  }

  /**
   * The 2-vector tile of a 3×3 stride-1 window, {@value #ROW3_PAIR_POSITIONS} consecutive positions of a row: as
   * {@link #runRow3Half}, each source value is broadcast once and used by the up to 3 positions whose window row
   * holds it, now for both vectors, so that per source channel and window row 6 weight loads and {@code 8 + 2}
   * broadcasts feed 48 FMAs (the 2-vector tile of 7 positions: 9 loads per 14 FMAs, which left 32-map layers at
   * 40% of the peak). 16 accumulators + 6 weights + 1 broadcast: 23 vector registers, for AVX-512's 32 (used at 16
   * lanes only).
   *
   * @param rowOffsets one offset per (source block, window row), from {@code srcBase} to the leftmost source value
   *     of position 0; positions and window columns are {@code L} floats apart
   * @param w per row offset, per source channel, per window column 0, 1, 2 (as counted from the left of the sources
   *     read), the 2 weight vectors ({@code [offset][c][3][2][L]})
   * @param dstBlockStride floats from the first vector's output channels to the second's
   */
  static void runRow3(float[] src, int srcBase, int[] rowOffsets, float[] w, int wBase, float[] bias, int biasBase,
                      float[] dst, int dstBase, int dstStep, int dstBlockStride) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector z = FloatVector.zero(s);
    FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a04 = z, a05 = z, a06 = z, a07 = z;
    FloatVector a10 = z, a11 = z, a12 = z, a13 = z, a14 = z, a15 = z, a16 = z, a17 = z;
    int wi = wBase;
    for (int offset : rowOffsets) {
      int x = srcBase + offset;
      for (int c = 0; c < LANES; c++, x++, wi += 6 * LANES) {
        FloatVector w00 = FloatVector.fromArray(s, w, wi);
        FloatVector w01 = FloatVector.fromArray(s, w, wi + LANES);
        FloatVector w10 = FloatVector.fromArray(s, w, wi + 2 * LANES);
        FloatVector w11 = FloatVector.fromArray(s, w, wi + 3 * LANES);
        FloatVector w20 = FloatVector.fromArray(s, w, wi + 4 * LANES);
        FloatVector w21 = FloatVector.fromArray(s, w, wi + 5 * LANES);
        FloatVector v;
        v = FloatVector.broadcast(s, src[x]);
        a00 = w00.fma(v, a00);
        a10 = w01.fma(v, a10);
        v = FloatVector.broadcast(s, src[x + LANES]);
        a00 = w10.fma(v, a00);
        a10 = w11.fma(v, a10);
        a01 = w00.fma(v, a01);
        a11 = w01.fma(v, a11);
        v = FloatVector.broadcast(s, src[x + 2 * LANES]);
        a00 = w20.fma(v, a00);
        a10 = w21.fma(v, a10);
        a01 = w10.fma(v, a01);
        a11 = w11.fma(v, a11);
        a02 = w00.fma(v, a02);
        a12 = w01.fma(v, a12);
        v = FloatVector.broadcast(s, src[x + 3 * LANES]);
        a01 = w20.fma(v, a01);
        a11 = w21.fma(v, a11);
        a02 = w10.fma(v, a02);
        a12 = w11.fma(v, a12);
        a03 = w00.fma(v, a03);
        a13 = w01.fma(v, a13);
        v = FloatVector.broadcast(s, src[x + 4 * LANES]);
        a02 = w20.fma(v, a02);
        a12 = w21.fma(v, a12);
        a03 = w10.fma(v, a03);
        a13 = w11.fma(v, a13);
        a04 = w00.fma(v, a04);
        a14 = w01.fma(v, a14);
        v = FloatVector.broadcast(s, src[x + 5 * LANES]);
        a03 = w20.fma(v, a03);
        a13 = w21.fma(v, a13);
        a04 = w10.fma(v, a04);
        a14 = w11.fma(v, a14);
        a05 = w00.fma(v, a05);
        a15 = w01.fma(v, a15);
        v = FloatVector.broadcast(s, src[x + 6 * LANES]);
        a04 = w20.fma(v, a04);
        a14 = w21.fma(v, a14);
        a05 = w10.fma(v, a05);
        a15 = w11.fma(v, a15);
        a06 = w00.fma(v, a06);
        a16 = w01.fma(v, a16);
        v = FloatVector.broadcast(s, src[x + 7 * LANES]);
        a05 = w20.fma(v, a05);
        a15 = w21.fma(v, a15);
        a06 = w10.fma(v, a06);
        a16 = w11.fma(v, a16);
        a07 = w00.fma(v, a07);
        a17 = w01.fma(v, a17);
        v = FloatVector.broadcast(s, src[x + 8 * LANES]);
        a06 = w20.fma(v, a06);
        a16 = w21.fma(v, a16);
        a07 = w10.fma(v, a07);
        a17 = w11.fma(v, a17);
        v = FloatVector.broadcast(s, src[x + 9 * LANES]);
        a07 = w20.fma(v, a07);
        a17 = w21.fma(v, a17);
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
      a07 = a07.add(b0);
      a10 = a10.add(b1);
      a11 = a11.add(b1);
      a12 = a12.add(b1);
      a13 = a13.add(b1);
      a14 = a14.add(b1);
      a15 = a15.add(b1);
      a16 = a16.add(b1);
      a17 = a17.add(b1);
    }
    a00.intoArray(dst, dstBase);
    a10.intoArray(dst, dstBase + dstBlockStride);
    a01.intoArray(dst, dstBase + dstStep);
    a11.intoArray(dst, dstBase + dstStep + dstBlockStride);
    a02.intoArray(dst, dstBase + 2 * dstStep);
    a12.intoArray(dst, dstBase + 2 * dstStep + dstBlockStride);
    a03.intoArray(dst, dstBase + 3 * dstStep);
    a13.intoArray(dst, dstBase + 3 * dstStep + dstBlockStride);
    a04.intoArray(dst, dstBase + 4 * dstStep);
    a14.intoArray(dst, dstBase + 4 * dstStep + dstBlockStride);
    a05.intoArray(dst, dstBase + 5 * dstStep);
    a15.intoArray(dst, dstBase + 5 * dstStep + dstBlockStride);
    a06.intoArray(dst, dstBase + 6 * dstStep);
    a16.intoArray(dst, dstBase + 6 * dstStep + dstBlockStride);
    a07.intoArray(dst, dstBase + 7 * dstStep);
    a17.intoArray(dst, dstBase + 7 * dstStep + dstBlockStride);
  }
  /**
   * {@link #runRow3} for 7 consecutive positions instead of 8: for rows of {@code 8a + 7b} positions such as 14 and 28
   * (ResNet-18's layer2 and layer3), which 8-position tiles cover only with a shifted last tile that computes 2 or 4
   * positions twice (14% more work).
   * Per source channel and window row 6 weight loads and {@code 7 + 2} broadcasts feed 42 FMAs; the same additions
   * in the same order per position as {@link #runRow3}, so either tile gives the same values bit for bit.
   */
  static void runRow3x7(float[] src, int srcBase, int[] rowOffsets, float[] w, int wBase, float[] bias, int biasBase,
                      float[] dst, int dstBase, int dstStep, int dstBlockStride) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector z = FloatVector.zero(s);
    FloatVector a00 = z, a01 = z, a02 = z, a03 = z, a04 = z, a05 = z, a06 = z;
    FloatVector a10 = z, a11 = z, a12 = z, a13 = z, a14 = z, a15 = z, a16 = z;
    int wi = wBase;
    for (int offset : rowOffsets) {
      int x = srcBase + offset;
      for (int c = 0; c < LANES; c++, x++, wi += 6 * LANES) {
        FloatVector w00 = FloatVector.fromArray(s, w, wi);
        FloatVector w01 = FloatVector.fromArray(s, w, wi + LANES);
        FloatVector w10 = FloatVector.fromArray(s, w, wi + 2 * LANES);
        FloatVector w11 = FloatVector.fromArray(s, w, wi + 3 * LANES);
        FloatVector w20 = FloatVector.fromArray(s, w, wi + 4 * LANES);
        FloatVector w21 = FloatVector.fromArray(s, w, wi + 5 * LANES);
        FloatVector v;
        v = FloatVector.broadcast(s, src[x]);
        a00 = w00.fma(v, a00);
        a10 = w01.fma(v, a10);
        v = FloatVector.broadcast(s, src[x + LANES]);
        a00 = w10.fma(v, a00);
        a10 = w11.fma(v, a10);
        a01 = w00.fma(v, a01);
        a11 = w01.fma(v, a11);
        v = FloatVector.broadcast(s, src[x + 2 * LANES]);
        a00 = w20.fma(v, a00);
        a10 = w21.fma(v, a10);
        a01 = w10.fma(v, a01);
        a11 = w11.fma(v, a11);
        a02 = w00.fma(v, a02);
        a12 = w01.fma(v, a12);
        v = FloatVector.broadcast(s, src[x + 3 * LANES]);
        a01 = w20.fma(v, a01);
        a11 = w21.fma(v, a11);
        a02 = w10.fma(v, a02);
        a12 = w11.fma(v, a12);
        a03 = w00.fma(v, a03);
        a13 = w01.fma(v, a13);
        v = FloatVector.broadcast(s, src[x + 4 * LANES]);
        a02 = w20.fma(v, a02);
        a12 = w21.fma(v, a12);
        a03 = w10.fma(v, a03);
        a13 = w11.fma(v, a13);
        a04 = w00.fma(v, a04);
        a14 = w01.fma(v, a14);
        v = FloatVector.broadcast(s, src[x + 5 * LANES]);
        a03 = w20.fma(v, a03);
        a13 = w21.fma(v, a13);
        a04 = w10.fma(v, a04);
        a14 = w11.fma(v, a14);
        a05 = w00.fma(v, a05);
        a15 = w01.fma(v, a15);
        v = FloatVector.broadcast(s, src[x + 6 * LANES]);
        a04 = w20.fma(v, a04);
        a14 = w21.fma(v, a14);
        a05 = w10.fma(v, a05);
        a15 = w11.fma(v, a15);
        a06 = w00.fma(v, a06);
        a16 = w01.fma(v, a16);
        v = FloatVector.broadcast(s, src[x + 7 * LANES]);
        a05 = w20.fma(v, a05);
        a15 = w21.fma(v, a15);
        a06 = w10.fma(v, a06);
        a16 = w11.fma(v, a16);
        v = FloatVector.broadcast(s, src[x + 8 * LANES]);
        a06 = w20.fma(v, a06);
        a16 = w21.fma(v, a16);
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
    a00.intoArray(dst, dstBase);
    a10.intoArray(dst, dstBase + dstBlockStride);
    a01.intoArray(dst, dstBase + dstStep);
    a11.intoArray(dst, dstBase + dstStep + dstBlockStride);
    a02.intoArray(dst, dstBase + 2 * dstStep);
    a12.intoArray(dst, dstBase + 2 * dstStep + dstBlockStride);
    a03.intoArray(dst, dstBase + 3 * dstStep);
    a13.intoArray(dst, dstBase + 3 * dstStep + dstBlockStride);
    a04.intoArray(dst, dstBase + 4 * dstStep);
    a14.intoArray(dst, dstBase + 4 * dstStep + dstBlockStride);
    a05.intoArray(dst, dstBase + 5 * dstStep);
    a15.intoArray(dst, dstBase + 5 * dstStep + dstBlockStride);
    a06.intoArray(dst, dstBase + 6 * dstStep);
    a16.intoArray(dst, dstBase + 6 * dstStep + dstBlockStride);
  }

  /**
   * A row of {@code count} positions of a 2-vector group of a 3×3 stride-1 window: {@link #runRow3} by 8, the rest
   * by one more tile shifted back (the tiles overwrite), or, where the row is {@code 8a + 7b} positions with
   * {@code b > 0} (14, 15, 21–23, 28–31, every row from 49), by {@code a} tiles of 8 and {@code b} of 7
   * ({@link #runRow3x7}), so that no position is computed twice; a row shorter than 8 by {@link #row}'s 2-vector tiles with
   * the plain weights {@code w} ({@code [offset][c][2][L]}, {@code offsets}).
   */
  static void row3(int count, float[] src, int srcBase, int[] rowOffsets, float[] w3, int w3Base, int[] offsets,
                   float[] w, int wBase, float[] bias, int biasBase, float[] dst, int dstBase, int dstStep,
                   int dstBlockStride, int[] at) {
    if (count < ROW3_PAIR_POSITIONS) {
      row(false, count, src, srcBase, offsets, LANES, w, wBase, bias, biasBase, dst, dstBase, dstBlockStride,
          dstStep, at);
      return;
    }
    int sevens = (ROW3_PAIR_POSITIONS - count % ROW3_PAIR_POSITIONS) % ROW3_PAIR_POSITIONS;
    if (sevens > 0 && count >= (ROW3_PAIR_POSITIONS - 1) * sevens) { // count = 8a + 7·sevens: no position twice
      int p = 0;
      for (; p < count - (ROW3_PAIR_POSITIONS - 1) * sevens; p += ROW3_PAIR_POSITIONS) {
        runRow3(src, srcBase + p * LANES, rowOffsets, w3, w3Base, bias, biasBase, dst, dstBase + p * dstStep, dstStep,
            dstBlockStride);
      }
      for (; p < count; p += ROW3_PAIR_POSITIONS - 1) {
        runRow3x7(src, srcBase + p * LANES, rowOffsets, w3, w3Base, bias, biasBase, dst, dstBase + p * dstStep,
            dstStep, dstBlockStride);
      }
      return;
    }
    for (int p = 0; p < count; p += ROW3_PAIR_POSITIONS) {
      int q = Math.min(p, count - ROW3_PAIR_POSITIONS);
      runRow3(src, srcBase + q * LANES, rowOffsets, w3, w3Base, bias, biasBase, dst, dstBase + q * dstStep, dstStep,
          dstBlockStride);
    }
  }

}
