package dev.convnet.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.Shape;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.loss.Losses;
import dev.convnet.runtime.optim.Adam;
import dev.convnet.runtime.optim.LearningRateSchedule;
import dev.convnet.runtime.optim.Optimizer;
import dev.convnet.runtime.optim.Sgd;
import dev.convnet.runtime.testing.Synthetic;
import dev.convnet.runtime.testing.TinyNetwork;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
  private static final Shape SHAPE = Shape.map(1, 3, 3);
  private static final int CLASSES = 4;
  private static final Dataset TRAIN = Synthetic.blobs(403, CLASSES, SHAPE, 0.3, 11, 1);
  private static final Dataset TEST = Synthetic.blobs(200, CLASSES, SHAPE, 0.3, 11, 2);

  private static TinyNetwork linear() {
    return new TinyNetwork("Linear", SHAPE, 0, CLASSES).initialize(5);
  }

  private static Trainer.Builder trainer(TinyNetwork net, Optimizer optimizer) {
    return Trainer.builder().network(net).loss(Losses.softmaxCrossEntropy()).optimizer(optimizer).batchSize(16)
        .epochs(5).seed(42);
  }

  @Test
  void linearSoftmaxClassifierLearnsSeparableBlobs() {
    TinyNetwork net = linear();
    List<String> events = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onEpochStart(int epoch, int epochs, int samples) {
        events.add("start " + epoch + "/" + epochs + " " + samples);
      }

      @Override
      public void onBatch(int epoch, int done, int total, double loss, long nanos) {
        assertTrue(done > 0 && done <= total && Double.isFinite(loss) && nanos >= 0);
        if (done == total) {
          events.add("last batch " + epoch);
        }
      }

      @Override
      public void onEpochEnd(EpochResult r) {
        events.add("end " + r.epoch());
      }
    };
    TrainingHistory history = trainer(net, new Sgd(0.5)).listener(recorder).build().fit(TRAIN, TEST);
    assertEquals(5, history.epochs().size());
    EpochResult first = history.epochs().get(0);
    EpochResult last = history.last();
    assertTrue(last.trainLoss() < first.trainLoss() * 0.7, first + " → " + last);
    assertTrue(last.trainAccuracy() > 0.9, "train accuracy " + last.trainAccuracy());
    assertTrue(last.testAccuracy() > 0.9, "test accuracy " + last.testAccuracy());
    assertTrue(last.testLoss() < 0.5, "test loss " + last.testLoss());
    assertTrue(last.seconds() >= 0);
    assertEquals(List.of("start 1/5 403", "last batch 1", "end 1"), events.subList(0, 3));
    assertEquals(15, events.size());
    Evaluation e = new Evaluator(net, Losses.softmaxCrossEntropy(), 64).evaluate(TEST);
    assertEquals(last.testAccuracy(), e.accuracy(), 0);
    assertEquals(last.testLoss(), e.loss(), 1e-12);
  }

  @Test
  void withTheRbfLossTrainingAndTestAccuracyCountTheSmallestOutput() {
    TinyNetwork net = linear();
    TrainingHistory history = Trainer.builder().network(net).loss(Losses.rbfMap(1)).optimizer(new Sgd(0.2))
        .batchSize(16).epochs(5).seed(42).build().fit(TRAIN, TEST);
    EpochResult last = history.last();
    assertTrue(last.trainLoss() < history.epochs().get(0).trainLoss(), history.epochs().toString());
    assertTrue(last.trainAccuracy() > 0.9, "train accuracy (arg-min) " + last.trainAccuracy());
    assertTrue(last.testAccuracy() > 0.9, "test accuracy (arg-min) " + last.testAccuracy());
    Evaluation argMin = new Evaluator(net, Losses.rbfMap(1), 64).evaluate(TEST);
    assertEquals(last.testAccuracy(), argMin.accuracy(), 0);
    double argMax = new Evaluator(net, Losses.softmaxCrossEntropy(), 64).evaluate(TEST).accuracy();
    assertTrue(argMax < 0.5, "the largest penalty is rarely the class: arg-max accuracy " + argMax);
  }

  @Test
  void sameSeedGivesBitIdenticalResultsAndAnotherSeedDoesNot() {
    float[][] params = new float[3][];
    List<List<EpochResult>> histories = new ArrayList<>();
    long[] seeds = {42, 42, 43};
    for (int run = 0; run < 3; run++) {
      TinyNetwork net = new TinyNetwork("Mlp", SHAPE, 5, CLASSES).initialize(5);
      TrainingHistory h = trainer(net, new Adam(0.01)).epochs(3).seed(seeds[run]).build().fit(TRAIN, TEST);
      params[run] = net.parameters().data().clone();
      histories.add(h.epochs().stream().map(r -> new EpochResult(r.epoch(), r.trainLoss(), r.trainAccuracy(),
          r.testLoss(), r.testAccuracy(), 0)).toList());
    }
    assertArrayEquals(params[0], params[1]);
    assertEquals(histories.get(0), histories.get(1));
    assertFalse(java.util.Arrays.equals(params[0], params[2]), "the seed does not change the shuffling");
  }

  @Test
  void scheduleSetsTheLearningRateBeforeEachEpoch() {
    Sgd sgd = new Sgd(0.2);
    List<Double> rates = new ArrayList<>();
    trainer(linear(), sgd).epochs(5).schedule(LearningRateSchedule.step(2, 0.5)).listener(new TrainingListener() {
      @Override
      public void onEpochStart(int epoch, int epochs, int samples) {
        rates.add(sgd.learningRate());
      }
    }).build().fit(TRAIN, null);
    assertEquals(List.of(0.2, 0.2, 0.1, 0.1, 0.05), rates);
  }

  @Test
  void clippingBoundsEachStep() {
    TinyNetwork net = linear();
    float[] before = net.parameters().data().clone();
    Dataset one = TRAIN.slice(0, 16);
    trainer(net, new Sgd(1)).epochs(1).clipNorm(1e-3).build().fit(one, null);
    double moved = 0;
    for (int i = 0; i < before.length; i++) {
      moved += Math.pow(net.parameters().data()[i] - before[i], 2);
    }
    assertEquals(1e-3, Math.sqrt(moved), 1e-6, "one SGD step of lr 1 on a gradient clipped to norm 1e-3");
  }

  @Test
  void withoutATestSetTestFieldsAreNaN() {
    EpochResult r = trainer(linear(), new Sgd(0.1)).epochs(1).build().fit(TRAIN, null).last();
    assertTrue(Double.isNaN(r.testLoss()) && Double.isNaN(r.testAccuracy()));
    assertTrue(Double.isFinite(r.trainLoss()));
  }

  @Test
  void aNaNLayerOutputStopsTrainingNamingEpochBatchAndFirstBadLayer() {
    TinyNetwork net = new TinyNetwork("Mlp", SHAPE, 5, CLASSES).initialize(1).poisonOutput("hidden", 3);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> trainer(net, new Sgd(0.1)).build().fit(TRAIN, null));
    assertEquals(1, e.epoch());
    assertEquals(3, e.batch());
    assertEquals("hidden", e.layer());
    assertNull(e.parameter());
    assertTrue(e.getMessage().contains("epoch 1 of 5, batch 3 of 26") && e.getMessage().contains("'hidden'")
        && e.getMessage().contains("loss is NaN"), e.getMessage());
  }

  @Test
  void aNaNGradientStopsTrainingNamingTheParameterAndLayer() {
    TinyNetwork net = new TinyNetwork("Mlp", SHAPE, 5, CLASSES).initialize(1).poisonGradient("out.bias", 30);
    float[] beforeStep = new float[net.parameters().data().length];
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> trainer(net, new Sgd(0.1)).listener(new TrainingListener() {
          @Override
          public void onBatch(int epoch, int done, int total, double loss, long nanos) {
            System.arraycopy(net.parameters().data(), 0, beforeStep, 0, beforeStep.length);
          }
        }).build().fit(TRAIN, null));
    assertEquals(2, e.epoch());
    assertEquals(4, e.batch());
    assertEquals("out", e.layer());
    assertEquals("out.bias", e.parameter());
    assertTrue(e.getMessage().contains("epoch 2 of 5, batch 4 of 26")
        && e.getMessage().contains("parameter 'out.bias' [4] of layer 'out'"), e.getMessage());
    assertArrayEquals(beforeStep, net.parameters().data(), "the bad gradient must not reach the parameters");
  }

  @Test
  void aHugeLearningRateDivergesWithAClearMessage() {
    Dataset loud = TRAIN.scaled(100, 0);
    TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
        () -> trainer(linear(), new Sgd(1e35)).build().fit(loud, null));
    assertTrue(e.getMessage().contains("learning rate 1.0E35") && e.getMessage().contains("batch "),
        e.getMessage());
    assertEquals("out", e.layer(), e.getMessage());
  }

  @Test
  void dataThatDoesNotFitTheNetworkIsRejectedUpFront() {
    Trainer t = trainer(linear(), new Sgd(0.1)).build();
    Dataset wrongShape = new Dataset(new float[8], new int[2], Shape.map(1, 2, 2));
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> t.fit(wrongShape, null));
    assertTrue(shape.getMessage().contains("training set has samples of 1×2×2") && shape.getMessage()
        .contains("Linear takes 1×3×3"), shape.getMessage());
    Dataset badLabel = TRAIN.slice(0, 10).withLabels(new int[] {0, 1, 2, 3, 4, 0, 0, 0, 0, 0});
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class, () -> t.fit(TRAIN, badLabel));
    assertTrue(label.getMessage().contains("test set: label 4 of sample 4"), label.getMessage());
    float[] f = TRAIN.slice(0, 3).features().clone();
    f[10] = Float.POSITIVE_INFINITY;
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> t.fit(new Dataset(f, new int[3], SHAPE), null));
    assertTrue(nan.getMessage().contains("sample 1"), nan.getMessage());
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> Trainer.builder().network(linear()).build());
    assertTrue(missing.getMessage().contains("missing: loss, optimizer"), missing.getMessage());
  }

  @Test
  void aTrainingStepAllocatesNothingAfterTheFirstBatch() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertTrue(threads.isThreadAllocatedMemorySupported());
    long[] last = new long[1];
    long[] worst = new long[1];
    int[] measured = new int[1];
    TrainingListener meter = new TrainingListener() {
      @Override
      public void onEpochStart(int epoch, int epochs, int samples) {
        last[0] = -1;
      }

      @Override
      public void onBatch(int epoch, int done, int total, double loss, long nanos) {
        long now = threads.getCurrentThreadAllocatedBytes();
        if (last[0] >= 0) {
          worst[0] = Math.max(worst[0], now - last[0]);
          measured[0]++;
        }
        last[0] = threads.getCurrentThreadAllocatedBytes();
      }
    };
    // 403 samples in batches of 16: 25 full batches and a partial one of 3 per epoch, every one measured but the
    // first of each epoch (the epoch boundary evaluates and reports).
    TinyNetwork net = new TinyNetwork("Mlp", SHAPE, 5, CLASSES).initialize(3);
    trainer(net, new Adam(0.01)).epochs(4).clipNorm(5).listener(meter).build().fit(TRAIN, TEST);
    assertEquals(4 * 25, measured[0]);
    assertEquals(0, worst[0], "bytes allocated by one training step");
  }

  @Test
  void multiThreadedTrainingIsReproducibleAndLearnsLikeOneThread() {
    float[][] params = new float[3][];
    double[] accuracy = new double[3];
    int[] threads = {3, 3, 1};
    for (int run = 0; run < 3; run++) {
      TinyNetwork net = new TinyNetwork("Mlp", SHAPE, 5, CLASSES).initialize(5);
      TrainingHistory h = trainer(net, new Adam(0.01)).threads(threads[run]).build().fit(TRAIN, TEST);
      params[run] = net.parameters().data().clone();
      accuracy[run] = h.epochs().get(h.epochs().size() - 1).testAccuracy();
    }
    assertArrayEquals(params[0], params[1], "same seed and thread count");
    assertEquals(accuracy[2], accuracy[0], 0.02, "three threads learn as well as one");
    float worst = 0;
    for (int i = 0; i < params[0].length; i++) {
      worst = Math.max(worst, Math.abs(params[0][i] - params[2][i]));
    }
    assertTrue(worst < 1e-3f, "3 threads differ from 1 by rounding only, worst parameter difference " + worst);
  }
}
