package dev.convnet.runtime.internal.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The weight-gradient micro-kernels: for {@code 2L} output channels (2 delta vectors) and 9 or 8 "entries" (an entry
 * is one input channel at one tap), {@code 2 × 9 = 18} or {@code 2 × 8 = 16} accumulators in registers (+ 2 delta
 * vectors + 1 broadcast: at most 21 of AVX-512's 32), summed over the positions of a sample:
 * {@code dW[v][e] += Σ_oh Σ_ow dy[v][oh][ow] · x[window(oh, ow) + tap(e)]}. Per position: 2 vector loads of the
 * delta (the output channels are the lanes), one broadcast per entry, 2 FMAs per entry; 16 or 18 independent chains
 * hide the FMA latency. The sums are added into the packed gradient once per call.
 *
 * <p>A 3×3 kernel takes the 9 taps of one input channel ({@link #run9}); a 1×1 kernel 8 consecutive input channels
 * and a 2×2 kernel 2 channels × 4 taps ({@link #run8}): the entries are offsets, the kernel does not care which.
 * A group of one output vector (an odd number of output blocks) takes {@link #run9Half} and {@link #run8Half}: 9
 * or 8 chains, one delta load and 9 or 8 broadcasts per position.
 * C2's rules as in {@link Tile}: one flat loop over positions, named accumulators. Port of the benchmarks' kernel.
 */
final class WeightGradTile {
  private static final VectorSpecies<Float> SPECIES = Kernels.SPECIES;
  private static final int LANES = Kernels.LANES;

  private WeightGradTile() {}

  /**
   * Adds the gradient of 2 output vectors × 9 entries over {@code positions} output positions (whole rows of
   * {@code outW}) into {@code dw[dwBase + dwOffsets[e] + v·L]}.
   *
   * @param xBase the window corner of the first position (border coordinates)
   * @param taps the 9 entries' offsets from the window corner
   * @param xStep floats from one position's window to the next ({@code s·L})
   * @param xRowStep floats from one output row's window to the next ({@code s} input rows)
   * @param dyBase the first position's delta of the first vector; the second is {@code dyBlock} further
  */
  static void run9(float[] x, int xBase, int[] taps, int xStep, int xRowStep, float[] dy, int dyBase, int dyRow,
                   int dyBlock, int outW, int positions, float[] dw, int dwBase, int[] dwOffsets) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector z = FloatVector.zero(s);
    FloatVector a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z, a7 = z, a8 = z;
    FloatVector b0 = z, b1 = z, b2 = z, b3 = z, b4 = z, b5 = z, b6 = z, b7 = z, b8 = z;
    int t0 = taps[0], t1 = taps[1], t2 = taps[2], t3 = taps[3], t4 = taps[4];
    int t5 = taps[5], t6 = taps[6], t7 = taps[7], t8 = taps[8];
    // One flat loop over the positions, the row change a branch: inside a loop over rows C2 boxed the
    // accumulators (measured in the benchmarks: 1.5 GFLOP/s).
    int ow = 0;
    int xRow = xBase;
    int dRow = dyBase;
    int xi = xBase;
    int di = dyBase;
    for (int p = 0; p < positions; p++) {
      FloatVector d0 = FloatVector.fromArray(s, dy, di);
      FloatVector d1 = FloatVector.fromArray(s, dy, di + dyBlock);
      FloatVector v = FloatVector.broadcast(s, x[xi + t0]);
      a0 = d0.fma(v, a0);
      b0 = d1.fma(v, b0);
      v = FloatVector.broadcast(s, x[xi + t1]);
      a1 = d0.fma(v, a1);
      b1 = d1.fma(v, b1);
      v = FloatVector.broadcast(s, x[xi + t2]);
      a2 = d0.fma(v, a2);
      b2 = d1.fma(v, b2);
      v = FloatVector.broadcast(s, x[xi + t3]);
      a3 = d0.fma(v, a3);
      b3 = d1.fma(v, b3);
      v = FloatVector.broadcast(s, x[xi + t4]);
      a4 = d0.fma(v, a4);
      b4 = d1.fma(v, b4);
      v = FloatVector.broadcast(s, x[xi + t5]);
      a5 = d0.fma(v, a5);
      b5 = d1.fma(v, b5);
      v = FloatVector.broadcast(s, x[xi + t6]);
      a6 = d0.fma(v, a6);
      b6 = d1.fma(v, b6);
      v = FloatVector.broadcast(s, x[xi + t7]);
      a7 = d0.fma(v, a7);
      b7 = d1.fma(v, b7);
      v = FloatVector.broadcast(s, x[xi + t8]);
      a8 = d0.fma(v, a8);
      b8 = d1.fma(v, b8);
      xi += xStep;
      di += LANES;
      if (++ow == outW) {
        ow = 0;
        xRow += xRowStep;
        dRow += dyRow;
        xi = xRow;
        di = dRow;
      }
    }
    // the sums are added in place here, not in a helper: vectors passed to a call C2 does not inline are boxed
    int i = dwBase + dwOffsets[0];
    a0.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b0.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[1];
    a1.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b1.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[2];
    a2.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b2.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[3];
    a3.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b3.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[4];
    a4.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b4.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[5];
    a5.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b5.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[6];
    a6.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b6.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[7];
    a7.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b7.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[8];
    a8.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b8.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
  }

  /**
   * {@link #run9} with 8 entries (1×1: 8 input channels; 2×2: 2 input channels × 4 taps).
  */
  static void run8(float[] x, int xBase, int[] taps, int xStep, int xRowStep, float[] dy, int dyBase, int dyRow,
                   int dyBlock, int outW, int positions, float[] dw, int dwBase, int[] dwOffsets) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector z = FloatVector.zero(s);
    FloatVector a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z, a7 = z;
    FloatVector b0 = z, b1 = z, b2 = z, b3 = z, b4 = z, b5 = z, b6 = z, b7 = z;
    int t0 = taps[0], t1 = taps[1], t2 = taps[2], t3 = taps[3];
    int t4 = taps[4], t5 = taps[5], t6 = taps[6], t7 = taps[7];
    // One flat loop over the positions, the row change a branch: inside a loop over rows C2 boxed the
    // accumulators (measured in the benchmarks: 1.5 GFLOP/s).
    int ow = 0;
    int xRow = xBase;
    int dRow = dyBase;
    int xi = xBase;
    int di = dyBase;
    for (int p = 0; p < positions; p++) {
      FloatVector d0 = FloatVector.fromArray(s, dy, di);
      FloatVector d1 = FloatVector.fromArray(s, dy, di + dyBlock);
      FloatVector v = FloatVector.broadcast(s, x[xi + t0]);
      a0 = d0.fma(v, a0);
      b0 = d1.fma(v, b0);
      v = FloatVector.broadcast(s, x[xi + t1]);
      a1 = d0.fma(v, a1);
      b1 = d1.fma(v, b1);
      v = FloatVector.broadcast(s, x[xi + t2]);
      a2 = d0.fma(v, a2);
      b2 = d1.fma(v, b2);
      v = FloatVector.broadcast(s, x[xi + t3]);
      a3 = d0.fma(v, a3);
      b3 = d1.fma(v, b3);
      v = FloatVector.broadcast(s, x[xi + t4]);
      a4 = d0.fma(v, a4);
      b4 = d1.fma(v, b4);
      v = FloatVector.broadcast(s, x[xi + t5]);
      a5 = d0.fma(v, a5);
      b5 = d1.fma(v, b5);
      v = FloatVector.broadcast(s, x[xi + t6]);
      a6 = d0.fma(v, a6);
      b6 = d1.fma(v, b6);
      v = FloatVector.broadcast(s, x[xi + t7]);
      a7 = d0.fma(v, a7);
      b7 = d1.fma(v, b7);
      xi += xStep;
      di += LANES;
      if (++ow == outW) {
        ow = 0;
        xRow += xRowStep;
        dRow += dyRow;
        xi = xRow;
        di = dRow;
      }
    }
    // the sums are added in place here, not in a helper: vectors passed to a call C2 does not inline are boxed
    int i = dwBase + dwOffsets[0];
    a0.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b0.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[1];
    a1.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b1.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[2];
    a2.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b2.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[3];
    a3.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b3.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[4];
    a4.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b4.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[5];
    a5.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b5.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[6];
    a6.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b6.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
    i = dwBase + dwOffsets[7];
    a7.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    b7.add(FloatVector.fromArray(s, dw, i + LANES)).intoArray(dw, i + LANES);
  }

  /**
   * {@link #run9} for a group of one output vector (the last of an odd number of blocks): 9 accumulators, the
   * gradient added into {@code dw[dwBase + dwOffsets[e]]}.
   */
  static void run9Half(float[] x, int xBase, int[] taps, int xStep, int xRowStep, float[] dy, int dyBase,
                       int dyRow, int outW, int positions, float[] dw, int dwBase, int[] dwOffsets) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector z = FloatVector.zero(s);
    FloatVector a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z, a7 = z, a8 = z;
    int t0 = taps[0], t1 = taps[1], t2 = taps[2], t3 = taps[3], t4 = taps[4];
    int t5 = taps[5], t6 = taps[6], t7 = taps[7], t8 = taps[8];
    // One flat loop over the positions, the row change a branch: inside a loop over rows C2 boxed the
    // accumulators (measured in the benchmarks: 1.5 GFLOP/s).
    int ow = 0;
    int xRow = xBase;
    int dRow = dyBase;
    int xi = xBase;
    int di = dyBase;
    for (int p = 0; p < positions; p++) {
      FloatVector d0 = FloatVector.fromArray(s, dy, di);
      FloatVector v = FloatVector.broadcast(s, x[xi + t0]);
      a0 = d0.fma(v, a0);
      v = FloatVector.broadcast(s, x[xi + t1]);
      a1 = d0.fma(v, a1);
      v = FloatVector.broadcast(s, x[xi + t2]);
      a2 = d0.fma(v, a2);
      v = FloatVector.broadcast(s, x[xi + t3]);
      a3 = d0.fma(v, a3);
      v = FloatVector.broadcast(s, x[xi + t4]);
      a4 = d0.fma(v, a4);
      v = FloatVector.broadcast(s, x[xi + t5]);
      a5 = d0.fma(v, a5);
      v = FloatVector.broadcast(s, x[xi + t6]);
      a6 = d0.fma(v, a6);
      v = FloatVector.broadcast(s, x[xi + t7]);
      a7 = d0.fma(v, a7);
      v = FloatVector.broadcast(s, x[xi + t8]);
      a8 = d0.fma(v, a8);
      xi += xStep;
      di += LANES;
      if (++ow == outW) {
        ow = 0;
        xRow += xRowStep;
        dRow += dyRow;
        xi = xRow;
        di = dRow;
      }
    }
    // the sums are added in place here, not in a helper: vectors passed to a call C2 does not inline are boxed
    int i = dwBase + dwOffsets[0];
    a0.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[1];
    a1.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[2];
    a2.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[3];
    a3.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[4];
    a4.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[5];
    a5.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[6];
    a6.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[7];
    a7.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[8];
    a8.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
  }

  /** {@link #run8} for a group of one output vector: 8 accumulators. */
  static void run8Half(float[] x, int xBase, int[] taps, int xStep, int xRowStep, float[] dy, int dyBase,
                       int dyRow, int outW, int positions, float[] dw, int dwBase, int[] dwOffsets) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector z = FloatVector.zero(s);
    FloatVector a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z, a7 = z;
    int t0 = taps[0], t1 = taps[1], t2 = taps[2], t3 = taps[3];
    int t4 = taps[4], t5 = taps[5], t6 = taps[6], t7 = taps[7];
    // One flat loop over the positions, the row change a branch: inside a loop over rows C2 boxed the
    // accumulators (measured in the benchmarks: 1.5 GFLOP/s).
    int ow = 0;
    int xRow = xBase;
    int dRow = dyBase;
    int xi = xBase;
    int di = dyBase;
    for (int p = 0; p < positions; p++) {
      FloatVector d0 = FloatVector.fromArray(s, dy, di);
      FloatVector v = FloatVector.broadcast(s, x[xi + t0]);
      a0 = d0.fma(v, a0);
      v = FloatVector.broadcast(s, x[xi + t1]);
      a1 = d0.fma(v, a1);
      v = FloatVector.broadcast(s, x[xi + t2]);
      a2 = d0.fma(v, a2);
      v = FloatVector.broadcast(s, x[xi + t3]);
      a3 = d0.fma(v, a3);
      v = FloatVector.broadcast(s, x[xi + t4]);
      a4 = d0.fma(v, a4);
      v = FloatVector.broadcast(s, x[xi + t5]);
      a5 = d0.fma(v, a5);
      v = FloatVector.broadcast(s, x[xi + t6]);
      a6 = d0.fma(v, a6);
      v = FloatVector.broadcast(s, x[xi + t7]);
      a7 = d0.fma(v, a7);
      xi += xStep;
      di += LANES;
      if (++ow == outW) {
        ow = 0;
        xRow += xRowStep;
        dRow += dyRow;
        xi = xRow;
        di = dRow;
      }
    }
    // the sums are added in place here, not in a helper: vectors passed to a call C2 does not inline are boxed
    int i = dwBase + dwOffsets[0];
    a0.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[1];
    a1.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[2];
    a2.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[3];
    a3.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[4];
    a4.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[5];
    a5.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[6];
    a6.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[7];
    a7.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
  }

  /**
   * {@link #run9Half} for a 3×3 stride-1 window (taps {@code i·xRow + j·L}): the window slides by one column per
   * position, so each window row keeps its last two broadcasts in registers and loads one, and a position costs one
   * delta load and 3 broadcasts for its 9 FMAs (instead of 10 loads), the registers reloaded at each row change.
   * 9 accumulators + 9 window values + 1 delta: 19 vector registers.
   *
   * @param xRow floats from one input row to the next (the window's rows)
   */
  static void run9HalfRow3(float[] x, int xBase, int xRow, int xRowStep, float[] dy, int dyBase, int dyRow,
                           int outW, int positions, float[] dw, int dwBase, int[] dwOffsets) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector z = FloatVector.zero(s);
    FloatVector a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z, a7 = z, a8 = z;
    int r1 = xRow;
    int r2 = 2 * xRow;
    int ow = 0;
    int xr = xBase;
    int dRow = dyBase;
    int xi = xBase;
    int di = dyBase;
    FloatVector u0 = FloatVector.broadcast(s, x[xi]);
    FloatVector u1 = FloatVector.broadcast(s, x[xi + LANES]);
    FloatVector v0 = FloatVector.broadcast(s, x[xi + r1]);
    FloatVector v1 = FloatVector.broadcast(s, x[xi + r1 + LANES]);
    FloatVector w0 = FloatVector.broadcast(s, x[xi + r2]);
    FloatVector w1 = FloatVector.broadcast(s, x[xi + r2 + LANES]);
    for (int p = 0; p < positions; p++) {
      FloatVector d = FloatVector.fromArray(s, dy, di);
      FloatVector u2 = FloatVector.broadcast(s, x[xi + 2 * LANES]);
      FloatVector v2 = FloatVector.broadcast(s, x[xi + r1 + 2 * LANES]);
      FloatVector w2 = FloatVector.broadcast(s, x[xi + r2 + 2 * LANES]);
      a0 = d.fma(u0, a0);
      a1 = d.fma(u1, a1);
      a2 = d.fma(u2, a2);
      a3 = d.fma(v0, a3);
      a4 = d.fma(v1, a4);
      a5 = d.fma(v2, a5);
      a6 = d.fma(w0, a6);
      a7 = d.fma(w1, a7);
      a8 = d.fma(w2, a8);
      u0 = u1;
      u1 = u2;
      v0 = v1;
      v1 = v2;
      w0 = w1;
      w1 = w2;
      xi += LANES;
      di += LANES;
      if (++ow == outW) {
        ow = 0;
        xr += xRowStep;
        dRow += dyRow;
        xi = xr;
        di = dRow;
        if (p + 1 < positions) {
          u0 = FloatVector.broadcast(s, x[xi]);
          u1 = FloatVector.broadcast(s, x[xi + LANES]);
          v0 = FloatVector.broadcast(s, x[xi + r1]);
          v1 = FloatVector.broadcast(s, x[xi + r1 + LANES]);
          w0 = FloatVector.broadcast(s, x[xi + r2]);
          w1 = FloatVector.broadcast(s, x[xi + r2 + LANES]);
        }
      }
    }
    // the sums are added in place here, not in a helper: vectors passed to a call C2 does not inline are boxed
    int i = dwBase + dwOffsets[0];
    a0.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[1];
    a1.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[2];
    a2.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[3];
    a3.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[4];
    a4.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[5];
    a5.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[6];
    a6.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[7];
    a7.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
    i = dwBase + dwOffsets[8];
    a8.add(FloatVector.fromArray(s, dw, i)).intoArray(dw, i);
  }
}
