package dev.convnet.benchmarks.kernels;

/**
 * A batch of feature maps in the channel-blocked layout with a zero border: {@code [n][C/L][H + 2·pad][W + 2·pad][L]}
 * (NCHWc, {@code L} = the vector species' lane count). One vector load reads the same pixel of {@code L}
 * consecutive channels; the border of {@code pad} zeros lets a convolution read its whole window without bounds
 * tests. The generated class would keep its activations in this form between layers and convert only at the public
 * API, which stays NCHW ({@link #fromNchw}, {@link #toNchw}).
 *
 * @param batch images
 * @param channels channels, a multiple of {@code lanes}
 * @param height rows, without the border
 * @param width columns, without the border
 * @param pad the zero border on every side
 * @param lanes the block size {@code L}
 */
public record Blocked(int batch, int channels, int height, int width, int pad, int lanes) {
  public Blocked {
    if (batch < 1 || channels < 1 || height < 1 || width < 1 || pad < 0 || lanes < 1) {
      throw new IllegalArgumentException("bad geometry " + this);
    }
    if (channels % lanes != 0) {
      throw new IllegalArgumentException(channels + " channels are not a multiple of the " + lanes + "-channel block");
    }
  }

  /** Channel blocks. */
  public int blocks() {
    return channels / lanes;
  }

  /** Rows including the border. */
  public int paddedHeight() {
    return height + 2 * pad;
  }

  /** Columns including the border. */
  public int paddedWidth() {
    return width + 2 * pad;
  }

  /** Floats between one pixel and the next in a row. */
  public int pixelStride() {
    return lanes;
  }

  /** Floats between one row and the next. */
  public int rowStride() {
    return paddedWidth() * lanes;
  }

  /** Floats between one channel block and the next. */
  public int blockStride() {
    return paddedHeight() * rowStride();
  }

  /** Floats per image. */
  public int imageStride() {
    return blocks() * blockStride();
  }

  /** Floats in the whole buffer. */
  public int size() {
    return batch * imageStride();
  }

  /** Index of channel {@code c} at row {@code y}, column {@code x} (border coordinates: 0 is the first border row). */
  public int index(int n, int c, int y, int x) {
    return n * imageStride() + (c / lanes) * blockStride() + y * rowStride() + x * lanes + c % lanes;
  }

  /** Index of channel {@code c} at image row {@code y}, column {@code x} (inside the border). */
  public int interior(int n, int c, int y, int x) {
    return index(n, c, y + pad, x + pad);
  }

  /** A new blocked buffer holding {@code nchw} ({@code [n][C][H][W]}), the border zero. */
  public float[] fromNchw(float[] nchw) {
    if (nchw.length != batch * channels * height * width) {
      throw new IllegalArgumentException("expected " + batch * channels * height * width + " NCHW values, got "
          + nchw.length);
    }
    float[] blocked = new float[size()];
    int i = 0;
    for (int n = 0; n < batch; n++) {
      for (int c = 0; c < channels; c++) {
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            blocked[interior(n, c, y, x)] = nchw[i++];
          }
        }
      }
    }
    return blocked;
  }

  /** The interior of a blocked buffer in NCHW order. */
  public float[] toNchw(float[] blocked) {
    if (blocked.length != size()) {
      throw new IllegalArgumentException("expected " + size() + " blocked values, got " + blocked.length);
    }
    float[] nchw = new float[batch * channels * height * width];
    int i = 0;
    for (int n = 0; n < batch; n++) {
      for (int c = 0; c < channels; c++) {
        for (int y = 0; y < height; y++) {
          for (int x = 0; x < width; x++) {
            nchw[i++] = blocked[interior(n, c, y, x)];
          }
        }
      }
    }
    return nchw;
  }
}
