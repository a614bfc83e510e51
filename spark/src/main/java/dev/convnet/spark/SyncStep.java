package dev.convnet.spark;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Targets;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * One synchronous step on one partition: the gradient of its shard of the step's global mini-batch.
 *
 * <p>The task copies the step's broadcast parameters and buffers into its thread's own network, places the dropout
 * streams where the single-machine trainer's worker {@code t} has them, runs forward over its shard, and takes the
 * loss gradient of its rows as part of the whole batch of {@code n} (its rows in a batch of {@code n} rows whose
 * other rows are zero, so every row's gradient is scaled by {@code 1/n} exactly as when the loss sees the whole
 * batch), then backward. It reads nothing but its inputs: a retried task returns the same bits.
 */
final class SyncStep implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Broadcast<ModelSnapshot> model;
  private final int step;
  private final StepPlan plan;
  private final LossFactory lossFactory;
  private final long[] drawn;

  SyncStep(Broadcast<ModelSnapshot> model, int step, StepPlan plan, LossFactory lossFactory, long[] drawn) {
    this.model = model;
    this.step = step;
    this.plan = plan;
    this.lossFactory = lossFactory;
    this.drawn = drawn;
  }

  ShardResult run(EpochShard shard) {
    int t = shard.partition;
    int m = shard.size(step);
    if (m == 0) {
      return ShardResult.empty(t);
    }
    ModelSnapshot snapshot = model.value();
    CompiledNetwork net = ExecutorNetworks.training(snapshot.className());
    snapshot.copyInto(net);
    net.setTraining(true);
    RandomStreams.position(net, t, drawn[t]);
    Loss loss = lossFactory.create();
    int n = plan.batch(step);
    int outputSize = net.outputSize();
    int first = shard.start[step];
    float[] out = net.forward(shard.inputs, first * shard.inputSize, m);
    Targets own = Targets.labels(shard.labels, first);
    double lossSum = loss.value(out, m, outputSize, own) * m;
    int correct = 0;
    for (int b = 0; b < m; b++) {
      if (loss.predict(out, b * outputSize, outputSize) == shard.labels[first + b]) {
        correct++;
      }
    }
    if (!Double.isFinite(lossSum)) {
      return new ShardResult(t, m, null, null, lossSum, correct, null);
    }
    float[] batchOutputs = new float[n * outputSize];
    System.arraycopy(out, 0, batchOutputs, 0, m * outputSize);
    int[] batchLabels = new int[n];
    System.arraycopy(shard.labels, first, batchLabels, 0, m);
    float[] outputGradient = new float[n * outputSize];
    loss.compute(batchOutputs, n, outputSize, Targets.labels(batchLabels, 0), outputGradient);
    net.backwardParameters(outputGradient);
    float[] buffers = t == 0 ? net.parameters().buffers().clone() : null;
    return new ShardResult(t, m, net.gradients().clone(), buffers, lossSum, correct, null);
  }
}
