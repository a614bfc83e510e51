package dev.convnet.processor.model;

/**
 * The geometry of a transposed convolution: each of the {@code inH × inW} input values scatters its kernel into a
 * full plane of {@code fullH × fullW} (the adjoint of a convolution from that plane); the output is the
 * {@code outH × outW} crop of the full plane starting at {@code pad}. Output padding can reach past the scattered
 * region; the full plane is extended there so that the crop stays inside it.
 */
public record TransposedWindow(int inH, int inW, Dim kernel, Dim stride, Dim pad, Dim outputPad, Dim dilation,
                               int fullH, int fullW, int outH, int outW) {

  /** Output per axis: {@code (n − 1)·s − 2p + d(k−1) + outputPad + 1}. */
  public static TransposedWindow of(int inH, int inW, Dim kernel, Dim stride, Dim pad, Dim outputPad, Dim dilation) {
    int scatteredH = (inH - 1) * stride.h() + dilation.h() * (kernel.h() - 1) + 1;
    int scatteredW = (inW - 1) * stride.w() + dilation.w() * (kernel.w() - 1) + 1;
    int outH = scatteredH - 2 * pad.h() + outputPad.h();
    int outW = scatteredW - 2 * pad.w() + outputPad.w();
    int fullH = Math.max(scatteredH, pad.h() + Math.max(outH, 0));
    int fullW = Math.max(scatteredW, pad.w() + Math.max(outW, 0));
    return new TransposedWindow(inH, inW, kernel, stride, pad, outputPad, dilation, fullH, fullW, outH, outW);
  }

  public Grid grid() {
    return new Grid(inH, inW, fullH, fullW, kernel, stride, dilation);
  }

  /** Whether the output is a proper crop of the full plane (padding or output padding present). */
  public boolean cropped() {
    return pad.h() > 0 || pad.w() > 0 || fullH != outH || fullW != outW;
  }
}
