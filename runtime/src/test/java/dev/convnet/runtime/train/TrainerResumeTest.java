package dev.convnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.Shape;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.io.Checkpoint;
import dev.convnet.runtime.io.CheckpointFile;
import dev.convnet.runtime.io.CheckpointWriter;
import dev.convnet.runtime.loss.Losses;
import dev.convnet.runtime.optim.AdamW;
import dev.convnet.runtime.optim.LearningRateSchedule;
import dev.convnet.runtime.optim.Optimizer;
import dev.convnet.runtime.optim.Sgd;
import dev.convnet.runtime.testing.Synthetic;
import dev.convnet.runtime.testing.TinyNetwork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run stopped by {@link Trainer#requestStop()} (mid-epoch) or taken from an epoch's checkpoint, written to a
 * checkpoint file and continued by a new network, optimizer and trainer, ends bit for bit as the uninterrupted run,
 * with the same history; early stopping ends a run whose test accuracy stalls; a mismatched resume is refused.
 */
class TrainerResumeTest {
  private static final Shape SHAPE = Shape.map(1, 3, 3);
  private static final Dataset TRAIN = Synthetic.blobs(203, 4, SHAPE, 0.6, 11, 1);
  private static final Dataset TEST = Synthetic.blobs(100, 4, SHAPE, 0.6, 11, 2);
  private static final int EPOCHS = 4;

  @TempDir
  Path dir;

  private static TinyNetwork net() {
    return new TinyNetwork("Hidden", SHAPE, 6, 4, "fp", true).initialize(5);
  }

  private static Trainer.Builder trainer(TinyNetwork net, Optimizer optimizer, int threads) {
    return Trainer.builder().network(net).loss(Losses.softmaxCrossEntropy()).optimizer(optimizer).batchSize(16)
        .epochs(EPOCHS).seed(42).threads(threads).schedule(LearningRateSchedule.cosine(EPOCHS, 0));
  }

  @ParameterizedTest(name = "stop in epoch {0} after batch {1}, {2} thread(s)")
  @CsvSource({"1, 3, 1", "2, 12, 1", "3, 1, 2", "2, 0, 1", "4, 0, 2"})
  void aResumedRunEndsBitForBitAsTheUninterruptedOne(int stopEpoch, int stopBatch, int threads) throws IOException {
    TinyNetwork straight = net();
    TrainingHistory expected = trainer(straight, new AdamW(0.01), threads).build().fit(TRAIN, TEST);

    TinyNetwork first = net();
    AdamW firstOptimizer = new AdamW(0.01);
    Path file = dir.resolve("run.ckpt");
    CheckpointWriter writer = new CheckpointWriter(first, firstOptimizer, file, Map.of("job", "test"));
    Trainer[] holder = new Trainer[1];
    List<TrainingState> states = new ArrayList<>();
    TrainingListener stopper = new TrainingListener() {
      @Override
      public void onBatch(int epoch, int done, int total, double loss, long nanos) {
        if (stopBatch > 0 && epoch == stopEpoch && done == stopBatch * 16) {
          holder[0].requestStop();
        }
      }

      @Override
      public void onCheckpoint(TrainingState state) {
        states.add(state);
        if (stopBatch > 0 || state.epoch() <= stopEpoch - 1 || stopEpoch == EPOCHS) {
          writer.onCheckpoint(state); // keep the checkpoint of the point to resume from
        }
      }
    };
    holder[0] = trainer(first, firstOptimizer, threads).listener(stopper).build();
    TrainingHistory partial = holder[0].fit(TRAIN, TEST);
    if (stopBatch > 0) {
      assertEquals(TrainingHistory.Status.STOPPED, partial.status());
      assertEquals(stopEpoch - 1, partial.epochs().size());
      TrainingState last = states.get(states.size() - 1);
      assertEquals(List.of(stopEpoch - 1, stopBatch), List.of(last.epoch(), last.batch()));
    } else {
      assertEquals(TrainingHistory.Status.COMPLETED, partial.status());
      assertEquals(EPOCHS, states.size(), "one checkpoint state per epoch");
    }

    TinyNetwork resumed = new TinyNetwork("Hidden", SHAPE, 6, 4, "fp", true).initialize(99);
    AdamW optimizer = new AdamW(0.01);
    Checkpoint checkpoint = CheckpointFile.load(file);
    assertEquals("test", checkpoint.properties().get("job"));
    checkpoint.restore(resumed, optimizer);
    TrainingHistory rest = trainer(resumed, optimizer, threads).build().fit(TRAIN, TEST, checkpoint.training());
    assertEquals(TrainingHistory.Status.COMPLETED, rest.status());
    assertArrayEquals(straight.parameters().data(), resumed.parameters().data());
    assertArrayEquals(straight.parameters().buffers(), resumed.parameters().buffers());
    assertEquals(EPOCHS, rest.epochs().size());
    for (int e = 0; e < EPOCHS; e++) {
      EpochResult a = expected.epochs().get(e);
      EpochResult b = rest.epochs().get(e);
      assertEquals(List.of(a.epoch(), a.trainLoss(), a.trainAccuracy(), a.testLoss(), a.testAccuracy()),
          List.of(b.epoch(), b.trainLoss(), b.trainAccuracy(), b.testLoss(), b.testAccuracy()), "epoch " + (e + 1));
    }
  }

  @Test
  void earlyStoppingEndsARunWhoseTestAccuracyStalls() {
    TinyNetwork net = net();
    List<TrainingState> states = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onCheckpoint(TrainingState state) {
        states.add(state);
      }
    };
    // a learning rate of 0: nothing changes, so epoch 1 stays the best
    TrainingHistory h = Trainer.builder().network(net).loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0))
        .batchSize(16).epochs(10).earlyStopping(2).listener(recorder).build().fit(TRAIN, TEST);
    assertEquals(TrainingHistory.Status.EARLY_STOPPED, h.status());
    assertEquals(3, h.epochs().size());
    assertEquals(1, h.bestEpoch());
    assertTrue(states.get(0).lastEpochIsBest());
    assertTrue(!states.get(1).lastEpochIsBest() && !states.get(2).lastEpochIsBest());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trainer.builder().network(net)
        .loss(Losses.softmaxCrossEntropy()).optimizer(new Sgd(0)).earlyStopping(2).build().fit(TRAIN, null));
    assertTrue(e.getMessage().contains("give a test set"), e.getMessage());
  }

  @Test
  void aResumeThatDoesNotFitTheTrainerIsRefused() {
    TinyNetwork net = net();
    List<TrainingState> states = new ArrayList<>();
    trainer(net, new AdamW(0.01), 1).epochs(1).listener(new TrainingListener() {
      @Override
      public void onCheckpoint(TrainingState state) {
        states.add(state);
      }
    }).build().fit(TRAIN, TEST);
    TrainingState state = states.get(0);
    assertNotNull(state);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer(net(), new AdamW(0.01), 1).seed(7).build().fit(TRAIN, TEST, state));
    assertTrue(e.getMessage().contains("seed 42, this trainer with seed 7"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> trainer(net(), new AdamW(0.01), 1).build().fit(TRAIN.slice(0, 200), TEST, state));
    assertTrue(e.getMessage().contains("203 samples"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> trainer(net(), new AdamW(0.01), 1)
        .schedule(LearningRateSchedule.constant()).build().fit(TRAIN, TEST, state));
    assertTrue(e.getMessage().contains("used schedule 'cosine:4:0.0', this trainer 'constant'"), e.getMessage());
  }
}
