package dev.convnet.processor.fuzz;

import dev.convnet.processor.fuzz.LayerSpec.Act;
import dev.convnet.processor.fuzz.NetSpec.Shape;
import java.util.Arrays;
import java.util.HashMap;
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
  /** The layers as the processor sees them (blocks expanded), in declaration order: each reads earlier ones. */
  private final List<LayerSpec> layers;
  private final Map<String, Shape> shapes;
  /** Parameters by name ({@code layer.weight}, {@code layer.bias}), in PyTorch layouts. */
  private final Map<String, double[]> params;
  /** Batch-norm running statistics by name ({@code layer.running_mean}, {@code layer.running_var}). */
  private final Map<String, double[]> buffers;
  private final Map<String, double[]> grads = new LinkedHashMap<>();
  /** Training mode: batch statistics (and running-average updates) in batch norm, random masks in dropout. */
  boolean training = true;
  /** Per layer of the last batch: pre-activation and output of each sample. */
  private final Map<String, double[][]> zs = new HashMap<>();
  private final Map<String, double[][]> ys = new HashMap<>();
  /** Per batch-norm layer of the last batch: each channel's mean and 1/sqrt(var + eps). */
  private final Map<String, double[][]> norms = new HashMap<>();
  /** Per dropout layer: the factor of each value of each sample in the last batch; its generator's state. */
  private final Map<String, double[][]> masks = new HashMap<>();
  private final Map<String, Long> streams = new HashMap<>();
  private int batch;

  Reference(NetSpec net, Map<String, double[]> params, Map<String, double[]> buffers) {
    this.net = net;
    this.layers = net.expanded();
    this.shapes = net.shapeMap();
    this.params = params;
    this.buffers = buffers;
    for (Map.Entry<String, double[]> e : params.entrySet()) {
      grads.put(e.getKey(), new double[e.getValue().length]);
    }
    for (LayerSpec l : layers) {
      if (l.kind == LayerSpec.Kind.DROPOUT) {
        streams.put(l.name, l.seed); // stream 0 (the network itself): seed ^ 0
      }
    }
  }

  Map<String, double[]> gradients() {
    return grads;
  }

  /**
   * The largest norm of the gradient arriving at a layer (after its activation) in the last backward pass, and of
   * the terms batch norm's input gradient is the difference of: the size of what a gradient that cancels to zero was
   * summed from, so the size of the rounding residue it may keep.
   */
  double deltaScale() {
    return deltaScale;
  }

  private double deltaScale;

  /** A copy of a running statistic as it is now. */
  double[] buffer(String name) {
    return buffers.get(name).clone();
  }

  private double[][] outputOf(String name, double[][] input) {
    return name.equals(net.inputName) ? input : ys.get(name);
  }

  /** The outputs of a batch ({@code [sample][value]}); remembers what the backward pass needs. */
  double[][] forward(double[][] input) {
    inputs = input;
    batch = input.length;
    zs.clear();
    ys.clear();
    for (LayerSpec l : layers) {
      Shape out = shapes.get(l.name);
      Shape in = shapes.get(l.from);
      double[][] x = outputOf(l.from, input);
      double[][] z = new double[batch][];
      if (l.kind == LayerSpec.Kind.BATCHNORM) {
        z = batchNorm(l, in, x);
      } else if (l.kind == LayerSpec.Kind.DROPOUT) {
        z = dropout(l, x);
      } else {
        for (int b = 0; b < batch; b++) {
          final int sample = b;
          z[b] = switch (l.kind) {
            case CONV -> conv(l, in, out, x[b]);
            case TRANSPOSED -> transposed(l, in, out, x[b]);
            case MAX, AVG, L2 -> pool(l, in, out, x[b]);
            case SUBSAMPLING -> subsampling(l, in, out, x[b]);
            case DENSE -> dense(l, in, x[b]);
            case ACTIVATE -> x[b].clone();
            case ADD -> {
              double[] sum = new double[out.size()];
              for (String i : l.inputs()) {
                double[] v = outputOf(i, input)[sample];
                for (int j = 0; j < sum.length; j++) {
                  sum[j] += v[j];
                }
              }
              yield sum;
            }
            case CONCAT -> { // channel concatenation = the flat samples one after another
              double[] cat = new double[out.size()];
              int at = 0;
              for (String i : l.inputs()) {
                double[] v = outputOf(i, input)[sample];
                System.arraycopy(v, 0, cat, at, v.length);
                at += v.length;
              }
              yield cat;
            }
            case LRN -> lrn(l, in, x[b]);
            case GAP -> gap(in, x[b]);
            case RBF -> rbf(l, in, x[b]);
            default -> throw new IllegalStateException(l.kind.toString());
          };
        }
      }
      double[][] y = new double[batch][];
      for (int b = 0; b < batch; b++) {
        y[b] = activate(l, z[b]);
      }
      zs.put(l.name, z);
      ys.put(l.name, y);
    }
    return ys.get(layers.get(layers.size() - 1).name);
  }

  /** Adds the batch's parameter gradients for output gradient {@code dOut}; returns the input gradient. */
  double[][] backward(double[][] dOut) {
    Map<String, double[][]> deltas = new HashMap<>();
    deltas.put(layers.get(layers.size() - 1).name, dOut);
    for (int li = layers.size() - 1; li >= 0; li--) {
      LayerSpec l = layers.get(li);
      Shape in = shapes.get(l.from);
      Shape out = shapes.get(l.name);
      double[][] d = deltas.get(l.name);
      if (d == null) {
        d = new double[batch][out.size()];
      }
      double[][] dz = new double[batch][];
      double squares = 0;
      for (int b = 0; b < batch; b++) {
        dz[b] = activationBackward(l, zs.get(l.name)[b], ys.get(l.name)[b], d[b]);
        for (double v : dz[b]) {
          squares += v * v;
        }
      }
      deltaScale = Math.max(deltaScale, Math.sqrt(squares));
      if (l.kind == LayerSpec.Kind.ADD || l.kind == LayerSpec.Kind.CONCAT) {
        int at = 0;
        for (String i : l.inputs()) {
          int n = shapes.get(i).size();
          for (int b = 0; b < batch; b++) {
            double[] dx = l.kind == LayerSpec.Kind.ADD ? dz[b] : Arrays.copyOfRange(dz[b], at, at + n);
            accumulate(deltas, i, b, dx);
          }
          at += n;
        }
        continue;
      }
      double[][] x = new double[batch][];
      for (int b = 0; b < batch; b++) {
        x[b] = l.from.equals(net.inputName) ? inputs[b] : ys.get(l.from)[b];
      }
      if (l.kind == LayerSpec.Kind.BATCHNORM) {
        double[][] dx = batchNormBack(l, in, x, dz);
        for (int b = 0; b < batch; b++) {
          accumulate(deltas, l.from, b, dx[b]);
        }
        continue;
      }
      for (int b = 0; b < batch; b++) {
        double[] dx = switch (l.kind) {
          case CONV -> convBack(l, in, out, x[b], dz[b]);
          case TRANSPOSED -> transposedBack(l, in, out, x[b], dz[b]);
          case MAX, AVG, L2 -> poolBack(l, in, out, x[b], dz[b]);
          case SUBSAMPLING -> subsamplingBack(l, in, out, x[b], dz[b]);
          case DENSE -> denseBack(l, in, x[b], dz[b]);
          case ACTIVATE -> dz[b];
          case DROPOUT -> {
            double[] m = masks.get(l.name)[b];
            double[] v = new double[m.length];
            for (int j = 0; j < m.length; j++) {
              v[j] = dz[b][j] * m[j];
            }
            yield v;
          }
          case LRN -> lrnBack(l, in, x[b], dz[b]);
          case GAP -> gapBack(in, dz[b]);
          case RBF -> rbfBack(l, in, x[b], dz[b]);
          default -> throw new IllegalStateException(l.kind.toString());
        };
        accumulate(deltas, l.from, b, dx);
      }
    }
    double[][] dIn = deltas.get(net.inputName);
    return dIn == null ? new double[batch][shapes.get(net.inputName).size()] : dIn;
  }

  /** The input of the last batch. */
  private double[][] inputs;

  private void accumulate(Map<String, double[][]> deltas, String name, int b, double[] dx) {
    double[][] d = deltas.computeIfAbsent(name, k -> new double[batch][]);
    if (d[b] == null) {
      d[b] = dx.clone();
    } else {
      for (int j = 0; j < dx.length; j++) {
        d[b][j] += dx[j];
      }
    }
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

  // ------------------------------------------------------------------ convolution: weight [out, in/groups, kh, kw]

  private static boolean connected(LayerSpec l, int in, int out) {
    return l.table == null || l.table[in].charAt(out) == 'X';
  }

  /** The kernels of a convolution, [filters, in/groups, kh, kw]: its parameter, or the declared fixed ones. */
  private double[] kernels(LayerSpec l, Shape in) {
    if (!l.frozen()) {
      return params.get(l.name + ".weight");
    }
    int taps = l.kh * l.kw;
    int pairs = l.filters * (in.c() / l.groups);
    if (l.weights.length == pairs * taps) {
      return l.weights;
    }
    double[] all = new double[pairs * taps]; // one kernel shared by every (output, input) pair
    for (int p = 0; p < pairs; p++) {
      System.arraycopy(l.weights, 0, all, p * taps, taps);
    }
    return all;
  }

  private double[] conv(LayerSpec l, Shape in, Shape out, double[] x) {
    double[] w = kernels(l, in);
    double[] b = l.bias ? params.get(l.name + ".bias") : null;
    int ph = NetSpec.convPadH(l);
    int pw = NetSpec.convPadW(l);
    int inPer = in.c() / l.groups;
    int outPer = l.filters / l.groups;
    double[] y = new double[out.size()];
    for (int o = 0; o < out.c(); o++) {
      int first = o / outPer * inPer;
      for (int oy = 0; oy < out.h(); oy++) {
        for (int ox = 0; ox < out.w(); ox++) {
          double s = b == null ? 0 : b[o];
          for (int i = first; i < first + inPer; i++) {
            if (!connected(l, i, o)) {
              continue;
            }
            for (int ky = 0; ky < l.kh; ky++) {
              for (int kx = 0; kx < l.kw; kx++) {
                int iy = oy * l.sh - ph + ky * l.dh;
                int ix = ox * l.sw - pw + kx * l.dw;
                if (iy >= 0 && iy < in.h() && ix >= 0 && ix < in.w()) {
                  s += w[((o * inPer + i - first) * l.kh + ky) * l.kw + kx] * x[(i * in.h() + iy) * in.w() + ix];
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
    double[] w = kernels(l, in);
    double[] gw = l.frozen() ? null : grads.get(l.name + ".weight");
    double[] gb = l.bias ? grads.get(l.name + ".bias") : null;
    int ph = NetSpec.convPadH(l);
    int pw = NetSpec.convPadW(l);
    int inPer = in.c() / l.groups;
    int outPer = l.filters / l.groups;
    double[] dx = new double[in.size()];
    for (int o = 0; o < out.c(); o++) {
      int first = o / outPer * inPer;
      for (int oy = 0; oy < out.h(); oy++) {
        for (int ox = 0; ox < out.w(); ox++) {
          double d = dy[(o * out.h() + oy) * out.w() + ox];
          if (gb != null) {
            gb[o] += d;
          }
          for (int i = first; i < first + inPer; i++) {
            if (!connected(l, i, o)) {
              continue;
            }
            for (int ky = 0; ky < l.kh; ky++) {
              for (int kx = 0; kx < l.kw; kx++) {
                int iy = oy * l.sh - ph + ky * l.dh;
                int ix = ox * l.sw - pw + kx * l.dw;
                if (iy >= 0 && iy < in.h() && ix >= 0 && ix < in.w()) {
                  int wi = ((o * inPer + i - first) * l.kh + ky) * l.kw + kx;
                  int xi = (i * in.h() + iy) * in.w() + ix;
                  if (gw != null) {
                    gw[wi] += d * x[xi];
                  }
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

  // ------------------------------------------------------------------ batch norm: per channel over the batch

  /** Channels of a batch-norm or LRN input (a vector's values are its channels) and positions per channel. */
  private static int channels(Shape in) {
    return in.vector() ? in.size() : in.c();
  }

  private static int plane(Shape in) {
    return in.vector() ? 1 : in.h() * in.w();
  }

  private double[][] batchNorm(LayerSpec l, Shape in, double[][] x) {
    int cs = channels(in);
    int plane = plane(in);
    int count = batch * plane;
    double[] mean = new double[cs];
    double[] inv = new double[cs];
    double[] runningMean = buffers.get(l.name + ".running_mean");
    double[] runningVar = buffers.get(l.name + ".running_var");
    double[] gamma = l.affine ? params.get(l.name + ".weight") : null;
    double[] beta = l.affine ? params.get(l.name + ".bias") : null;
    double[][] z = new double[batch][in.size()];
    for (int c = 0; c < cs; c++) {
      double var;
      if (training) {
        double s = 0;
        for (int b = 0; b < batch; b++) {
          for (int q = 0; q < plane; q++) {
            s += x[b][c * plane + q];
          }
        }
        mean[c] = s / count;
        double squares = 0;
        for (int b = 0; b < batch; b++) {
          for (int q = 0; q < plane; q++) {
            double d = x[b][c * plane + q] - mean[c];
            squares += d * d;
          }
        }
        var = squares / count; // biased, for normalizing
        double unbiased = count > 1 ? squares / (count - 1) : var;
        runningMean[c] = (1 - l.momentum) * runningMean[c] + l.momentum * mean[c];
        runningVar[c] = (1 - l.momentum) * runningVar[c] + l.momentum * unbiased;
      } else {
        mean[c] = runningMean[c];
        var = runningVar[c];
      }
      inv[c] = 1 / Math.sqrt(var + l.eps);
      for (int b = 0; b < batch; b++) {
        for (int q = 0; q < plane; q++) {
          int j = c * plane + q;
          double normalized = (x[b][j] - mean[c]) * inv[c];
          z[b][j] = gamma == null ? normalized : gamma[c] * normalized + beta[c];
        }
      }
    }
    norms.put(l.name, new double[][] {mean, inv});
    return z;
  }

  /** Backward through batch norm; in training mode through the batch statistics (autograd's formula). */
  private double[][] batchNormBack(LayerSpec l, Shape in, double[][] x, double[][] dy) {
    int cs = channels(in);
    int plane = plane(in);
    int count = batch * plane;
    double[] mean = norms.get(l.name)[0];
    double[] inv = norms.get(l.name)[1];
    double[] gamma = l.affine ? params.get(l.name + ".weight") : null;
    double[][] dx = new double[batch][in.size()];
    for (int c = 0; c < cs; c++) {
      double sumDy = 0;
      double sumDyXhat = 0;
      for (int b = 0; b < batch; b++) {
        for (int q = 0; q < plane; q++) {
          int j = c * plane + q;
          sumDy += dy[b][j];
          sumDyXhat += dy[b][j] * (x[b][j] - mean[c]) * inv[c];
        }
      }
      if (gamma != null) {
        grads.get(l.name + ".weight")[c] += sumDyXhat;
        grads.get(l.name + ".bias")[c] += sumDy;
      }
      double g = gamma == null ? 1 : gamma[c];
      double squares = 0;
      for (int b = 0; b < batch; b++) {
        for (int q = 0; q < plane; q++) {
          squares += Math.pow(g * inv[c] * dy[b][c * plane + q], 2);
        }
      }
      deltaScale = Math.max(deltaScale, Math.sqrt(squares));
      for (int b = 0; b < batch; b++) {
        for (int q = 0; q < plane; q++) {
          int j = c * plane + q;
          if (training) {
            // d(xhat) = g·dy; dx = inv · (dxhat − mean(dxhat) − xhat · mean(dxhat · xhat))
            double xhat = (x[b][j] - mean[c]) * inv[c];
            dx[b][j] = g * inv[c] * (dy[b][j] - sumDy / count - xhat * sumDyXhat / count);
          } else {
            dx[b][j] = g * inv[c] * dy[b][j];
          }
        }
      }
    }
    return dx;
  }

  // ------------------------------------------------------------------ dropout: the generated SplitMix64 stream

  private double[][] dropout(LayerSpec l, double[][] x) {
    double[][] m = new double[batch][];
    double[][] z = new double[batch][];
    long state = streams.get(l.name);
    for (int b = 0; b < batch; b++) {
      m[b] = new double[x[b].length];
      z[b] = new double[x[b].length];
      for (int i = 0; i < x[b].length; i++) {
        double factor = 1;
        if (training) {
          state += 0x9E3779B97F4A7C15L;
          long r = state;
          r = (r ^ (r >>> 30)) * 0xBF58476D1CE4E5B9L;
          r = (r ^ (r >>> 27)) * 0x94D049BB133111EBL;
          r ^= r >>> 31;
          double u = (r >>> 11) * 0x1.0p-53;
          factor = u < l.rate ? 0 : 1 / (1 - l.rate);
        }
        m[b][i] = factor;
        z[b][i] = x[b][i] * factor;
      }
    }
    streams.put(l.name, state);
    masks.put(l.name, m);
    return z;
  }

  // ------------------------------------------------------------------ local response normalization (PyTorch)

  /** {@code k + alpha/size · Σ x_j²} over the channels {@code [c − size/2, c + (size−1)/2]}. */
  private static double denominator(LayerSpec l, Shape in, double[] x, int c, int q) {
    int plane = plane(in);
    double s = 0;
    for (int j = c - l.lrnSize / 2; j <= c + (l.lrnSize - 1) / 2; j++) {
      if (j >= 0 && j < channels(in)) {
        s += x[j * plane + q] * x[j * plane + q];
      }
    }
    return l.k + l.alpha / l.lrnSize * s;
  }

  private static double[] lrn(LayerSpec l, Shape in, double[] x) {
    int plane = plane(in);
    double[] y = new double[x.length];
    for (int c = 0; c < channels(in); c++) {
      for (int q = 0; q < plane; q++) {
        y[c * plane + q] = x[c * plane + q] * Math.pow(denominator(l, in, x, c, q), -l.beta);
      }
    }
    return y;
  }

  /** By the chain rule over every output: y_c depends on x_j for j in c's window. */
  private static double[] lrnBack(LayerSpec l, Shape in, double[] x, double[] dy) {
    int plane = plane(in);
    double[] dx = new double[x.length];
    for (int c = 0; c < channels(in); c++) {
      for (int q = 0; q < plane; q++) {
        int at = c * plane + q;
        double d = denominator(l, in, x, c, q);
        dx[at] += dy[at] * Math.pow(d, -l.beta);
        // ∂y_c/∂x_j = x_c · (−beta) · d^(−beta−1) · (alpha/size) · 2 x_j
        double common = dy[at] * x[at] * -l.beta * Math.pow(d, -l.beta - 1) * l.alpha / l.lrnSize * 2;
        for (int j = c - l.lrnSize / 2; j <= c + (l.lrnSize - 1) / 2; j++) {
          if (j >= 0 && j < channels(in)) {
            dx[j * plane + q] += common * x[j * plane + q];
          }
        }
      }
    }
    return dx;
  }

  // ------------------------------------------------------------------ global average pooling: map → channel means

  private static double[] gap(Shape in, double[] x) {
    int plane = in.h() * in.w();
    double[] y = new double[in.c()];
    for (int c = 0; c < in.c(); c++) {
      for (int q = 0; q < plane; q++) {
        y[c] += x[c * plane + q];
      }
      y[c] /= plane;
    }
    return y;
  }

  private static double[] gapBack(Shape in, double[] dy) {
    int plane = in.h() * in.w();
    double[] dx = new double[in.size()];
    for (int c = 0; c < in.c(); c++) {
      for (int q = 0; q < plane; q++) {
        dx[c * plane + q] = dy[c] / plane;
      }
    }
    return dx;
  }

  // ------------------------------------------------------------------ RBF: y_u = Σ_j (x_j − w_uj)², weight [units, in]

  private double[] prototypes(LayerSpec l, Shape in) {
    if (l.prototypes == null) {
      return params.get(l.name + ".weight");
    }
    double[] w = new double[l.units * in.size()];
    for (int u = 0; u < l.units; u++) {
      for (int j = 0; j < in.size(); j++) {
        w[u * in.size() + j] = l.prototypes[u].charAt(j) == 'X' ? 1 : -1;
      }
    }
    return w;
  }

  private double[] rbf(LayerSpec l, Shape in, double[] x) {
    double[] w = prototypes(l, in);
    double[] y = new double[l.units];
    for (int u = 0; u < l.units; u++) {
      for (int j = 0; j < in.size(); j++) {
        double d = x[j] - w[u * in.size() + j];
        y[u] += d * d;
      }
    }
    return y;
  }

  private double[] rbfBack(LayerSpec l, Shape in, double[] x, double[] dy) {
    double[] w = prototypes(l, in);
    double[] gw = l.prototypes == null ? grads.get(l.name + ".weight") : null;
    double[] dx = new double[in.size()];
    for (int u = 0; u < l.units; u++) {
      for (int j = 0; j < in.size(); j++) {
        double d = 2 * (x[j] - w[u * in.size() + j]) * dy[u];
        dx[j] += d;
        if (gw != null) {
          gw[u * in.size() + j] -= d;
        }
      }
    }
    return dx;
  }

  /** Batch-norm running statistics in PyTorch layout, by name, with their initial values: mean 0, variance 1. */
  static Map<String, int[]> bufferShapes(NetSpec net) {
    Map<String, int[]> out = new LinkedHashMap<>();
    Map<String, Shape> shapes = net.shapeMap();
    for (LayerSpec l : net.expanded()) {
      if (l.kind == LayerSpec.Kind.BATCHNORM) {
        int cs = channels(shapes.get(l.from));
        out.put(l.name + ".running_mean", new int[] {cs});
        out.put(l.name + ".running_var", new int[] {cs});
      }
    }
    return out;
  }

  /** Parameter shapes in PyTorch layout, by name, for {@code net}, in declaration order. */
  static Map<String, int[]> parameterShapes(NetSpec net) {
    Map<String, int[]> out = new LinkedHashMap<>();
    Map<String, Shape> shapes = net.shapeMap();
    for (LayerSpec l : net.expanded()) {
      Shape in = shapes.get(l.from);
      if (!l.hasParameters()) {
        continue;
      }
      switch (l.kind) {
        case CONV -> out.put(l.name + ".weight", new int[] {l.filters, in.c() / l.groups, l.kh, l.kw});
        case TRANSPOSED -> out.put(l.name + ".weight", new int[] {in.c(), l.filters, l.kh, l.kw});
        case SUBSAMPLING -> out.put(l.name + ".weight", new int[] {in.c()});
        case DENSE -> out.put(l.name + ".weight", new int[] {l.units, in.size()});
        case BATCHNORM -> out.put(l.name + ".weight", new int[] {channels(in)});
        case RBF -> out.put(l.name + ".weight", new int[] {l.units, in.size()});
        default -> { }
      }
      if (l.hasBias()) {
        out.put(l.name + ".bias", new int[] {l.kind == LayerSpec.Kind.DENSE ? l.units
            : l.kind == LayerSpec.Kind.SUBSAMPLING ? in.c() : l.kind == LayerSpec.Kind.BATCHNORM ? channels(in)
            : l.filters});
      }
    }
    return out;
  }
}
