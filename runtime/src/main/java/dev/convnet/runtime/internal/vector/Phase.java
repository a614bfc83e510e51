package dev.convnet.runtime.internal.vector;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One output phase of a convolution's input gradient: the input rows {@code ≡ pi} and columns {@code ≡ pj}
 * (mod the stride {@code s}), {@code dx[a·s + pi][b·s + pj]}, and the taps that reach them. Each phase is a stride-1
 * product over the delta with only its own taps, {@code dx[a·s + pi] += w[kh] · dy[a + (pi + pad − kh)/s]} for the
 * {@code kh} with {@code pi + pad − kh ≡ 0 (mod s)}, so no multiply touches a zero of a dilated delta (3×3 stride 2:
 * phases of 1, 2, 2 and 4 taps). Stride 1 has one phase with every tap. The delta's zero border supplies the rows
 * {@code −(k − 1 − pad) … −1} and {@code oh}, all that a phase reaches with {@code k ≤ 3}, {@code s ≤ 2},
 * {@code pad ≤ 1}, so any input size works, odd ones too: a phase covers exactly its {@code rows × cols} input
 * positions.
 *
 * @param pi the rows' remainder
 * @param pj the columns' remainder
 * @param kh the taps' kernel rows
 * @param kw the taps' kernel columns
 * @param offsets every (delta block, tap) pair as one offset into the delta planes from the position's own pixel
 *     (border coordinates), blocks outer: the order of the packed weights
 * @param rows input rows of the phase
 * @param cols input columns of the phase
 * @param weights where the phase's packed weights start
 */
record Phase(int pi, int pj, int[] kh, int[] kw, int[] offsets, int rows, int cols, int weights) {
  /** Taps of the phase. */
  int taps() {
    return kh.length;
  }

  /**
   * The phases of a {@code k×k} convolution with stride {@code s} and padding {@code pad} from {@code input} to
   * {@code delta} planes that have at least one tap and one position, their packed weights one after the other,
   * each {@code inputChannels · deltaChannels · taps} floats (groups of {@code 2L} input channels, the last perhaps
   * {@code L}, each {@code deltaChannels · taps · width}).
   */
  static List<Phase> all(int k, int s, int pad, Planes input, Planes delta, int inputChannels) {
    List<Phase> phases = new ArrayList<>();
    int weights = 0;
    for (int pi = 0; pi < s; pi++) {
      for (int pj = 0; pj < s; pj++) {
        int[] rowTaps = taps(k, s, pad, pi);
        int[] colTaps = taps(k, s, pad, pj);
        int rows = (input.height() - pi + s - 1) / s;
        int cols = (input.width() - pj + s - 1) / s;
        int n = rowTaps.length * colTaps.length;
        if (n == 0 || rows <= 0 || cols <= 0) {
          continue; // no tap reaches these positions: their gradient is the zero the scratch was made with
        }
        int[] kh = new int[n];
        int[] kw = new int[n];
        int[] taps = new int[n];
        int t = 0;
        for (int r : rowTaps) {
          for (int c : colTaps) {
            kh[t] = r;
            kw[t] = c;
            taps[t++] = (Math.floorDiv(pi + pad - r, s) + delta.border()) * delta.rowStride()
                + (Math.floorDiv(pj + pad - c, s) + delta.border()) * Kernels.LANES;
          }
        }
        int[] offsets = new int[delta.blocks() * n];
        for (int b = 0; b < delta.blocks(); b++) {
          for (t = 0; t < n; t++) {
            offsets[b * n + t] = b * delta.blockStride() + taps[t];
          }
        }
        phases.add(new Phase(pi, pj, kh, kw, offsets, rows, cols, weights));
        weights += inputChannels * delta.channels() * n;
      }
    }
    return phases;
  }

  /** The kernel rows {@code kh} with {@code remainder + pad − kh ≡ 0 (mod s)}. */
  private static int[] taps(int k, int s, int pad, int remainder) {
    return IntStream.range(0, k).filter(t -> Math.floorMod(remainder + pad - t, s) == 0).toArray();
  }
}
