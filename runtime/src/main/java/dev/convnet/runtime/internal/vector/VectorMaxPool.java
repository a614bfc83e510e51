package dev.convnet.runtime.internal.vector;

import static dev.convnet.runtime.internal.vector.Kernels.LANES;

import dev.convnet.runtime.internal.BlockedLayer;
import dev.convnet.runtime.internal.BlockedPool;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockedPool}: max pooling on channel-blocked planes ({@link Planes}), one vector of {@code L} channels per
 * position, so each window's maximum is {@code kh·kw} vector loads and maxima per {@code L} outputs, with no transpose
 * and no stride-2 shuffles (the generated plain pooling of ResNet-18's 64×112×112 stem output took 0.75 ms, scalar,
 * after copying the input into −∞-padded planes). Windows are clipped to the input instead of padded: the maximum
 * takes only the taps inside, which is what −∞ padding gives (every window has one). Any window, stride and padding below
 * the window; {@code channels} a multiple of {@code L}. The output planes ({@link OutputPlanes}: a border of 1, the
 * layout of a 3×3 or 1×1 blocked convolution's input) are read in place by the linked passes after it. Made
 * reflectively by {@code Vectorization}.
 */
public final class VectorMaxPool implements BlockedPool, OutputPlanes.Linked {
  private static final VectorSpecies<Float> SPECIES = Kernels.SPECIES;

  private final int channels;
  private final int kh;
  private final int kw;
  private final int strideH;
  private final int strideW;
  private final int padH;
  private final int padW;
  /** The input's planes (an NCHW input is converted into {@link #xs}) and the output's. */
  private final Planes x;
  private final Planes y;
  private final float[] xs;
  private final float[] ys;
  private final OutputPlanes output;
  /** The maximum down one output row's windows, per input column: {@code [width][L]}. */
  private final float[] columns;

  /**
   * The kernels and scratch of one layer.
   *
   * @param channels maps, a multiple of {@link VectorBlockedConv#lanes()}
   * @param height input rows
   * @param width input columns
   * @param kh window rows
   * @param kw window columns
   * @param strideH the stride down
   * @param strideW the stride across
   * @param padH the padding above (below the window's rows)
   * @param padW the padding left (below the window's columns)
   * @param outH output rows
   * @param outW output columns
   * @throws IllegalArgumentException for channels not a multiple of {@code L}, sizes below 1, a padding of a whole
   *     window or more, or an output with a window outside the input
   */
  public VectorMaxPool(int channels, int height, int width, int kh, int kw, int strideH, int strideW, int padH,
                       int padW, int outH, int outW) {
    if (channels < 1 || channels % LANES != 0) {
      throw new IllegalArgumentException("the blocked max pooling needs channels in blocks of " + LANES + ", not "
          + channels);
    }
    if (height < 1 || width < 1 || kh < 1 || kw < 1 || strideH < 1 || strideW < 1 || padH < 0 || padW < 0
        || padH >= kh || padW >= kw || outH < 1 || outW < 1 || (outH - 1) * strideH - padH >= height
        || (outW - 1) * strideW - padW >= width) {
      throw new IllegalArgumentException("not a max pooling the blocked kernels take: input " + height + "×" + width
          + ", window " + kh + "×" + kw + ", stride " + strideH + "×" + strideW + ", pad " + padH + "×" + padW
          + ", output " + outH + "×" + outW);
    }
    this.channels = channels;
    this.kh = kh;
    this.kw = kw;
    this.strideH = strideH;
    this.strideW = strideW;
    this.padH = padH;
    this.padW = padW;
    x = new Planes(channels, height, width, 1);
    y = new Planes(channels, outH, outW, 1);
    xs = new float[x.size()];
    ys = new float[y.size()];
    output = new OutputPlanes(y, ys);
    columns = new float[width * LANES];
  }

  @Override
  public void forward(BlockedLayer source, float[] xa, int xo, float[] ya, int yo, boolean lazy) {
    output.release(ya, yo);
    pool(OutputPlanes.read(source, xa, xo, x, xs));
    output.finish(ya, yo, lazy);
  }

  @Override
  public void flush() {
    output.flush();
  }

  @Override
  public OutputPlanes outputPlanes() {
    return output;
  }

  /**
   * Every window's maximum, from the input planes {@code src} into the interior of {@link #ys}: per output row, the
   * maximum down the window's rows for every input column ({@link #columns}), then across each window's columns.
   * Each step loads, takes the maximum and stores (C2 on JDK 17 boxed a vector carried in a loop variable across
   * the window's taps: 0.9 ms for ResNet-18's pooling alone, against 0.17 ms this way).
   */
  private void pool(float[] src) {
    int rowFloats = x.width() * LANES;
    for (int b = 0; b < channels / LANES; b++) {
      for (int oy = 0; oy < y.height(); oy++) {
        int r0 = Math.max(0, oy * strideH - padH);
        int r1 = Math.min(x.height(), oy * strideH - padH + kh);
        System.arraycopy(src, x.interior(b * LANES, r0, 0), columns, 0, rowFloats);
        for (int r = r0 + 1; r < r1; r++) {
          int row = x.interior(b * LANES, r, 0);
          for (int i = 0; i < rowFloats; i += LANES) {
            FloatVector.fromArray(SPECIES, columns, i).max(FloatVector.fromArray(SPECIES, src, row + i))
                .intoArray(columns, i);
          }
        }
        int dst = y.interior(b * LANES, oy, 0);
        for (int ox = 0; ox < y.width(); ox++, dst += LANES) {
          int c0 = Math.max(0, ox * strideW - padW);
          int c1 = Math.min(x.width(), ox * strideW - padW + kw);
          FloatVector.fromArray(SPECIES, columns, c0 * LANES).intoArray(ys, dst);
          for (int c = c0 + 1; c < c1; c++) {
            FloatVector.fromArray(SPECIES, ys, dst).max(FloatVector.fromArray(SPECIES, columns, c * LANES))
                .intoArray(ys, dst);
          }
        }
      }
    }
  }
}
