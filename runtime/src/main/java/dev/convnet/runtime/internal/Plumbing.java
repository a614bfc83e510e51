package dev.convnet.runtime.internal;

import dev.convnet.runtime.LayerInfo;
import dev.convnet.runtime.LayerProfile;
import dev.convnet.runtime.LayerSpec;
import dev.convnet.runtime.ParameterLayout;
import dev.convnet.runtime.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every generated network does the same way whatever its shapes and number type: it answers from its
 * {@link NetworkInfo}, checks the arguments of a pass before any work, finds a layer by name, and shares its training
 * flag with its workers. The shape-specific work stays in the generated class.
 */
abstract class Plumbing {
  private final NetworkInfo info;
  private final Map<String, Integer> index;
  /** {@code mode[0]}: training mode; one array shared with this network's workers, which so follow it. */
  protected boolean[] mode = {true};
  /** A frozen copy ({@link #freeze}); and whether it has made a whole forward pass, packing its weights. */
  private boolean frozen;
  private boolean packedOnce;
  /** The size of the last forward batch (0 before the first). */
  protected int batch;
  /** Whether the running backward pass computes d(loss)/d(input) (not when only parameters are trained). */
  protected boolean inputGradient;
  /** Per layer: forward nanoseconds, forward samples, backward nanoseconds, backward samples; null: not profiling. */
  private long[] profile;
  private long layerStart;

  Plumbing(NetworkInfo info) {
    this.info = info;
    this.index = new HashMap<>();
    for (int i = 0; i < info.layers().size(); i++) {
      index.put(info.layers().get(i).name(), i);
    }
  }

  public final String name() {
    return info.name();
  }

  public final Shape inputShape() {
    return info.inputShape();
  }

  public final Shape outputShape() {
    return info.outputShape();
  }

  public final List<LayerInfo> layers() {
    return info.layers();
  }

  public final List<LayerSpec> architecture() {
    return info.architecture();
  }

  public final ParameterLayout layout() {
    return info.layout();
  }

  final NetworkInfo info() {
    return info;
  }

  public final void setTraining(boolean training) {
    if (frozen && training) {
      throw new IllegalStateException(frozenMessage("cannot train"));
    }
    mode[0] = training;
  }

  /** Makes {@code worker} follow this network's training mode (and be frozen when this network is). */
  protected final void share(Plumbing worker) {
    worker.mode = mode;
    worker.frozen = frozen;
    if (frozen) {
      worker.dropTrainingState();
    }
  }

  /** Makes this instance a frozen copy: inference mode for good, its parameters its own and unchangeable. */
  final void freeze() {
    frozen = true;
    mode = new boolean[] {false};
    dropTrainingState();
  }

  /** Frees what only training needs (the gradient array), once this instance is frozen. */
  void dropTrainingState() {}

  /**
   * Whether this instance is a frozen copy: generated passes then run the fused forward code of their convolutions
   * (batch norm, residual sum and ReLU in the convolution's epilogue) where the Vector API kernels run.
   */
  protected final boolean frozenCopy() {
    return frozen;
  }

  /**
   * The layer whose output holds layer {@code layer}'s result in this instance's passes when a fused convolution
   * computes it without keeping an output of its own (a frozen copy), else null. Generated networks with fused layers
   * override this.
   */
  protected String fusedInto(int layer) {
    return null;
  }

  /** The message of an operation a frozen copy refuses: "{name} is a frozen copy for inference: it {what} …". */
  final String frozenMessage(String what) {
    return info.name() + " is a frozen copy for inference (CompiledNetwork.frozen()): it " + what
        + "; use the network it was frozen from";
  }

  /**
   * Whether the parameters may have changed since this instance's last forward pass: generated passes repack a
   * layer's weights only then. Always for a network that can train (the kernels compare the weights with those they
   * last packed); for a frozen copy, only before its first pass.
   */
  protected final boolean weightsMayChange() {
    return !frozen || !packedOnce;
  }

  /**
   * The position of a layer whose output this instance keeps, for {@code layerOutput}.
   *
   * @throws IllegalStateException for a layer a frozen copy computes inside a fused convolution ({@link #fusedInto})
   */
  final int outputIndex(String layer) {
    int i = layerIndex(layer);
    String into = fusedInto(i);
    if (into != null) {
      throw new IllegalStateException(frozenMessage("computes layer '" + layer + "' fused into '" + into
          + "' and keeps no output of it (read '" + into + "')"));
    }
    return i;
  }

  /** The position of a layer in {@link #layers()}. */
  final int layerIndex(String layer) {
    Integer i = index.get(layer);
    if (i == null) {
      throw new IllegalArgumentException("no layer named '" + layer + "' in " + info.name() + "; its layers are "
          + index.keySet());
    }
    return i;
  }

  /**
   * A forward pass: checks the arguments, sizes the buffers, copies the batch into the input layer's buffer and
   * runs every layer. {@code input} is the subclass's array type; returns the output layer's buffer.
   */
  final Object forwardPass(Object input, int length, int offset, int batch) {
    checkForward(length, offset, batch);
    reserve(batch);
    this.batch = batch;
    System.arraycopy(input, offset, activationArray(0), 0, batch * inputShape().size());
    forwardLayers();
    packedOnce = frozen;
    return activationArray(layers().size() - 1);
  }

  /** A backward pass from d(loss)/d(output); d(loss)/d(input) only when {@code inputGradient}. */
  final void backwardPass(Object outputGradient, int length, boolean inputGradient) {
    if (frozen) {
      throw new IllegalStateException(frozenMessage("has no backward pass"));
    }
    checkBackward(length);
    this.inputGradient = inputGradient;
    System.arraycopy(outputGradient, 0, deltaArray(layers().size() - 1), 0, batch * outputShape().size());
    backwardLayers();
  }

  public final void setProfiling(boolean on) {
    profile = on ? new long[4 * info.layers().size()] : null;
  }

  public final LayerProfile profile() {
    if (profile == null) {
      throw new IllegalStateException(info.name() + " is not profiling: call setProfiling(true) before the passes");
    }
    List<LayerProfile.Row> rows = new ArrayList<>();
    for (int i = 1; i < info.layers().size(); i++) {
      rows.add(new LayerProfile.Row(info.layers().get(i), profile[4 * i], profile[4 * i + 1], profile[4 * i + 2],
          profile[4 * i + 3]));
    }
    return new LayerProfile(rows);
  }

  /** Generated passes call this before a layer's loop over the batch: starts its clock when profiling. */
  protected final void startLayer() {
    if (profile != null) {
      layerStart = System.nanoTime();
    }
  }

  /** Generated passes call this after a layer's loop over the batch: adds its time when profiling. */
  protected final void endLayer(int layer, boolean backward) {
    if (profile != null) {
      int i = 4 * layer + (backward ? 2 : 0);
      profile[i] += System.nanoTime() - layerStart;
      profile[i + 1] += batch;
    }
  }

  /** Sizes the per-batch buffers for {@code batch} samples; allocates only when it grows. */
  protected abstract void reserve(int batch);

  /** Runs every layer's forward pass over the batch in the input buffer. */
  protected abstract void forwardLayers();

  /**
   * Runs every layer's backward pass in reverse, from the output delta: clears the other deltas and the gradients
   * first; d(loss)/d(input) only if {@link #inputGradient}.
   */
  protected abstract void backwardLayers();

  /** The activations buffer of layer {@code layer}, as the subclass's array type. */
  abstract Object activationArray(int layer);

  /** The delta buffer of layer {@code layer}, as the subclass's array type. */
  abstract Object deltaArray(int layer);

  /** Checks a forward pass's arguments against an input array of {@code length} values. */
  final void checkForward(int length, int offset, int batch) {
    if (batch <= 0 || offset < 0) {
      throw new IllegalArgumentException("batch must be positive and offset not negative, got batch " + batch
          + " and offset " + offset);
    }
    int size = inputShape().size();
    if (length - offset < (long) batch * size) {
      throw new IllegalArgumentException("a batch of " + batch + " samples of " + inputShape() + " needs "
          + (long) batch * size + " input values from offset " + offset + ", but the array has " + length);
    }
  }

  /** Checks a backward pass's output gradient of {@code length} values. */
  final void checkBackward(int length) {
    if (batch == 0) {
      throw new IllegalStateException("backward() needs a forward() first");
    }
    int size = outputShape().size();
    if (length < batch * size) {
      throw new IllegalArgumentException("the output gradient of a batch of " + batch + " needs " + batch * size
          + " values, got " + length);
    }
  }
}
