package dev.convnet.spark;

import dev.convnet.runtime.io.Checkpoint;
import dev.convnet.runtime.io.CheckpointFile;
import dev.convnet.runtime.train.EpochResult;
import dev.convnet.runtime.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * The checkpoints of a {@link SparkTrainer} run in a folder on any Hadoop-compatible file system, in the runtime's
 * checkpoint format ({@link CheckpointFile}: parameters, buffers, optimizer state, epoch and batch, data-order seed
 * and shuffle count, schedule, history) plus the run's settings and the dropout streams' positions as properties.
 *
 * <p>Each checkpoint gets a new name, {@code checkpoint-<global step>.ckpt} (written to a temporary name and
 * renamed), and the older ones are deleted only after it is in place, so a crash at any moment leaves a complete
 * checkpoint. Resuming takes the newest; one with other settings (network, data size, batch, shards, seed, ...)
 * is refused with both settings named.
 */
final class Checkpoints {
  private static final String PREFIX = "checkpoint-";
  private static final String SUFFIX = ".ckpt";
  private static final String SETTINGS = "spark.settings";
  private static final String DRAWN = "spark.dropoutSamples";
  private static final String GLOBAL_STEP = "spark.globalStep";

  private final String folder;
  private final int everySteps;
  private final Configuration conf;

  Checkpoints(String folder, int everySteps, Configuration conf) {
    this.folder = folder;
    this.everySteps = everySteps;
    this.conf = conf;
  }

  /** Whether to save now: at every epoch's end, and every {@code everySteps} steps if set. */
  boolean due(long globalStep, boolean epochEnd) {
    return epochEnd || (everySteps > 0 && globalStep % everySteps == 0);
  }

  void save(SparkTrainer trainer, SparkTrainer.Progress p, String settings, List<EpochResult> history) {
    TrainingState state = new TrainingState(p.epoch - 1, p.step, p.lossSum, p.correct, p.seed, p.shuffles,
        p.currentOrder().clone(), trainer.initialLearningRate(), trainer.scheduleName(), history);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(SETTINGS, settings);
    properties.put(DRAWN, Arrays.toString(p.drawn));
    properties.put(GLOBAL_STEP, Long.toString(p.globalStep));
    Checkpoint checkpoint = Checkpoint.of(trainer.network(), trainer.optimizer(), state, properties);
    String name = String.format("%s%012d%s", PREFIX, p.globalStep, SUFFIX);
    try {
      Path dir = Files.createTempDirectory("convnet-checkpoint");
      Path local = dir.resolve(name);
      try {
        CheckpointFile.save(checkpoint, local);
        HadoopFiles.publish(local, folder + "/" + name, conf);
      } finally {
        HadoopFiles.deleteQuietly(local);
        Files.deleteIfExists(dir);
      }
      for (org.apache.hadoop.fs.Path old : checkpoints()) {
        if (!old.getName().equals(name)) {
          old.getFileSystem(conf).delete(old, false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint " + folder + "/" + name + ": " + e.getMessage(),
          e);
    }
  }

  /** The checkpoints in the folder, oldest first (none if the folder does not exist). */
  private List<org.apache.hadoop.fs.Path> checkpoints() throws IOException {
    org.apache.hadoop.fs.Path dir = HadoopFiles.path(folder);
    FileSystem fs = dir.getFileSystem(conf);
    List<org.apache.hadoop.fs.Path> out = new ArrayList<>();
    if (!fs.exists(dir)) {
      return out;
    }
    if (!fs.getFileStatus(dir).isDirectory()) {
      throw new IOException("checkpoint folder " + folder + " is a file");
    }
    for (FileStatus s : fs.listStatus(dir)) {
      String n = s.getPath().getName();
      if (s.isFile() && n.startsWith(PREFIX) && n.endsWith(SUFFIX)) {
        out.add(s.getPath());
      }
    }
    out.sort(null);
    return out;
  }

  /**
   * Continues from the newest checkpoint in the folder, if any: restores the network and optimizer and puts the
   * progress (epoch, step, data order, dropout positions, partial sums) and the completed epochs' results back.
   *
   * @throws IllegalStateException if the checkpoint was written with other settings
   */
  void resume(SparkTrainer trainer, SparkTrainer.Progress p, String settings, List<EpochResult> results) {
    try {
      List<org.apache.hadoop.fs.Path> all = checkpoints();
      if (all.isEmpty()) {
        return;
      }
      org.apache.hadoop.fs.Path latest = all.get(all.size() - 1);
      Path local = HadoopFiles.fetch(latest.toString(), conf);
      Checkpoint c;
      try {
        c = CheckpointFile.load(local);
      } finally {
        HadoopFiles.deleteQuietly(local);
      }
      String saved = c.properties().get(SETTINGS);
      if (!settings.equals(saved)) {
        throw new IllegalStateException("checkpoint " + latest + " was written by a run with other settings ("
            + saved + ") than this one (" + settings + "); resume with the same settings or use another folder");
      }
      c.restore(trainer.network(), trainer.optimizer());
      TrainingState s = c.training();
      p.epoch = s.epoch() + 1;
      p.step = s.batch();
      p.lossSum = s.epochLossSum();
      p.correct = s.epochCorrect();
      p.globalStep = Long.parseLong(c.properties().get(GLOBAL_STEP));
      String[] drawn = c.properties().get(DRAWN).replaceAll("[\\[\\] ]", "").split(",");
      for (int t = 0; t < p.drawn.length; t++) {
        p.drawn[t] = Long.parseLong(drawn[t]);
      }
      p.shuffleTo(s.shuffles());
      if (s.order().length > 0 && !Arrays.equals(s.order(), p.currentOrder())) {
        throw new IllegalStateException("checkpoint " + latest + ": the data order replayed from seed " + p.seed
            + " differs from the saved one; the training data changed since the checkpoint");
      }
      results.addAll(s.history());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resume from the checkpoints in " + folder + ": " + e.getMessage(), e);
    }
  }
}
