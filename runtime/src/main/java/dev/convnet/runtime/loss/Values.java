package dev.convnet.runtime.loss;

/**
 * A view of a {@code float[]} or {@code double[]} as doubles, so that each loss's math is written once for both
 * precisions. Views are mutable and reused: pointing one at an array allocates nothing.
 */
abstract class Values {
  abstract double get(int i);

  abstract void set(int i, double v);

  /** A view of a float array; {@link #set} rounds to float. */
  static final class Floats extends Values {
    private float[] array;

    Floats of(float[] a) {
      this.array = a;
      return this;
    }

    @Override
    double get(int i) {
      return array[i];
    }

    @Override
    void set(int i, double v) {
      array[i] = (float) v;
    }
  }

  /** A view of a double array. */
  static final class Doubles extends Values {
    private double[] array;

    Doubles of(double[] a) {
      this.array = a;
      return this;
    }

    @Override
    double get(int i) {
      return array[i];
    }

    @Override
    void set(int i, double v) {
      array[i] = v;
    }
  }
}
