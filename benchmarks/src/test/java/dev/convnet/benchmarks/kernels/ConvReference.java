package dev.convnet.benchmarks.kernels;

/**
 * The naive float64 convolution (PyTorch's {@code conv2d} semantics, NCHW, weights {@code [out][in][k][k]}) and its
 * gradients, written loop by loop from the definition. Each result comes with the sum of the absolute values of its
 * terms, the scale a float32 rounding error is measured against.
 */
final class ConvReference {
  final int batch, in, out, h, w, k, stride, pad, oh, ow;

  ConvReference(int batch, int in, int out, int h, int w, int k, int stride, int pad) {
    this.batch = batch;
    this.in = in;
    this.out = out;
    this.h = h;
    this.w = w;
    this.k = k;
    this.stride = stride;
    this.pad = pad;
    this.oh = (h + 2 * pad - k) / stride + 1;
    this.ow = (w + 2 * pad - k) / stride + 1;
  }

  /** Values and the magnitudes of their sums. */
  record Result(double[] value, double[] magnitude) {}

  private int xi(int n, int c, int i, int j) {
    return ((n * in + c) * h + i) * w + j;
  }

  private int yi(int n, int o, int i, int j) {
    return ((n * out + o) * oh + i) * ow + j;
  }

  private int wi(int o, int c, int kh, int kw) {
    return ((o * in + c) * k + kh) * k + kw;
  }

  Result forward(float[] x, float[] wt, float[] bias) {
    double[] y = new double[batch * out * oh * ow];
    double[] m = new double[y.length];
    for (int n = 0; n < batch; n++) {
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double s = bias == null ? 0 : bias[o];
            double a = Math.abs(s);
            for (int c = 0; c < in; c++) {
              for (int kh = 0; kh < k; kh++) {
                for (int kw = 0; kw < k; kw++) {
                  int r = i * stride + kh - pad;
                  int q = j * stride + kw - pad;
                  if (r >= 0 && r < h && q >= 0 && q < w) {
                    double t = (double) x[xi(n, c, r, q)] * wt[wi(o, c, kh, kw)];
                    s += t;
                    a += Math.abs(t);
                  }
                }
              }
            }
            y[yi(n, o, i, j)] = s;
            m[yi(n, o, i, j)] = a;
          }
        }
      }
    }
    return new Result(y, m);
  }

  /** dx, dW and db from dy, all scattered from the same loop as the forward pass. */
  Result[] backward(float[] x, float[] wt, float[] dy) {
    double[] dx = new double[batch * in * h * w];
    double[] mx = new double[dx.length];
    double[] dw = new double[out * in * k * k];
    double[] mw = new double[dw.length];
    double[] db = new double[out];
    double[] mb = new double[out];
    for (int n = 0; n < batch; n++) {
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < oh; i++) {
          for (int j = 0; j < ow; j++) {
            double d = dy[yi(n, o, i, j)];
            db[o] += d;
            mb[o] += Math.abs(d);
            for (int c = 0; c < in; c++) {
              for (int kh = 0; kh < k; kh++) {
                for (int kw = 0; kw < k; kw++) {
                  int r = i * stride + kh - pad;
                  int q = j * stride + kw - pad;
                  if (r >= 0 && r < h && q >= 0 && q < w) {
                    double tx = d * wt[wi(o, c, kh, kw)];
                    dx[xi(n, c, r, q)] += tx;
                    mx[xi(n, c, r, q)] += Math.abs(tx);
                    double tw = d * x[xi(n, c, r, q)];
                    dw[wi(o, c, kh, kw)] += tw;
                    mw[wi(o, c, kh, kw)] += Math.abs(tw);
                  }
                }
              }
            }
          }
        }
      }
    }
    return new Result[] {new Result(dx, mx), new Result(dw, mw), new Result(db, mb)};
  }
}
