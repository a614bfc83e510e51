package dev.convnet.runtime.io;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.optim.Optimizer;
import dev.convnet.runtime.optim.OptimizerState;
import dev.convnet.runtime.train.TrainingState;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything needed to continue a training run: the network's parameters and buffers, the optimizer's full state,
 * the {@link TrainingState} (epoch and batch, schedule position, data-order random stream, history) and free-form
 * properties (a job's settings). {@link CheckpointFile} writes and reads them.
 *
 * <p>{@link #of} snapshots a network (copies); {@link #restore} checks that the checkpoint fits a network and an
 * optimizer before it changes either.
 */
public final class Checkpoint {
  private final Path source;
  private final NetworkSection network;
  private final OptimizerState optimizer;
  private final TrainingState training;
  private final Map<String, String> properties;

  Checkpoint(Path source, NetworkSection network, OptimizerState optimizer, TrainingState training,
             Map<String, String> properties) {
    this.source = source == null ? Path.of("checkpoint (in memory)") : source;
    this.network = network;
    this.optimizer = optimizer;
    this.training = training;
    this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /**
   * A snapshot of a run: copies of the network's parameters and buffers and of the optimizer's state.
   *
   * @param net        the network being trained
   * @param optimizer  its optimizer
   * @param training   where the run stands
   * @param properties free-form settings to keep with it (insertion order kept); may be empty
   * @return the checkpoint
   * @throws IllegalArgumentException if a parameter or buffer is NaN or infinite
   */
  public static Checkpoint of(CompiledNetwork net, Optimizer optimizer, TrainingState training,
                              Map<String, String> properties) {
    NetworkSection live = NetworkSection.of(net, "a checkpoint");
    NetworkSection copy = new NetworkSection(live.network(), live.fingerprint(), live.layout(), live.values().clone(),
        live.buffers().clone());
    for (Map.Entry<String, String> e : properties.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException("checkpoint properties must not hold null keys or values");
      }
    }
    return new Checkpoint(null, copy, optimizer.exportState(), training, properties);
  }

  NetworkSection network() {
    return network;
  }

  /** The name of the network it was saved from. */
  public String networkName() {
    return network.network();
  }

  /** The architecture fingerprint of the network it was saved from. */
  public String fingerprint() {
    return network.fingerprint();
  }

  /** The optimizer's state. */
  public OptimizerState optimizer() {
    return optimizer;
  }

  /** Where the run stands. */
  public TrainingState training() {
    return training;
  }

  /** The free-form properties, in the order given. */
  public Map<String, String> properties() {
    return properties;
  }

  /**
   * Puts the network's parameters and buffers and the optimizer's state back. Nothing is changed unless both fit:
   * the same architecture and an optimizer of the same algorithm and hyper-parameters.
   *
   * @param net       the network to restore (same architecture as saved)
   * @param optimizer the optimizer to restore (same algorithm and hyper-parameters as saved)
   * @throws ModelFileException naming the checkpoint file and the mismatch
   */
  public void restore(CompiledNetwork net, Optimizer optimizer) throws ModelFileException {
    network.checkFits(net, source, "");
    OptimizerState mine = optimizer.exportState();
    if (!mine.algorithm().equals(this.optimizer.algorithm())
        || !mine.hyperParameters().equals(this.optimizer.hyperParameters())) {
      throw new ModelFileException(source, "was saved with optimizer " + this.optimizer.describe()
          + " but this run uses " + optimizer + "; resume with the same optimizer settings");
    }
    if (this.optimizer.size() >= 0 && this.optimizer.size() != network.values().length) {
      throw new ModelFileException(source, "corrupt: the optimizer state is for " + this.optimizer.size()
          + " parameters but the network has " + network.values().length);
    }
    optimizer.importState(this.optimizer);
    network.copyInto(net);
  }
}
