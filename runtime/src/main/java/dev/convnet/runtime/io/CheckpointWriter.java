package dev.convnet.runtime.io;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.optim.Optimizer;
import dev.convnet.runtime.train.TrainingListener;
import dev.convnet.runtime.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link TrainingListener} that writes a {@link Checkpoint} file at every point training can be resumed from
 * (every epoch, and when a run is stopped), replacing the previous one atomically. Resume with
 * {@link CheckpointFile#load}, {@link Checkpoint#restore} and {@code Trainer.fit(train, test, checkpoint.training())}.
 */
public final class CheckpointWriter implements TrainingListener {
  private static final System.Logger LOG = System.getLogger(CheckpointWriter.class.getName());
  private final CompiledNetwork net;
  private final Optimizer optimizer;
  private final Path file;
  private final Map<String, String> properties;

  /**
   * @param net        the network being trained
   * @param optimizer  its optimizer
   * @param file       the checkpoint file to write (replaced each time)
   * @param properties settings to keep in every checkpoint (e.g. a job's options); may be empty
   */
  public CheckpointWriter(CompiledNetwork net, Optimizer optimizer, Path file, Map<String, String> properties) {
    this.net = net;
    this.optimizer = optimizer;
    this.file = file;
    this.properties = new LinkedHashMap<>(properties);
  }

  /**
   * The checkpoint file written.
   *
   * @return the checkpoint file written
   */
  public Path file() {
    return file;
  }

  /**
   * Writes the checkpoint.
   *
   * @throws UncheckedIOException if it cannot be written (training then stops with that error; the previous
   *                              checkpoint stays intact)
   */
  @Override
  public void onCheckpoint(TrainingState state) {
    try {
      CheckpointFile.save(Checkpoint.of(net, optimizer, state, properties), file);
      LOG.log(Level.DEBUG, "checkpoint at epoch {0}, batch {1} written to {2}", state.epoch(), state.batch(), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
    }
  }
}
