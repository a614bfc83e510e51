package dev.convnet.runtime.internal.vector;

import java.util.Arrays;

/**
 * The weights a layer's packed copies were last made from, so that packing is skipped while they have not changed:
 * inference (batch 1 above all) then reads the parameters once per pass instead of repacking them, while training,
 * whose weights change every step, finds the first difference at once. One copy serves every packing of the layer
 * (forward, input gradient): each remembers the {@link #version} it was packed at. The comparison is exact, value by
 * value over the bits ({@link Arrays#equals(float[], int, int, float[], int, int)}, a vectorized mismatch), so a
 * packing is never used for weights it was not made from, however they were changed (an optimizer, a model file, a
 * user's own writes).
 */
final class PackedFrom {
  private final float[] source;
  /** 0: nothing recorded yet. */
  private long version;

  /** For {@code length} weights. */
  PackedFrom(int length) {
    source = new float[length];
  }

  /**
   * The version of the weights {@code p[from …]}: the same number while they equal those recorded last, a new one
   * (after recording them) when they differ. A packing made at a version stays valid while this returns it.
   */
  long version(float[] p, int from) {
    if (version != 0 && Arrays.equals(p, from, from + source.length, source, 0, source.length)) {
      return version;
    }
    System.arraycopy(p, from, source, 0, source.length);
    return ++version;
  }
}
