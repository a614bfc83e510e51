package dev.convnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.train.TrainingHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointResumeTest {
  @TempDir
  Path dir;

  /** A crash stand-in: stops the run after a given global step. */
  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crash(long step) {
      super("crashed after step " + step);
    }
  }

  private static List<String> checkpointFiles(Path folder) throws IOException {
    try (var files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".ckpt")).sorted().toList();
    }
  }

  /**
   * Runs interrupted after a step (mid-epoch, between checkpoints; and at an epoch's end) and resumed from the
   * checkpoint folder end with the uninterrupted run's parameters, buffers and history, bit for bit: the small
   * ResNet with batch norm, dropout and AdamW.
   */
  @Test
  void resumedRunEqualsUninterruptedRun() throws IOException {
    CompiledNetwork whole = SparkTrainerTest.resnet();
    TrainingHistory expected = SparkTrainerTest.sparkTrainer(whole, 2)
        .checkpoint(dir.resolve("whole").toUri().toString(), 3).build().fit(SparkTrainerTest.rows(), null);
    for (long crashAfter : new long[] {5, 8}) {
      String folder = dir.resolve("crash" + crashAfter).toUri().toString();
      CompiledNetwork first = SparkTrainerTest.resnet();
      Crash crash = assertThrows(Crash.class, () -> SparkTrainerTest.sparkTrainer(first, 2).checkpoint(folder, 3)
          .stepListener((epoch, step, global) -> {
            if (global == crashAfter) {
              throw new Crash(global);
            }
          }).build().fit(SparkTrainerTest.rows(), null));
      assertTrue(crash.getMessage().contains("after step " + crashAfter));
      // one checkpoint kept: step 3 for a crash after step 5; step 7, the end of epoch 1 (7 steps of 16 of the 100
      // samples), for a crash after step 8
      assertEquals(List.of(String.format("checkpoint-%012d.ckpt", crashAfter == 5 ? 3 : 7)),
          checkpointFiles(dir.resolve("crash" + crashAfter)));
      CompiledNetwork resumed = SparkTrainerTest.resnet();
      TrainingHistory history = SparkTrainerTest.sparkTrainer(resumed, 2).checkpoint(folder, 3).build()
          .fit(SparkTrainerTest.rows(), null);
      assertArrayEquals(whole.parameters().data(), resumed.parameters().data(), 0f, "crash after " + crashAfter);
      assertArrayEquals(whole.parameters().buffers(), resumed.parameters().buffers(), 0f);
      assertEquals(expected.epochs().size(), history.epochs().size());
      for (int e = 0; e < history.epochs().size(); e++) {
        assertEquals(expected.epochs().get(e).trainLoss(), history.epochs().get(e).trainLoss(), 0);
        assertEquals(expected.epochs().get(e).trainAccuracy(), history.epochs().get(e).trainAccuracy(), 0);
      }
    }
  }

  /** A checkpoint of a run with other settings is not silently resumed. */
  @Test
  void checkpointOfOtherSettingsIsRefused() throws IOException {
    String folder = dir.resolve("other").toUri().toString();
    SparkTrainerTest.sparkTrainer(SparkTrainerTest.lenet(), 2).epochs(1).checkpoint(folder, 0).build()
        .fit(SparkTrainerTest.rows(), null);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SparkTrainerTest
        .sparkTrainer(SparkTrainerTest.lenet(), 2).epochs(1).batchSize(8).checkpoint(folder, 0).build()
        .fit(SparkTrainerTest.rows(), null));
    assertTrue(e.getMessage().contains("was written by a run with other settings"), e.getMessage());
    assertTrue(e.getMessage().contains("batch=16") && e.getMessage().contains("batch=8"), e.getMessage());
  }
}
