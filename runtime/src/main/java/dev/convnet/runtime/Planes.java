package dev.convnet.runtime;

/**
 * Block copies between stacks of 2-D planes, used by generated code to pad a sample into a larger zero (or −∞)
 * bordered plane, to crop a plane, and to add a cropped gradient back. A block is {@code channels} planes of
 * {@code rows × cols} values; each side gives its start index, row stride and plane stride.
 */
public final class Planes {
  private Planes() {}

  /**
   * {@code dst[block] = src[block]}.
   *
   * @param src the source array
   * @param so index of the block's first value in {@code src}
   * @param srcRow row pitch of the source: values from one row's start to the next
   * @param srcPlane plane stride of the source: values from one plane's start to the next
   * @param dst the destination array
   * @param dO index of the block's first value in {@code dst}
   * @param dstRow row pitch of the destination
   * @param dstPlane plane stride of the destination
   * @param channels number of channels (feature maps)
   * @param rows rows of a plane
   * @param cols columns of a plane
   */
  public static void copy(float[] src, int so, int srcRow, int srcPlane, float[] dst, int dO, int dstRow,
                          int dstPlane, int channels, int rows, int cols) {
    for (int c = 0; c < channels; c++) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(src, so + c * srcPlane + r * srcRow, dst, dO + c * dstPlane + r * dstRow, cols);
      }
    }
  }

  /**
   * {@code dst[block] += src[block]}.
   *
   * @param src the source array
   * @param so index of the block's first value in {@code src}
   * @param srcRow row pitch of the source: values from one row's start to the next
   * @param srcPlane plane stride of the source: values from one plane's start to the next
   * @param dst the destination array
   * @param dO index of the block's first value in {@code dst}
   * @param dstRow row pitch of the destination
   * @param dstPlane plane stride of the destination
   * @param channels number of channels (feature maps)
   * @param rows rows of a plane
   * @param cols columns of a plane
   */
  public static void add(float[] src, int so, int srcRow, int srcPlane, float[] dst, int dO, int dstRow,
                         int dstPlane, int channels, int rows, int cols) {
    for (int c = 0; c < channels; c++) {
      for (int r = 0; r < rows; r++) {
        int s = so + c * srcPlane + r * srcRow;
        int d = dO + c * dstPlane + r * dstRow;
        for (int i = 0; i < cols; i++) {
          dst[d + i] += src[s + i];
        }
      }
    }
  }

  /**
   * {@code dst[block] = src[block]}, double precision.
   *
   * @param src the source array
   * @param so index of the block's first value in {@code src}
   * @param srcRow row pitch of the source: values from one row's start to the next
   * @param srcPlane plane stride of the source: values from one plane's start to the next
   * @param dst the destination array
   * @param dO index of the block's first value in {@code dst}
   * @param dstRow row pitch of the destination
   * @param dstPlane plane stride of the destination
   * @param channels number of channels (feature maps)
   * @param rows rows of a plane
   * @param cols columns of a plane
   */
  public static void copy(double[] src, int so, int srcRow, int srcPlane, double[] dst, int dO, int dstRow,
                          int dstPlane, int channels, int rows, int cols) {
    for (int c = 0; c < channels; c++) {
      for (int r = 0; r < rows; r++) {
        System.arraycopy(src, so + c * srcPlane + r * srcRow, dst, dO + c * dstPlane + r * dstRow, cols);
      }
    }
  }

  /**
   * {@code dst[block] += src[block]}, double precision.
   *
   * @param src the source array
   * @param so index of the block's first value in {@code src}
   * @param srcRow row pitch of the source: values from one row's start to the next
   * @param srcPlane plane stride of the source: values from one plane's start to the next
   * @param dst the destination array
   * @param dO index of the block's first value in {@code dst}
   * @param dstRow row pitch of the destination
   * @param dstPlane plane stride of the destination
   * @param channels number of channels (feature maps)
   * @param rows rows of a plane
   * @param cols columns of a plane
   */
  public static void add(double[] src, int so, int srcRow, int srcPlane, double[] dst, int dO, int dstRow,
                         int dstPlane, int channels, int rows, int cols) {
    for (int c = 0; c < channels; c++) {
      for (int r = 0; r < rows; r++) {
        int s = so + c * srcPlane + r * srcRow;
        int d = dO + c * dstPlane + r * dstRow;
        for (int i = 0; i < cols; i++) {
          dst[d + i] += src[s + i];
        }
      }
    }
  }
}
