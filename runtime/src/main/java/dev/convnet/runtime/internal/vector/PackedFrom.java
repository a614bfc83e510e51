package dev.convnet.runtime.internal.vector;

import java.util.Arrays;

/**
 * The weights a packed copy was last made from, so that packing is skipped while they have not changed: inference
 * (batch 1 above all) then reads the parameters once per pass instead of repacking them, while training, whose
 * weights change every step, finds the first difference at once. The comparison is exact, value by value over the
 * bits ({@link Arrays#equals(float[], int, int, float[], int, int)}, a vectorized mismatch), so a copy is never used
 * for weights it was not made from, however they were changed (an optimizer, a model file, a user's own writes).
 */
final class PackedFrom {
  private final float[] source;
  private boolean valid;

  /** For {@code length} weights. */
  PackedFrom(int length) {
    source = new float[length];
  }

  /**
   * Whether {@code p[from …]} equals the weights recorded last; when not, records them (the caller then packs).
   */
  boolean unchanged(float[] p, int from) {
    if (valid && Arrays.equals(p, from, from + source.length, source, 0, source.length)) {
      return true;
    }
    System.arraycopy(p, from, source, 0, source.length);
    valid = true;
    return false;
  }
}
