package dev.convnet.spark;

import java.io.Serializable;

/**
 * What a task sends back for its shard: the summed gradient of its samples (synchronous mode) or its parameters
 * after its local steps (averaging mode), the sum of its samples' losses, how many it classified right, and the
 * network's buffers (batch-norm running statistics) where they count.
 */
record ShardResult(int partition, int samples, float[] values, float[] buffers, double lossSum, int correct,
                   Object optimizerState) implements Serializable {
  static ShardResult empty(int partition) {
    return new ShardResult(partition, 0, null, null, 0, 0, null);
  }
}
