package dev.convnet.processor.model;

/**
 * The geometry of a sliding window over one input plane, shared by every windowed layer (convolution, transposed
 * convolution, pooling, subsampling): how the input is padded and which input positions each output reads.
 *
 * <p>Output position {@code (oy, ox)} reads padded-input position {@code (oy·stride + ky·dilation, ox·stride +
 * kx·dilation)} for each kernel tap {@code (ky, kx)}. The padded input is the input with {@code pad} zero rows and
 * columns before it and {@code padEnd} after it ({@code padEnd} exceeds {@code pad} only for ceil-mode pooling).
 *
 * @param inH    input height
 * @param inW    input width
 * @param kernel window size
 * @param stride step between windows
 * @param pad    padding before (top, left)
 * @param padEnd padding after (bottom, right)
 * @param dilation spacing between taps
 * @param outH   output height
 * @param outW   output width
 */
public record Window(int inH, int inW, Dim kernel, Dim stride, Dim pad, Dim padEnd, Dim dilation, int outH,
                     int outW) {

  /** Height of the padded input. */
  public int paddedH() {
    return pad.h() + inH + padEnd.h();
  }

  /** Width of the padded input. */
  public int paddedW() {
    return pad.w() + inW + padEnd.w();
  }

  /** Whether the input must be copied into a padded buffer before windowing. */
  public boolean padded() {
    return pad.h() > 0 || pad.w() > 0 || padEnd.h() > 0 || padEnd.w() > 0;
  }

  /** Rows one window spans: {@code d(k−1) + 1}. */
  public int spanH() {
    return dilation.h() * (kernel.h() - 1) + 1;
  }

  public int spanW() {
    return dilation.w() * (kernel.w() - 1) + 1;
  }

  public int taps() {
    return kernel.area();
  }

  public int outPlane() {
    return outH * outW;
  }

  public int inPlane() {
    return inH * inW;
  }

  /** The output size along one axis: {@code (n + before + after − d(k−1) − 1) / s + 1}, or ≤ 0 if none fits. */
  public static int outSize(int n, int k, int s, int before, int after, int d) {
    long room = (long) n + before + after - ((long) d * (k - 1) + 1);
    return room < 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, room / s + 1);
  }

  /** Input rows (or columns) past the last window, never read: {@code (n + 2p − span) mod s}. */
  /**
   * Input rows (not padding) past the last window that no window reads, counted only when more are left out at the
   * end than between two windows (a 1×1 kernel with stride 2 skips every other row by design): what the stride
   * warning reports.
   */
  public int droppedRows() {
    return lost(paddedH() - spanH() - (outH - 1) * stride.h() - padEnd.h(), stride.h() - spanH());
  }

  public int droppedCols() {
    return lost(paddedW() - spanW() - (outW - 1) * stride.w() - padEnd.w(), stride.w() - spanW());
  }

  private static int lost(int trailing, int gap) {
    return trailing > Math.max(0, gap) ? trailing : 0;
  }

  /** A window for a convolution with symmetric padding. */
  public static Window conv(int inH, int inW, Dim kernel, Dim stride, Dim pad, Dim dilation) {
    return new Window(inH, inW, kernel, stride, pad, pad, dilation,
        outSize(inH, kernel.h(), stride.h(), pad.h(), pad.h(), dilation.h()),
        outSize(inW, kernel.w(), stride.w(), pad.w(), pad.w(), dilation.w()));
  }

  /**
   * A pooling window. In ceil mode the output is rounded up, as in PyTorch: one more window when a leftover edge
   * remains, unless that window would start past the input and its left padding; the extra rows it covers are
   * padding ({@code padEnd > pad}).
   */
  public static Window pool(int inH, int inW, Dim window, Dim stride, Dim pad, boolean ceil) {
    int outH = poolOut(inH, window.h(), stride.h(), pad.h(), ceil);
    int outW = poolOut(inW, window.w(), stride.w(), pad.w(), ceil);
    int endH = Math.max(pad.h(), (outH - 1) * stride.h() + window.h() - inH - pad.h());
    int endW = Math.max(pad.w(), (outW - 1) * stride.w() + window.w() - inW - pad.w());
    return new Window(inH, inW, window, stride, pad, new Dim(endH, endW), Dim.of(1), outH, outW);
  }

  private static int poolOut(int n, int k, int s, int p, boolean ceil) {
    long room = (long) n + 2L * p - k;
    if (room < 0) {
      return 0;
    }
    long out = (ceil ? (room + s - 1) / s : room / s) + 1;
    if (ceil && (out - 1) * s >= (long) n + p) {
      out--;
    }
    return (int) Math.min(Integer.MAX_VALUE, out);
  }

  /**
   * The correlation grid this window defines, for the shared kernel code: windows over a
   * {@code outH × outW} grid reading a {@code paddedH × paddedW} plane.
   */
  public Grid grid() {
    return new Grid(outH, outW, paddedH(), paddedW(), kernel, stride, dilation);
  }
}
