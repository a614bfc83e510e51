package dev.convnet.runtime.internal;

import dev.convnet.runtime.BufferSlot;
import dev.convnet.runtime.CompiledNetwork64;
import dev.convnet.runtime.ParameterLayout;

/**
 * The base class of every generated float64 twin: the {@link CompiledNetwork64} plumbing that does not depend on
 * shapes (argument checks, dispatch of the passes, layer lookup, parameters and gradients). A generated class adds
 * its buffers and one forward and one backward method per layer. Not an API: the processor and this class change
 * together.
 */
public abstract class GeneratedNetwork64 extends Plumbing implements CompiledNetwork64 {
  /** The parameters, laid out as the network's layout. */
  protected final double[] p;
  /** d(loss)/d(parameters) of the last backward pass. */
  protected final double[] g;
  /** Buffers that are not trained (batch-norm running statistics). */
  protected final double[] b;

  /** A twin with the given parameters and buffers (laid out as {@code info.layout()}; not copied). */
  protected GeneratedNetwork64(NetworkInfo info, double[] parameters, double[] buffers) {
    super(info);
    if (parameters.length != info.layout().size() || buffers.length != info.layout().bufferSize()) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " needs " + info.layout().size()
          + " parameters and " + info.layout().bufferSize() + " buffer values, got " + parameters.length + " and "
          + buffers.length);
    }
    this.p = parameters;
    this.b = buffers;
    this.g = new double[parameters.length];
  }

  /** The buffers of {@code layout} at their initial values (running means 0, variances 1). */
  protected static double[] initialBuffers(ParameterLayout layout) {
    double[] buffers = new double[layout.bufferSize()];
    for (BufferSlot s : layout.buffers()) {
      java.util.Arrays.fill(buffers, s.offset(), s.offset() + s.length(), s.initial());
    }
    return buffers;
  }

  @Override
  public final double[] parameters() {
    return p;
  }

  @Override
  public final double[] gradients() {
    return g;
  }

  @Override
  public final double[] forward(double[] input, int offset, int batch) {
    return (double[]) forwardPass(input, input.length, offset, batch);
  }

  @Override
  public final double[] backward(double[] outputGradient) {
    backwardPass(outputGradient, outputGradient.length, true);
    return deltas(0);
  }

  @Override
  public final void backwardParameters(double[] outputGradient) {
    backwardPass(outputGradient, outputGradient.length, false);
  }

  @Override
  public final double[] layerOutput(String layer) {
    return activations(outputIndex(layer));
  }

  @Override
  final Object activationArray(int layer) {
    return activations(layer);
  }

  @Override
  final Object deltaArray(int layer) {
    return deltas(layer);
  }

  /** The activations buffer of layer {@code layer} (its index in {@link #layers()}). */
  protected abstract double[] activations(int layer);

  /** The d(loss)/d(activations) buffer of layer {@code layer}. */
  protected abstract double[] deltas(int layer);
}
