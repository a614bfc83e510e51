package dev.convnet.benchmarks.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The weight-gradient micro-kernel of a 3×3 convolution: for one input channel and 2 vectors of output channels,
 * the 9 taps' gradients, {@code 2 × 9 = 18} accumulators in registers (+ 2 delta vectors + 1 broadcast = 21 of
 * AVX-512's 32), summed over every image and output position:
 * {@code dW[v][tap] = Σ_n Σ_oh Σ_ow dy[n][v][oh][ow] · x[n][c][oh·s + kh − p][ow·s + kw − p]}. Per position: 2
 * vector loads of the delta (output channels are the LANES: the blocked layout makes them contiguous), 9 broadcasts
 * of the input, 18 FMAs. The reduction runs entirely in registers; each accumulator is stored once.
 */
final class WeightGradTile {
  static final int TAPS = 9;

  private static final VectorSpecies<Float> SPECIES = Kernels.SPECIES;
  private static final int LANES = Kernels.LANES;


  /**
   * @param xBase index of image 0's window corner (border coordinates) for channel {@code c}
   * @param taps the 9 window offsets from the corner
   * @param xStep floats from one output column's window to the next ({@code s·L})
   * @param dyBase index of image 0's first interior delta of the 2 vectors' first block
   * @param dw the packed gradient; tap {@code t} of vector {@code v} goes to {@code dwBase + t·dwTapStride + v·L}
   */
  void run(float[] x, int xBase, int xImage, int xRow, int[] taps, int xStep, int stride,
           float[] dy, int dyBase, int dyImage, int dyRow, int dyBlock, int batch, int outH, int outW,
           float[] dw, int dwBase, int dwTapStride) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector z = FloatVector.zero(s);
    FloatVector a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z, a7 = z, a8 = z;
    FloatVector b0 = z, b1 = z, b2 = z, b3 = z, b4 = z, b5 = z, b6 = z, b7 = z, b8 = z;
    int t0 = taps[0], t1 = taps[1], t2 = taps[2], t3 = taps[3], t4 = taps[4];
    int t5 = taps[5], t6 = taps[6], t7 = taps[7], t8 = taps[8];
    // One flat loop over every output position of the batch: C2 (JDK 17) kept these 18 vectors in registers across
    // a loop over positions but boxed them, allocating on every iteration, once that loop sat inside a loop over
    // rows (measured: 1.5 GFLOP/s). The row change is a branch instead.
    int positions = batch * outH * outW;
    int ow = 0;
    int row = 0;
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
      if (++ow == outW) { // next row, perhaps of the next image
        ow = 0;
        row++;
        int n = row / outH;
        int oh = row - n * outH;
        xi = xBase + n * xImage + oh * stride * xRow;
        di = dyBase + n * dyImage + oh * dyRow;
      }
    }
    int l = LANES;
    int d = dwTapStride;
    a0.intoArray(dw, dwBase);
    b0.intoArray(dw, dwBase + l);
    a1.intoArray(dw, dwBase + d);
    b1.intoArray(dw, dwBase + d + l);
    a2.intoArray(dw, dwBase + 2 * d);
    b2.intoArray(dw, dwBase + 2 * d + l);
    a3.intoArray(dw, dwBase + 3 * d);
    b3.intoArray(dw, dwBase + 3 * d + l);
    a4.intoArray(dw, dwBase + 4 * d);
    b4.intoArray(dw, dwBase + 4 * d + l);
    a5.intoArray(dw, dwBase + 5 * d);
    b5.intoArray(dw, dwBase + 5 * d + l);
    a6.intoArray(dw, dwBase + 6 * d);
    b6.intoArray(dw, dwBase + 6 * d + l);
    a7.intoArray(dw, dwBase + 7 * d);
    b7.intoArray(dw, dwBase + 7 * d + l);
    a8.intoArray(dw, dwBase + 8 * d);
    b8.intoArray(dw, dwBase + 8 * d + l);
  }
}
