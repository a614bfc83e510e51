package dev.convnet.examples.gradcheck;

import dev.convnet.examples.accuracy.ErrorTable;
import dev.convnet.runtime.CompiledNetwork64;
import dev.convnet.runtime.ParamSlot;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Finite-difference gradient checks of a generated double-precision network. The loss is {@code L = Σ r·y} with a
 * fixed random {@code r}, so {@code dL/dy = r}; the analytic gradients from {@code backward(r)} are compared with
 * central differences {@code (L(θ+h) − L(θ−h)) / 2h} for every parameter and every input value, in float64.
 *
 * <p>Every loss is a forward pass over the whole batch, so layers that couple the samples (batch norm's batch
 * statistics) are checked through that coupling. Layers with a random stream (dropout in training mode) draw a new
 * mask on each forward pass; {@link #freshEachForward} checks them with a new instance per pass, each starting its
 * stream from the declared seed, so that every pass uses the same mask.
 */
public final class GradientCheck {
  private static final double H = 1e-6;
  /** Tensors with more values are checked at this many random positions (all of LeNet-5 would take minutes). */
  private static final int MAX_CHECKED = 150;

  private final CompiledNetwork64 net;
  private final int batch;
  private final double[] input;
  private final double[] r;
  private final SplittableRandom picks;
  /** Makes the instance each pass runs on, from the shared parameter array; identity to reuse {@code net}. */
  private final UnaryOperator<CompiledNetwork64> instance;

  public GradientCheck(CompiledNetwork64 net, int batch, long seed) {
    this(net, UnaryOperator.identity(), batch, seed);
  }

  private GradientCheck(CompiledNetwork64 net, UnaryOperator<CompiledNetwork64> instance, int batch, long seed) {
    this.net = net;
    this.instance = instance;
    this.batch = batch;
    SplittableRandom random = new SplittableRandom(seed);
    picks = random.split();
    double[] p = net.parameters();
    for (int i = 0; i < p.length; i++) {
      p[i] = random.nextDouble(-1, 1);
    }
    input = new double[batch * net.inputShape().size()];
    for (int i = 0; i < input.length; i++) {
      input[i] = random.nextDouble(-1, 1);
    }
    r = new double[batch * net.outputShape().size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = random.nextDouble(-1, 1);
    }
  }

  /**
   * A check that runs every forward pass (and the analytic backward pass) on a new instance made by {@code fresh}
   * from {@code net} (e.g. {@code n -> new FooNet64(n.parameters())}, which shares the parameter array), so that
   * random streams restart from their seeds on every pass.
   */
  public static GradientCheck freshEachForward(CompiledNetwork64 net, UnaryOperator<CompiledNetwork64> fresh,
                                               int batch, long seed) {
    return new GradientCheck(net, fresh, batch, seed);
  }

  private double loss() {
    return loss(instance.apply(net));
  }

  private double loss(CompiledNetwork64 on) {
    double[] y = on.forward(input, batch);
    double l = 0;
    for (int i = 0; i < r.length; i++) {
      l += r[i] * y[i];
    }
    return l;
  }

  /**
   * Checks every parameter tensor and the input gradient, each printed with its relative error and {@code limit};
   * fails if any is over the limit. Returns the largest relative error seen.
   */
  public double run(double limit) {
    return run(net.name(), limit);
  }

  /** {@link #run(double)}, the printed lines starting with {@code what}. */
  public double run(String what, double limit) {
    CompiledNetwork64 analytic = instance.apply(net);
    loss(analytic);
    double[] inputGrad = analytic.backward(r).clone();
    double[] grads = analytic.gradients().clone();
    ErrorTable errors = new ErrorTable();
    double[] p = net.parameters();
    for (ParamSlot slot : net.layout().slots()) {
      int count = Math.min(slot.length(), MAX_CHECKED);
      double[] numeric = new double[count];
      double[] analyticGrad = new double[count];
      for (int k = 0; k < count; k++) {
        int i = slot.offset() + (count == slot.length() ? k : picks.nextInt(slot.length()));
        double keep = p[i];
        p[i] = keep + H;
        double up = loss();
        p[i] = keep - H;
        double down = loss();
        p[i] = keep;
        numeric[k] = (up - down) / (2 * H);
        analyticGrad[k] = grads[i];
      }
      errors.check(what + " FD gradient of " + slot.name(), analyticGrad, numeric, limit);
    }
    double[] numeric = new double[input.length];
    for (int i = 0; i < input.length; i++) {
      double keep = input[i];
      input[i] = keep + H;
      double up = loss();
      input[i] = keep - H;
      double down = loss();
      input[i] = keep;
      numeric[i] = (up - down) / (2 * H);
    }
    errors.check(what + " FD input gradient", inputGrad, numeric, limit);
    errors.assertWithinLimits();
    return errors.worst();
  }
}
