package dev.convnet.runtime.internal.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species of every kernel in this package, a {@code static final} constant: C2 (JDK 17) intrinsifies
 * Vector API calls only when their species is a constant; held in a field or passed as an argument, every vector
 * operation becomes a boxed Java loop (measured in the benchmarks: 0.4 GFLOP/s instead of tens). The preferred
 * species is 16 lanes with AVX-512 and 8 with AVX2 ({@code -XX:MaxVectorSize=32} gives 8 on an AVX-512 machine).
 */
final class Kernels {
  /** The species of every vector here. */
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  /** Its lanes {@code L}: the channels of one block. */
  static final int LANES = SPECIES.length();
  /** Output (or, for the input gradient, input) channel vectors per tile: a group is {@code 2L} channels. */
  static final int VECTORS = 2;
  /** Channels of one group, {@code 2L}. */
  static final int GROUP = VECTORS * LANES;

  private Kernels() {}
}
