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
 *       block, tap, input channel of the block, output vector, lane.
 *   <li>Input gradient, the kernel transposed (output channels become the summed ones), per {@link Phase}:
 *       {@code [groups][out/L][taps of the phase][L][2][L]}, input channels beyond {@code in} (the last group of an
 *       odd number of input blocks) zero.
 * </ul>
 *
 * @param in input channels
 * @param out output channels
 * @param k the kernel side
 */
record WeightLayout(int in, int out, int k) {
  /** Floats of one output group's forward weights. */
  int forwardGroup() {
    return in * k * k * GROUP;
  }

  /** Index in the forward order of output channel {@code o}, input channel {@code c}, tap {@code t}. */
  int forwardIndex(int o, int c, int t) {
    return (o / GROUP) * forwardGroup() + ((c / LANES) * k * k + t) * LANES * GROUP + (c % LANES) * GROUP
        + o % GROUP;
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

  /** Packs {@code p[weight …]} (OIHW) for the input gradient of {@code phases}, {@code groups} of input channels. */
  void packInputGradient(float[] p, int weight, List<Phase> phases, int groups, float[] packed) {
    for (Phase ph : phases) {
      int i = ph.weights();
      for (int g = 0; g < groups; g++) {
        for (int ob = 0; ob < out / LANES; ob++) {
          for (int t = 0; t < ph.taps(); t++) {
            int tap = ph.kh()[t] * k + ph.kw()[t];
            for (int oc = 0; oc < LANES; oc++) {
              for (int v = 0; v < GROUP; v++) {
                int c = g * GROUP + v;
                packed[i++] = c < in ? p[weight + oihw(ob * LANES + oc, c, tap)] : 0f;
              }
            }
          }
        }
      }
    }
  }
}
