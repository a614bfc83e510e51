package dev.convnet.runtime.internal.vector;

import static dev.convnet.runtime.internal.vector.Kernels.LANES;

/**
 * The geometry of one sample's channel-blocked planes with a zero border (NCHWc): {@code [blocks][height + 2·border]
 * [width + 2·border][L]}. One vector load reads one pixel of {@code L} consecutive channels, and the border lets
 * every window read in range without tests: 1 for an input with {@code pad ≤ 1}, {@code max(1, k − 1 − pad)} for a
 * delta read by the input gradient. Kernels write only the interior, so a border once zero stays zero. The
 * conversions to and from NCHW run per sample, {@code L} channels × {@code L} positions at a time through a register
 * {@link Transpose}. Made from the channels held (a multiple of {@code L}, perhaps more than the layer's), the rows and
 * columns without the border, and the zero rows and columns of the border on every side.
 */
final class Planes {
  private final int channels;
  private final int height;
  private final int width;
  private final int border;
  /** Per position {@code y·width + x} of a map, its index in the first block's planes: {@link #interior}. */
  private final int[] positions;
  /** Per channel {@code k} of a block, where its NCHW map starts: {@code k·height·width}. */
  private final int[] channelOffsets;

  Planes(int channels, int height, int width, int border) {
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.border = border;
    positions = new int[height * width];
    for (int p = 0; p < positions.length; p++) {
      positions[p] = interior(0, p / width, p % width);
    }
    channelOffsets = new int[LANES];
    for (int k = 0; k < LANES; k++) {
      channelOffsets[k] = k * height * width;
    }
  }

  int channels() {
    return channels;
  }

  int height() {
    return height;
  }

  int width() {
    return width;
  }

  int border() {
    return border;
  }

  /** Whether {@code other} lays out the same channels, rows, columns and border: one can be read as the other. */
  boolean sameAs(Planes other) {
    return channels == other.channels && height == other.height && width == other.width && border == other.border;
  }

  /** Channel blocks. */
  int blocks() {
    return channels / LANES;
  }

  /** Floats from one row to the next. */
  int rowStride() {
    return (width + 2 * border) * LANES;
  }

  /** Floats from one channel block to the next. */
  int blockStride() {
    return (height + 2 * border) * rowStride();
  }

  /** Floats in all. */
  int size() {
    return blocks() * blockStride();
  }

  /** Index of channel {@code c} at row {@code y}, column {@code x} in border coordinates (0 is the border). */
  int index(int c, int y, int x) {
    return (c / LANES) * blockStride() + y * rowStride() + x * LANES + c % LANES;
  }

  /** Index of channel {@code c} at image row {@code y}, column {@code x} (inside the border). */
  int interior(int c, int y, int x) {
    return index(c, y + border, x + border);
  }

  /** Copies {@code n} channels of NCHW {@code src[offset …]} into the interior of {@code blocked}. */
  void fromNchw(float[] src, int offset, int n, float[] blocked) {
    convert(blocked, 0, n, src, offset, true, false);
  }

  /** The same into the planes that start at {@code blocked[base]} (one sample's of several). */
  void fromNchw(float[] src, int offset, int n, float[] blocked, int base) {
    convert(blocked, base, n, src, offset, true, false);
  }

  /** Writes the interior of {@code n} channels of {@code blocked} to NCHW {@code dst[offset …]}. */
  void toNchw(float[] blocked, int n, float[] dst, int offset) {
    convert(blocked, 0, n, dst, offset, false, false);
  }

  /** The same from the planes that start at {@code blocked[base]}. */
  void toNchw(float[] blocked, int base, int n, float[] dst, int offset) {
    convert(blocked, base, n, dst, offset, false, false);
  }

  /** Adds the interior of {@code n} channels of {@code blocked} into NCHW {@code dst[offset …]}. */
  void addToNchw(float[] blocked, int n, float[] dst, int offset) {
    convert(blocked, 0, n, dst, offset, false, true);
  }

  /**
   * Between the interior of {@code n} channels of the planes at {@code blocked[base]} and NCHW {@code nchw[offset …]}:
   * into the planes
   * ({@code toBlocked}), else out of them, copied or added ({@code add}). Each block of {@code L} channels goes
   * {@code L} positions at a time, in the maps' row-major order across row ends (an 8×8 map is 4 such chunks at 16
   * lanes), through {@link Transpose} in registers; the last {@code H·W mod L} positions, the channels past the last
   * whole block and lane counts without a transpose, one float at a time.
   */
  private void convert(float[] blocked, int base, int n, float[] nchw, int offset, boolean toBlocked, boolean add) {
    int plane = height * width;
    int wholeBlocks = Transpose.supported() ? n / LANES : 0;
    int wholePositions = plane - plane % LANES;
    for (int b = 0; b < wholeBlocks; b++) {
      int flat = offset + b * LANES * plane;
      int block = base + b * blockStride();
      for (int p = 0; p < wholePositions; p += LANES) {
        if (toBlocked) {
          Transpose.block(nchw, flat + p, channelOffsets, 0, blocked, block, positions, p, false);
        } else {
          Transpose.block(blocked, block, positions, p, nchw, flat + p, channelOffsets, 0, add);
        }
      }
      for (int p = wholePositions; p < plane; p++) {
        for (int c = 0; c < LANES; c++) {
          scalarRow(blocked, base + interior(b * LANES + c, p / width, p % width), nchw, flat + c * plane + p, 1,
              toBlocked, add);
        }
      }
    }
    for (int c = wholeBlocks * LANES; c < n; c++) {
      for (int y = 0; y < height; y++) {
        scalarRow(blocked, base + interior(c, y, 0), nchw, offset + c * plane + y * width, width, toBlocked, add);
      }
    }
  }

  /** {@code count} positions of one channel's row, from {@code blocked[b]} (a step of {@code L}) and {@code nchw[i]}. */
  private static void scalarRow(float[] blocked, int b, float[] nchw, int i, int count, boolean toBlocked,
                                boolean add) {
    if (toBlocked) {
      for (int x = 0; x < count; x++, b += LANES) {
        blocked[b] = nchw[i + x];
      }
    } else if (add) {
      for (int x = 0; x < count; x++, b += LANES) {
        nchw[i + x] += blocked[b];
      }
    } else {
      for (int x = 0; x < count; x++, b += LANES) {
        nchw[i + x] = blocked[b];
      }
    }
  }
}
