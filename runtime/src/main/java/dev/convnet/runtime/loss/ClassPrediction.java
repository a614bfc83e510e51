package dev.convnet.runtime.loss;

/** The arg-max and arg-min of one sample's outputs, the two rules by which a {@link Loss} predicts a class. */
final class ClassPrediction {
  private ClassPrediction() {}

  /** The index of the largest of {@code output[offset .. offset + n)}, the first on ties. */
  static int argMax(float[] output, int offset, int n) {
    check(output, offset, n);
    int best = 0;
    for (int j = 1; j < n; j++) {
      if (output[offset + j] > output[offset + best]) {
        best = j;
      }
    }
    return best;
  }

  /** The index of the smallest of {@code output[offset .. offset + n)}, the first on ties. */
  static int argMin(float[] output, int offset, int n) {
    check(output, offset, n);
    int best = 0;
    for (int j = 1; j < n; j++) {
      if (output[offset + j] < output[offset + best]) {
        best = j;
      }
    }
    return best;
  }

  private static void check(float[] output, int offset, int n) {
    if (output == null) {
      throw new IllegalArgumentException("cannot predict a class: the output array is null");
    }
    if (n < 1 || offset < 0 || (long) offset + n > output.length) {
      throw new IllegalArgumentException("cannot predict a class from outputs [" + offset + " .. "
          + ((long) offset + n) + ") of an array of " + output.length + ": need at least one output inside it");
    }
  }
}
