package dev.convnet.runtime.internal;

import dev.convnet.runtime.parallel.WorkerPool;

/**
 * A layer's Vector API kernels that a frozen copy's passes link to one another ({@link BlockedConv},
 * {@link BlockedPool}): a layer may read its input, or a residual term, from the blocked output planes of the layer
 * that computed it, and a layer whose readers all read that way may leave its NCHW output unwritten (lazy) until
 * {@link #flush} writes it. Generated code passes these kernels as the sources of the layers after them, and flushes
 * before it hands out such an output. A network's instance may also give its kernels a team of threads
 * ({@link #useThreads}) that splits their forward passes (intra-op threads for batch-1 inference).
 */
public interface BlockedLayer {
  /** Writes the NCHW output a lazy pass left unwritten; nothing when there is none. */
  default void flush() {}

  /**
   * Splits this layer's forward passes across {@code team}'s members from now on (null: computes them on the calling
   * thread alone); the values are the same bit for bit whatever the team. Kernels without a split form ignore it.
   *
   * @param team the threads, or null
   */
  default void useThreads(WorkerPool team) {}
}
