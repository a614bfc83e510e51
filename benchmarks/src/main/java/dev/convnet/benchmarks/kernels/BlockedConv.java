package dev.convnet.benchmarks.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A square convolution ({@code k×k}, stride {@code s}, zero padding {@code p}; in this study 3×3 with pad 1 and 1×1
 * with pad 0, stride 1 or 2) on channel-blocked activations ({@link Blocked}, border 1), with its three products:
 * forward, input gradient (backward-data) and weight and bias gradients (backward-weights). Every product is a loop
 * nest around one register tile ({@link Tile}, {@link WeightGradTile}); weights are packed once per parameter update
 * into the order the tile reads them ({@link #packForward}, {@link #packBackwardData}).
 *
 * <p>Loop nests (n: image, g: group of 2 vectors = {@code 2L} channels, rows, strips of 7 positions):
 * <pre>
 * forward:        for n, g(out), oh, ow0 += 7:  tile over in-blocks × k² taps × L   → y[n][g][oh][ow0..+7]
 * backward-data:  for phase (s² of them), n, g(in), a, b0 += 7:
 *                   tile over out-blocks × (taps of the phase) × L                  → dx[n][g][a·s+pi][(b0..+7)·s+pj]
 * backward-wts:   for g(out), in-channel c: 2 × 9 accumulators over n, oh, ow       → dW[g][c][9 taps]
 * </pre>
 * The input gradient of a stride-{@code s} convolution is split into its {@code s²} output phases (the rows and
 * columns of {@code dx} with the same remainder mod {@code s}); each phase is a stride-1 product over {@code dy} with
 * the taps that reach it (for 3×3, stride 2: 1, 2, 2 and 4 taps), so no multiply touches a zero of a dilated delta.
 * With stride 1 there is one phase with all {@code k²} taps, the rotated kernel: the "full convolution".
 *
 * <p>Parameters here are the layer's constants; in generated code each would be a literal.
 */
public final class BlockedConv {
  private static final VectorSpecies<Float> SPECIES = Kernels.SPECIES;
  private static final int LANES = Kernels.LANES;
  private final int in;
  private final int out;
  private final int k;
  private final int stride;
  private final int pad;
  private final Blocked x;
  private final Blocked y;
  private final Tile tile;
  private final WeightGradTile weightGradTile;
  private final int[] forwardTaps;
  private final int[] forwardOffsets;
  private final Phase[] phases;

  /** One output phase of the input gradient: its row and column remainders and its taps. */
  private record Phase(int pi, int pj, int[] kh, int[] kw, int[] offsets) {}

  /** Every (block, tap) pair as one offset: {@code block·blockStride + tap}, blocks outer (the packed order). */
  private static int[] blockTaps(int blocks, int blockStride, int[] taps) {
    int[] offsets = new int[blocks * taps.length];
    for (int b = 0; b < blocks; b++) {
      for (int t = 0; t < taps.length; t++) {
        offsets[b * taps.length + t] = b * blockStride + taps[t];
      }
    }
    return offsets;
  }

  /**
   * @param batch images
   * @param in input channels (a multiple of {@code 2L})
   * @param out output channels (a multiple of {@code 2L})
   * @param height input rows
   * @param width input columns
   */
  public BlockedConv(int batch, int in, int out, int height, int width, int k, int stride,
                     int pad) {
    this.in = in;
    this.out = out;
    this.k = k;
    this.stride = stride;
    this.pad = pad;
    if (in % (Tile.BLOCKS * LANES) != 0 || out % (Tile.BLOCKS * LANES) != 0) {
      throw new IllegalArgumentException("channels must be multiples of " + Tile.BLOCKS * LANES + ": " + in + " → "
          + out);
    }
    if (pad > 1 || k - 1 - pad > 1) {
      throw new IllegalArgumentException("the blocked buffers have a border of 1: kernel " + k + ", pad " + pad);
    }
    int outH = (height + 2 * pad - k) / stride + 1;
    int outW = (width + 2 * pad - k) / stride + 1;
    if (outH * stride != height && stride > 1 || outW * stride != width && stride > 1) {
      throw new IllegalArgumentException("stride " + stride + " needs input sides s × output sides: " + height + "×"
          + width + " → " + outH + "×" + outW);
    }
    this.x = new Blocked(batch, in, height, width, 1, LANES);
    this.y = new Blocked(batch, out, outH, outW, 1, LANES);
    this.tile = new Tile();
    this.weightGradTile = new WeightGradTile();
    forwardTaps = new int[k * k];
    for (int kh = 0; kh < k; kh++) {
      for (int kw = 0; kw < k; kw++) {
        forwardTaps[kh * k + kw] = kh * x.rowStride() + kw * LANES;
      }
    }
    forwardOffsets = blockTaps(x.blocks(), x.blockStride(), forwardTaps);
    phases = new Phase[stride * stride];
    for (int pi = 0; pi < stride; pi++) {
      for (int pj = 0; pj < stride; pj++) {
        phases[pi * stride + pj] = phase(pi, pj);
      }
    }
  }

  /** The taps reaching input rows ≡ pi, columns ≡ pj (mod s), as offsets into the padded delta. */
  private Phase phase(int pi, int pj) {
    int[] rows = tapsFor(pi);
    int[] cols = tapsFor(pj);
    int n = rows.length * cols.length;
    int[] kh = new int[n];
    int[] kw = new int[n];
    int[] offsets = new int[n];
    int t = 0;
    for (int r : rows) {
      for (int c : cols) {
        kh[t] = r;
        kw[t] = c;
        // dx[a·s + pi] takes dy[a + (pi + pad − kh)/s]; the delta's border makes −1 and outH readable zeros
        offsets[t] = (Math.floorDiv(pi + pad - r, stride) + 1) * y.rowStride()
            + (Math.floorDiv(pj + pad - c, stride) + 1) * LANES;
        t++;
      }
    }
    return new Phase(pi, pj, kh, kw, blockTaps(out / LANES, y.blockStride(), offsets));
  }

  private int[] tapsFor(int remainder) {
    return java.util.stream.IntStream.range(0, k).filter(t -> Math.floorMod(remainder + pad - t, stride) == 0)
        .toArray();
  }

  /** The input's blocked geometry. */
  public Blocked input() {
    return x;
  }

  /** The output's blocked geometry. */
  public Blocked output() {
    return y;
  }

  /** Multiply-adds of one forward pass over the batch. */
  public long macs() {
    return (long) x.batch() * out * y.height() * y.width() * in * k * k;
  }

  private int forwardGroupSize() {
    return in * k * k * Tile.BLOCKS * LANES;
  }

  /**
   * Packs PyTorch-ordered weights {@code [out][in][k][k]} for {@link #forward}: {@code [out/2L][in/L][k·k][L][2][L]}
   * (group of 2 output vectors, input block, tap, input channel of the block, output vector, lane). The weight
   * gradient comes out in this order too ({@link #weightGradient}).
   */
  public float[] packForward(float[] oihw) {
    check(oihw, out * in * k * k, "weights");
    float[] packed = new float[oihw.length];
    int i = 0;
    for (int g = 0; g < out / (Tile.BLOCKS * LANES); g++) {
      for (int cb = 0; cb < in / LANES; cb++) {
        for (int t = 0; t < k * k; t++) {
          for (int c = 0; c < LANES; c++) {
            for (int v = 0; v < Tile.BLOCKS * LANES; v++) {
              int o = g * Tile.BLOCKS * LANES + v;
              packed[i++] = oihw[((o * in) + cb * LANES + c) * k * k + t];
            }
          }
        }
      }
    }
    return packed;
  }

  /** The inverse of {@link #packForward}: PyTorch's {@code [out][in][k][k]}. */
  public float[] unpackForward(float[] packed) {
    check(packed, out * in * k * k, "packed weights");
    float[] oihw = new float[packed.length];
    int i = 0;
    for (int g = 0; g < out / (Tile.BLOCKS * LANES); g++) {
      for (int cb = 0; cb < in / LANES; cb++) {
        for (int t = 0; t < k * k; t++) {
          for (int c = 0; c < LANES; c++) {
            for (int v = 0; v < Tile.BLOCKS * LANES; v++) {
              int o = g * Tile.BLOCKS * LANES + v;
              oihw[((o * in) + cb * LANES + c) * k * k + t] = packed[i++];
            }
          }
        }
      }
    }
    return oihw;
  }

  /**
   * Packs {@code [out][in][k][k]} for {@link #backwardData}: per phase, {@code [in/2L][out/L][taps][L][2][L]} — the
   * transposed kernel (output channels become the summed dimension), each phase's taps in order, phases one after
   * the other.
   */
  public float[] packBackwardData(float[] oihw) {
    check(oihw, out * in * k * k, "weights");
    float[] packed = new float[oihw.length];
    int i = 0;
    for (Phase ph : phases) {
      for (int g = 0; g < in / (Tile.BLOCKS * LANES); g++) {
        for (int ob = 0; ob < out / LANES; ob++) {
          for (int t = 0; t < ph.kh().length; t++) {
            for (int oc = 0; oc < LANES; oc++) {
              for (int v = 0; v < Tile.BLOCKS * LANES; v++) {
                int c = g * Tile.BLOCKS * LANES + v;
                int o = ob * LANES + oc;
                packed[i++] = oihw[((o * in) + c) * k * k + ph.kh()[t] * k + ph.kw()[t]];
              }
            }
          }
        }
      }
    }
    return packed;
  }

  /**
   * {@code y = conv(x, w) + bias}: {@code x} and {@code y} blocked ({@link #input()}, {@link #output()}; only the
   * interior of {@code y} is written, its border stays zero), {@code w} from {@link #packForward}, {@code bias}
   * ({@code out} values) or null.
   */
  public void forward(float[] xs, float[] w, float[] bias, float[] ys) {
    int groups = out / (Tile.BLOCKS * LANES);
    int groupSize = forwardGroupSize();
    int srcStep = stride * LANES;
    int first = 1 - pad; // the window's first row and column in border coordinates, at output 0
    for (int n = 0; n < x.batch(); n++) {
      for (int g = 0; g < groups; g++) {
        int wBase = g * groupSize;
        int biasBase = g * Tile.BLOCKS * LANES;
        int dstBlock = y.interior(n, biasBase, 0, 0);
        for (int oh = 0; oh < y.height(); oh++) {
          int src = x.index(n, 0, oh * stride + first, first);
          int dst = dstBlock + oh * y.rowStride();
          int ow = 0;
          for (; ow + Tile.POSITIONS <= y.width(); ow += Tile.POSITIONS) {
            tile.run(xs, src + ow * srcStep, forwardOffsets, srcStep, w, wBase, bias, biasBase, ys,
                dst + ow * LANES, y.blockStride(), LANES);
          }
          for (; ow < y.width(); ow++) {
            tile.runOne(xs, src + ow * srcStep, forwardOffsets, w, wBase, bias, biasBase, ys, dst + ow * LANES,
                y.blockStride());
          }
        }
      }
    }
  }

  /**
   * {@code dx = ∂loss/∂x} from {@code dy = ∂loss/∂y} (both blocked, {@code dy}'s border zero; {@code dx}'s interior
   * is overwritten), with {@code w} from {@link #packBackwardData}.
   */
  public void backwardData(float[] dys, float[] w, float[] dxs) {
    int groups = in / (Tile.BLOCKS * LANES);
    int wi = 0;
    for (Phase ph : phases) {
      int taps = ph.kh().length;
      int groupSize = out * taps * Tile.BLOCKS * LANES;
      int dstStep = stride * LANES;
      for (int n = 0; n < x.batch(); n++) {
        for (int g = 0; g < groups; g++) {
          int wBase = wi + g * groupSize;
          int dstBlock = x.interior(n, g * Tile.BLOCKS * LANES, ph.pi(), ph.pj());
          for (int a = 0; a < y.height(); a++) {
            int src = y.index(n, 0, a, 0);
            int dst = dstBlock + a * stride * x.rowStride();
            int b = 0;
            for (; b + Tile.POSITIONS <= y.width(); b += Tile.POSITIONS) {
              tile.run(dys, src + b * LANES, ph.offsets(), LANES, w, wBase, null, 0, dxs, dst + b * dstStep,
                  x.blockStride(), dstStep);
            }
            for (; b < y.width(); b++) {
              tile.runOne(dys, src + b * LANES, ph.offsets(), w, wBase, null, 0, dxs, dst + b * dstStep,
                  x.blockStride());
            }
          }
        }
      }
      wi += groups * groupSize;
    }
  }

  /**
   * {@code dW = ∂loss/∂W} over the batch, written (not added) in {@link #packForward}'s order, the order the next
   * forward pass reads: an optimizer can update the packed weights in place.
   */
  public void weightGradient(float[] xs, float[] dys, float[] dw) {
    if (k * k != WeightGradTile.TAPS) {
      throw new UnsupportedOperationException("the weight-gradient tile covers the 9 taps of a 3×3 kernel");
    }
    int groups = out / (Tile.BLOCKS * LANES);
    int first = 1 - pad;
    for (int g = 0; g < groups; g++) {
      int dyBase = y.interior(0, g * Tile.BLOCKS * LANES, 0, 0);
      for (int c = 0; c < in; c++) {
        int xBase = x.index(0, c, first, first);
        int dwBase = g * forwardGroupSize() + (c / LANES) * k * k * LANES * Tile.BLOCKS * LANES
            + (c % LANES) * Tile.BLOCKS * LANES;
        weightGradTile.run(xs, xBase, x.imageStride(), x.rowStride(), forwardTaps, stride * LANES, stride,
            dys, dyBase, y.imageStride(), y.rowStride(), y.blockStride(), x.batch(), y.height(), y.width(),
            dw, dwBase, LANES * Tile.BLOCKS * LANES);
      }
    }
  }

  /** {@code db = Σ dy} over the batch and positions ({@code out} values, written). */
  public void biasGradient(float[] dys, float[] db) {
    for (int ob = 0; ob < out / LANES; ob++) {
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = FloatVector.zero(SPECIES);
      for (int n = 0; n < x.batch(); n++) {
        for (int oh = 0; oh < y.height(); oh++) {
          int row = y.interior(n, ob * LANES, oh, 0);
          int ow = 0;
          for (; ow + 1 < y.width(); ow += 2) {
            a0 = a0.add(FloatVector.fromArray(SPECIES, dys, row + ow * LANES));
            a1 = a1.add(FloatVector.fromArray(SPECIES, dys, row + (ow + 1) * LANES));
          }
          if (ow < y.width()) {
            a0 = a0.add(FloatVector.fromArray(SPECIES, dys, row + ow * LANES));
          }
        }
      }
      a0.add(a1).intoArray(db, ob * LANES);
    }
  }

  private static void check(float[] a, int n, String what) {
    if (a.length != n) {
      throw new IllegalArgumentException("expected " + n + " " + what + ", got " + a.length);
    }
  }
}
