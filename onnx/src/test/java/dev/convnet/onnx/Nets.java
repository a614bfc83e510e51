package dev.convnet.onnx;

import dev.convnet.runtime.BufferSlot;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Init;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Test networks with random parameters and non-trivial batch-norm statistics, and random inputs. */
public final class Nets {
  private Nets() {}

  /**
   * Random parameters (Kaiming-uniform kernels, scales and shifts near 1 and 0), running means in ±0.1 and running
   * variances in [0.5, 1.5], inference mode.
   */
  public static <N extends CompiledNetwork> N randomized(N net, long seed) {
    net.parameters().initialize(Init.HE_UNIFORM, seed);
    SplittableRandom r = new SplittableRandom(seed + 1);
    float[] p = net.parameters().data();
    for (var s : net.layout().slots()) {
      if (s.role() == dev.convnet.runtime.ParamSlot.Role.SCALE || s.role() == dev.convnet.runtime.ParamSlot.Role.SHIFT) {
        float base = s.role() == dev.convnet.runtime.ParamSlot.Role.SCALE ? 1f : 0f;
        for (int i = 0; i < s.length(); i++) {
          p[s.offset() + i] = base + (float) ((r.nextDouble() * 2 - 1) * 0.2);
        }
      }
    }
    float[] b = net.parameters().buffers();
    for (BufferSlot s : net.layout().buffers()) {
      boolean variance = s.name().endsWith("running_var");
      for (int i = 0; i < s.length(); i++) {
        b[s.offset() + i] = variance ? 0.5f + (float) r.nextDouble() : (float) ((r.nextDouble() * 2 - 1) * 0.1);
      }
    }
    net.setTraining(false);
    return net;
  }

  /** {@code batch} random samples in [−1, 1) for the network's input. */
  public static float[] input(CompiledNetwork net, int batch, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[batch * net.inputSize()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (r.nextDouble() * 2 - 1);
    }
    return x;
  }

  /** The network's outputs for {@code input}, copied. */
  public static float[] forward(CompiledNetwork net, float[] input, int batch) {
    return Arrays.copyOf(net.forward(input, batch), batch * net.outputSize());
  }

  /** {@code [batch, C, H, W]} of the network's input. */
  public static long[] inputShape(CompiledNetwork net, int batch) {
    var s = net.inputShape();
    return new long[] {batch, s.channels(), s.height(), s.width()};
  }
}
