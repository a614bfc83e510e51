package dev.convnet.benchmarks.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species of every kernel here, a {@code static final} constant: C2 intrinsifies Vector API calls only
 * when their species is a constant, and with a species held in a field or passed as an argument each vector
 * operation becomes a boxed Java loop (measured: 0.4 GFLOP/s instead of tens). Generated code declares the same
 * constant per class. {@link FloatVector#SPECIES_PREFERRED} is 16 lanes on AVX-512 and 8 on AVX2; run the JVM with
 * {@code -XX:MaxVectorSize=32} to get the 8-lane kernels on an AVX-512 machine (the tests run both ways).
 */
final class Kernels {
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  static final int LANES = SPECIES.length();

  private Kernels() {}
}
