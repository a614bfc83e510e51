package dev.convnet.spark;

import dev.convnet.runtime.CompiledNetwork;
import dev.convnet.runtime.Finite;
import dev.convnet.runtime.loss.Loss;
import dev.convnet.runtime.loss.Targets;
import dev.convnet.runtime.optim.GradientClipping;
import dev.convnet.runtime.optim.Optimizer;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * One round of parameter averaging (Deeplearning4j's {@code ParameterAveragingTrainingMaster}): every partition
 * starts from the same parameters, buffers and optimizer state, takes one optimizer step per step of the round on
 * its own shard (the loss averaged over the shard), and the driver averages what comes back — parameters, buffers
 * and optimizer state arrays — over the partitions that took part, adding in partition order.
 */
final class ParameterAveraging implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Broadcast<ModelSnapshot> model;
  private final Broadcast<OptimizerValues> optimizerState;
  private final int from;
  private final int to;
  private final OptimizerFactory optimizerFactory;
  private final LossFactory lossFactory;
  private final double clipNorm;
  private final long[] drawn;

  private ParameterAveraging(Broadcast<ModelSnapshot> model, Broadcast<OptimizerValues> optimizerState, int from,
                             int to, OptimizerFactory optimizerFactory, LossFactory lossFactory, double clipNorm,
                             long[] drawn) {
    this.model = model;
    this.optimizerState = optimizerState;
    this.from = from;
    this.to = to;
    this.optimizerFactory = optimizerFactory;
    this.lossFactory = lossFactory;
    this.clipNorm = clipNorm;
    this.drawn = drawn;
  }

  static SparkTrainer.Round round(SparkTrainer trainer, JavaSparkContext jsc, EpochData data, StepPlan plan,
                                  int from, int to, SparkTrainer.Progress p, Optimizer optimizer,
                                  OptimizerFactory optimizerFactory, LossFactory lossFactory, double clipNorm) {
    CompiledNetwork net = trainer.network();
    Broadcast<ModelSnapshot> model = jsc.broadcast(ModelSnapshot.of(net));
    Broadcast<OptimizerValues> state = jsc.broadcast(OptimizerValues.of(optimizer.exportState()));
    List<ShardResult> results;
    try {
      ParameterAveraging task = new ParameterAveraging(model, state, from, to, optimizerFactory, lossFactory,
          clipNorm, p.drawn.clone());
      results = data.shards().map(task::run).collect();
    } finally {
      model.destroy();
      state.destroy();
    }
    double lossSum = 0;
    int correct = 0;
    int taking = 0;
    for (ShardResult r : results) {
      if (r.samples() == 0) {
        continue;
      }
      lossSum += r.lossSum();
      correct += r.correct();
      taking++;
      if (r.values() == null) {
        throw trainer.diverged(p, plan, from, "partition " + r.partition() + " diverged in its local steps "
            + from + "–" + to + " (loss " + r.lossSum() + ")");
      }
    }
    float[] params = net.parameters().data();
    float[] buffers = net.parameters().buffers();
    average(results, ShardResult::values, params, taking);
    average(results, ShardResult::buffers, buffers, taking);
    OptimizerValues first = (OptimizerValues) results.get(0).optimizerState();
    Map<String, float[]> slots = new LinkedHashMap<>();
    for (String name : first.slots().keySet()) {
      float[] avg = new float[first.size()];
      average(results, r -> ((OptimizerValues) r.optimizerState()).slots().get(name), avg, taking);
      slots.put(name, avg);
    }
    optimizer.importState(first.with(slots, first.steps(), optimizer.learningRate(), first.size()).state());
    for (int t = 0; t < p.drawn.length; t++) {
      for (int s = from; s < to; s++) {
        p.drawn[t] += plan.shardSize(s, t);
      }
    }
    return new SparkTrainer.Round(lossSum, correct);
  }

  /** The mean of every participating partition's array, summed in double in partition order. */
  private static void average(List<ShardResult> results, java.util.function.Function<ShardResult, float[]> part,
                              float[] into, int taking) {
    double[] sum = new double[into.length];
    for (ShardResult r : results) {
      if (r.samples() == 0) {
        continue;
      }
      float[] v = part.apply(r);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += v[i];
      }
    }
    for (int i = 0; i < into.length; i++) {
      into[i] = (float) (sum[i] / taking);
    }
  }

  ShardResult run(EpochShard shard) {
    int t = shard.partition;
    int samples = 0;
    for (int s = from; s < to; s++) {
      samples += shard.size(s);
    }
    if (samples == 0) {
      return ShardResult.empty(t);
    }
    ModelSnapshot snapshot = model.value();
    CompiledNetwork net = ExecutorNetworks.training(snapshot.className());
    snapshot.copyInto(net);
    net.setTraining(true);
    Optimizer optimizer = optimizerFactory.create();
    optimizer.importState(optimizerState.value().state());
    Loss loss = lossFactory.create();
    int outputSize = net.outputSize();
    float[] params = net.parameters().data();
    double lossSum = 0;
    int correct = 0;
    long done = drawn[t];
    for (int s = from; s < to; s++) {
      int m = shard.size(s);
      if (m == 0) {
        continue;
      }
      RandomStreams.position(net, t, done);
      done += m;
      int first = shard.start[s];
      float[] out = net.forward(shard.inputs, first * shard.inputSize, m);
      float[] gradient = new float[m * outputSize];
      double value = loss.compute(out, m, outputSize, Targets.labels(shard.labels, first), gradient);
      lossSum += value * m;
      for (int b = 0; b < m; b++) {
        if (loss.predict(out, b * outputSize, outputSize) == shard.labels[first + b]) {
          correct++;
        }
      }
      if (!Double.isFinite(value)) {
        return new ShardResult(t, samples, null, null, value, correct, null);
      }
      net.backwardParameters(gradient);
      float[] grads = net.gradients();
      if (Finite.firstNonFinite(grads, grads.length) >= 0) {
        return new ShardResult(t, samples, null, null, Double.NaN, correct, null);
      }
      if (clipNorm > 0) {
        GradientClipping.clipByGlobalNorm(grads, clipNorm);
      }
      optimizer.step(params, grads);
    }
    return new ShardResult(t, samples, params.clone(), net.parameters().buffers().clone(), lossSum, correct,
        OptimizerValues.of(optimizer.exportState()));
  }
}
