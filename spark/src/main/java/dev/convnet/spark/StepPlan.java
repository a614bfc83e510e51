package dev.convnet.spark;

import java.io.Serializable;

/**
 * The arithmetic of an epoch's mini-batches and their shards, exactly as the single-machine {@code Trainer} with
 * {@code threads(k)} cuts them ({@code DataParallel}): step {@code s} takes positions {@code [s·B, s·B + n)} of the
 * epoch's order ({@code n = min(B, N − s·B)}), split into {@code min(n, k)} contiguous shards, shard {@code t}
 * holding batch positions {@code [n·t/shards, n·(t+1)/shards)}.
 */
record StepPlan(long samples, int batchSize, int shards) implements Serializable {
  StepPlan {
    if (samples < 1 || batchSize < 1 || shards < 1) {
      throw new IllegalArgumentException("samples, batch size and shards must be >= 1, got " + samples + ", "
          + batchSize + ", " + shards);
    }
  }

  /** Mini-batches per epoch. */
  int steps() {
    return (int) ((samples + batchSize - 1) / batchSize);
  }

  /** Samples in step {@code s}. */
  int batch(int s) {
    return (int) Math.min(batchSize, samples - (long) s * batchSize);
  }

  /** Shards of step {@code s}: {@code min(batch, k)}. */
  int shardsOf(int s) {
    return Math.min(batch(s), shards);
  }

  /** First batch position of shard {@code t} of step {@code s}. */
  int shardStart(int s, int t) {
    return (int) ((long) batch(s) * t / shardsOf(s));
  }

  /** Samples of shard {@code t} in step {@code s} (0 when the step has fewer shards). */
  int shardSize(int s, int t) {
    return t >= shardsOf(s) ? 0 : shardStart(s, t + 1) - shardStart(s, t);
  }

  /** The shard that batch position {@code b} of step {@code s} belongs to. */
  int shardOf(int s, int b) {
    int n = batch(s);
    int k = shardsOf(s);
    int t = (int) ((long) b * k / n);
    while (t + 1 < k && shardStart(s, t + 1) <= b) {
      t++;
    }
    while (shardStart(s, t) > b) {
      t--;
    }
    return t;
  }
}
