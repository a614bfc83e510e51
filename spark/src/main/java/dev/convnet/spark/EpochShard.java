package dev.convnet.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What one Spark partition holds for one epoch: for every step, the samples of its shard of that step's mini-batch,
 * in batch order, inputs back to back in one array. Built once per epoch by a shuffle (see {@code SparkTrainer}),
 * cached, and read by every step's task.
 */
final class EpochShard implements Serializable {
  private static final long serialVersionUID = 1L;

  final int partition;
  /** First sample of step {@code s} is {@code start[s]}; {@code start[steps]} is the total. */
  final int[] start;
  final float[] inputs;
  final int[] labels;
  final int inputSize;

  private EpochShard(int partition, int[] start, float[] inputs, int[] labels, int inputSize) {
    this.partition = partition;
    this.start = start;
    this.inputs = inputs;
    this.labels = labels;
    this.inputSize = inputSize;
  }

  /** Samples of step {@code s}. */
  int size(int s) {
    return start[s + 1] - start[s];
  }

  /**
   * Gathers a partition's samples, each keyed by its position in the epoch's order, into step order.
   *
   * @param positioned (position, sample) pairs, any order
   */
  static EpochShard build(int partition, Iterator<scala.Tuple2<Long, Sample>> positioned, StepPlan plan,
                          int inputSize) {
    List<scala.Tuple2<Long, Sample>> all = new ArrayList<>();
    positioned.forEachRemaining(all::add);
    all.sort((a, b) -> Long.compare(a._1(), b._1()));
    int steps = plan.steps();
    int[] start = new int[steps + 1];
    for (int s = 0; s < steps; s++) {
      start[s + 1] = start[s] + plan.shardSize(s, partition);
    }
    if (start[steps] != all.size()) {
      throw new IllegalStateException("partition " + partition + " received " + all.size() + " samples for an epoch"
          + " in which its shards hold " + start[steps]);
    }
    float[] inputs = new float[Math.multiplyExact(all.size(), inputSize)];
    int[] labels = new int[all.size()];
    for (int i = 0; i < all.size(); i++) {
      Sample sample = all.get(i)._2();
      System.arraycopy(sample.input(), 0, inputs, i * inputSize, inputSize);
      labels[i] = sample.label();
    }
    return new EpochShard(partition, start, inputs, labels, inputSize);
  }
}
