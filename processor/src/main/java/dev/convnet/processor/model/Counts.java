package dev.convnet.processor.model;

/**
 * Parameter, connection and multiply-accumulate counts per layer, the way the LeNet-5 paper counts them: a
 * connection is one multiplication by a weight plus one per bias; a trainable subsampling unit has its window's
 * inputs and its bias as connections. Unconnected kernels of a connection table count for nothing.
 */
public final class Counts {
  private Counts() {}

  /** Kernels a convolution actually has: connected (input, output) pairs. */
  public static long kernels(Layer.Conv c, Shape in) {
    if (!c.hasTable()) {
      return (long) in.channels() / c.groups() * c.filters();
    }
    long n = 0;
    for (int i = 0; i < in.channels(); i++) {
      for (int o = 0; o < c.filters(); o++) {
        if (c.connected(i, o)) {
          n++;
        }
      }
    }
    return n;
  }

  public static long parameters(CheckedNetwork net, LayerNode node) {
    Layer layer = node.layer();
    if (layer instanceof Layer.Input) {
      return 0;
    }
    Shape in = net.inputShape(node);
    if (layer instanceof Layer.Conv c) {
      return c.frozen() ? 0 : kernels(c, in) * c.kernel().area() + (c.bias() ? c.filters() : 0);
    }
    if (layer instanceof Layer.BatchNorm b) {
      return b.affine() ? 2L * in.channels() : 0;
    }
    if (layer instanceof Layer.Rbf r) {
      return r.fixed() ? 0 : (long) r.units() * in.size();
    }
    if (layer instanceof Layer.TransposedConv t) {
      return (long) in.channels() * t.filters() * t.kernel().area() + (t.bias() ? t.filters() : 0);
    }
    if (layer instanceof Layer.Subsampling) {
      return 2L * in.channels();
    }
    if (layer instanceof Layer.Dense d) {
      return (long) d.units() * in.size() + (d.bias() ? d.units() : 0);
    }
    return 0;
  }

  public static long connections(CheckedNetwork net, LayerNode node) {
    Layer layer = node.layer();
    if (layer instanceof Layer.Input || layer instanceof Layer.Activation) {
      return 0;
    }
    Shape in = net.inputShape(node);
    Shape out = net.shape(node.name());
    if (layer instanceof Layer.Conv c) {
      return (long) out.plane() * (kernels(c, in) * c.kernel().area() + (c.bias() ? c.filters() : 0));
    }
    if (layer instanceof Layer.TransposedConv t) {
      return macs(net, node) + (t.bias() ? out.size() : 0);
    }
    if (layer instanceof Layer.Subsampling s) {
      return (long) out.size() * (s.window().area() + 1);
    }
    if (layer instanceof Layer.Pool p) {
      return (long) out.size() * p.window().area();
    }
    if (layer instanceof Layer.Dense d) {
      return (long) d.units() * (in.size() + (d.bias() ? 1 : 0));
    }
    if (layer instanceof Layer.Rbf r) {
      return (long) r.units() * in.size();
    }
    return 0;
  }

  /** Multiply-accumulates per sample in the forward pass (convolutions and dense layers). */
  public static long macs(CheckedNetwork net, LayerNode node) {
    Layer layer = node.layer();
    if (layer instanceof Layer.Input) {
      return 0;
    }
    Shape in = net.inputShape(node);
    Shape out = net.shape(node.name());
    if (layer instanceof Layer.Conv c) {
      return (long) out.plane() * kernels(c, in) * c.kernel().area();
    }
    if (layer instanceof Layer.TransposedConv t) {
      return (long) in.size() * t.filters() * t.kernel().area();
    }
    if (layer instanceof Layer.Dense d) {
      return (long) d.units() * in.size();
    }
    if (layer instanceof Layer.Rbf r) {
      return (long) r.units() * in.size();
    }
    return 0;
  }

  /** Multiply-accumulates per sample of the whole network's forward pass. */
  public static long totalMacs(CheckedNetwork net) {
    long n = 0;
    for (LayerNode node : net.order()) {
      n += macs(net, node);
    }
    return n;
  }

  public static long totalParameters(CheckedNetwork net) {
    long n = 0;
    for (LayerNode node : net.order()) {
      n += parameters(net, node); // each is below 2^62 (an int times an int, plus an int)
      if (n > Integer.MAX_VALUE) {
        return n; // already too many; adding more could overflow
      }
    }
    return n;
  }
}
