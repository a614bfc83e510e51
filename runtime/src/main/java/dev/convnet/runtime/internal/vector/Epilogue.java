package dev.convnet.runtime.internal.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The epilogue of a fused forward pass ({@code BlockedConv}'s forward with scale and shift): a batch norm's
 * inference map per channel, a residual sum and ReLU applied in place to one sample's NCHW output while it is still
 * in cache, instead of by separate layers that each read and write the whole activation again. Every operation is the
 * one those layers run, in their order and rounded as they round it (a product, then a sum, then the residual's sum,
 * then {@code max(0, v)} with {@link Math#max}'s NaN and signed-zero rules), so the values are theirs bit for bit.
 */
final class Epilogue {
  private static final VectorSpecies<Float> SPECIES = Kernels.SPECIES;

  private Epilogue() {}

  /**
   * {@code y[yo + c·plane + i] = act(y[…]·scale[c] + shift[c] (+ residual[ro + c·plane + i]))} for the maps
   * {@code c0 ≤ c < c1} of {@code plane} values each, positions {@code from ≤ i < from + count}: called per part of the
   * output as soon as the kernels have written it, while it is in cache (after a whole ResNet-18 stem's 3.2 MB of
   * output it took 0.3–0.4 ms more).
   */
  static void apply(float[] y, int yo, int plane, int c0, int c1, int from, int count, float[] scale, float[] shift,
                    float[] residual, int ro, boolean relu) {
    int whole = SPECIES.loopBound(count);
    for (int c = c0; c < c1; c++) {
      float sc = scale[c];
      float sh = shift[c];
      int base = yo + c * plane + from;
      int rBase = ro + c * plane + from;
      FloatVector s = FloatVector.broadcast(SPECIES, sc);
      FloatVector t = FloatVector.broadcast(SPECIES, sh);
      if (residual == null) {
        for (int i = 0; i < whole; i += SPECIES.length()) {
          FloatVector v = FloatVector.fromArray(SPECIES, y, base + i).mul(s).add(t);
          (relu ? v.max(0f) : v).intoArray(y, base + i);
        }
      } else {
        for (int i = 0; i < whole; i += SPECIES.length()) {
          FloatVector v = FloatVector.fromArray(SPECIES, y, base + i).mul(s).add(t)
              .add(FloatVector.fromArray(SPECIES, residual, rBase + i));
          (relu ? v.max(0f) : v).intoArray(y, base + i);
        }
      }
      for (int i = whole; i < count; i++) {
        float v = y[base + i] * sc + sh;
        if (residual != null) {
          v = v + residual[rBase + i];
        }
        y[base + i] = relu ? Math.max(0f, v) : v;
      }
    }
  }

  /**
   * The same map on one sample's channel-blocked output planes, their interior only (the zero border stays zero):
   * {@code act(v·scale[c] + shift[c] (+ r))} for every channel {@code c} and position, with the residual term
   * {@code r} read from {@code residual}, planes of the same geometry, or left out when it is null. A vector holds one
   * position's {@code L} channels, so the scale and shift of a block are one vector each.
   */
  static void applyBlocked(float[] ys, Planes y, float[] scale, float[] shift, float[] residual, boolean relu) {
    applyBlocked(ys, y, scale, shift, residual, relu, 0, y.blocks() * y.height());
  }

  /**
   * {@link #applyBlocked} on the rows {@code [from, to)} of the planes, row {@code b·height + r} being row {@code r}
   * of block {@code b}: a share of the work for one of several threads.
   */
  static void applyBlocked(float[] ys, Planes y, float[] scale, float[] shift, float[] residual, boolean relu,
                           int from, int to) {
    int lanes = SPECIES.length();
    for (int row = from; row < to; ) {
      int b = row / y.height();
      FloatVector s = FloatVector.fromArray(SPECIES, scale, b * lanes);
      FloatVector t = FloatVector.fromArray(SPECIES, shift, b * lanes);
      for (int end = Math.min(to, (b + 1) * y.height()); row < end; row++) {
        int i = y.interior(b * lanes, row % y.height(), 0);
        applyRun(ys, i, y.width(), s, t, residual, relu);
      }
    }
  }

  /**
   * The map on {@code count} consecutive vectors of {@code a} from {@code from}, positions of one block of {@code L}
   * channels whose scales and shifts are {@code s} and {@code t}, the residual term at the same indices of
   * {@code residual} (or none when null).
   */
  static void applyRun(float[] a, int from, int count, FloatVector s, FloatVector t, float[] residual,
                       boolean relu) {
    int end = from + count * SPECIES.length();
    if (residual == null) {
      for (int i = from; i < end; i += SPECIES.length()) {
        FloatVector v = FloatVector.fromArray(SPECIES, a, i).mul(s).add(t);
        (relu ? v.max(0f) : v).intoArray(a, i);
      }
    } else {
      for (int i = from; i < end; i += SPECIES.length()) {
        FloatVector v = FloatVector.fromArray(SPECIES, a, i).mul(s).add(t)
            .add(FloatVector.fromArray(SPECIES, residual, i));
        (relu ? v.max(0f) : v).intoArray(a, i);
      }
    }
  }
}
