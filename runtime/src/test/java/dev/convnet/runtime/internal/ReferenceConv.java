package dev.convnet.runtime.internal;

/**
 * A convolution in float64, the reference of the kernel tests ({@link KernelChecks#checkLayer}): any rectangular
 * kernel, stride, padding before ({@code ph, pw}; the output size {@code oh × ow} gives what lies after) and dilation,
 * PyTorch's layouts (NCHW samples one after another, OIHW weights), straight from the definition.
 */
record ReferenceConv(int in, int out, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                     int oh, int ow) implements KernelChecks.Layer {
  /** A square {@code k×k} convolution with stride {@code s} and padding {@code pad} on every side, no dilation. */
  static ReferenceConv square(int in, int out, int h, int w, int k, int s, int pad) {
    return new ReferenceConv(in, out, h, w, k, k, s, s, pad, pad, 1, 1, (h + 2 * pad - k) / s + 1,
        (w + 2 * pad - k) / s + 1);
  }

  @Override
  public int xSize() {
    return in * h * w;
  }

  @Override
  public int ySize() {
    return out * oh * ow;
  }

  @Override
  public int weights() {
    return out * in * kh * kw;
  }

  /** Index of weight {@code [o][c][a][b]} (OIHW). */
  int weightIndex(int o, int c, int a, int b) {
    return ((o * in + c) * kh + a) * kw + b;
  }

  @Override
  public double[] forward(float[] p, int weight, int bias, float[] x, int xBase, int batch) {
    double[] y = new double[batch * ySize()];
    for (int n = 0; n < batch; n++) {
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double sum = bias < 0 ? 0 : p[bias + o];
            for (int c = 0; c < in; c++) {
              for (int a = 0; a < kh; a++) {
                for (int b = 0; b < kw; b++) {
                  int r = i * sh + a * dh - ph;
                  int q = j * sw + b * dw - pw;
                  if (r >= 0 && r < h && q >= 0 && q < w) {
                    sum += (double) p[weight + weightIndex(o, c, a, b)] * x[xBase + inputIndex(n, c, r, q)];
                  }
                }
              }
            }
            y[((n * out + o) * oh + i) * ow + j] = sum;
          }
        }
      }
    }
    return y;
  }

  @Override
  public double[] weightGradient(float[] p, int weight, float[] x, int xBase, float[] dy, int yBase, int batch) {
    double[] dwRef = new double[weights()];
    backward(p, weight, x, xBase, dy, yBase, batch, dwRef, new double[batch * xSize()]);
    return dwRef;
  }

  @Override
  public double[] inputGradient(float[] p, int weight, float[] x, int xBase, float[] dy, int yBase, int batch) {
    double[] dxRef = new double[batch * xSize()];
    backward(p, weight, x, xBase, dy, yBase, batch, new double[weights()], dxRef);
    return dxRef;
  }

  private void backward(float[] p, int weight, float[] x, int xBase, float[] dy, int yBase, int batch, double[] dwRef,
                        double[] dxRef) {
    for (int n = 0; n < batch; n++) {
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double d = dy[yBase + ((n * out + o) * oh + i) * ow + j];
            for (int c = 0; c < in; c++) {
              for (int a = 0; a < kh; a++) {
                for (int b = 0; b < kw; b++) {
                  int r = i * sh + a * dh - ph;
                  int q = j * sw + b * dw - pw;
                  if (r >= 0 && r < h && q >= 0 && q < w) {
                    dwRef[weightIndex(o, c, a, b)] += d * x[xBase + inputIndex(n, c, r, q)];
                    dxRef[inputIndex(n, c, r, q)] += d * p[weight + weightIndex(o, c, a, b)];
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  private int inputIndex(int n, int c, int r, int q) {
    return ((n * in + c) * h + r) * w + q;
  }
}
