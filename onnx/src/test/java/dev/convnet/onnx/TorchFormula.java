package dev.convnet.onnx;

/**
 * The weights {@code onnx/scripts/make_reference.py} gives PyTorch's models, reproduced bit for bit: each value a
 * function of the tensor's name and the element's index (see the script's docstring for the formula).
 */
public final class TorchFormula {
  private TorchFormula() {}

  static long seed(String name) {
    long h = 0;
    for (int i = 0; i < name.length(); i++) {
      h = (h * 31 + name.charAt(i)) % (1L << 30);
    }
    return h;
  }

  /** u_i in [0, 1) for i = 0 … count−1. */
  static double[] uniform(String name, int count) {
    long seed = seed(name);
    double[] u = new double[count];
    for (int i = 0; i < count; i++) {
      long x = ((i + seed) * 2654435761L) & 0xFFFFFFFFL;
      x ^= x >>> 16;
      x = (x * 0x45D9F3BL) & 0xFFFFFFFFL;
      x ^= x >>> 16;
      x = (x * 0x45D9F3BL) & 0xFFFFFFFFL;
      x ^= x >>> 16;
      u[i] = x / 4294967296.0;
    }
    return u;
  }

  /** The tensor {@code name} of {@code shape}, as the script computes it. */
  public static float[] values(String name, int[] shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] u = uniform(name, n);
    float[] v = new float[n];
    double bound = shape.length > 1 ? Math.sqrt(6.0 / (n / shape[0])) : 0;
    for (int i = 0; i < n; i++) {
      double x;
      if (name.endsWith("running_var")) {
        x = 0.75 + 0.5 * u[i];
      } else if (name.endsWith("running_mean") || name.endsWith("bias")) {
        x = (2 * u[i] - 1) * 0.1;
      } else if (shape.length == 1) {
        x = 1 + (2 * u[i] - 1) * 0.2;
      } else {
        x = (2 * u[i] - 1) * bound;
      }
      v[i] = (float) x;
    }
    return v;
  }
}
