package dev.convnet.runtime.internal;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Parameters;
import dev.convnet.runtime.parallel.WorkerPool;
import java.lang.ref.Cleaner;
import java.util.List;

/**
 * The base class of every generated float32 network: the {@link CompiledNetwork} plumbing that does not depend on
 * shapes (argument checks, dispatch of the passes, layer lookup, parameters and gradients). A generated class adds
 * its buffers and one forward and one backward method per layer. Not an API: the processor and this class change
 * together.
 */
public abstract class GeneratedNetwork extends Plumbing implements CompiledNetwork {
  private final Parameters parameters;
  /** The parameters, laid out as the network's layout. */
  protected final float[] p;
  /** d(loss)/d(parameters) of the last backward pass; empty in a frozen copy, which has no backward pass. */
  protected float[] g;
  /** Buffers that are not trained (batch-norm running statistics). */
  protected final float[] b;
  /** Closes the intra-op threads of instances that became unreachable. */
  private static final Cleaner THREADS = Cleaner.create();
  /** The intra-op threads ({@link #setIntraOpThreads}), null for the calling thread alone, and their cleaning. */
  private WorkerPool intraOp;
  private Cleaner.Cleanable intraOpCleaning;

  /**
   * @throws IllegalArgumentException if {@code parameters} were laid out for another network
   */
  protected GeneratedNetwork(NetworkInfo info, Parameters parameters) {
    super(info);
    if (parameters.layout() != info.layout() && !parameters.layout().describe().equals(info.layout().describe())) {
      throw new IllegalArgumentException("these parameters belong to another network; " + getClass().getSimpleName()
          + " needs:\n" + info.layout().describe() + "\nbut got:\n" + parameters.layout().describe());
    }
    this.parameters = parameters;
    this.p = parameters.data();
    this.b = parameters.buffers();
    this.g = new float[info.layout().size()];
  }

  @Override
  public final Parameters parameters() {
    if (frozenCopy()) {
      throw new IllegalStateException(frozenMessage("keeps its parameters to itself, unchangeable"));
    }
    return parameters;
  }

  /** The parameters, also of a frozen copy: for {@code newWorker()}, which shares them. */
  protected final Parameters sharedParameters() {
    return parameters;
  }

  @Override
  public final float[] gradients() {
    if (frozenCopy()) {
      throw new IllegalStateException(frozenMessage("has no gradients"));
    }
    return g;
  }

  @Override
  public final CompiledNetwork frozen() {
    Parameters copy = new Parameters(parameters.layout());
    copy.copyFrom(parameters);
    GeneratedNetwork f = withParameters(copy);
    f.freeze();
    f.setIntraOpThreads(intraOpThreads());
    return f;
  }

  @Override
  public final void setIntraOpThreads(int threads) {
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("intra-op threads must be in [1, 256], got " + threads);
    }
    if (threads == intraOpThreads()) {
      return;
    }
    WorkerPool team = threads == 1 ? null : new WorkerPool(threads, "convnet-" + name() + "-intra-op");
    for (BlockedLayer kernels : blockedLayers()) {
      if (kernels != null) {
        kernels.useThreads(team);
      }
    }
    if (intraOpCleaning != null) {
      intraOpCleaning.clean(); // closes the former team
    }
    intraOp = team;
    intraOpCleaning = team == null ? null : THREADS.register(this, team::close);
  }

  @Override
  public final int intraOpThreads() {
    return intraOp == null ? 1 : intraOp.size();
  }

  /**
   * The layers' Vector API kernels, which {@link #setIntraOpThreads} hands its threads (null entries where the plain
   * kernels run); none by default.
   */
  protected BlockedLayer[] blockedLayers() {
    return new BlockedLayer[0];
  }

  @Override
  final void dropTrainingState() {
    g = new float[0];
  }

  /** A new instance of this network's class computing with {@code parameters}. */
  protected abstract GeneratedNetwork withParameters(Parameters parameters);

  @Override
  public final String fingerprint() {
    return info().fingerprint();
  }

  @Override
  public final List<String> formerFingerprints() {
    return info().formerFingerprints();
  }

  @Override
  public final float[] forward(float[] input, int offset, int batch) {
    return (float[]) forwardPass(input, input.length, offset, batch);
  }

  @Override
  public final float[] backward(float[] outputGradient) {
    backwardPass(outputGradient, outputGradient.length, true);
    return deltas(0);
  }

  @Override
  public final void backwardParameters(float[] outputGradient) {
    backwardPass(outputGradient, outputGradient.length, false);
  }

  @Override
  public final float[] layerOutput(String layer) {
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

  /**
   * {@code activations} once {@code kernels} (null: none) have written what a lazy fused pass of a frozen copy left
   * unwritten there ({@link BlockedLayer#flush}): the generated {@link #activations} returns such an output this way.
   */
  protected static float[] flushed(BlockedLayer kernels, float[] activations) {
    if (kernels != null) {
      kernels.flush();
    }
    return activations;
  }

  /** The activations buffer of layer {@code layer} (its index in {@link #layers()}). */
  protected abstract float[] activations(int layer);

  /** The d(loss)/d(activations) buffer of layer {@code layer}. */
  protected abstract float[] deltas(int layer);
}
