package dev.convnet.runtime.internal;

/**
 * Arrays of values fixed in a declaration (fixed kernels, RBF prototypes) that generated classes build at class
 * initialization when an array literal would not do: a literal costs about 8 bytes of the static initializer per
 * value, and javac rejects a method over 64 KB (some 8,000 values). Generated code writes a long array as a short
 * period repeated ({@link #tiled}), or as its values in decimal text ({@link #floats}, {@link #doubles}), in pieces
 * under the class file's 65,535-byte limit for one string constant; the text is each value's shortest round-trip
 * form, so the array holds exactly the declared values.
 */
public final class Constants {
  private Constants() {}

  /** {@code period} repeated {@code times} times. */
  public static float[] tiled(float[] period, int times) {
    float[] a = new float[period.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(period, 0, a, i * period.length, period.length);
    }
    return a;
  }

  /** {@code period} repeated {@code times} times. */
  public static double[] tiled(double[] period, int times) {
    double[] a = new double[period.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(period, 0, a, i * period.length, period.length);
    }
    return a;
  }

  /** The comma-separated values of the pieces, in order ({@link Float#parseFloat} of each). */
  public static float[] floats(String... pieces) {
    String[] values = split(pieces);
    float[] a = new float[values.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = Float.parseFloat(values[i]);
    }
    return a;
  }

  /** The comma-separated values of the pieces, in order ({@link Double#parseDouble} of each). */
  public static double[] doubles(String... pieces) {
    String[] values = split(pieces);
    double[] a = new double[values.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = Double.parseDouble(values[i]);
    }
    return a;
  }

  /** Each piece ends after a whole value; the pieces joined by commas are the list. */
  private static String[] split(String[] pieces) {
    return String.join(",", pieces).split(",");
  }
}
