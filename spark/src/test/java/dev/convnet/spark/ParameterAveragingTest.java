package dev.convnet.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.train.TrainingHistory;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ParameterAveragingTest {
  /**
   * Averaging after every single step of plain SGD on equal shards is the synchronous step (the mean of the shards'
   * mean gradients is the batch's mean gradient): equal up to float rounding.
   */
  @Test
  void averagingEveryStepOfSgdIsSynchronousSgd() throws IOException {
    CompiledNetwork sync = SparkTrainerTest.lenet();
    SparkTrainerTest.sparkTrainer(sync, 2).optimizer(OptimizerFactory.named("sgd", 0.05)).build()
        .fit(SparkTrainerTest.rows(), null);
    CompiledNetwork averaged = SparkTrainerTest.lenet();
    SparkTrainerTest.sparkTrainer(averaged, 2).optimizer(OptimizerFactory.named("sgd", 0.05)).averageEvery(1)
        .build().fit(SparkTrainerTest.rows(), null);
    float diff = SparkTrainerTest.maxDifference(sync.parameters().data(), averaged.parameters().data());
    System.out.println("averaging every step vs synchronous, SGD: max difference " + diff);
    assertTrue(diff < 1e-5, "max difference " + diff);
  }

  /** Averaging every 3 local steps of AdamW (its moments averaged too) trains: the loss falls. */
  @Test
  void averagingEveryFewStepsTrains() throws IOException {
    CompiledNetwork net = SparkTrainerTest.lenet();
    TrainingHistory h = SparkTrainerTest.sparkTrainer(net, 2).averageEvery(3).epochs(3).build()
        .fit(SparkTrainerTest.rows(), null);
    assertTrue(h.epochs().get(2).trainLoss() < h.epochs().get(0).trainLoss(), h.toString());
  }
}
