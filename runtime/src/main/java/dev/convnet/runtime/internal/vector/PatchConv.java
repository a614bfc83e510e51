package dev.convnet.runtime.internal.vector;

import static dev.convnet.runtime.internal.vector.Kernels.GROUP;
import static dev.convnet.runtime.internal.vector.Kernels.LANES;

import dev.convnet.runtime.internal.BlockedConv;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockedConv} of any convolution, made for those with few input channels or a large kernel (a ResNet's 7×7
 * stride-2 stem on 3 channels, LeNet's 5×5 on 1) that the blocked kernels of {@link VectorBlockedConv} cannot take:
 * the input's patches are gathered (im2col) into {@code K = in·kh·kw} "channels", padded with zeros to
 * {@code Kpad}, a multiple of {@code L}, and the layer becomes a 1×1 convolution from {@code Kpad} to {@code out}
 * channels over the {@code outH·outW} positions, run by the register tiles of the blocked kernels ({@link Tile},
 * {@link WeightGradTile}). Any geometry: a rectangular kernel, any stride and dilation, a padding of {@code padH}
 * rows above and {@code padW} columns left (positions outside the input read 0; how much padding there is below and
 * right follows from the given {@code outH × outW}). Only {@code out} must be a multiple of {@code L}.
 *
 * <p>A sample runs in chunks of positions (a multiple of 14, about {@value #CHUNK_FLOATS} patch floats, so that a
 * chunk's patches stay in L2 while every output group and the weight gradient read them):
 * <pre>
 * forward:         gather the chunk's patches [n][Kpad]; for g(out): Tile over Kpad/L blocks → [out/L][n][L]
 *                  → y (NCHW)   (groups of 4L output channels by QuadTile where out is a multiple of 4L at 16 lanes)
 * weight gradient: gather the patches; dy (NCHW) → [out/L][n][L]; for g(out), 8 patch channels:
 *                  WeightGradTile over the chunk's positions                 → packed dW [out][Kpad] (summed)
 * input gradient:  for g(Kpad): Tile over out/L blocks of the delta          → patch gradient [n][Kpad]
 *                  → scattered (col2im) and added into dx
 * </pre>
 * The patches are written position by position, {@code Kpad} consecutive floats each, straight in the order the
 * tiles read (no NCHW copy in between); where a window row lies inside the input, its {@code kw ≤ L} values are
 * copied by one vector load and store whose extra lanes the next row's store overwrites (the last position's land
 * in {@code L} spare floats). Everything is allocated once; the weights are packed once per pass
 * ({@link WeightLayout} with {@code in = Kpad}, {@code k = 1}; patch channels from {@code K} on have zero weights,
 * and their gradient is dropped). Made reflectively by {@code Vectorization}.
 */
public final class PatchConv implements BlockedConv {
  /** The largest patch buffer of a whole sample, {@code Kpad·outH·outW}, a layer may have: 2^25 floats. */
  public static final long MAX_PATCH_FLOATS = 1L << 25;
  /** About the floats of one chunk's patches. */
  private static final int CHUNK_FLOATS = 16384;
  private static final VectorSpecies<Float> SPECIES = Kernels.SPECIES;

  private final int in;
  private final int out;
  private final int height;
  private final int width;
  private final int kh;
  private final int kw;
  private final int strideH;
  private final int strideW;
  private final int padH;
  private final int padW;
  private final int dilationH;
  private final int dilationW;
  private final int outW;
  /** Floats of one input map, {@code height·width}. */
  private final int planeSize;
  /** Output positions {@code outH·outW}. */
  private final int positions;
  /** Patch channels {@code in·kh·kw} and their count padded to a multiple of {@code L}. */
  private final int k;
  /** The weights the packings were made from, and the version each packing was made at (0: none yet). */
  private final PackedFrom packedFrom;
  private long forwardVersion;
  private long backwardVersion;
  private final int kPad;
  /** Positions per chunk: the chunk buffers' position capacity. */
  private final int chunk;
  /** Whether a window row inside the input is copied by one vector: dilation 1 across, {@code kw ≤ L}. */
  private final boolean vectorRows;
  private final WeightLayout layout;
  private final int outGroups;
  /** Whether the forward pass runs {@link QuadTile} (16 lanes, {@code out} a multiple of {@code 4L}). */
  private final boolean quad;
  /** {@link Tile#plane}'s scratch: a tile's position offsets. */
  private final int[] tileOffsets = new int[2 * QuadTile.POSITIONS];
  private final int kGroups;
  /** The forward tile's source blocks: offsets inside one position's patch. */
  private final int[] patchBlocks;
  /** The input gradient tile's source blocks: offsets of the delta's blocks in {@link #delta}. */
  private final int[] deltaBlocks;
  /** The weight-gradient tile's 8 patch channels, and their offsets in a group of 2 vectors or 1. */
  private final int[] gradientTaps;
  private final int[] gradientOffsets;
  private final int[] gradientOffsetsHalf;
  // scratch, allocated once
  /** One chunk's patches, then (input gradient) their gradient: {@code [chunk][Kpad]} and {@code L} spare floats. */
  private final float[] patches;
  /** One chunk's output or delta, {@code [out/L][chunk][L]}. */
  private final float[] delta;
  private final float[] forwardWeights;
  private final float[] inputGradientWeights;
  private final float[] weightGradient;

  /**
   * The kernels and scratch of one layer.
   *
   * @param in input channels, at least 1
   * @param out output channels, a multiple of {@link VectorBlockedConv#lanes()}
   * @param height input rows
   * @param width input columns
   * @param kh kernel rows
   * @param kw kernel columns
   * @param strideH the stride down
   * @param strideW the stride across
   * @param padH the zero rows above the input
   * @param padW the zero columns left of the input
   * @param dilationH the dilation down (1: none)
   * @param dilationW the dilation across
   * @param outH output rows
   * @param outW output columns
   * @throws IllegalArgumentException for channels or sizes below 1 (padding below 0), {@code out} not a multiple of
   *     {@code L}, or a whole sample's patches above {@link #MAX_PATCH_FLOATS}
   */
  public PatchConv(int in, int out, int height, int width, int kh, int kw, int strideH, int strideW, int padH,
                   int padW, int dilationH, int dilationW, int outH, int outW) {
    if (in < 1 || out < 1 || out % LANES != 0) {
      throw new IllegalArgumentException("the patch kernels need output channels in blocks of " + LANES + ", not "
          + in + " → " + out);
    }
    if (height < 1 || width < 1 || kh < 1 || kw < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0
        || dilationH < 1 || dilationW < 1 || outH < 1 || outW < 1) {
      throw new IllegalArgumentException("not a convolution: input " + height + "×" + width + ", kernel " + kh + "×"
          + kw + ", stride " + strideH + "×" + strideW + ", pad " + padH + "×" + padW + ", dilation " + dilationH
          + "×" + dilationW + ", output " + outH + "×" + outW);
    }
    long kLong = (long) in * kh * kw;
    long kPadLong = (kLong + LANES - 1) / LANES * LANES;
    long patchFloats = kPadLong * outH * outW;
    if (patchFloats > MAX_PATCH_FLOATS) {
      throw new IllegalArgumentException("the patches of one sample would take " + patchFloats + " floats ("
          + kPadLong + " × " + outH + "×" + outW + "), more than " + MAX_PATCH_FLOATS);
    }
    this.in = in;
    this.out = out;
    this.height = height;
    this.width = width;
    this.kh = kh;
    this.kw = kw;
    this.strideH = strideH;
    this.strideW = strideW;
    this.padH = padH;
    this.padW = padW;
    this.dilationH = dilationH;
    this.dilationW = dilationW;
    this.outW = outW;
    this.planeSize = height * width;
    this.positions = outH * outW;
    this.k = (int) kLong;
    this.packedFrom = new PackedFrom(out * k);
    this.kPad = (int) kPadLong;
    int tiles = Math.max(1, CHUNK_FLOATS / (kPad * Tile.HALF_POSITIONS));
    this.chunk = Math.min(tiles * Tile.HALF_POSITIONS, positions);
    this.vectorRows = dilationW == 1 && kw <= LANES;
    this.layout = new WeightLayout(kPad, out, 1);
    this.outGroups = (out + GROUP - 1) / GROUP;
    this.quad = QuadTile.fits() && out % (QuadTile.VECTORS * LANES) == 0;
    this.kGroups = (kPad + GROUP - 1) / GROUP;
    patchBlocks = new int[kPad / LANES];
    for (int b = 0; b < patchBlocks.length; b++) {
      patchBlocks[b] = b * LANES;
    }
    deltaBlocks = new int[out / LANES];
    for (int b = 0; b < deltaBlocks.length; b++) {
      deltaBlocks[b] = b * chunk * LANES;
    }
    gradientTaps = new int[8];
    gradientOffsets = new int[8];
    gradientOffsetsHalf = new int[8];
    for (int j = 0; j < 8; j++) {
      gradientTaps[j] = j;
      gradientOffsets[j] = layout.tapOffset(GROUP, j, 0);
      gradientOffsetsHalf[j] = layout.tapOffset(LANES, j, 0);
    }
    patches = new float[chunk * kPad + LANES];
    delta = new float[out * chunk];
    forwardWeights = new float[out * kPad];
    inputGradientWeights = new float[out * kPad];
    weightGradient = new float[out * kPad];
  }

  @Override
  public void packForward(float[] p, int weight) {
    long version = packedFrom.version(p, weight);
    if (version == forwardVersion) {
      return;
    }
    forwardVersion = version;
    for (int o = 0; o < out; o++) {
      for (int c = 0; c < kPad; c++) {
        forwardWeights[quad ? layout.quadIndex(o, c, 0) : layout.forwardIndex(o, c, 0)] =
            c < k ? p[weight + o * k + c] : 0f;
      }
    }
  }

  @Override
  public void forward(float[] p, int bias, float[] x, int xo, float[] y, int yo) {
    float[] b = bias < 0 ? null : p;
    for (int p0 = 0; p0 < positions; p0 += chunk) {
      int n = Math.min(chunk, positions - p0);
      gather(x, xo, p0, n);
      int quadWidth = QuadTile.VECTORS * LANES;
      for (int g = 0; quad && g < out / quadWidth; g++) {
        Tile.plane(true, 1, n, patches, 0, 0, kPad, patchBlocks, forwardWeights, g * layout.quadGroup(), b,
            bias + g * quadWidth, delta, QuadTile.VECTORS * g * chunk * LANES, 0, LANES, chunk * LANES, tileOffsets);
      }
      for (int g = 0; !quad && g < outGroups; g++) {
        Tile.row(WeightLayout.width(out, g * GROUP) < GROUP, n, patches, 0, patchBlocks, kPad, forwardWeights,
            g * layout.forwardGroup(), b, bias + g * GROUP, delta, 2 * g * chunk * LANES, chunk * LANES, LANES,
            tileOffsets);
      }
      for (int o = 0; o < out; o++) {
        int src = (o / LANES) * chunk * LANES + o % LANES;
        int dst = yo + o * positions + p0;
        for (int q = 0; q < n; q++, src += LANES) {
          y[dst + q] = delta[src];
        }
      }
    }
  }

  @Override
  public void beginBackward(float[] p, int weight) {
    Arrays.fill(weightGradient, 0f);
    long version = packedFrom.version(p, weight);
    if (version == backwardVersion) {
      return;
    }
    backwardVersion = version;
    int i = 0;
    for (int g = 0; g < kGroups; g++) {
      int groupWidth = WeightLayout.width(kPad, g * GROUP);
      for (int o = 0; o < out; o++) {
        for (int v = 0; v < groupWidth; v++) {
          int c = g * GROUP + v;
          inputGradientWeights[i++] = c < k ? p[weight + o * k + c] : 0f;
        }
      }
    }
  }

  @Override
  public void backward(float[] x, int xo, float[] dy, int yo, float[] dx) {
    int kGradient = (k + 7) / 8 * 8; // patch channels from here on have zero weights: their gradient is not needed
    for (int p0 = 0; p0 < positions; p0 += chunk) {
      int n = Math.min(chunk, positions - p0);
      gather(x, xo, p0, n);
      for (int o = 0; o < out; o++) {
        int dst = (o / LANES) * chunk * LANES + o % LANES;
        int src = yo + o * positions + p0;
        for (int q = 0; q < n; q++, dst += LANES) {
          delta[dst] = dy[src + q];
        }
      }
      for (int c = 0; c < kGradient; c += 8) { // channels outer: both groups read the same patch lines in turn
        for (int g = 0; g < outGroups; g++) {
          int dyBase = 2 * g * chunk * LANES;
          int dwBase = layout.forwardIndex(g * GROUP, c, 0);
          if (WeightLayout.width(out, g * GROUP) < GROUP) {
            WeightGradTile.run8Half(patches, c, gradientTaps, kPad, 0, delta, dyBase, 0, n, n, weightGradient,
                dwBase, gradientOffsetsHalf);
          } else {
            WeightGradTile.run8(patches, c, gradientTaps, kPad, 0, delta, dyBase, 0, chunk * LANES, n, n,
                weightGradient, dwBase, gradientOffsets);
          }
        }
      }
      if (dx != null) {
        for (int g = 0; g < kGroups; g++) {
          Tile.row(WeightLayout.width(kPad, g * GROUP) < GROUP, n, delta, 0, deltaBlocks, LANES,
              inputGradientWeights, g * out * GROUP, null, 0, patches, g * GROUP, LANES, kPad, tileOffsets);
        }
        scatter(dx, xo, p0, n);
      }
    }
  }

  @Override
  public void endBackward(float[] g, int weight) {
    for (int o = 0; o < out; o++) {
      for (int c = 0; c < k; c++) {
        g[weight + o * k + c] += weightGradient[layout.forwardIndex(o, c, 0)];
      }
    }
  }

  /** Writes the patches of positions {@code p0 … p0 + n − 1} of the sample at {@code x[xo …]} into {@link #patches}. */
  private void gather(float[] x, int xo, int p0, int n) {
    VectorSpecies<Float> s = SPECIES;
    // zero vectors are made where they are stored: one made here and used only on a rare path was boxed per call
    int oh = p0 / outW;
    int ow = p0 % outW;
    for (int q = 0; q < n; q++) {
      int dst = q * kPad;
      int r0 = oh * strideH - padH;
      int q0 = ow * strideW - padW;
      if (vectorRows && q0 >= 0 && q0 + kw <= width
          && xo + (in - 1) * planeSize + (r0 + (kh - 1) * dilationH) * width + q0 + LANES <= x.length) {
        // the window's rows inside the input, kernel rows iLo … iHi − 1: one vector each, no test
        int iLo = r0 >= 0 ? 0 : Math.min(kh, (-r0 + dilationH - 1) / dilationH);
        int iHi = Math.max(iLo, Math.min(kh, (height - r0 + dilationH - 1) / dilationH));
        int rowStep = dilationH * width;
        for (int c = 0; c < in; c++) {
          int d = dst + c * kh * kw;
          int i = 0;
          for (; i < iLo; i++, d += kw) {
            FloatVector.zero(s).intoArray(patches, d);
          }
          int src = xo + c * planeSize + (r0 + iLo * dilationH) * width + q0;
          for (; i < iHi; i++, d += kw, src += rowStep) {
            FloatVector.fromArray(s, x, src).intoArray(patches, d);
          }
          for (; i < kh; i++, d += kw) {
            FloatVector.zero(s).intoArray(patches, d);
          }
        }
      } else {
        int d = dst;
        for (int c = 0; c < in; c++) {
          int plane = xo + c * height * width;
          for (int i = 0; i < kh; i++) {
            int r = r0 + i * dilationH;
            boolean rowInside = r >= 0 && r < height;
            for (int j = 0; j < kw; j++, d++) {
              int col = q0 + j * dilationW;
              patches[d] = rowInside && col >= 0 && col < width ? x[plane + r * width + col] : 0f;
            }
          }
        }
      }
      if (kPad > k) {
        // the padding channels; the lanes beyond them the next position overwrites
        FloatVector.zero(s).intoArray(patches, dst + k);
      }
      if (++ow == outW) {
        ow = 0;
        oh++;
      }
    }
  }

  /** Adds the patch gradient in {@link #patches} of positions {@code p0 … p0 + n − 1} into the sample at {@code dx}. */
  private void scatter(float[] dx, int xo, int p0, int n) {
    int oh = p0 / outW;
    int ow = p0 % outW;
    for (int q = 0; q < n; q++) {
      int d = q * kPad;
      int r0 = oh * strideH - padH;
      int q0 = ow * strideW - padW;
      boolean colsInside = q0 >= 0 && q0 + (kw - 1) * dilationW < width;
      for (int c = 0; c < in; c++) {
        int plane = xo + c * height * width;
        for (int i = 0; i < kh; i++, d += kw) {
          int r = r0 + i * dilationH;
          if (r < 0 || r >= height) {
            continue;
          }
          int row = plane + r * width + q0;
          if (colsInside) {
            for (int j = 0; j < kw; j++) {
              dx[row + j * dilationW] += patches[d + j];
            }
          } else {
            for (int j = 0; j < kw; j++) {
              int col = q0 + j * dilationW;
              if (col >= 0 && col < width) {
                dx[row + j * dilationW] += patches[d + j];
              }
            }
          }
        }
      }
      if (++ow == outW) {
        ow = 0;
        oh++;
      }
    }
  }
}
