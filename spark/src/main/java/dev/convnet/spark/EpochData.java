package dev.convnet.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * An epoch's training data laid out for its steps: one {@link EpochShard} per partition, made by one shuffle that
 * sends every sample to the partition whose shard of its step holds it, and cached until the epoch ends.
 */
final class EpochData implements AutoCloseable {
  private final JavaRDD<EpochShard> shards;
  private final Broadcast<int[]> positions;

  private EpochData(JavaRDD<EpochShard> shards, Broadcast<int[]> positions) {
    this.shards = shards;
    this.positions = positions;
  }

  /**
   * Lays out an epoch.
   *
   * @param order the epoch's order: {@code order[p]} is the index of the sample at position {@code p}
   */
  static EpochData build(JavaSparkContext jsc, JavaRDD<Sample> samples, int[] order, StepPlan plan,
                         int inputSize) {
    int[] position = new int[order.length];
    for (int p = 0; p < order.length; p++) {
      position[order[p]] = p;
    }
    Broadcast<int[]> positions = jsc.broadcast(position);
    int batch = plan.batchSize();
    JavaRDD<EpochShard> shards = samples
        .mapToPair(s -> {
          int p = positions.value()[(int) s.index()];
          int step = p / batch;
          int shard = plan.shardOf(step, p % batch);
          return new Tuple2<>(shard, new Tuple2<>((long) p, s));
        })
        .partitionBy(new ShardPartitioner(plan.shards()))
        .mapPartitionsWithIndex((t, it) -> List.of(EpochShard.build(t, values(it), plan, inputSize)).iterator(),
            true)
        .persist(SparkTrainer.cached());
    shards.count(); // lay it out now, so that steps only read cached data
    return new EpochData(shards, positions);
  }

  private static Iterator<Tuple2<Long, Sample>> values(Iterator<Tuple2<Integer, Tuple2<Long, Sample>>> it) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Tuple2<Long, Sample> next() {
        return it.next()._2();
      }
    };
  }

  JavaRDD<EpochShard> shards() {
    return shards;
  }

  @Override
  public void close() {
    shards.unpersist(false);
    positions.destroy();
  }

  /** Partition {@code t} for shard {@code t}. */
  static final class ShardPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int shards;

    ShardPartitioner(int shards) {
      this.shards = shards;
    }

    @Override
    public int numPartitions() {
      return shards;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ShardPartitioner p && p.shards == shards;
    }

    @Override
    public int hashCode() {
      return shards;
    }
  }
}
