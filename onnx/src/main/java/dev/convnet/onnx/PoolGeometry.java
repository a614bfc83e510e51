package dev.convnet.onnx;

/** Ceil-mode average pooling as ONNX expresses it, shared by export and import. */
public final class PoolGeometry {
  private PoolGeometry() {}

  /**
   * The factor by which an AveragePool that divides every window by its full area (count_include_pad = 1, the
   * overhang padded) must be multiplied to divide each window by its part inside the input and its {@code pad}
   * padding instead: {@code [outH × outW]}, row-major; 1 where the window lies inside.
   */
  public static float[] overhangScale(int inH, int inW, int[] window, int[] stride, int[] pad, int outH, int outW) {
    float[] scale = new float[outH * outW];
    for (int oy = 0; oy < outH; oy++) {
      int rows = inside(oy * stride[0], window[0], inH + 2 * pad[0]);
      for (int ox = 0; ox < outW; ox++) {
        scale[oy * outW + ox] = (float) ((double) window[0] * window[1]
            / (rows * inside(ox * stride[1], window[1], inW + 2 * pad[1])));
      }
    }
    return scale;
  }

  /** How many of the window's {@code k} positions from {@code start} lie inside {@code [0, size)}. */
  private static int inside(int start, int k, int size) {
    return Math.max(1, Math.min(start + k, size) - start);
  }
}
