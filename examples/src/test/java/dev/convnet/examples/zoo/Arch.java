package dev.convnet.examples.zoo;

/**
 * An independent tally of a network's parameters and multiply-accumulates per image, written from the published
 * architectures (not from the declarations or the processor): each call takes an input shape, adds its layer's
 * counts and returns the output shape, with PyTorch's size formulas.
 */
final class Arch {
  /** A feature map: channels × height × width (a vector is c × 1 × 1). */
  record Maps(int c, int h, int w) {
    int size() {
      return c * h * w;
    }
  }

  long parameters;
  long macs;

  /** Convolution with square kernel, stride and padding; {@code groups} splits inputs and outputs. */
  Maps conv(Maps x, int filters, int kernel, int stride, int pad, int groups, boolean bias) {
    int h = (x.h() + 2 * pad - kernel) / stride + 1;
    int w = (x.w() + 2 * pad - kernel) / stride + 1;
    long perOutput = (long) x.c() / groups * kernel * kernel;
    parameters += perOutput * filters + (bias ? filters : 0);
    macs += perOutput * filters * h * w;
    return new Maps(filters, h, w);
  }

  /** Convolution with one group and a bias. */
  Maps conv(Maps x, int filters, int kernel, int stride, int pad) {
    return conv(x, filters, kernel, stride, pad, 1, true);
  }

  /** Convolution without bias (followed by batch norm). */
  Maps convNoBias(Maps x, int filters, int kernel, int stride, int pad) {
    return conv(x, filters, kernel, stride, pad, 1, false);
  }

  /** Batch norm with scale and shift. */
  Maps batchNorm(Maps x) {
    parameters += 2L * x.c();
    return x;
  }

  /** Max or average pooling; in ceil mode the last window must start inside the input or its left padding. */
  static Maps pool(Maps x, int window, int stride, int pad, boolean ceil) {
    return new Maps(x.c(), poolSize(x.h(), window, stride, pad, ceil), poolSize(x.w(), window, stride, pad, ceil));
  }

  private static int poolSize(int n, int window, int stride, int pad, boolean ceil) {
    int room = n + 2 * pad - window;
    int out = (ceil ? (room + stride - 1) / stride : room / stride) + 1;
    return ceil && (out - 1) * stride >= n + pad ? out - 1 : out;
  }

  static Maps concat(Maps... parts) {
    int c = 0;
    for (Maps m : parts) {
      c += m.c();
    }
    return new Maps(c, parts[0].h(), parts[0].w());
  }

  static Maps globalPool(Maps x) {
    return new Maps(x.c(), 1, 1);
  }

  /** Fully connected layer over the flattened input. */
  Maps dense(Maps x, int units) {
    parameters += (long) x.size() * units + units;
    macs += (long) x.size() * units;
    return new Maps(units, 1, 1);
  }
}
