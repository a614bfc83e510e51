package dev.convnet.runtime.internal.vector;

import static dev.convnet.runtime.internal.vector.Kernels.LANES;

/**
 * The geometry of one sample's channel-blocked planes with a zero border (NCHWc): {@code [blocks][height + 2·border]
 * [width + 2·border][L]}. One vector load reads one pixel of {@code L} consecutive channels, and the border lets
 * every window read in range without tests: 1 for an input with {@code pad ≤ 1}, {@code max(1, k − 1 − pad)} for a
 * delta read by the input gradient. Kernels write only the interior, so a border once zero stays zero. The
 * conversions to and from NCHW run per sample, as scalar loops (gathers measured no faster; scatters AVX2 lacks).
 *
 * @param channels the channels held, a multiple of {@code L} (perhaps more than the layer's)
 * @param height rows without the border
 * @param width columns without the border
 * @param border the zero rows and columns on every side
 */
record Planes(int channels, int height, int width, int border) {
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
    int i = offset;
    for (int c = 0; c < n; c++) {
      for (int y = 0; y < height; y++) {
        int b = interior(c, y, 0);
        for (int x = 0; x < width; x++, b += LANES) {
          blocked[b] = src[i++];
        }
      }
    }
  }

  /** Writes the interior of {@code n} channels of {@code blocked} to NCHW {@code dst[offset …]}. */
  void toNchw(float[] blocked, int n, float[] dst, int offset) {
    int i = offset;
    for (int c = 0; c < n; c++) {
      for (int y = 0; y < height; y++) {
        int b = interior(c, y, 0);
        for (int x = 0; x < width; x++, b += LANES) {
          dst[i++] = blocked[b];
        }
      }
    }
  }

  /** Adds the interior of {@code n} channels of {@code blocked} into NCHW {@code dst[offset …]}. */
  void addToNchw(float[] blocked, int n, float[] dst, int offset) {
    int i = offset;
    for (int c = 0; c < n; c++) {
      for (int y = 0; y < height; y++) {
        int b = interior(c, y, 0);
        for (int x = 0; x < width; x++, b += LANES) {
          dst[i++] += blocked[b];
        }
      }
    }
  }
}
