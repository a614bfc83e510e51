package dev.convnet.runtime.internal.vector;

import static dev.convnet.runtime.internal.vector.Kernels.GROUP;
import static dev.convnet.runtime.internal.vector.Kernels.LANES;

import java.util.List;

/**
 * The orders in which the tiles read a layer's weights, and the conversions from and to PyTorch's
 * {@code [out][in][k][k]} (OIHW) at an offset of the parameter array. Packing runs once per pass, so that every
 * tile walks its weights linearly.
 *
 * <ul>
 *   <li>Forward, and the weight gradient: {@code [out/2L][in/L][k·k][L][2][L]} — group of two output vectors, input
 *       block, tap, input channel of the block, output vector, lane. When {@code out} is an odd number of blocks the
 *       last group has one vector ({@code [in/L][k·k][L][1][L]}), read by the one-vector tiles.
 *   <li>Forward with {@link QuadTile} (16 lanes, {@code out} a multiple of {@code 4L}): {@code [out/4L][in/L][k·k][L]
 *       [4][L]}, the same order with groups of four output vectors.
 *   <li>Input gradient, the kernel transposed (output channels become the summed ones), per {@link Phase}:
 *       {@code [in/2L][out/L][taps of the phase][L][2][L]}, the last group again one vector wide when {@code in} is
 *       an odd number of blocks; with {@link QuadTile} ({@code in} a multiple of {@code 4L}), groups of 4 vectors.
 * </ul>
 *
 * @param in input channels
 * @param out output channels
 * @param k the kernel side
 */
record WeightLayout(int in, int out, int k) {
  /** Floats of one whole output group's forward weights (where group {@code g} starts: {@code g} times this). */
  int forwardGroup() {
    return in * k * k * GROUP;
  }

  /** Channels of the group of {@code 2L} that holds channel {@code c} of {@code channels}: {@code 2L}, or {@code L}. */
  static int width(int channels, int c) {
    return Math.min(GROUP, channels - (c / GROUP) * GROUP);
  }

  /**
   * Offset, inside a group {@code width} channels wide, of input channel {@code c}, tap {@code t}: the order
   * {@code [in/L][k·k][L][width]}.
   */
  int tapOffset(int width, int c, int t) {
    return ((c / LANES) * k * k + t) * LANES * width + (c % LANES) * width;
  }

  /** Index in the forward order of output channel {@code o}, input channel {@code c}, tap {@code t}. */
  int forwardIndex(int o, int c, int t) {
    return (o / GROUP) * forwardGroup() + tapOffset(width(out, o), c, t) + o % GROUP;
  }

  /** Floats of one group of {@code 4L} output channels in the {@link QuadTile} order. */
  int quadGroup() {
    return in * k * k * QuadTile.VECTORS * LANES;
  }

  /** Index in the {@link QuadTile} order of output channel {@code o}, input channel {@code c}, tap {@code t}. */
  int quadIndex(int o, int c, int t) {
    int width = QuadTile.VECTORS * LANES;
    return (o / width) * quadGroup() + tapOffset(width, c, t) + o % width;
  }

  /** Packs {@code p[weight …]} (OIHW) into {@code packed} in the {@link QuadTile} order. */
  void packForwardQuad(float[] p, int weight, float[] packed) {
    for (int o = 0; o < out; o++) {
      for (int c = 0; c < in; c++) {
        for (int t = 0; t < k * k; t++) {
          packed[quadIndex(o, c, t)] = p[weight + oihw(o, c, t)];
        }
      }
    }
  }

  /** Index of {@code [o][c][t]} in OIHW order, {@code t = kh·k + kw}. */
  int oihw(int o, int c, int t) {
    return (o * in + c) * k * k + t;
  }

  /** Packs {@code p[weight …]} (OIHW) into {@code packed} in the forward order. */
  void packForward(float[] p, int weight, float[] packed) {
    for (int o = 0; o < out; o++) {
      for (int c = 0; c < in; c++) {
        for (int t = 0; t < k * k; t++) {
          packed[forwardIndex(o, c, t)] = p[weight + oihw(o, c, t)];
        }
      }
    }
  }

  /** Adds {@code packed} (forward order) into {@code g[weight …]} (OIHW). */
  void addUnpacked(float[] packed, float[] g, int weight) {
    for (int o = 0; o < out; o++) {
      for (int c = 0; c < in; c++) {
        for (int t = 0; t < k * k; t++) {
          g[weight + oihw(o, c, t)] += packed[forwardIndex(o, c, t)];
        }
      }
    }
  }

  /**
   * Packs {@code p[weight …]} (OIHW) for the input gradient of {@code phases}: per phase, groups of {@code group}
   * input channels ({@code 2L}, the last perhaps {@code L}; or {@code 4L} for {@link QuadTile}), each
   * {@code out · taps · width} floats.
   */
  void packInputGradient(float[] p, int weight, List<Phase> phases, int group, float[] packed) {
    for (Phase ph : phases) {
      int i = ph.weights();
      for (int g = 0; g < (in + group - 1) / group; g++) {
        int width = Math.min(group, in - g * group);
        for (int ob = 0; ob < out / LANES; ob++) {
          for (int t = 0; t < ph.taps(); t++) {
            int tap = ph.kh()[t] * k + ph.kw()[t];
            for (int oc = 0; oc < LANES; oc++) {
              for (int v = 0; v < width; v++) {
                packed[i++] = p[weight + oihw(ob * LANES + oc, g * group + v, tap)];
              }
            }
          }
        }
      }
    }
  }
}
