package dev.convnet.runtime.internal.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transposes an {@code L×L} block of floats in vector registers, {@code L} loads and {@code L} stores: the
 * conversions between NCHW maps and channel-blocked planes ({@link Planes}) move {@code L} channels × {@code L}
 * positions at a time this way instead of one float at a time with a stride of {@code L} floats (measured at 16
 * lanes: the scalar conversions took 0.6–1.4 ns per value, a quarter to half of a CIFAR-sized layer's time). Each of
 * the {@code log2 L} stages swaps the off-diagonal blocks of {@code s×s} between vectors {@code i} and {@code i + s}
 * by a lane permutation and a blend with constant shuffles and masks. Written out with named vectors for 16 and 8
 * lanes (arrays of vectors are boxed by C2); {@link #supported()} is false for other lane counts.
 */
final class Transpose {
  private static final VectorSpecies<Float> SPECIES = Kernels.SPECIES;
  private static final int LANES = Kernels.LANES;
  // per stage s (8, 4, 2, 1; static final fields, constants to C2): lane j takes lane j − s (UP) or j + s (DOWN),
  // and the lanes j with j & s set (HIGH) or clear (LOW)
  private static final VectorShuffle<Float> UP8 = shuffle(8, -1);
  private static final VectorShuffle<Float> UP4 = shuffle(4, -1);
  private static final VectorShuffle<Float> UP2 = shuffle(2, -1);
  private static final VectorShuffle<Float> UP1 = shuffle(1, -1);
  private static final VectorShuffle<Float> DOWN8 = shuffle(8, 1);
  private static final VectorShuffle<Float> DOWN4 = shuffle(4, 1);
  private static final VectorShuffle<Float> DOWN2 = shuffle(2, 1);
  private static final VectorShuffle<Float> DOWN1 = shuffle(1, 1);
  private static final VectorMask<Float> HIGH8 = mask(8, true);
  private static final VectorMask<Float> HIGH4 = mask(4, true);
  private static final VectorMask<Float> HIGH2 = mask(2, true);
  private static final VectorMask<Float> HIGH1 = mask(1, true);
  private static final VectorMask<Float> LOW8 = mask(8, false);
  private static final VectorMask<Float> LOW4 = mask(4, false);
  private static final VectorMask<Float> LOW2 = mask(2, false);
  private static final VectorMask<Float> LOW1 = mask(1, false);

  private Transpose() {}

  /** Whether this JVM's lane count has a transpose here (16 or 8). */
  static boolean supported() {
    return LANES == 16 || LANES == 8;
  }

  /**
   * Transposes the {@code L×L} block whose vector {@code k} is {@code src[srcBase + srcAt[srcFrom + k] …]} into
   * {@code dst}: {@code dst[dstBase + dstAt[dstFrom + j] + k] = src[srcBase + srcAt[srcFrom + k] + j]}, or {@code +=}
   * with {@code add}. The offsets name the vectors on either side: the {@code L} channels of a plane at
   * {@code k·(H·W)} on the NCHW side, the {@code L} positions of a block (across row ends) on the blocked side.
   */
  static void block(float[] src, int srcBase, int[] srcAt, int srcFrom, float[] dst, int dstBase, int[] dstAt,
                    int dstFrom, boolean add) {
    if (LANES == 16) {
      block16(src, srcBase, srcAt, srcFrom, dst, dstBase, dstAt, dstFrom, add);
    } else {
      block8(src, srcBase, srcAt, srcFrom, dst, dstBase, dstAt, dstFrom, add);
    }
  }

  private static VectorShuffle<Float> shuffle(int s, int direction) {
    int[] lanes = new int[LANES];
    for (int j = 0; j < LANES; j++) {
      lanes[j] = Math.floorMod(j + direction * s, LANES);
    }
    return VectorShuffle.fromArray(SPECIES, lanes, 0);
  }

  private static VectorMask<Float> mask(int s, boolean set) {
    boolean[] lanes = new boolean[LANES];
    for (int j = 0; j < LANES; j++) {
      lanes[j] = ((j & s) != 0) == set;
    }
    return VectorMask.fromArray(SPECIES, lanes, 0);
  }

  /** {@link #block} at 16 lanes. */
  private static void block16(float[] src, int srcBase, int[] srcAt, int srcFrom, float[] dst, int dstBase,
                              int[] dstAt, int dstFrom, boolean add) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector r0 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom]);
    FloatVector r1 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 1]);
    FloatVector r2 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 2]);
    FloatVector r3 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 3]);
    FloatVector r4 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 4]);
    FloatVector r5 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 5]);
    FloatVector r6 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 6]);
    FloatVector r7 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 7]);
    FloatVector r8 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 8]);
    FloatVector r9 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 9]);
    FloatVector r10 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 10]);
    FloatVector r11 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 11]);
    FloatVector r12 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 12]);
    FloatVector r13 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 13]);
    FloatVector r14 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 14]);
    FloatVector r15 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 15]);
    FloatVector t;
    t = r0.blend(r8.rearrange(UP8), HIGH8);
    r8 = r8.blend(r0.rearrange(DOWN8), LOW8);
    r0 = t;
    t = r1.blend(r9.rearrange(UP8), HIGH8);
    r9 = r9.blend(r1.rearrange(DOWN8), LOW8);
    r1 = t;
    t = r2.blend(r10.rearrange(UP8), HIGH8);
    r10 = r10.blend(r2.rearrange(DOWN8), LOW8);
    r2 = t;
    t = r3.blend(r11.rearrange(UP8), HIGH8);
    r11 = r11.blend(r3.rearrange(DOWN8), LOW8);
    r3 = t;
    t = r4.blend(r12.rearrange(UP8), HIGH8);
    r12 = r12.blend(r4.rearrange(DOWN8), LOW8);
    r4 = t;
    t = r5.blend(r13.rearrange(UP8), HIGH8);
    r13 = r13.blend(r5.rearrange(DOWN8), LOW8);
    r5 = t;
    t = r6.blend(r14.rearrange(UP8), HIGH8);
    r14 = r14.blend(r6.rearrange(DOWN8), LOW8);
    r6 = t;
    t = r7.blend(r15.rearrange(UP8), HIGH8);
    r15 = r15.blend(r7.rearrange(DOWN8), LOW8);
    r7 = t;
    t = r0.blend(r4.rearrange(UP4), HIGH4);
    r4 = r4.blend(r0.rearrange(DOWN4), LOW4);
    r0 = t;
    t = r1.blend(r5.rearrange(UP4), HIGH4);
    r5 = r5.blend(r1.rearrange(DOWN4), LOW4);
    r1 = t;
    t = r2.blend(r6.rearrange(UP4), HIGH4);
    r6 = r6.blend(r2.rearrange(DOWN4), LOW4);
    r2 = t;
    t = r3.blend(r7.rearrange(UP4), HIGH4);
    r7 = r7.blend(r3.rearrange(DOWN4), LOW4);
    r3 = t;
    t = r8.blend(r12.rearrange(UP4), HIGH4);
    r12 = r12.blend(r8.rearrange(DOWN4), LOW4);
    r8 = t;
    t = r9.blend(r13.rearrange(UP4), HIGH4);
    r13 = r13.blend(r9.rearrange(DOWN4), LOW4);
    r9 = t;
    t = r10.blend(r14.rearrange(UP4), HIGH4);
    r14 = r14.blend(r10.rearrange(DOWN4), LOW4);
    r10 = t;
    t = r11.blend(r15.rearrange(UP4), HIGH4);
    r15 = r15.blend(r11.rearrange(DOWN4), LOW4);
    r11 = t;
    t = r0.blend(r2.rearrange(UP2), HIGH2);
    r2 = r2.blend(r0.rearrange(DOWN2), LOW2);
    r0 = t;
    t = r1.blend(r3.rearrange(UP2), HIGH2);
    r3 = r3.blend(r1.rearrange(DOWN2), LOW2);
    r1 = t;
    t = r4.blend(r6.rearrange(UP2), HIGH2);
    r6 = r6.blend(r4.rearrange(DOWN2), LOW2);
    r4 = t;
    t = r5.blend(r7.rearrange(UP2), HIGH2);
    r7 = r7.blend(r5.rearrange(DOWN2), LOW2);
    r5 = t;
    t = r8.blend(r10.rearrange(UP2), HIGH2);
    r10 = r10.blend(r8.rearrange(DOWN2), LOW2);
    r8 = t;
    t = r9.blend(r11.rearrange(UP2), HIGH2);
    r11 = r11.blend(r9.rearrange(DOWN2), LOW2);
    r9 = t;
    t = r12.blend(r14.rearrange(UP2), HIGH2);
    r14 = r14.blend(r12.rearrange(DOWN2), LOW2);
    r12 = t;
    t = r13.blend(r15.rearrange(UP2), HIGH2);
    r15 = r15.blend(r13.rearrange(DOWN2), LOW2);
    r13 = t;
    t = r0.blend(r1.rearrange(UP1), HIGH1);
    r1 = r1.blend(r0.rearrange(DOWN1), LOW1);
    r0 = t;
    t = r2.blend(r3.rearrange(UP1), HIGH1);
    r3 = r3.blend(r2.rearrange(DOWN1), LOW1);
    r2 = t;
    t = r4.blend(r5.rearrange(UP1), HIGH1);
    r5 = r5.blend(r4.rearrange(DOWN1), LOW1);
    r4 = t;
    t = r6.blend(r7.rearrange(UP1), HIGH1);
    r7 = r7.blend(r6.rearrange(DOWN1), LOW1);
    r6 = t;
    t = r8.blend(r9.rearrange(UP1), HIGH1);
    r9 = r9.blend(r8.rearrange(DOWN1), LOW1);
    r8 = t;
    t = r10.blend(r11.rearrange(UP1), HIGH1);
    r11 = r11.blend(r10.rearrange(DOWN1), LOW1);
    r10 = t;
    t = r12.blend(r13.rearrange(UP1), HIGH1);
    r13 = r13.blend(r12.rearrange(DOWN1), LOW1);
    r12 = t;
    t = r14.blend(r15.rearrange(UP1), HIGH1);
    r15 = r15.blend(r14.rearrange(DOWN1), LOW1);
    r14 = t;
    if (add) {
      r0.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom])).intoArray(dst, dstBase + dstAt[dstFrom]);
      r1.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 1])).intoArray(dst, dstBase + dstAt[dstFrom + 1]);
      r2.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 2])).intoArray(dst, dstBase + dstAt[dstFrom + 2]);
      r3.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 3])).intoArray(dst, dstBase + dstAt[dstFrom + 3]);
      r4.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 4])).intoArray(dst, dstBase + dstAt[dstFrom + 4]);
      r5.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 5])).intoArray(dst, dstBase + dstAt[dstFrom + 5]);
      r6.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 6])).intoArray(dst, dstBase + dstAt[dstFrom + 6]);
      r7.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 7])).intoArray(dst, dstBase + dstAt[dstFrom + 7]);
      r8.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 8])).intoArray(dst, dstBase + dstAt[dstFrom + 8]);
      r9.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 9])).intoArray(dst, dstBase + dstAt[dstFrom + 9]);
      r10.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 10])).intoArray(dst, dstBase + dstAt[dstFrom + 10]);
      r11.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 11])).intoArray(dst, dstBase + dstAt[dstFrom + 11]);
      r12.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 12])).intoArray(dst, dstBase + dstAt[dstFrom + 12]);
      r13.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 13])).intoArray(dst, dstBase + dstAt[dstFrom + 13]);
      r14.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 14])).intoArray(dst, dstBase + dstAt[dstFrom + 14]);
      r15.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 15])).intoArray(dst, dstBase + dstAt[dstFrom + 15]);
      return;
    }
    r0.intoArray(dst, dstBase + dstAt[dstFrom]);
    r1.intoArray(dst, dstBase + dstAt[dstFrom + 1]);
    r2.intoArray(dst, dstBase + dstAt[dstFrom + 2]);
    r3.intoArray(dst, dstBase + dstAt[dstFrom + 3]);
    r4.intoArray(dst, dstBase + dstAt[dstFrom + 4]);
    r5.intoArray(dst, dstBase + dstAt[dstFrom + 5]);
    r6.intoArray(dst, dstBase + dstAt[dstFrom + 6]);
    r7.intoArray(dst, dstBase + dstAt[dstFrom + 7]);
    r8.intoArray(dst, dstBase + dstAt[dstFrom + 8]);
    r9.intoArray(dst, dstBase + dstAt[dstFrom + 9]);
    r10.intoArray(dst, dstBase + dstAt[dstFrom + 10]);
    r11.intoArray(dst, dstBase + dstAt[dstFrom + 11]);
    r12.intoArray(dst, dstBase + dstAt[dstFrom + 12]);
    r13.intoArray(dst, dstBase + dstAt[dstFrom + 13]);
    r14.intoArray(dst, dstBase + dstAt[dstFrom + 14]);
    r15.intoArray(dst, dstBase + dstAt[dstFrom + 15]);
  }

  /** {@link #block} at 8 lanes. */
  private static void block8(float[] src, int srcBase, int[] srcAt, int srcFrom, float[] dst, int dstBase,
                              int[] dstAt, int dstFrom, boolean add) {
    VectorSpecies<Float> s = SPECIES;
    FloatVector r0 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom]);
    FloatVector r1 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 1]);
    FloatVector r2 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 2]);
    FloatVector r3 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 3]);
    FloatVector r4 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 4]);
    FloatVector r5 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 5]);
    FloatVector r6 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 6]);
    FloatVector r7 = FloatVector.fromArray(s, src, srcBase + srcAt[srcFrom + 7]);
    FloatVector t;
    t = r0.blend(r4.rearrange(UP4), HIGH4);
    r4 = r4.blend(r0.rearrange(DOWN4), LOW4);
    r0 = t;
    t = r1.blend(r5.rearrange(UP4), HIGH4);
    r5 = r5.blend(r1.rearrange(DOWN4), LOW4);
    r1 = t;
    t = r2.blend(r6.rearrange(UP4), HIGH4);
    r6 = r6.blend(r2.rearrange(DOWN4), LOW4);
    r2 = t;
    t = r3.blend(r7.rearrange(UP4), HIGH4);
    r7 = r7.blend(r3.rearrange(DOWN4), LOW4);
    r3 = t;
    t = r0.blend(r2.rearrange(UP2), HIGH2);
    r2 = r2.blend(r0.rearrange(DOWN2), LOW2);
    r0 = t;
    t = r1.blend(r3.rearrange(UP2), HIGH2);
    r3 = r3.blend(r1.rearrange(DOWN2), LOW2);
    r1 = t;
    t = r4.blend(r6.rearrange(UP2), HIGH2);
    r6 = r6.blend(r4.rearrange(DOWN2), LOW2);
    r4 = t;
    t = r5.blend(r7.rearrange(UP2), HIGH2);
    r7 = r7.blend(r5.rearrange(DOWN2), LOW2);
    r5 = t;
    t = r0.blend(r1.rearrange(UP1), HIGH1);
    r1 = r1.blend(r0.rearrange(DOWN1), LOW1);
    r0 = t;
    t = r2.blend(r3.rearrange(UP1), HIGH1);
    r3 = r3.blend(r2.rearrange(DOWN1), LOW1);
    r2 = t;
    t = r4.blend(r5.rearrange(UP1), HIGH1);
    r5 = r5.blend(r4.rearrange(DOWN1), LOW1);
    r4 = t;
    t = r6.blend(r7.rearrange(UP1), HIGH1);
    r7 = r7.blend(r6.rearrange(DOWN1), LOW1);
    r6 = t;
    if (add) {
      r0.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom])).intoArray(dst, dstBase + dstAt[dstFrom]);
      r1.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 1])).intoArray(dst, dstBase + dstAt[dstFrom + 1]);
      r2.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 2])).intoArray(dst, dstBase + dstAt[dstFrom + 2]);
      r3.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 3])).intoArray(dst, dstBase + dstAt[dstFrom + 3]);
      r4.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 4])).intoArray(dst, dstBase + dstAt[dstFrom + 4]);
      r5.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 5])).intoArray(dst, dstBase + dstAt[dstFrom + 5]);
      r6.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 6])).intoArray(dst, dstBase + dstAt[dstFrom + 6]);
      r7.add(FloatVector.fromArray(s, dst, dstBase + dstAt[dstFrom + 7])).intoArray(dst, dstBase + dstAt[dstFrom + 7]);
      return;
    }
    r0.intoArray(dst, dstBase + dstAt[dstFrom]);
    r1.intoArray(dst, dstBase + dstAt[dstFrom + 1]);
    r2.intoArray(dst, dstBase + dstAt[dstFrom + 2]);
    r3.intoArray(dst, dstBase + dstAt[dstFrom + 3]);
    r4.intoArray(dst, dstBase + dstAt[dstFrom + 4]);
    r5.intoArray(dst, dstBase + dstAt[dstFrom + 5]);
    r6.intoArray(dst, dstBase + dstAt[dstFrom + 6]);
    r7.intoArray(dst, dstBase + dstAt[dstFrom + 7]);
  }
}
