package dev.convnet.processor.fuzz;

import dev.convnet.processor.fuzz.LayerSpec.Act;
import dev.convnet.processor.fuzz.NetSpec.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately simple interpreter of a {@link NetSpec} in float64: one naive loop nest per layer, written straight
 * from the formulas (PyTorch's conventions and layouts), forward and backward, one sample at a time. It shares no
 * code with the processor.
 */
final class Reference {
  private final NetSpec net;
  private final List<Shape> shapes;
  /** Parameters by name ({@code layer.weight}, {@code layer.bias}), in PyTorch layouts. */
  private final Map<String, double[]> params;
  private final Map<String, double[]> grads = new LinkedHashMap<>();
  /** Per layer of the last sample: input, pre-activation, output. */
  private final List<double[]> xs = new ArrayList<>();
  private final List<double[]> zs = new ArrayList<>();
  private final List<double[]> ys = new ArrayList<>();

  Reference(NetSpec net, Map<String, double[]> params) {
    this.net = net;
    this.shapes = net.shapes();
    this.params = params;
    for (Map.Entry<String, double[]> e : params.entrySet()) {
      grads.put(e.getKey(), new double[e.getValue().length]);
    }
  }

  Map<String, double[]> gradients() {
    return grads;
  }

  /** The output of one sample (and remembers what the backward pass needs). */
  double[] forward(double[] input) {
    xs.clear();
    zs.clear();
    ys.clear();
    double[] x = input;
    for (int i = 0; i < net.layers.size(); i++) {
      LayerSpec l = net.layers.get(i);
      Shape in = shapes.get(i);
      Shape out = shapes.get(i + 1);
      double[] z = switch (l.kind) {
        case CONV -> conv(l, in, out, x);
        case TRANSPOSED -> transposed(l, in, out, x);
        case MAX, AVG, L2 -> pool(l, in, out, x);
        case SUBSAMPLING -> subsampling(l, in, out, x);
        case DENSE -> dense(l, in, x);
        case ACTIVATE -> x.clone();
      };
      double[] y = activate(l, z);
      xs.add(x);
      zs.add(z);
      ys.add(y);
      x = y;
    }
    return x;
  }

  /** Adds this sample's parameter gradients for output gradient {@code dy}; returns the input gradient. */
  double[] backward(double[] dOut) {
    double[] d = dOut;
    for (int i = net.layers.size() - 1; i >= 0; i--) {
      LayerSpec l = net.layers.get(i);
      Shape in = shapes.get(i);
      Shape out = shapes.get(i + 1);
      double[] dz = activationBackward(l, zs.get(i), ys.get(i), d);
      double[] x = xs.get(i);
      d = switch (l.kind) {
        case CONV -> convBack(l, in, out, x, dz);
        case TRANSPOSED -> transposedBack(l, in, out, x, dz);
        case MAX, AVG, L2 -> poolBack(l, in, out, x, dz);
        case SUBSAMPLING -> subsamplingBack(l, in, out, x, dz);
        case DENSE -> denseBack(l, in, x, dz);
        case ACTIVATE -> dz;
      };
    }
    return d;
  }

  // ------------------------------------------------------------------ activations

  private static double lecun(double v) {
    return 1.7159 * Math.tanh(2.0 / 3.0 * v);
  }

  private static double[] activate(LayerSpec l, double[] z) {
    double[] y = new double[z.length];
    if (l.act == Act.SOFTMAX) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : z) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (int i = 0; i < z.length; i++) {
        y[i] = Math.exp(z[i] - max);
        sum += y[i];
      }
      for (int i = 0; i < z.length; i++) {
        y[i] /= sum;
      }
      return y;
    }
    for (int i = 0; i < z.length; i++) {
      double v = z[i];
      y[i] = switch (l.act) {
        case IDENTITY -> v;
        case RELU -> v > 0 ? v : 0;
        case LEAKY_RELU -> v > 0 ? v : l.slope * v;
        case SIGMOID -> 1 / (1 + Math.exp(-v));
        case TANH -> Math.tanh(v);
        case LECUN_TANH -> lecun(v);
        case SOFTMAX -> throw new IllegalStateException();
      };
    }
    return y;
  }

  private static double[] activationBackward(LayerSpec l, double[] z, double[] y, double[] dy) {
    double[] dz = new double[z.length];
    if (l.act == Act.SOFTMAX) {
      double dot = 0;
      for (int i = 0; i < y.length; i++) {
        dot += dy[i] * y[i];
      }
      for (int i = 0; i < y.length; i++) {
        dz[i] = y[i] * (dy[i] - dot);
      }
      return dz;
    }
    for (int i = 0; i < z.length; i++) {
      double v = z[i];
      double derivative = switch (l.act) {
        case IDENTITY -> 1;
        case RELU -> v > 0 ? 1 : 0;
        case LEAKY_RELU -> v > 0 ? 1 : l.slope;
        case SIGMOID -> {
          double s = 1 / (1 + Math.exp(-v));
          yield s * (1 - s);
        }
        case TANH -> 1 - Math.tanh(v) * Math.tanh(v);
        case LECUN_TANH -> {
          double t = Math.tanh(2.0 / 3.0 * v);
          yield 1.7159 * 2.0 / 3.0 * (1 - t * t);
        }
        case SOFTMAX -> throw new IllegalStateException();
      };
      dz[i] = dy[i] * derivative;
    }
    return dz;
  }

  // ------------------------------------------------------------------ convolution: weight [out, in, kh, kw]

  private static boolean connected(LayerSpec l, int in, int out) {
    return l.table == null || l.table[in].charAt(out) == 'X';
  }

  private double[] conv(LayerSpec l, Shape in, Shape out, double[] x) {
    double[] w = params.get(l.name + ".weight");
    double[] b = l.bias ? params.get(l.name + ".bias") : null;
    int ph = NetSpec.convPadH(l);
    int pw = NetSpec.convPadW(l);
    double[] y = new double[out.size()];
    for (int o = 0; o < out.c(); o++) {
      for (int oy = 0; oy < out.h(); oy++) {
        for (int ox = 0; ox < out.w(); ox++) {
          double s = b == null ? 0 : b[o];
          for (int i = 0; i < in.c(); i++) {
            if (!connected(l, i, o)) {
              continue;
            }
            for (int ky = 0; ky < l.kh; ky++) {
              for (int kx = 0; kx < l.kw; kx++) {
                int iy = oy * l.sh - ph + ky * l.dh;
                int ix = ox * l.sw - pw + kx * l.dw;
                if (iy >= 0 && iy < in.h() && ix >= 0 && ix < in.w()) {
                  s += w[((o * in.c() + i) * l.kh + ky) * l.kw + kx] * x[(i * in.h() + iy) * in.w() + ix];
                }
              }
            }
          }
          y[(o * out.h() + oy) * out.w() + ox] = s;
        }
      }
    }
    return y;
  }

  private double[] convBack(LayerSpec l, Shape in, Shape out, double[] x, double[] dy) {
    double[] w = params.get(l.name + ".weight");
    double[] gw = grads.get(l.name + ".weight");
    double[] gb = l.bias ? grads.get(l.name + ".bias") : null;
    int ph = NetSpec.convPadH(l);
    int pw = NetSpec.convPadW(l);
    double[] dx = new double[in.size()];
    for (int o = 0; o < out.c(); o++) {
      for (int oy = 0; oy < out.h(); oy++) {
        for (int ox = 0; ox < out.w(); ox++) {
          double d = dy[(o * out.h() + oy) * out.w() + ox];
          if (gb != null) {
            gb[o] += d;
          }
          for (int i = 0; i < in.c(); i++) {
            if (!connected(l, i, o)) {
              continue;
            }
            for (int ky = 0; ky < l.kh; ky++) {
              for (int kx = 0; kx < l.kw; kx++) {
                int iy = oy * l.sh - ph + ky * l.dh;
                int ix = ox * l.sw - pw + kx * l.dw;
                if (iy >= 0 && iy < in.h() && ix >= 0 && ix < in.w()) {
                  int wi = ((o * in.c() + i) * l.kh + ky) * l.kw + kx;
                  int xi = (i * in.h() + iy) * in.w() + ix;
                  gw[wi] += d * x[xi];
                  dx[xi] += d * w[wi];
                }
              }
            }
          }
        }
      }
    }
    return dx;
  }

  // ------------------------------------------------------------------ transposed convolution: weight [in, out, kh, kw]

  private double[] transposed(LayerSpec l, Shape in, Shape out, double[] x) {
    double[] w = params.get(l.name + ".weight");
    double[] b = l.bias ? params.get(l.name + ".bias") : null;
    double[] y = new double[out.size()];
    for (int o = 0; o < out.c(); o++) {
      for (int j = 0; j < out.h() * out.w(); j++) {
        y[o * out.h() * out.w() + j] = b == null ? 0 : b[o];
      }
    }
    for (int i = 0; i < in.c(); i++) {
      for (int iy = 0; iy < in.h(); iy++) {
        for (int ix = 0; ix < in.w(); ix++) {
          double v = x[(i * in.h() + iy) * in.w() + ix];
          for (int o = 0; o < out.c(); o++) {
            for (int ky = 0; ky < l.kh; ky++) {
              for (int kx = 0; kx < l.kw; kx++) {
                int oy = iy * l.sh - l.ph + ky * l.dh;
                int ox = ix * l.sw - l.pw + kx * l.dw;
                if (oy >= 0 && oy < out.h() && ox >= 0 && ox < out.w()) {
                  y[(o * out.h() + oy) * out.w() + ox] += v * w[((i * out.c() + o) * l.kh + ky) * l.kw + kx];
                }
              }
            }
          }
        }
      }
    }
    return y;
  }

  private double[] transposedBack(LayerSpec l, Shape in, Shape out, double[] x, double[] dy) {
    double[] w = params.get(l.name + ".weight");
    double[] gw = grads.get(l.name + ".weight");
    if (l.bias) {
      double[] gb = grads.get(l.name + ".bias");
      for (int o = 0; o < out.c(); o++) {
        for (int j = 0; j < out.h() * out.w(); j++) {
          gb[o] += dy[o * out.h() * out.w() + j];
        }
      }
    }
    double[] dx = new double[in.size()];
    for (int i = 0; i < in.c(); i++) {
      for (int iy = 0; iy < in.h(); iy++) {
        for (int ix = 0; ix < in.w(); ix++) {
          int xi = (i * in.h() + iy) * in.w() + ix;
          for (int o = 0; o < out.c(); o++) {
            for (int ky = 0; ky < l.kh; ky++) {
              for (int kx = 0; kx < l.kw; kx++) {
                int oy = iy * l.sh - l.ph + ky * l.dh;
                int ox = ix * l.sw - l.pw + kx * l.dw;
                if (oy >= 0 && oy < out.h() && ox >= 0 && ox < out.w()) {
                  int wi = ((i * out.c() + o) * l.kh + ky) * l.kw + kx;
                  double d = dy[(o * out.h() + oy) * out.w() + ox];
                  gw[wi] += d * x[xi];
                  dx[xi] += d * w[wi];
                }
              }
            }
          }
        }
      }
    }
    return dx;
  }

  // ------------------------------------------------------------------ pooling (PyTorch: max ignores padding,
  // avg counts padding but not the ceil-mode overhang past it, L2 sums squares with zero padding)

  /**
   * The smallest gap, relative to the maximum, between the largest and the second largest value of any max-pooling
   * window seen: float32 may break such near-ties differently from float64 and route the gradient elsewhere.
   */
  double closestMaxTie() {
    return closestTie;
  }

  private double closestTie = Double.POSITIVE_INFINITY;

  private double[] pool(LayerSpec l, Shape in, Shape out, double[] x) {
    double[] y = new double[out.size()];
    for (int c = 0; c < in.c(); c++) {
      for (int oy = 0; oy < out.h(); oy++) {
        for (int ox = 0; ox < out.w(); ox++) {
          int hs = oy * l.sh - l.ph;
          int ws = ox * l.sw - l.pw;
          double max = Double.NEGATIVE_INFINITY;
          double second = Double.NEGATIVE_INFINITY;
          double sum = 0;
          double squares = 0;
          for (int iy = hs; iy < hs + l.kh; iy++) {
            for (int ix = ws; ix < ws + l.kw; ix++) {
              if (iy >= 0 && iy < in.h() && ix >= 0 && ix < in.w()) {
                double v = x[(c * in.h() + iy) * in.w() + ix];
                second = v > max ? max : Math.max(second, v);
                max = Math.max(max, v);
                sum += v;
                squares += v * v;
              }
            }
          }
          if (l.kind == LayerSpec.Kind.MAX && second > Double.NEGATIVE_INFINITY) {
            closestTie = Math.min(closestTie, (max - second) / Math.max(Math.abs(max), 1));
          }
          int count = (Math.min(hs + l.kh, in.h() + l.ph) - hs) * (Math.min(ws + l.kw, in.w() + l.pw) - ws);
          y[(c * out.h() + oy) * out.w() + ox] = switch (l.kind) {
            case MAX -> max;
            case AVG -> sum / count;
            default -> Math.sqrt(squares);
          };
        }
      }
    }
    return y;
  }

  private double[] poolBack(LayerSpec l, Shape in, Shape out, double[] x, double[] dy) {
    double[] y = pool(l, in, out, x);
    double[] dx = new double[in.size()];
    for (int c = 0; c < in.c(); c++) {
      for (int oy = 0; oy < out.h(); oy++) {
        for (int ox = 0; ox < out.w(); ox++) {
          int hs = oy * l.sh - l.ph;
          int ws = ox * l.sw - l.pw;
          int yi = (c * out.h() + oy) * out.w() + ox;
          double d = dy[yi];
          int count = (Math.min(hs + l.kh, in.h() + l.ph) - hs) * (Math.min(ws + l.kw, in.w() + l.pw) - ws);
          boolean routed = false;
          for (int iy = hs; iy < hs + l.kh; iy++) {
            for (int ix = ws; ix < ws + l.kw; ix++) {
              if (iy >= 0 && iy < in.h() && ix >= 0 && ix < in.w()) {
                int xi = (c * in.h() + iy) * in.w() + ix;
                switch (l.kind) {
                  case MAX -> {
                    if (!routed && x[xi] == y[yi]) { // the first maximum in row-major order
                      dx[xi] += d;
                      routed = true;
                    }
                  }
                  case AVG -> dx[xi] += d / count;
                  default -> dx[xi] += y[yi] > 0 ? d * x[xi] / y[yi] : 0;
                }
              }
            }
          }
        }
      }
    }
    return dx;
  }

  // ------------------------------------------------------------------ LeNet subsampling: w_k · mean(window) + b_k

  private double[] subsampling(LayerSpec l, Shape in, Shape out, double[] x) {
    double[] w = params.get(l.name + ".weight");
    double[] b = params.get(l.name + ".bias");
    double[] y = new double[out.size()];
    for (int c = 0; c < in.c(); c++) {
      for (int oy = 0; oy < out.h(); oy++) {
        for (int ox = 0; ox < out.w(); ox++) {
          double sum = 0;
          for (int ky = 0; ky < l.kh; ky++) {
            for (int kx = 0; kx < l.kw; kx++) {
              sum += x[(c * in.h() + oy * l.sh + ky) * in.w() + ox * l.sw + kx];
            }
          }
          y[(c * out.h() + oy) * out.w() + ox] = w[c] * sum / (l.kh * l.kw) + b[c];
        }
      }
    }
    return y;
  }

  private double[] subsamplingBack(LayerSpec l, Shape in, Shape out, double[] x, double[] dy) {
    double[] w = params.get(l.name + ".weight");
    double[] gw = grads.get(l.name + ".weight");
    double[] gb = grads.get(l.name + ".bias");
    double[] dx = new double[in.size()];
    int area = l.kh * l.kw;
    for (int c = 0; c < in.c(); c++) {
      for (int oy = 0; oy < out.h(); oy++) {
        for (int ox = 0; ox < out.w(); ox++) {
          double d = dy[(c * out.h() + oy) * out.w() + ox];
          double sum = 0;
          for (int ky = 0; ky < l.kh; ky++) {
            for (int kx = 0; kx < l.kw; kx++) {
              int xi = (c * in.h() + oy * l.sh + ky) * in.w() + ox * l.sw + kx;
              sum += x[xi];
              dx[xi] += d * w[c] / area;
            }
          }
          gw[c] += d * sum / area;
          gb[c] += d;
        }
      }
    }
    return dx;
  }

  // ------------------------------------------------------------------ dense: weight [units, in] over the flat input

  private double[] dense(LayerSpec l, Shape in, double[] x) {
    double[] w = params.get(l.name + ".weight");
    double[] b = l.bias ? params.get(l.name + ".bias") : null;
    double[] y = new double[l.units];
    for (int o = 0; o < l.units; o++) {
      double s = b == null ? 0 : b[o];
      for (int i = 0; i < in.size(); i++) {
        s += w[o * in.size() + i] * x[i];
      }
      y[o] = s;
    }
    return y;
  }

  private double[] denseBack(LayerSpec l, Shape in, double[] x, double[] dy) {
    double[] w = params.get(l.name + ".weight");
    double[] gw = grads.get(l.name + ".weight");
    double[] gb = l.bias ? grads.get(l.name + ".bias") : null;
    double[] dx = new double[in.size()];
    for (int o = 0; o < l.units; o++) {
      if (gb != null) {
        gb[o] += dy[o];
      }
      for (int i = 0; i < in.size(); i++) {
        gw[o * in.size() + i] += dy[o] * x[i];
        dx[i] += dy[o] * w[o * in.size() + i];
      }
    }
    return dx;
  }

  /** Parameter shapes in PyTorch layout, by name, for {@code net}. */
  static Map<String, int[]> parameterShapes(NetSpec net) {
    Map<String, int[]> out = new LinkedHashMap<>();
    List<Shape> shapes = net.shapes();
    for (int i = 0; i < net.layers.size(); i++) {
      LayerSpec l = net.layers.get(i);
      Shape in = shapes.get(i);
      switch (l.kind) {
        case CONV -> out.put(l.name + ".weight", new int[] {l.filters, in.c(), l.kh, l.kw});
        case TRANSPOSED -> out.put(l.name + ".weight", new int[] {in.c(), l.filters, l.kh, l.kw});
        case SUBSAMPLING -> out.put(l.name + ".weight", new int[] {in.c()});
        case DENSE -> out.put(l.name + ".weight", new int[] {l.units, in.size()});
        default -> { }
      }
      if (l.hasBias()) {
        out.put(l.name + ".bias", new int[] {l.kind == LayerSpec.Kind.DENSE ? l.units
            : l.kind == LayerSpec.Kind.SUBSAMPLING ? in.c() : l.filters});
      }
    }
    return out;
  }
}
