package dev.convnet.runtime.internal.vector;

import dev.convnet.runtime.internal.ElementKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link ElementKernels} by masked blends over the preferred float vectors. */
public final class VectorElementKernels implements ElementKernels {
  private static final VectorSpecies<Float> SPECIES = Kernels.SPECIES;

  /** Made by {@code Vectorization} reflectively. */
  public VectorElementKernels() {}

  @Override
  public void reluBackward(float[] y, float[] d, int from, int count) {
    int i = from;
    int bound = from + SPECIES.loopBound(count);
    for (; i < bound; i += SPECIES.length()) {
      VectorMask<Float> off = FloatVector.fromArray(SPECIES, y, i).compare(VectorOperators.LE, 0f);
      FloatVector.fromArray(SPECIES, d, i).blend(0f, off).intoArray(d, i);
    }
    for (; i < from + count; i++) {
      if (y[i] <= 0) {
        d[i] = 0;
      }
    }
  }
}
