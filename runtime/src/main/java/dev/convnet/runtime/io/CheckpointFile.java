package dev.convnet.runtime.io;

import dev.convnet.runtime.optim.OptimizerState;
import dev.convnet.runtime.train.EpochResult;
import dev.convnet.runtime.train.TrainingState;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads {@link Checkpoint}s. Written atomically through {@link AtomicFile} (an interrupted save leaves
 * the previous checkpoint intact and no temporary file behind); read with the same checks as a {@link ModelFile}
 * (magic, version, every length against the file's size, CRC32) before anything is built from it.
 *
 * <p>Format, big-endian, strings as an int32 byte length and UTF-8 bytes, arrays as an int32 count and the values:
 *
 * <pre>
 *   8 bytes    magic "CNVCKPT1" (ASCII)
 *   int32      format version (1)
 *   string     network name, string fingerprint, string parameter layout,
 *   float32[]  parameters, float32[] buffers                       (as in a model file)
 *   string     optimizer algorithm, string hyper-parameters, float64 learning rate, int64 steps,
 *   int32      state size (-1 before the first step), int32 slot count, per slot: string name, float32[size] values
 *   int32      epoch, int32 batch, float64 epoch loss sum, int32 epoch correct,
 *   int64      seed, int64 shuffles, int32[] data order, float64 initial learning rate, string schedule,
 *   int32      history length, per epoch: int32 epoch, 5 × float64 (train loss, train accuracy, test loss,
 *              test accuracy, seconds)
 *   int32      property count, per property: string key, string value
 *   uint32     CRC32 of every byte before it
 * </pre>
 */
public final class CheckpointFile {
  static final byte[] MAGIC = "CNVCKPT1".getBytes(StandardCharsets.US_ASCII);
  /** The format version this class writes and reads. */
  public static final int VERSION = 1;
  private static final String KIND = "convnet checkpoint file";

  private CheckpointFile() {}

  /**
   * Writes a checkpoint to {@code file}, replacing it atomically.
   *
   * @param checkpoint what to write
   * @param file       the file to write
   * @throws IOException if writing fails; the previous file, if any, is then unchanged
   */
  public static void save(Checkpoint checkpoint, Path file) throws IOException {
    save(checkpoint, file, WriteHook.NONE);
  }

  static void save(Checkpoint checkpoint, Path file, WriteHook hook) throws IOException {
    AtomicFile.write(file, out -> {
      out.write(MAGIC);
      out.writeInt(VERSION);
      checkpoint.network().write(out, true);
      writeOptimizer(out, checkpoint.optimizer());
      writeTraining(out, checkpoint.training());
      out.writeInt(checkpoint.properties().size());
      for (Map.Entry<String, String> e : checkpoint.properties().entrySet()) {
        ByteCursor.writeString(out, e.getKey());
        ByteCursor.writeString(out, e.getValue());
      }
    }, true, hook);
  }

  /**
   * Reads and validates a checkpoint file.
   *
   * @param file the file to read
   * @return the checkpoint; {@link Checkpoint#restore} then checks it against a network and an optimizer
   * @throws ModelFileException if it is not a checkpoint file, has an unsupported version, or is truncated or
   *                            corrupt (the message names the file and the problem)
   * @throws IOException        if the file cannot be read
   */
  public static Checkpoint load(Path file) throws IOException {
    ByteCursor in = ByteCursor.open(file, MAGIC, KIND);
    in.readVersion(VERSION, VERSION, "checkpoint file");
    NetworkSection network = NetworkSection.read(in, true);
    OptimizerState optimizer = readOptimizer(in);
    TrainingState training = readTraining(in);
    int count = in.readCount("property count");
    Map<String, String> properties = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      properties.put(in.readString("property name"), in.readString("property value"));
    }
    in.finish();
    return new Checkpoint(file, network, optimizer, training, properties);
  }

  private static void writeOptimizer(DataOutputStream out, OptimizerState state) throws IOException {
    ByteCursor.writeString(out, state.algorithm());
    ByteCursor.writeString(out, state.hyperParameters());
    out.writeDouble(state.learningRate());
    out.writeLong(state.steps());
    out.writeInt(state.size());
    out.writeInt(state.slots().size());
    for (Map.Entry<String, float[]> e : state.slots().entrySet()) {
      ByteCursor.writeString(out, e.getKey());
      for (float v : e.getValue()) {
        out.writeFloat(v);
      }
    }
  }

  private static OptimizerState readOptimizer(ByteCursor in) throws ModelFileException {
    String algorithm = in.readString("optimizer algorithm");
    String hyperParameters = in.readString("optimizer hyper-parameters");
    double learningRate = in.readDouble("learning rate");
    long steps = in.readLong("optimizer step count");
    int size = in.readInt("optimizer state size");
    if (size < -1 || steps < 0) {
      throw new ModelFileException(in.file(), "corrupt: optimizer state size " + size + ", steps " + steps);
    }
    int slots = in.readCount("optimizer slot count");
    Map<String, float[]> arrays = new LinkedHashMap<>();
    for (int i = 0; i < slots; i++) {
      String name = in.readString("optimizer slot name");
      if (size < 0) {
        throw new ModelFileException(in.file(), "corrupt: optimizer slot '" + name + "' before the first step");
      }
      FloatBuffer floats = in.slice(4L * size, "values of optimizer slot '" + name + "'").asFloatBuffer();
      float[] values = new float[size];
      floats.get(values);
      arrays.put(name, values);
    }
    if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
      throw new ModelFileException(in.file(), "corrupt: the optimizer's learning rate is " + learningRate);
    }
    return new OptimizerState(algorithm, hyperParameters, learningRate, steps, size, arrays);
  }

  private static void writeTraining(DataOutputStream out, TrainingState t) throws IOException {
    out.writeInt(t.epoch());
    out.writeInt(t.batch());
    out.writeDouble(t.epochLossSum());
    out.writeInt(t.epochCorrect());
    out.writeLong(t.seed());
    out.writeLong(t.shuffles());
    ByteCursor.writeInts(out, t.order());
    out.writeDouble(t.initialLearningRate());
    ByteCursor.writeString(out, t.schedule());
    out.writeInt(t.history().size());
    for (EpochResult r : t.history()) {
      out.writeInt(r.epoch());
      out.writeDouble(r.trainLoss());
      out.writeDouble(r.trainAccuracy());
      out.writeDouble(r.testLoss());
      out.writeDouble(r.testAccuracy());
      out.writeDouble(r.seconds());
    }
  }

  private static TrainingState readTraining(ByteCursor in) throws ModelFileException {
    int epoch = in.readCount("epoch");
    int batch = in.readCount("batch");
    double lossSum = in.readDouble("epoch loss sum");
    int correct = in.readCount("epoch correct count");
    long seed = in.readLong("seed");
    long shuffles = in.readLong("shuffle count");
    int[] order = in.readInts("data order");
    double initialLearningRate = in.readDouble("initial learning rate");
    String schedule = in.readString("schedule");
    int epochs = in.readCount("history length");
    List<EpochResult> history = new ArrayList<>();
    for (int i = 0; i < epochs; i++) {
      history.add(new EpochResult(in.readInt("history epoch"), in.readDouble("train loss"),
          in.readDouble("train accuracy"), in.readDouble("test loss"), in.readDouble("test accuracy"),
          in.readDouble("seconds")));
    }
    if (epochs != epoch || shuffles < 0) {
      throw new ModelFileException(in.file(), "corrupt: " + epochs + " epoch results for " + epoch
          + " completed epochs, " + shuffles + " shuffles");
    }
    return new TrainingState(epoch, batch, lossSum, correct, seed, shuffles, order, initialLearningRate, schedule,
        history);
  }
}
