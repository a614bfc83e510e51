package dev.convnet.runtime.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.convnet.runtime.Shape;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Losses;
import dev.convnet.runtime.loss.Targets;
import dev.convnet.runtime.testing.TinyNetwork;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DataParallelTest {
  private static final Shape SHAPE = Shape.map(2, 3, 3);
  private static final int CLASSES = 5;

  private static TinyNetwork net() {
    return new TinyNetwork("Mlp", SHAPE, 7, CLASSES).initialize(3);
  }

  private static float[] inputs(int batch) {
    SplittableRandom r = new SplittableRandom(9);
    float[] x = new float[batch * SHAPE.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextDouble(-1, 1);
    }
    return x;
  }

  private static int[] labels(int batch) {
    int[] y = new int[batch];
    for (int i = 0; i < batch; i++) {
      y[i] = (i * 7 + 3) % CLASSES;
    }
    return y;
  }

  @Test
  void shardsCoverTheBatchContiguously() {
    try (DataParallel dp = new DataParallel(net(), 3)) {
      dp.forward(inputs(10), 0, 10);
      assertEquals(3, dp.shards());
      assertEquals(0, dp.shardStart(0));
      assertEquals(3, dp.shardSize(0));
      assertEquals(3, dp.shardStart(1));
      assertEquals(3, dp.shardSize(1));
      assertEquals(6, dp.shardStart(2));
      assertEquals(4, dp.shardSize(2));
      dp.forward(inputs(2), 0, 2);
      assertEquals(2, dp.shards(), "never more shards than samples");
    }
  }

  @Test
  void gradientsAndOutputsMatchOneNetworkOverTheWholeBatch() {
    int batch = 13;
    float[] x = inputs(batch);
    Targets targets = Targets.labels(labels(batch), 0);
    Loss loss = Losses.softmaxCrossEntropy();
    TinyNetwork single = net();
    float[] out = single.forward(x, 0, batch).clone();
    float[] dOut = new float[batch * CLASSES];
    double expectedLoss = loss.compute(out, batch, CLASSES, targets, dOut);
    single.backward(dOut);
    float[] expected = single.gradients().clone();
    for (int threads : new int[] {1, 2, 3, 5, 20}) {
      try (DataParallel dp = new DataParallel(net(), threads)) {
        double value = dp.forwardBackward(x, 0, batch, loss, targets);
        assertEquals(expectedLoss, value, 0, "the loss is computed once over the whole batch");
        float[] outputs = java.util.Arrays.copyOf(dp.outputs(), batch * CLASSES);
        assertArrayEquals(out, outputs, "outputs with " + threads + " threads");
        float[] g = dp.gradients();
        for (int i = 0; i < expected.length; i++) { // the sums in another order: measured at most 1.5e-8 apart
          assertEquals(expected[i], g[i], 2e-7f * Math.max(1, Math.abs(expected[i])), threads + " threads, grad " + i);
        }
      }
    }
  }

  @Test
  void aGivenThreadCountIsBitForBitReproducible() {
    int batch = 17;
    float[] x = inputs(batch);
    Targets targets = Targets.labels(labels(batch), 0);
    float[][] runs = new float[2][];
    for (int run = 0; run < 2; run++) {
      try (DataParallel dp = new DataParallel(net(), 3)) {
        for (int rep = 0; rep < 50; rep++) { // many rounds: timing varies, the result must not
          dp.forwardBackward(x, 0, batch, Losses.softmaxCrossEntropy(), targets);
        }
        runs[run] = dp.gradients().clone();
      }
    }
    assertArrayEquals(runs[0], runs[1]);
  }

  @Test
  void offsetsAndShortInputsAreHandled() {
    float[] x = inputs(6);
    try (DataParallel dp = new DataParallel(net(), 2)) {
      float[] all = dp.forward(x, 0, 6).clone();
      float[] tail = dp.forward(x, 2 * SHAPE.size(), 4);
      for (int i = 0; i < 4 * CLASSES; i++) {
        assertEquals(all[2 * CLASSES + i], tail[i], 0f);
      }
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dp.forward(x, 1, 6));
      assertEquals(true, e.getMessage().contains("needs 108 input values from offset 1"), e.getMessage());
    }
  }

  @Test
  void aStepAllocatesNothingOnAnyThreadOnceWarm() {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    float[] x = inputs(16);
    Targets targets = Targets.labels(labels(16), 0);
    Loss loss = Losses.softmaxCrossEntropy();
    try (DataParallel dp = new DataParallel(net(), 2)) {
      for (int i = 0; i < 20_000; i++) { // warm up: buffers sized, code compiled
        dp.forwardBackward(x, 0, 16 - i % 3, loss, targets);
      }
      long[] helpers = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith("convnet-Mlp-")).mapToLong(Thread::getId).toArray();
      assertEquals(1, helpers.length);
      long before = mx.getCurrentThreadAllocatedBytes() + mx.getThreadAllocatedBytes(helpers[0]);
      for (int i = 0; i < 5_000; i++) {
        dp.forwardBackward(x, 0, 16 - i % 3, loss, targets);
      }
      long after = mx.getCurrentThreadAllocatedBytes() + mx.getThreadAllocatedBytes(helpers[0]);
      assertEquals(0, after - before, "bytes allocated by 5,000 steps on the caller and the helper thread");
    }
  }
}
