package dev.convnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.examples.LeNet5Net;
import dev.convnet.examples.zoo.SmallResNetNet;
import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Init;
import dev.convnet.runtime.Parameters;
import dev.convnet.runtime.data.Dataset;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Losses;
import dev.convnet.runtime.loss.Targets;
import dev.convnet.runtime.optim.LearningRateSchedule;
import dev.convnet.runtime.optim.Optimizers;
import dev.convnet.runtime.train.Trainer;
import dev.convnet.runtime.train.TrainingHistory;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class SparkTrainerTest {
  static final int N = 100;
  static final int BATCH = 16;
  static final int EPOCHS = 2;

  static CompiledNetwork lenet() {
    return new LeNet5Net(new Parameters(LeNet5Net.LAYOUT).initialize(Init.LECUN_UNIFORM, 11));
  }

  static CompiledNetwork resnet() {
    return new SmallResNetNet(new Parameters(SmallResNetNet.LAYOUT).initialize(Init.HE_UNIFORM, 11));
  }

  static int border(CompiledNetwork net) {
    return (net.inputShape().height() - 28) / 2;
  }

  /** The single-machine run: the examples' preparation and Trainer with {@code threads}. */
  static TrainingHistory trainLocally(CompiledNetwork net, int threads) throws IOException {
    Dataset data = TestSpark.digits().slice(0, N);
    int b = border(net);
    Dataset prepared = (b == 0 ? data : data.padded(b)).scaled(1 / 0.3081f, -0.1307f / 0.3081f);
    return Trainer.builder().network(net).loss(Losses.softmaxCrossEntropy())
        .optimizer(Optimizers.create("adamw", 2e-3)).schedule(LearningRateSchedule.cosine(EPOCHS, 0))
        .batchSize(BATCH).epochs(EPOCHS).seed(3).threads(threads).build().fit(prepared, null);
  }

  static SparkTrainer.Builder sparkTrainer(CompiledNetwork net, int shards) {
    return SparkTrainer.builder(TestSpark.session()).network(net)
        .loss(LossFactory.named("softmax-cross-entropy")).optimizer(OptimizerFactory.named("adamw", 2e-3))
        .schedule(LearningRateSchedule.cosine(EPOCHS, 0)).batchSize(BATCH).epochs(EPOCHS).seed(3).shards(shards)
        .preprocessing(Preprocessing.mnist(border(net)));
  }

  static org.apache.spark.sql.Dataset<Row> rows() throws IOException {
    return TestSpark.digitRows(N, 3);
  }

  static float maxDifference(float[] a, float[] b) {
    float max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /**
   * Synchronous training on two partitions gives the parameters (and batch-norm running statistics) of Trainer
   * with threads(2) bit for bit: LeNet-5, and the small ResNet with batch norm and dropout.
   */
  @Test
  void synchronousTrainingEqualsTrainerWithAsManyThreads() throws IOException {
    for (Supplier<CompiledNetwork> make : java.util.List.<Supplier<CompiledNetwork>>of(SparkTrainerTest::lenet,
        SparkTrainerTest::resnet)) {
      CompiledNetwork local = make.get();
      TrainingHistory expected = trainLocally(local, 2);
      CompiledNetwork distributed = make.get();
      TrainingHistory actual = sparkTrainer(distributed, 2).build().fit(rows(), null);
      System.out.printf("%s: max |spark - trainer(threads 2)| = %s over %d parameters%n", local.name(),
          maxDifference(local.parameters().data(), distributed.parameters().data()),
          local.parameters().data().length);
      assertArrayEquals(local.parameters().data(), distributed.parameters().data(), 0f, local.name());
      assertArrayEquals(local.parameters().buffers(), distributed.parameters().buffers(), 0f, local.name());
      assertEquals(expected.last().trainAccuracy(), actual.last().trainAccuracy(), local.name());
      assertEquals(expected.last().trainLoss(), actual.last().trainLoss(), 1e-6, local.name());
    }
  }

  /** Three shards equal three threads too (an uneven cut: 16 = 5 + 5 + 6, last batch 4 = 1 + 1 + 2). */
  @Test
  void threeShardsEqualThreeThreads() throws IOException {
    CompiledNetwork local = lenet();
    trainLocally(local, 3);
    CompiledNetwork distributed = lenet();
    sparkTrainer(distributed, 3).build().fit(rows(), null);
    assertArrayEquals(local.parameters().data(), distributed.parameters().data(), 0f);
  }

  static final AtomicInteger FAILED = new AtomicInteger();

  /** A loss that fails the first attempt of partition 1's task twice, after the forward pass has run. */
  static final class FailingFirstAttempt implements LossFactory {
    private static final long serialVersionUID = 1L;

    @Override
    public Loss create() {
      Loss loss = Losses.softmaxCrossEntropy();
      return new Loss() {
        @Override
        public String name() {
          return loss.name();
        }

        @Override
        public double compute(float[] output, int batch, int outputSize, Targets targets, float[] gradient) {
          TaskContext task = TaskContext.get();
          if (gradient != null && task.partitionId() == 1 && task.attemptNumber() == 0
              && FAILED.getAndIncrement() < 2) {
            throw new IllegalStateException("injected failure of the first attempt");
          }
          return loss.compute(output, batch, outputSize, targets, gradient);
        }

        @Override
        public double compute(double[] output, int batch, int outputSize, Targets targets, double[] gradient) {
          return loss.compute(output, batch, outputSize, targets, gradient);
        }
      };
    }
  }

  /** Tasks whose first attempt fails (after running forward, which moves dropout streams) are retried identically. */
  @Test
  void retriedTasksGiveTheSameParameters() throws IOException {
    CompiledNetwork clean = resnet();
    sparkTrainer(clean, 2).build().fit(rows(), null);
    FAILED.set(0);
    CompiledNetwork retried = resnet();
    sparkTrainer(retried, 2).loss(new FailingFirstAttempt()).build().fit(rows(), null);
    assertTrue(FAILED.get() >= 2, "the injected failures did not happen");
    assertArrayEquals(clean.parameters().data(), retried.parameters().data(), 0f);
    assertArrayEquals(clean.parameters().buffers(), retried.parameters().buffers(), 0f);
  }
}
